/**
 * CORS for browsers on another origin (an app served from a CDN talking to a hosted operator).
 * Off unless OPERATOR_CORS_ORIGINS lists origins; `*` allows any. Runs on Node's raw request
 * before routing, so the POST /order fast path and the Hono routes get the same headers.
 * WebSockets need none: browsers do not apply CORS to them.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

import { ApiError, sendError } from "../errors.js";

const ALLOWED_METHODS = "GET, POST, DELETE, OPTIONS";
const ALLOWED_HEADERS = "content-type";
const EXPOSED_HEADERS = "x-request-id, retry-after";
const PREFLIGHT_MAX_AGE_SECONDS = "86400";

/** Parses the comma-separated allowlist: `*` or origins such as `https://app.example`. */
export function parseCorsOrigins(raw: string): string[] {
  const origins = raw
    .split(",")
    .map((o) => o.trim())
    .filter((o) => o !== "");
  for (const origin of origins) {
    if (origin === "*") continue;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new Error(`"${origin}" is not an origin (expected e.g. https://app.example or *)`);
    }
    if (!/^https?:$/.test(url.protocol) || url.origin !== origin)
      throw new Error(`"${origin}" is not an origin: scheme, host and optional port only, no path or trailing slash`);
  }
  return origins;
}

/**
 * Adds CORS headers for an allowed origin and answers preflight requests. Returns true when it
 * answered the request itself (a preflight), false when routing should go on.
 */
export function applyCors(
  req: IncomingMessage,
  res: ServerResponse,
  origins: readonly string[],
  requestId?: string,
): boolean {
  if (origins.length === 0) return false;
  const origin = req.headers.origin;
  const preflight = req.method === "OPTIONS" && req.headers["access-control-request-method"] !== undefined;
  const allowed = origin !== undefined && (origins.includes("*") || origins.includes(origin));
  if (allowed) {
    res.setHeader("access-control-allow-origin", origins.includes("*") ? "*" : origin);
    res.setHeader("vary", "origin");
    res.setHeader("access-control-expose-headers", EXPOSED_HEADERS);
  }
  if (!preflight) return false;
  if (!allowed) {
    const error = new ApiError(
      "CORS_ORIGIN_NOT_ALLOWED",
      `origin ${origin ?? "(none)"} is not in OPERATOR_CORS_ORIGINS`,
    );
    sendError(res, error, requestId);
    return true;
  }
  res.writeHead(204, {
    "access-control-allow-methods": ALLOWED_METHODS,
    "access-control-allow-headers": ALLOWED_HEADERS,
    "access-control-max-age": PREFLIGHT_MAX_AGE_SECONDS,
  });
  res.end();
  return true;
}

/**
 * The HTTP request handler on Node's server: request id → CORS → POST /order fast path →
 * body read with the route's limit → Hono routes. Every answer it writes itself (413, 400,
 * CORS refusals, faults) uses the error catalogue and carries the request id.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

import type { Hono } from "hono";

import { ApiError, errorResponse, sendError, sendJson } from "../errors.js";
import { hasPolyApiKey } from "../polymarket/index.js";
import { applyCors } from "./cors.js";
import type { OperatorApi } from "./facade.js";
import { handleFast } from "./fastpath.js";
import { readBody } from "./body.js";
import { bodyLimitFor } from "./limits.js";
import type { ApiEnv } from "./request.js";
import { REQUEST_ID_HEADER, requestIdOf } from "./request-id.js";

/** Methods a route may have; others (TRACE, CONNECT, …) cannot become a WHATWG Request. */
const ROUTABLE_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

async function forward(
  app: Hono<ApiEnv>,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer | undefined,
): Promise<void> {
  const method = req.method ?? "GET";
  const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, {
    method,
    headers: toHeaders(req),
    body: method === "GET" || method === "HEAD" || !body || body.length === 0 ? null : body,
  });
  const response = await app.fetch(request);
  const payload = Buffer.from(await response.arrayBuffer());
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.setHeader("content-length", String(payload.length));
  res.writeHead(response.status);
  res.end(method === "HEAD" ? undefined : payload);
}

export function createRequestHandler(
  api: OperatorApi,
  app: Hono<ApiEnv>,
  corsOrigins: readonly string[],
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const requestId = requestIdOf(req);
    req.headers[REQUEST_ID_HEADER] = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    if (applyCors(req, res, corsOrigins, requestId)) return;
    // API-key (L2) requests go through the Polymarket routes, which check the HMAC first.
    if (!hasPolyApiKey(req) && handleFast(req, res, api, requestId)) return;
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (!ROUTABLE_METHODS.has(req.method ?? "")) {
      sendError(res, new ApiError("METHOD_NOT_ALLOWED", `method ${req.method ?? "?"} is not served`), requestId);
      req.resume();
      return;
    }
    const fail = (error: unknown): void => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const { status, body } = errorResponse(error, { requestId, path, log: api.log });
      sendJson(res, status, body);
    };
    void readBody(req, res, bodyLimitFor(req.method ?? "GET", path), requestId)
      .then((body) => (body === undefined ? undefined : forward(app, req, res, body)))
      .catch(fail);
  };
}

/**
 * The hot path, POST /order, served straight from Node's http server: it skips building
 * WHATWG Request/Response objects (a large share of per-request CPU at thousands of orders per
 * second). Same schema, checks, limits and error shapes as the Hono route, which still serves
 * every other path.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

import { ApiError } from "../errors.js";
import { postOrderSchema } from "../intake/schema.js";
import { RateLimitedError } from "../ratelimit.js";
import type { OperatorService } from "../service.js";
import { MAX_ORDER_BODY_BYTES } from "./http.js";

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

function fail(res: ServerResponse, error: unknown, service: OperatorService): void {
  if (error instanceof RateLimitedError)
    return send(res, error.status, error.toJSON(), { "retry-after": String(error.retryAfterSeconds) });
  if (error instanceof ApiError) return send(res, error.status, error.toJSON());
  service.log.error("unhandled API error", { error: String(error), path: "/order" });
  send(res, 503, { error: "SERVICE_UNAVAILABLE", message: "internal error; the request was not applied" });
}

/** Returns true when it took the request. */
export function handleFast(req: IncomingMessage, res: ServerResponse, service: OperatorService): boolean {
  if (req.method !== "POST" || req.url !== "/order") return false;
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > MAX_ORDER_BODY_BYTES) {
    send(res, 413, new ApiError("PAYLOAD_TOO_LARGE", `request body exceeds ${MAX_ORDER_BODY_BYTES} bytes`).toJSON());
    req.resume();
    return true;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  req.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_ORDER_BODY_BYTES) tooLarge = true;
    else chunks.push(chunk);
  });
  req.on("end", () => {
    if (tooLarge)
      return send(
        res,
        413,
        new ApiError("PAYLOAD_TOO_LARGE", `request body exceeds ${MAX_ORDER_BODY_BYTES} bytes`).toJSON(),
      );
    let json: unknown;
    try {
      json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return fail(res, new ApiError("INVALID_REQUEST", "body must be JSON"), service);
    }
    const parsed = postOrderSchema.safeParse(json);
    if (!parsed.success) {
      return fail(
        res,
        new ApiError(
          "INVALID_REQUEST",
          parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "),
        ),
        service,
      );
    }
    service.submitOrder(parsed.data).then(
      (result) => send(res, 200, result),
      (error: unknown) => fail(res, error, service),
    );
  });
  return true;
}

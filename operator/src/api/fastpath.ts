/**
 * The hot path, POST /order, served straight from Node's http server: it skips building
 * WHATWG Request/Response objects (a large share of per-request CPU at thousands of orders per
 * second). Same body limit, Content-Type check, schema, checks and error catalogue as the Hono
 * route, which serves every other path; a well-formed body skips zod (intake/fastcheck.ts).
 */
import type { IncomingMessage, ServerResponse } from "node:http";

import { ApiError, errorResponse, sendJson } from "../errors.js";
import { readPostOrder } from "../intake/fastcheck.js";
import { readBody } from "./body.js";
import type { OperatorApi } from "./facade.js";
import { MAX_ORDER_BODY_BYTES } from "./limits.js";
import { isJsonContentType } from "./request.js";

/** Returns true when it took the request. */
export function handleFast(req: IncomingMessage, res: ServerResponse, api: OperatorApi, requestId: string): boolean {
  if (req.method !== "POST" || req.url !== "/order") return false;
  const fail = (error: unknown): void => {
    const { status, body, headers } = errorResponse(error, { requestId, path: "/order", log: api.log });
    sendJson(res, status, body, headers);
  };
  void readBody(req, res, MAX_ORDER_BODY_BYTES, requestId)
    .then(async (raw) => {
      if (raw === undefined) return;
      if (!isJsonContentType(req.headers["content-type"]))
        throw new ApiError(
          "UNSUPPORTED_MEDIA_TYPE",
          "this route takes a JSON body: send Content-Type: application/json",
        );
      let json: unknown;
      try {
        json = JSON.parse(raw.toString("utf8"));
      } catch {
        throw new ApiError("INVALID_REQUEST", "body must be JSON");
      }
      const result = await api.submitOrder(readPostOrder(json));
      sendJson(res, 200, result);
    })
    .catch(fail);
  return true;
}

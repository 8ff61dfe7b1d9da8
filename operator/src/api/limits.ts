/**
 * Request body limits, enforced on every route before any parsing (the raw request handler and
 * the fast path read at most this many bytes): a larger body is answered 413 PAYLOAD_TOO_LARGE.
 */
import { MAX_BATCH_ORDERS } from "../intake/schema.js";

export const MAX_ORDER_BODY_BYTES = 16 * 1024;
export const MAX_BATCH_BODY_BYTES = MAX_BATCH_ORDERS * 4 * 1024;
export const MAX_CANCEL_BODY_BYTES = 64 * 1024;
/** Any other route: GETs take no body worth reading; other JSON routes a cancel-sized one. */
export const DEFAULT_BODY_BYTES = 64 * 1024;

export function bodyLimitFor(method: string, path: string): number {
  if (method === "POST" && path === "/order") return MAX_ORDER_BODY_BYTES;
  if (method === "POST" && path === "/orders") return MAX_BATCH_BODY_BYTES;
  return DEFAULT_BODY_BYTES;
}

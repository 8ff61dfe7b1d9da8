/**
 * Request ids: every HTTP response carries one (`x-request-id` header, and `requestId` in error
 * bodies), and every logged fault names it. A client's own id is kept when it is a short token.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";

export const REQUEST_ID_HEADER = "x-request-id";
const CLIENT_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * 16 hex digits: a random per-process prefix and a counter. Ids must be unique, not secret,
 * so this saves drawing 8 random bytes on every request of the hot path.
 */
const PROCESS_PREFIX = randomBytes(4).toString("hex");
let counter = 0;

export function newRequestId(): string {
  counter = (counter + 1) >>> 0;
  return PROCESS_PREFIX + counter.toString(16).padStart(8, "0");
}

/** The request's id: the client's `x-request-id` when well-formed, else a fresh one. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === "string" && CLIENT_ID.test(given) ? given : newRequestId();
}

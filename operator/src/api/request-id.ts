/**
 * Request ids: every HTTP response carries one (`x-request-id` header, and `requestId` in error
 * bodies), and every logged fault names it. A client's own id is kept when it is a short token.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";

export const REQUEST_ID_HEADER = "x-request-id";
const CLIENT_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function newRequestId(): string {
  return randomBytes(8).toString("hex");
}

/** The request's id: the client's `x-request-id` when well-formed, else a fresh one. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === "string" && CLIENT_ID.test(given) ? given : newRequestId();
}

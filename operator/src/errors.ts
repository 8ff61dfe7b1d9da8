/**
 * Errors as the API answers them: every rejection, on every path (the POST /order fast
 * path, CORS, the Hono routes, the raw request handler), as `{ error: CODE, message, requestId? }`
 * with the code's HTTP status from the shared catalogue (`ERRORS` in `@forkcast/shared/protocol`).
 * A message never carries database, RPC or library text: unexpected errors are logged with the request
 * id and answered with a generic message that carries the same id.
 */
import type { ServerResponse } from "node:http";

import { ERRORS, type ErrorBody, type ErrorCode } from "@forkcast/shared/protocol";

import type { Logger } from "./log.js";

export type { ErrorBody, ErrorCode };

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = ERRORS[code].status;
  }

  toJSON(): ErrorBody {
    return { error: this.code, message: this.message };
  }

  /** The JSON body, with the request id when there is one. */
  body(requestId?: string): ErrorBody {
    return requestId === undefined
      ? { error: this.code, message: this.message }
      : { error: this.code, message: this.message, requestId };
  }
}

/** Status and body for anything a handler threw: an ApiError as is, anything else logged and answered 503. */
export function errorResponse(
  error: unknown,
  context: { requestId: string; path: string; log: Logger },
): { status: number; body: ErrorBody; headers: Record<string, string> } {
  if (error instanceof ApiError) {
    // A rate-limit refusal says when to come back (RateLimitedError carries retryAfterSeconds).
    const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    const headers: Record<string, string> = typeof retryAfter === "number" ? { "retry-after": String(retryAfter) } : {};
    return { status: error.status, body: error.body(context.requestId), headers };
  }
  context.log.error("unhandled API error", {
    requestId: context.requestId,
    path: context.path,
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  return {
    status: ERRORS.SERVICE_UNAVAILABLE.status,
    headers: {},
    body: {
      error: "SERVICE_UNAVAILABLE",
      message: `internal error; the request was not applied (request id ${context.requestId})`,
      requestId: context.requestId,
    },
  };
}

/** Writes the status and headers of a JSON answer whose body is `text` (not the body itself). */
export function writeJsonHead(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
  });
}

/** Writes a JSON body on Node's raw response (the paths that do not go through Hono). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  writeJsonHead(res, status, text, headers);
  res.end(text);
}

/** Writes an ApiError on Node's raw response. */
export function sendError(res: ServerResponse, error: ApiError, requestId?: string): void {
  sendJson(res, error.status, error.body(requestId));
}

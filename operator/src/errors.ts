/**
 * The error catalogue: every rejection the API returns, on every path (the POST /order fast
 * path, CORS, the Hono routes, the raw request handler), as `{ error: CODE, message, requestId? }`
 * with the code's HTTP status. Codes never change meaning; new ones may be added. A message
 * never carries database, RPC or library text: unexpected errors are logged with the request
 * id and answered with a generic message that carries the same id.
 */
import type { ServerResponse } from "node:http";

import type { Logger } from "./log.js";

export const ERROR_STATUS = {
  INVALID_REQUEST: 400,
  INVALID_ORDER: 400,
  UNSUPPORTED_SIGNATURE_TYPE: 400,
  SIGNER_NOT_MAKER: 400,
  PRIVATE_ORDER_UNSUPPORTED: 400,
  INVALID_AMOUNTS: 400,
  INVALID_PRICE: 400,
  INVALID_TICK_SIZE: 400,
  INVALID_SIZE: 400,
  BELOW_MIN_SIZE: 400,
  FEE_RATE_MISMATCH: 400,
  INVALID_EXPIRATION: 400,
  ORDER_EXPIRED: 400,
  TOKEN_NOT_REGISTERED: 400,
  MARKET_CLOSED: 400,
  INVALID_SIGNATURE: 401,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  INVALID_NONCE: 400,
  INSUFFICIENT_BALANCE: 400,
  INSUFFICIENT_ALLOWANCE: 400,
  DUPLICATE_ORDER: 409,
  ORDER_NOT_OPEN: 409,
  POST_ONLY_WOULD_CROSS: 400,
  FOK_NOT_FILLABLE: 400,
  ORDER_NOT_FOUND: 404,
  MARKET_NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CANCEL_EXPIRED: 400,
  CORS_ORIGIN_NOT_ALLOWED: 403,
  BATCH_TOO_LARGE: 413,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  error: ErrorCode;
  message: string;
  requestId?: string;
}

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = ERROR_STATUS[code];
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
): { status: number; body: ErrorBody } {
  if (error instanceof ApiError) return { status: error.status, body: error.body(context.requestId) };
  context.log.error("unhandled API error", {
    requestId: context.requestId,
    path: context.path,
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  return {
    status: ERROR_STATUS.SERVICE_UNAVAILABLE,
    body: {
      error: "SERVICE_UNAVAILABLE",
      message: `internal error; the request was not applied (request id ${context.requestId})`,
      requestId: context.requestId,
    },
  };
}

/** Writes a JSON body on Node's raw response (the paths that do not go through Hono). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
  });
  res.end(text);
}

/** Writes an ApiError on Node's raw response. */
export function sendError(res: ServerResponse, error: ApiError, requestId?: string): void {
  sendJson(res, error.status, error.body(requestId));
}

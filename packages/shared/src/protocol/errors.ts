/**
 * The error catalogue every Forkcast API answers from (the operator's REST and WebSocket API,
 * the indexer's HTTP routes): one stable code per kind of refusal, with its HTTP status, when
 * it happens (the reference table in docs/operator-api.md is checked against `when`), and a
 * sentence any client can show a person. Codes never change meaning; new ones may be added, and
 * a new code does not compile until it has all three.
 */
import { z } from "zod/v4";

export interface ErrorSpec {
  /** HTTP status of the answer. */
  readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 429 | 503;
  /** When the API answers it (for integrators; the docs table lists it). */
  readonly when: string;
  /** What a client shows a person who caused it. */
  readonly message: string;
}

export const ERRORS = {
  INVALID_REQUEST: {
    status: 400,
    when: "body, query or path parameter fails the schema; bad cursor",
    message: "The request is malformed.",
  },
  ROUTE_NOT_FOUND: { status: 404, when: "no route for this method and path", message: "No such API route." },
  METHOD_NOT_ALLOWED: {
    status: 405,
    when: "the route exists but not for this method",
    message: "This API route does not take that method.",
  },
  INVALID_ORDER: {
    status: 400,
    when: "inconsistent options (post-only on FOK/FAK)",
    message: "The order options do not fit together (post-only works only on GTC/GTD).",
  },
  UNSUPPORTED_SIGNATURE_TYPE: {
    status: 400,
    when: "signatureType other than 0 (EOA) or 3 (EIP-1271)",
    message: "Only wallets that sign for themselves (EOA or EIP-1271) can place orders.",
  },
  SIGNER_NOT_MAKER: {
    status: 400,
    when: "signer ≠ maker",
    message: "The order must be signed by its maker.",
  },
  PRIVATE_ORDER_UNSUPPORTED: {
    status: 400,
    when: "taker ≠ 0",
    message: "Private orders (a fixed taker) are not accepted.",
  },
  INVALID_AMOUNTS: { status: 400, when: "zero or ≥ 2¹²⁸ amounts", message: "The order amounts are invalid." },
  INVALID_PRICE: {
    status: 400,
    when: "price not exact or not in (0, 1)",
    message: "The price must be between 0¢ and 100¢.",
  },
  INVALID_TICK_SIZE: {
    status: 400,
    when: "price not on the market's tick",
    message: "The price is not on this market's tick.",
  },
  INVALID_SIZE: {
    status: 400,
    when: "size not a multiple of 0.01 share",
    message: "The size must be a multiple of 0.01 share.",
  },
  BELOW_MIN_SIZE: {
    status: 400,
    when: "size under the market minimum",
    message: "The order is smaller than this market's minimum size.",
  },
  FEE_RATE_MISMATCH: {
    status: 400,
    when: "feeRateBps ≠ the market's",
    message: "The order's fee rate is not this market's; reload the page.",
  },
  INVALID_EXPIRATION: {
    status: 400,
    when: "GTD without expiration, or one past 2⁵³ s",
    message: "A GTD order needs an expiration.",
  },
  ORDER_EXPIRED: {
    status: 400,
    when: "expiration under 10 s away",
    message: "The expiration is too close; it must be at least 10 s away.",
  },
  TOKEN_NOT_REGISTERED: {
    status: 400,
    when: "token not traded here",
    message: "This outcome is not traded on the exchange.",
  },
  MARKET_CLOSED: {
    status: 400,
    when: "market resolved or closed",
    message: "The market is closed: it no longer accepts orders.",
  },
  INVALID_SIGNATURE: {
    status: 401,
    when: "order or cancel signature invalid",
    message: "The signature does not match the order.",
  },
  UNAUTHORIZED: {
    status: 401,
    when: "L1/L2 auth failed: signature, HMAC, timestamp, key, passphrase",
    message: "The API credentials were refused.",
  },
  FORBIDDEN: {
    status: 403,
    when: "API key used for another address's order or data",
    message: "These credentials may not act for that address.",
  },
  INVALID_NONCE: {
    status: 400,
    when: "nonce ≠ the maker's exchange nonce",
    message: "Your exchange nonce changed; place the order again.",
  },
  INSUFFICIENT_BALANCE: {
    status: 400,
    when: "holdings don't cover open orders + this one",
    message: "Your balance does not cover your open orders plus this one.",
  },
  INSUFFICIENT_ALLOWANCE: {
    status: 400,
    when: "the exchange's allowance doesn't cover open orders + this one",
    message: "The exchange's allowance does not cover your open orders plus this one.",
  },
  DUPLICATE_ORDER: {
    status: 409,
    when: "same order hash already submitted",
    message: "This exact order was already submitted.",
  },
  ORDER_NOT_OPEN: {
    status: 409,
    when: "order cancelled or filled on chain",
    message: "The order is no longer open.",
  },
  POST_ONLY_WOULD_CROSS: {
    status: 400,
    when: "post-only order would trade",
    message: "Post-only: this price would trade immediately, so the order was not placed.",
  },
  FOK_NOT_FILLABLE: {
    status: 400,
    when: "fill-or-kill cannot fill entirely now",
    message:
      "Fill-or-kill: the book cannot fill the whole order now, so nothing was traded (your own resting orders never fill your orders: self-trade prevention).",
  },
  ORDER_NOT_FOUND: {
    status: 404,
    when: "unknown order; no order on that side of the book",
    message: "The order was not found.",
  },
  MARKET_NOT_FOUND: {
    status: 404,
    when: "unknown market or token (operator and indexer)",
    message: "This market is not known here.",
  },
  CANCEL_EXPIRED: {
    status: 400,
    when: "cancel timestamp outside ±300 s",
    message: "Your clock is off by more than 5 minutes; fix it and cancel again.",
  },
  CANCEL_REPLAYED: {
    status: 409,
    when: "this signed cancel message was already used",
    message: "This cancel was already used; cancel again to sign a new one.",
  },
  CORS_ORIGIN_NOT_ALLOWED: {
    status: 403,
    when: "preflight from an origin not in `OPERATOR_CORS_ORIGINS`",
    message: "This site may not call the operator (its origin is not allowed).",
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    when: "body over the limit (any route)",
    message: "The request is too large.",
  },
  BATCH_TOO_LARGE: { status: 413, when: "more than 50 orders in a batch", message: "Too many orders in one batch." },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    when: "JSON-body route without `Content-Type: application/json`",
    message: "The request must be sent as JSON.",
  },
  RATE_LIMITED: {
    status: 429,
    when: "per-address or per-maker rate limit; `Retry-After` says when",
    message: "Too many requests; wait a moment and try again.",
  },
  SUBSCRIPTION_LIMIT: {
    status: 429,
    when: "WebSocket subscription past a cap (asset ids per market socket, addresses per user socket)",
    message: "Too many live subscriptions on this connection.",
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    when: "our fault; not applied; logged under the `requestId`",
    message: "The service is unavailable; nothing was applied. Try again.",
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

/** Every code, in catalogue order. */
export const ERROR_CODES = Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]];

/** HTTP status per code. */
export function errorStatus(code: ErrorCode): ErrorSpec["status"] {
  return ERRORS[code].status;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(ERRORS, value);
}

export const errorCodeSchema = z.enum(ERROR_CODES);

/** The body of every 4xx/5xx answer: `{ error: CODE, message, requestId? }`. */
export const errorBodySchema = z.object({
  error: errorCodeSchema,
  message: z.string(),
  requestId: z.string().optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/**
 * Every rejection the API returns: a stable machine-readable code, an HTTP status and a message
 * a human can act on. Codes never change meaning; new ones may be added.
 */
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
  CANCEL_EXPIRED: 400,
  CANCEL_REPLAYED: 409,
  BATCH_TOO_LARGE: 413,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

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

  toJSON(): { error: ErrorCode; message: string } {
    return { error: this.code, message: this.message };
  }
}

/** The operator's stable rejection codes (`{ error, message }`) as sentences for the trade ticket. Pure. */
import { formatAmount } from "./amount.ts";

const SENTENCES: Record<string, string> = {
  INVALID_ORDER: "The order options do not fit together (post-only works only on GTC/GTD).",
  INVALID_AMOUNTS: "The order amounts are invalid.",
  INVALID_PRICE: "The price must be between 0¢ and 100¢.",
  INVALID_TICK_SIZE: "The price is not on this market's tick.",
  INVALID_SIZE: "The size must be a multiple of 0.01 share.",
  BELOW_MIN_SIZE: "The order is smaller than this market's minimum size.",
  FEE_RATE_MISMATCH: "The order's fee rate is not this market's; reload the page.",
  INVALID_EXPIRATION: "A GTD order needs an expiration.",
  ORDER_EXPIRED: "The expiration is too close; it must be at least 10 s away.",
  TOKEN_NOT_REGISTERED: "This outcome is not traded on the exchange.",
  MARKET_CLOSED: "The market is closed: it no longer accepts orders.",
  INVALID_SIGNATURE: "The signature does not match the order.",
  INVALID_NONCE: "Your exchange nonce changed; place the order again.",
  INSUFFICIENT_BALANCE: "Your balance does not cover your open orders plus this one.",
  INSUFFICIENT_ALLOWANCE: "The exchange's allowance does not cover your open orders plus this one.",
  DUPLICATE_ORDER: "This exact order was already submitted.",
  ORDER_NOT_OPEN: "The order is no longer open.",
  POST_ONLY_WOULD_CROSS: "Post-only: this price would trade immediately, so the order was not placed.",
  FOK_NOT_FILLABLE:
    "Fill-or-kill: the book cannot fill the whole order now, so nothing was traded (your own resting orders never fill your orders: self-trade prevention).",
  ORDER_NOT_FOUND: "The order was not found.",
  MARKET_NOT_FOUND: "The operator does not know this market.",
  CANCEL_EXPIRED: "Your clock is off by more than 5 minutes; fix it and cancel again.",
  RATE_LIMITED: "Too many requests; wait a moment and try again.",
  SERVICE_UNAVAILABLE: "The operator is unavailable; nothing was applied. Try again.",
};

/**
 * The operator's balance and allowance refusals carry base units ("collateral balance 974787913 does
 * not cover open orders (0) plus this one (2500000000)"); this says the same in amounts a person reads.
 */
const FUNDS_MESSAGE =
  /^(collateral|token \d+) (balance|allowance for the exchange) (\d+) does not cover open orders \((\d+)\) plus this one \((\d+)\)$/;

function readableFunds(message: string): string | undefined {
  const m = FUNDS_MESSAGE.exec(message.trim());
  if (!m) return undefined;
  const [, asset = "", what = "", have = "0", reserved = "0", need = "0"] = m;
  const unit = asset === "collateral" ? "tUSD" : "shares";
  const fmt = (v: string) => formatAmount(BigInt(v), { unit });
  const held = what === "balance" ? "You have" : "The exchange may spend";
  const reservedPart = BigInt(reserved) > 0n ? `; your open orders already reserve ${fmt(reserved)}` : "";
  return `${held} ${fmt(have)}${reservedPart}; this order needs ${fmt(need)}.`;
}

/** A sentence for an operator rejection; unknown codes keep the operator's own message. */
export function operatorErrorSentence(code: string, message: string): string {
  const sentence = SENTENCES[code];
  if (!sentence) return message ? `${message} (${code})` : `The operator refused the request (${code}).`;
  const detail = readableFunds(message) ?? message;
  return detail && detail !== sentence ? `${sentence} ${detail}` : sentence;
}

/** The operator's stable rejection codes (`{ error, message }`) as sentences for the trade ticket. Pure. */
import { ERROR_CODES, ERRORS, isErrorCode, type ErrorCode } from "@forkcast/shared/protocol";

import { formatAmount } from "./amount.ts";

/**
 * A sentence per operator code: the shared catalogue's, typed so that a code added to the
 * protocol without a sentence does not compile.
 */
const SENTENCES: Record<ErrorCode, string> = Object.fromEntries(
  ERROR_CODES.map((code) => [code, ERRORS[code].message]),
) as Record<ErrorCode, string>;

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
  const sentence = isErrorCode(code) ? SENTENCES[code] : undefined;
  if (!sentence) return message ? `${message} (${code})` : `The operator refused the request (${code}).`;
  const detail = readableFunds(message) ?? message;
  return detail && detail !== sentence ? `${sentence} ${detail}` : sentence;
}

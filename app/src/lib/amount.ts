/** Collateral and outcome-share amounts: `bigint` base units with 6 decimals end to end. */
import { COLLATERAL_DECIMALS } from "@forkcast/shared";

export interface FormatAmountOptions {
  decimals?: number;
  /** Fraction digits shown (rounded toward zero). Default 2. */
  fractionDigits?: number;
  /** Unit appended after a space, e.g. "tUSD" or "shares". */
  unit?: string;
}

/** Formats base units as a grouped decimal string: 1234567890n → "1,234.56 tUSD". Rounds toward zero. */
export function formatAmount(raw: bigint, options: FormatAmountOptions = {}): string {
  const decimals = options.decimals ?? COLLATERAL_DECIMALS;
  const digits = Math.min(options.fractionDigits ?? 2, decimals);
  const negative = raw < 0n;
  const abs = negative ? -raw : raw;
  const scale = 10n ** BigInt(decimals);
  const whole = abs / scale;
  const fraction = (abs % scale).toString().padStart(decimals, "0").slice(0, digits);
  const grouped = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const body = digits > 0 ? `${grouped}.${fraction}` : grouped;
  const signed = negative && (whole > 0n || /[1-9]/.test(fraction)) ? `-${body}` : body;
  return options.unit ? `${signed} ${options.unit}` : signed;
}

export type ParseResult = { ok: true; value: bigint } | { ok: false; reason: string };

/** Parses what a person typed ("1,000.5", " 12 ") into base units, with a reason when it cannot. */
export function parseAmount(input: string, decimals = COLLATERAL_DECIMALS): ParseResult {
  const text = input.trim().replace(/,/g, "");
  if (text === "") return { ok: false, reason: "Enter an amount" };
  if (!/^\d*\.?\d*$/.test(text) || text === ".") return { ok: false, reason: "Use digits and one decimal point only" };
  const [wholePart = "", fractionPart = ""] = text.split(".");
  if (fractionPart.length > decimals) return { ok: false, reason: `At most ${decimals} decimal places` };
  const value = BigInt(wholePart || "0") * 10n ** BigInt(decimals) + BigInt(fractionPart.padEnd(decimals, "0") || "0");
  return { ok: true, value };
}

/** Signed amount with an explicit "+" for gains, for P&L columns. */
export function formatSigned(raw: bigint, options: FormatAmountOptions = {}): string {
  const text = formatAmount(raw, options);
  return raw > 0n ? `+${text}` : text;
}

import { describe, expect, it } from "vitest";

import { amountReason, formatAmount, formatSigned, parseAmount } from "../src/lib/amount.ts";

describe("formatAmount", () => {
  it("groups thousands and shows two decimals with the unit", () => {
    expect(formatAmount(1_234_567_890n, { unit: "tUSD" })).toBe("1,234.56 tUSD");
  });
  it("rounds toward zero, never up", () => {
    expect(formatAmount(999_999n)).toBe("0.99");
  });
  it("shows negative amounts with a minus sign", () => {
    expect(formatAmount(-2_500_000n)).toBe("-2.50");
  });
  it("does not print -0.00 for dust losses", () => {
    expect(formatAmount(-1n)).toBe("0.00");
  });
  it("supports other decimals and zero fraction digits", () => {
    expect(formatAmount(10n ** 18n, { decimals: 18, fractionDigits: 0, unit: "ETH" })).toBe("1 ETH");
  });
  it("prefixes gains with +", () => {
    expect(formatSigned(1_000_000n)).toBe("+1.00");
    expect(formatSigned(-1_000_000n)).toBe("-1.00");
  });
});

describe("parseAmount", () => {
  it("parses whole and fractional amounts into 6-decimal base units", () => {
    expect(parseAmount("12.5")).toEqual({ ok: true, value: 12_500_000n });
    expect(parseAmount("1,000")).toEqual({ ok: true, value: 1_000_000_000n });
    expect(parseAmount(".5")).toEqual({ ok: true, value: 500_000n });
  });
  it("rejects empty input, letters and too many decimals with a reason", () => {
    expect(parseAmount(" ")).toEqual({ ok: false, reason: "Enter an amount" });
    expect(parseAmount("1e3").ok).toBe(false);
    expect(parseAmount("0.0000001")).toEqual({ ok: false, reason: "At most 6 decimal places" });
  });
  it("round-trips with formatAmount at full precision", () => {
    const parsed = parseAmount("1234.567891");
    expect(parsed.ok && formatAmount(parsed.value, { fractionDigits: 6 })).toBe("1,234.567891");
  });
});

describe("amountReason", () => {
  it("asks for a wallet first, then a readable amount above zero", () => {
    expect(amountReason(false, parseAmount("5"))).toBe("Connect a wallet first.");
    expect(amountReason(true, parseAmount("x"))).toBe("Use digits and one decimal point only");
    expect(amountReason(true, parseAmount("0"))).toBe("Enter an amount above zero");
    expect(amountReason(true, parseAmount("5"))).toBeUndefined();
  });
});

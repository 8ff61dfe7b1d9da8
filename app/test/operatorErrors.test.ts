import { describe, expect, it } from "vitest";

import { sentenceFor } from "../src/lib/errors.ts";
import { operatorErrorSentence } from "../src/lib/operatorErrors.ts";

describe("operator refusals in readable amounts", () => {
  it("turns a balance refusal's base units into tUSD", () => {
    expect(
      operatorErrorSentence(
        "INSUFFICIENT_BALANCE",
        "collateral balance 974787913 does not cover open orders (0) plus this one (2500000000)",
      ),
    ).toBe(
      "Your balance does not cover your open orders plus this one. You have 974.78 tUSD; this order needs 2,500.00 tUSD.",
    );
  });
  it("names what open orders already reserve, and shares for an outcome token", () => {
    expect(
      operatorErrorSentence(
        "INSUFFICIENT_ALLOWANCE",
        "token 42 allowance for the exchange 5000000 does not cover open orders (3000000) plus this one (4000000)",
      ),
    ).toBe(
      "The exchange's allowance does not cover your open orders plus this one. The exchange may spend 5.00 shares; your open orders already reserve 3.00 shares; this order needs 4.00 shares.",
    );
  });
  it("keeps other operator messages as they are", () => {
    expect(operatorErrorSentence("MARKET_CLOSED", "")).toBe("The market is closed: it no longer accepts orders.");
    expect(operatorErrorSentence("SOMETHING_NEW", "why")).toBe("why (SOMETHING_NEW)");
  });
  it("says self-trade prevention applies when a fill-or-kill cannot fill", () => {
    expect(operatorErrorSentence("FOK_NOT_FILLABLE", "")).toMatch(/self-trade prevention/);
  });
});

describe("contract refusals in readable amounts", () => {
  it("formats balances with grouping, two decimals and the unit", () => {
    expect(sentenceFor("ERC20InsufficientBalance", ["0x0", 974_787_913n, 2_500_000_000n])).toBe(
      "Not enough tUSD: you have 974.78 tUSD and this needs 2,500.00 tUSD.",
    );
  });
});

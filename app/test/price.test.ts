import { SHARE_UNIT } from "@forkcast/shared";
import { describe, expect, it } from "vitest";

import {
  formatCents,
  formatProbability,
  limitCost,
  offTickMessage,
  parseCents,
  simulateMarketBuy,
  simulateMarketSell,
  spread,
  withDepth,
} from "../src/lib/price.ts";

const c = (cents: number) => BigInt(Math.round(cents * 10_000));
const s = (shares: number) => BigInt(shares) * SHARE_UNIT;

describe("price display", () => {
  it("formats cents and probabilities", () => {
    expect(formatCents(c(55))).toBe("55¢");
    expect(formatCents(c(55.5))).toBe("55.5¢");
    expect(formatProbability(c(55))).toBe("55%");
    expect(formatProbability(c(0.5))).toBe("<1%");
  });
  it("parses cents strictly between one tick and 100¢ less one tick", () => {
    expect(parseCents("55")).toEqual({ ok: true, value: c(55) });
    expect(parseCents("55.5", c(0.1))).toEqual({ ok: true, value: c(55.5) });
    expect(parseCents("100")).toEqual({ ok: false, reason: "Price must be between 1¢ and 99¢" });
    expect(parseCents("0.5", c(0.1))).toEqual({ ok: true, value: c(0.5) });
    expect(parseCents("99.95", c(0.1))).toEqual({ ok: false, reason: "Price must be between 0.1¢ and 99.9¢" });
    expect(parseCents("abc").ok).toBe(false);
  });
  it("says a price off the tick in one wording, and gives a format example the tick allows", () => {
    expect(parseCents("55.5")).toEqual({ ok: false, reason: "Price must be a multiple of 1¢ (the market's tick)" });
    expect(parseCents("55.5")).toEqual({ ok: false, reason: offTickMessage(c(1)) });
    expect(parseCents("55.05", c(0.1))).toEqual({ ok: false, reason: offTickMessage(c(0.1)) });
    expect(parseCents("fifty")).toEqual({ ok: false, reason: "Price in cents, e.g. 55" });
    expect(parseCents("fifty", c(0.1))).toEqual({ ok: false, reason: "Price in cents, e.g. 55 or 55.1" });
  });
  it("gives the spread between the best bid and ask", () => {
    expect(spread([{ price: c(50), size: s(10) }], [{ price: c(54), size: s(1) }])).toBe(c(4));
    expect(spread([], [{ price: c(54), size: s(1) }])).toBeUndefined();
  });
  it("accumulates depth from the best level", () => {
    expect(
      withDepth([
        { price: c(50), size: s(1) },
        { price: c(49), size: s(2) },
      ]).map((l) => l.cumulative),
    ).toEqual([s(1), s(3)]);
  });
});

describe("market order simulation", () => {
  const asks = [
    { price: c(50), size: s(10) },
    { price: c(60), size: s(10) },
  ];
  it("buys through levels and reports average price and impact", () => {
    const fill = simulateMarketBuy(asks, s(11)); // 5 tUSD for 10 @50, 6 tUSD for 10 @60
    expect(fill.shares).toBe(s(20));
    expect(fill.collateral).toBe(s(11));
    expect(fill.averagePrice).toBe(c(55));
    expect(fill.worstPrice).toBe(c(60));
    expect(fill.unfilled).toBe(0n);
    expect(fill.priceImpactBps).toBe(1000n);
  });
  it("leaves unspent budget when the book is too thin", () => {
    const fill = simulateMarketBuy(asks, s(20));
    expect(fill.shares).toBe(s(20));
    expect(fill.unfilled).toBe(s(9));
  });
  it("sells into bids best first", () => {
    const fill = simulateMarketSell(
      [
        { price: c(40), size: s(5) },
        { price: c(30), size: s(5) },
      ],
      s(8),
    );
    expect(fill.collateral).toBe(s(2) + 900_000n);
    expect(fill.unfilled).toBe(0n);
    expect(fill.worstPrice).toBe(c(30));
  });
  it("rounds a limit buy's cost up", () => {
    expect(limitCost(1n, c(55))).toBe(1n);
    expect(limitCost(s(3), c(33.3))).toBe(999_000n);
  });
});

import { SHARE_UNIT } from "@forkcast/shared";
import { describe, expect, it } from "vitest";

import {
  displayPrice,
  formatCents,
  formatProbability,
  limitCost,
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
  it("parses cents strictly between 0 and 100", () => {
    expect(parseCents("55")).toEqual({ ok: true, value: c(55) });
    expect(parseCents("55.5")).toEqual({ ok: true, value: c(55.5) });
    expect(parseCents("100").ok).toBe(false);
    expect(parseCents("0").ok).toBe(false);
    expect(parseCents("abc").ok).toBe(false);
  });
  it("shows the midpoint when the spread is tight and the last trade when it is wide", () => {
    const bids = [{ price: c(50), size: s(10) }];
    expect(displayPrice(bids, [{ price: c(54), size: s(10) }], c(70))).toBe(c(52));
    expect(displayPrice(bids, [{ price: c(80), size: s(10) }], c(70))).toBe(c(70));
    expect(displayPrice([], [], undefined)).toBeUndefined();
    expect(spread(bids, [{ price: c(54), size: s(1) }])).toBe(c(4));
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

import { SHARE_UNIT } from "@forkcast/shared";
import { describe, expect, it } from "vitest";

import { FLAT, applyFill, marketValue, pnlPercentBps, positionFromFills, unrealizedPnl } from "../src/lib/pnl.ts";

const c = (cents: number) => BigInt(cents * 10_000);
const s = (shares: number) => BigInt(shares) * SHARE_UNIT;
const buy = (shares: number, cents: number) => ({ side: "buy" as const, shares: s(shares), price: c(cents) });
const sell = (shares: number, cents: number) => ({ side: "sell" as const, shares: s(shares), price: c(cents) });

describe("average-cost P&L", () => {
  it("averages the entry price over buys", () => {
    expect(positionFromFills([buy(10, 40), buy(10, 60)])).toMatchObject({
      shares: s(20),
      averagePrice: c(50),
      costBasis: s(10),
    });
  });
  it("realizes gains on sells at the average cost and keeps the average", () => {
    expect(positionFromFills([buy(20, 50), sell(10, 70)])).toMatchObject({
      realized: s(2),
      shares: s(10),
      averagePrice: c(50),
    });
  });
  it("caps a sell at the holding and resets the average when flat", () => {
    expect(applyFill(applyFill(FLAT, buy(5, 20)), sell(9, 10))).toMatchObject({
      shares: 0n,
      averagePrice: 0n,
      realized: -500_000n,
    });
  });
  it("values the position at the mark and reports unrealized P&L", () => {
    const p = positionFromFills([buy(10, 40)]);
    expect(marketValue(p, c(55))).toBe(5_500_000n);
    expect(unrealizedPnl(p, c(55))).toBe(1_500_000n);
    expect(pnlPercentBps(unrealizedPnl(p, c(55)), p.costBasis)).toBe(3750n);
    expect(pnlPercentBps(1n, 0n)).toBe(0n);
  });
});

import { SHARE_UNIT } from "@forkcast/shared";
import { describe, expect, it } from "vitest";

import { FLAT, applyFill, marketValue, pnlPercentBps, positionFromFills, unrealizedPnl } from "../src/lib/pnl.ts";

const c = (cents: number) => BigInt(cents * 10_000);
const s = (shares: number) => BigInt(shares) * SHARE_UNIT;

describe("average-cost P&L", () => {
  it("averages the entry price over buys", () => {
    const p = positionFromFills([
      { side: "buy", shares: s(10), price: c(40) },
      { side: "buy", shares: s(10), price: c(60) },
    ]);
    expect(p.shares).toBe(s(20));
    expect(p.averagePrice).toBe(c(50));
    expect(p.costBasis).toBe(s(10));
  });
  it("realizes gains on sells at the average cost and keeps the average", () => {
    const p = positionFromFills([
      { side: "buy", shares: s(20), price: c(50) },
      { side: "sell", shares: s(10), price: c(70) },
    ]);
    expect(p.realized).toBe(s(2));
    expect(p.shares).toBe(s(10));
    expect(p.averagePrice).toBe(c(50));
  });
  it("caps a sell at the holding and resets the average when flat", () => {
    const p = applyFill(applyFill(FLAT, { side: "buy", shares: s(5), price: c(20) }), {
      side: "sell",
      shares: s(9),
      price: c(10),
    });
    expect(p.shares).toBe(0n);
    expect(p.averagePrice).toBe(0n);
    expect(p.realized).toBe(-500_000n);
  });
  it("values the position at the mark and reports unrealized P&L", () => {
    const p = positionFromFills([{ side: "buy", shares: s(10), price: c(40) }]);
    expect(marketValue(p, c(55))).toBe(5_500_000n);
    expect(unrealizedPnl(p, c(55))).toBe(1_500_000n);
    expect(pnlPercentBps(unrealizedPnl(p, c(55)), p.costBasis)).toBe(3750n);
    expect(pnlPercentBps(1n, 0n)).toBe(0n);
  });
});

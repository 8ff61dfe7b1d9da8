import { SHARE_UNIT } from "@forkcast/shared";
import { describe, expect, it } from "vitest";

import { parseCandles } from "../src/data/candles.ts";
import {
  DAY_SECONDS,
  change24h,
  chartPoints,
  currentPrice,
  describeTrade,
  formatChange,
  volume24h,
} from "../src/lib/marketPrice.ts";

const c = (cents: number) => BigInt(cents) * 10_000n;
const level = (cents: number, shares = 10) => ({ price: c(cents), size: BigInt(shares) * SHARE_UNIT });

describe("price convention (¢ per outcome)", () => {
  it("shows the midpoint while the spread is 10¢ or less", () => {
    const p = currentPrice([level(60)], [level(64)], c(55));
    expect(p?.price).toBe(c(62));
    expect(p?.source).toBe("midpoint");
    expect(p?.explanation).toContain("spread 4¢");
  });
  it("shows the last trade when the spread is wider than 10¢", () => {
    const p = currentPrice([level(40)], [level(60)], c(55));
    expect(p).toMatchObject({ price: c(55), source: "last trade" });
    expect(p?.explanation).toContain("over 10¢");
  });
  it("shows the last trade when one side of the book is empty", () => {
    expect(currentPrice([], [level(60)], c(57))).toMatchObject({ price: c(57), source: "last trade" });
  });
  it("falls back to a wide midpoint before any trade, and to nothing on an empty book", () => {
    expect(currentPrice([level(20)], [level(60)], undefined)).toMatchObject({ price: c(40), source: "midpoint" });
    expect(currentPrice([level(20)], [level(60)], undefined)?.explanation).toContain("no trades yet");
    expect(currentPrice([], [], undefined)).toBeUndefined();
  });
});

describe("24 h change and volume", () => {
  const now = 10 * DAY_SECONDS;
  const candles = [
    { time: now - 3 * DAY_SECONDS, close: c(50), volume: 5_000_000n },
    { time: now - DAY_SECONDS - 60, close: c(55), volume: 7_000_000n },
    { time: now - 3_600, close: c(62), volume: 11_000_000n },
  ];
  it("compares with the last close at or before 24 h ago", () => {
    expect(change24h(candles, now, c(63))).toBe(c(8));
    expect(formatChange(c(8))).toBe("+8¢");
    expect(formatChange(-c(3))).toBe("−3¢");
    expect(formatChange(0n)).toBe("0¢");
  });
  it("has no change when nothing traded before the last 24 h", () => {
    expect(change24h(candles.slice(2), now, c(63))).toBeUndefined();
    expect(change24h(candles, now, undefined)).toBeUndefined();
  });
  it("sums only the last 24 h of volume", () => {
    expect(volume24h(candles, now)).toBe(11_000_000n);
  });
});

describe("chart points", () => {
  const now = 1_000_000;
  it("draws every close in the range, carrying the previous close in and the last one to now", () => {
    const candles = [
      { time: now - 5_000, close: c(40), volume: 0n },
      { time: now - 2_000, close: c(50), volume: 0n },
      { time: now - 1_000, close: c(60), volume: 0n },
    ];
    const { points, noTrades } = chartPoints(candles, now - 3_000, now, c(70));
    expect(noTrades).toBe(false);
    expect(points).toEqual([
      { t: now - 3_000, p: 0.4 },
      { t: now - 2_000, p: 0.5 },
      { t: now - 1_000, p: 0.6 },
      { t: now, p: 0.6 },
    ]);
  });
  it("with no trades at all, draws the midpoint flat and says so", () => {
    const { points, noTrades } = chartPoints([], now - 3_600, now, c(45));
    expect(noTrades).toBe(true);
    expect(points).toEqual([
      { t: now - 3_600, p: 0.45 },
      { t: now, p: 0.45 },
    ]);
    expect(chartPoints([], 0, now, undefined)).toEqual({ points: [], noTrades: true });
  });
});

describe("trades in the outcome they traded", () => {
  const tokens = [
    { tokenId: 1n, label: "Yes" },
    { tokenId: 2n, label: "No" },
  ];
  it("the NO leg of a MINT is a NO trade at its NO price", () => {
    expect(describeTrade({ tokenId: 2n, outcome: "", side: "BUY", price: c(37) }, tokens)).toEqual({
      side: "BUY",
      outcome: "No",
      price: c(37),
    });
  });
  it("a YES trade stays a YES trade at its YES price", () => {
    expect(describeTrade({ tokenId: 1n, outcome: "", side: "SELL", price: c(63) }, tokens)).toMatchObject({
      outcome: "Yes",
      price: c(63),
    });
  });
  it("an unknown token keeps the outcome name the operator sent", () => {
    expect(describeTrade({ tokenId: 9n, outcome: "Yes", side: "BUY", price: c(10) }, tokens).outcome).toBe("Yes");
  });
});

describe("indexer candles", () => {
  it("parses /prices/:tokenId into bigint closes and volumes", () => {
    const body = {
      tokenId: "1",
      interval: 3600,
      candles: [{ time: 7200, open: "550000", high: "570000", low: "550000", close: "570000", volume: "34000000" }],
    };
    expect(parseCandles(body)).toEqual([{ time: 7200, close: 570_000n, volume: 34_000_000n }]);
    expect(() => parseCandles({ candles: { items: [] } })).toThrow(/not a list/);
  });
});

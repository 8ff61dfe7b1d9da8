import { describe, expect, it } from "vitest";

import { parseBook, parseMarket, parseTrade } from "../src/data/operator.ts";

describe("operator response parsing", () => {
  it("parses a market with bigint sizes", () => {
    const m = parseMarket({
      condition_id: "0x01",
      question: "Q?",
      active: true,
      minimum_order_size: "5",
      minimum_tick_size: "0.01",
      taker_base_fee: 100,
      tokens: [{ token_id: "123", outcome: "Yes" }],
    });
    expect(m).toMatchObject({ open: true, minOrderSize: 5_000_000n, tickSize: 10_000n, feeRateBps: 100 });
    expect(m.tokens[0]?.tokenId).toBe(123n);
  });
  it("sorts book sides best first", () => {
    const b = parseBook({
      bids: [
        { price: "0.4", size: "1" },
        { price: "0.45", size: "2" },
      ],
      asks: [
        { price: "0.6", size: "1" },
        { price: "0.55", size: "1" },
      ],
    });
    expect(b.bids.map((l) => l.price)).toEqual([450_000n, 400_000n]);
    expect(b.asks.map((l) => l.price)).toEqual([550_000n, 600_000n]);
  });
  it("rejects malformed responses", () => {
    expect(() => parseMarket(null)).toThrow(/not an object/);
    expect(() => parseBook("x")).toThrow();
    expect(() => parseMarket({ condition_id: 1n })).toThrow(/condition_id/);
  });
  it("parses trades", () => {
    expect(parseTrade({ id: "t1", side: "sell", price: "0.5", size: "10", match_time: "1700000000" })).toMatchObject({
      side: "SELL",
      price: 500_000n,
      size: 10_000_000n,
      time: 1_700_000_000,
    });
  });
});

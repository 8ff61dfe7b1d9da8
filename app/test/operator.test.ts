import { describe, expect, it } from "vitest";

import { parseBook, parseMarket, parseTrade } from "../src/data/operator.ts";

const CONDITION = `0x${"01".repeat(32)}`;
const HASH = `0x${"aa".repeat(32)}`;
const MAKER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

describe("operator response parsing", () => {
  it("parses a market with bigint sizes", () => {
    const m = parseMarket({
      condition_id: CONDITION,
      question: "Q?",
      active: true,
      closed: false,
      accepting_orders: true,
      minimum_order_size: "5",
      minimum_tick_size: "0.01",
      maker_base_fee: 100,
      taker_base_fee: 100,
      tokens: [{ token_id: "123", outcome: "Yes" }],
    });
    expect(m).toMatchObject({ open: true, minOrderSize: 5_000_000n, tickSize: 10_000n, feeRateBps: 100 });
    expect(m.tokens[0]?.tokenId).toBe(123n);
  });
  it("sorts book sides best first", () => {
    const b = parseBook({
      asset_id: "123",
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
    expect(() => parseMarket(null)).toThrow(/market: /);
    expect(() => parseBook("x")).toThrow(/book/);
    expect(() => parseMarket({ condition_id: 1n })).toThrow(/condition_id: /);
    expect(() => parseBook({ asset_id: "1", bids: [{ price: "0.4e1", size: "1" }], asks: [] })).toThrow(
      /bids\.0\.price: /,
    );
  });
  it("parses trades", () => {
    const trade = {
      id: "12:0",
      taker_order_id: HASH,
      market: CONDITION,
      asset_id: "123",
      side: "SELL",
      size: "10",
      price: "0.5",
      match_type: "COMPLEMENTARY",
      status: "CONFIRMED",
      match_time: "1700000000",
      transaction_hash: null,
      maker_address: MAKER,
      taker_address: MAKER,
      maker_orders: [
        { order_id: HASH, maker_address: MAKER, asset_id: "123", side: "BUY", matched_amount: "10", price: "0.5" },
      ],
    };
    expect(parseTrade(trade)).toMatchObject({
      side: "SELL",
      price: 500_000n,
      size: 10_000_000n,
      time: 1_700_000_000,
      tokenId: 123n,
    });
    expect(() => parseTrade({ ...trade, side: "sell" })).toThrow(/side: /);
  });
});

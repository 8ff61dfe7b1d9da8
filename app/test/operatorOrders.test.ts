import { describe, expect, it } from "vitest";

import { operatorUrl, operatorWsUrl, parseMarket, parseOpenOrder } from "../src/data/operator.ts";
import { operatorErrorSentence } from "../src/lib/operatorErrors.ts";

describe("operator URLs", () => {
  it("joins an absolute base and a path", () => {
    expect(operatorUrl("/book?token_id=1", "http://127.0.0.1:8787")).toBe("http://127.0.0.1:8787/book?token_id=1");
    expect(operatorUrl("/order", "http://127.0.0.1:8787/")).toBe("http://127.0.0.1:8787/order");
  });
  it("resolves a same-origin prefix (the dev/preview proxy) against the page origin", () => {
    expect(operatorUrl("/order", "/operator", "http://127.0.0.1:4173")).toBe("http://127.0.0.1:4173/operator/order");
    expect(operatorWsUrl("/ws/market", "/operator", "https://x.test")).toBe("wss://x.test/operator/ws/market");
  });
});

describe("operator order parsing", () => {
  it("the market's fee for orders is maker_base_fee", () => {
    const m = parseMarket({
      condition_id: `0x${"01".repeat(32)}`,
      question: "Q",
      active: true,
      closed: false,
      accepting_orders: true,
      minimum_order_size: "1",
      minimum_tick_size: "0.01",
      maker_base_fee: 50,
      taker_base_fee: 70,
      tokens: [],
    });
    expect(m.feeRateBps).toBe(50);
  });
  it("parses an open order into bigint sizes", () => {
    const o = parseOpenOrder({
      id: `0x${"aa".repeat(32)}`,
      status: "LIVE",
      reason: null,
      owner: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
      maker_address: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
      market: `0x${"01".repeat(32)}`,
      asset_id: "7193",
      side: "SELL",
      price: "0.55",
      original_size: "10",
      size_matched: "4",
      remaining_size: "6",
      order_type: "GTC",
      post_only: false,
      expiration: "0",
      created_at: 1764000000,
    });
    expect(o).toEqual({
      id: `0x${"aa".repeat(32)}`,
      market: `0x${"01".repeat(32)}`,
      tokenId: 7193n,
      side: "SELL",
      price: 550_000n,
      originalSize: 10_000_000n,
      sizeMatched: 4_000_000n,
      remaining: 6_000_000n,
      orderType: "GTC",
      createdAt: 1764000000,
    });
  });
});

describe("operator rejection sentences", () => {
  it("known codes become sentences that keep the operator's detail", () => {
    expect(operatorErrorSentence("FOK_NOT_FILLABLE", "")).toBe(
      "Fill-or-kill: the book cannot fill the whole order now, so nothing was traded (your own resting orders never fill your orders: self-trade prevention).",
    );
    expect(operatorErrorSentence("INSUFFICIENT_BALANCE", "need 5.5, have 1")).toBe(
      "Your balance does not cover your open orders plus this one. need 5.5, have 1",
    );
  });
  it("unknown codes keep the operator's message and code", () => {
    expect(operatorErrorSentence("NEW_CODE", "something")).toBe("something (NEW_CODE)");
    expect(operatorErrorSentence("NEW_CODE", "")).toBe("The operator refused the request (NEW_CODE).");
  });
});

import { SHARE_UNIT } from "@forkcast/shared";
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import type { Address, Hex } from "viem";

import { Bus, type Message } from "../../../src/bus.js";
import { MarketFeed } from "../../../src/core/feed.js";
import { MatchingEngine } from "../../../src/engine/engine.js";
import type { EngineOrder, Fill } from "../../../src/engine/types.js";
import { MarketRegistry } from "../../../src/markets.js";

const MARKET = `0x${"ab".repeat(32)}`;
const YES = 11n;
const NO = 12n;
const ALICE: Address = "0x00000000000000000000000000000000000000a1";

let counter = 0;
function order(outcome: 0 | 1, side: 0 | 1, price: number, shares: bigint): EngineOrder {
  counter++;
  return {
    hash: `0x${counter.toString(16).padStart(64, "0")}` as Hex,
    marketId: MARKET,
    maker: ALICE,
    outcome,
    side,
    price,
    remaining: shares * SHARE_UNIT,
    orderType: "GTC",
    postOnly: false,
    expiration: 0,
    seq: counter,
  };
}

function setup() {
  const engine = new MatchingEngine();
  const markets = new MarketRegistry();
  markets.add({
    id: MARKET,
    question: "q",
    tokens: [YES, NO],
    tickSize: 10_000,
    minSize: SHARE_UNIT,
    feeRateBps: 0,
    open: true,
    createdMs: 0,
  });
  const bus = new Bus();
  return { engine, markets, bus, feed: new MarketFeed(engine, markets, bus) };
}

describe("MarketFeed: levels and prices", () => {
  it("shows a YES bid as a NO ask at the complement price", () => {
    const { engine, feed } = setup();
    engine.submit(order(0, 0, 400_000, 5n), 1);
    assert.deepEqual(feed.levels(YES)?.bids, [{ price: "0.4", size: "5" }]);
    assert.deepEqual(feed.levels(NO)?.asks, [{ price: "0.6", size: "5" }]);
    assert.deepEqual(feed.bestPrices(YES), { bid: 400_000n, ask: undefined });
  });

  it("knows nothing about a token no market trades", () => {
    const { feed } = setup();
    assert.equal(feed.levels(99n), undefined);
    assert.equal(feed.bestPrices(99n), undefined);
    assert.equal(feed.lastTradePrice(99n), undefined);
  });

  it("reports the last trade in each token's own price", () => {
    const { feed } = setup();
    assert.equal(feed.lastTradePrice(YES), undefined);
    const fill: Fill = {
      takerHash: "0x01",
      makerHash: "0x02",
      taker: ALICE,
      maker: ALICE,
      marketId: MARKET,
      type: "MINT",
      shares: 3n * SHARE_UNIT,
      makerPrice: 300_000,
      takerPrice: 700_000,
      makerOutcome: 1,
      makerSide: 0,
      takerOutcome: 0,
      takerSide: 0,
    };
    const { asset, message } = feed.recordTrade(fill, 5_000);
    assert.equal(asset, NO.toString());
    assert.equal(message["price"], "0.3");
    assert.equal(message["event_type"], "last_trade_price");
    assert.deepEqual(feed.lastTradePrice(YES), { price: "0.7", side: "BUY" });
    assert.deepEqual(feed.lastTradePrice(NO), { price: "0.3", side: "BUY" });
  });
});

describe("MarketFeed: market-channel messages", () => {
  it("sends only the levels that changed since the last book, and size 0 for a level gone", () => {
    const { engine, bus, feed } = setup();
    const received: Message[] = [];
    bus.subscribeMarket(YES.toString(), (m) => received.push(m));
    const first = order(0, 0, 400_000, 5n);
    engine.submit(first, 1);
    const book = feed.bookMessage(YES, 1_000);
    assert.deepEqual(book["bids"], [{ price: "0.4", size: "5" }]);
    assert.match(String(book["hash"]), /^[0-9a-f]{40}$/);

    engine.submit(order(0, 0, 450_000, 2n), 1);
    engine.cancel(first.hash);
    feed.publishPriceChanges(YES.toString(), 2_000);
    assert.equal(received.length, 1);
    assert.deepEqual(received[0]?.["price_changes"], [
      { side: "BUY", price: "0.45", size: "2" },
      { side: "BUY", price: "0.4", size: "0" },
    ]);
    assert.equal(received[0]?.["best_bid"], "0.45");

    feed.publishPriceChanges(YES.toString(), 3_000);
    assert.equal(received.length, 1, "nothing changed: no message");
  });

  it("publishes nothing (and forgets the base) for an asset nobody listens to", () => {
    const { engine, bus, feed } = setup();
    engine.submit(order(0, 0, 400_000, 5n), 1);
    feed.publishMarkets([MARKET], 1_000);
    const received: Message[] = [];
    bus.subscribeMarket(NO.toString(), (m) => received.push(m));
    feed.publishMarkets([MARKET, MARKET], 2_000);
    assert.equal(received.length, 1, "a first listener gets the whole book as changes, once per market");
    assert.deepEqual(received[0]?.["price_changes"], [{ side: "SELL", price: "0.6", size: "5" }]);
  });
});

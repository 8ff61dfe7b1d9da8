import { SHARE_UNIT } from "@forkcast/shared";
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import type { Address, Hex } from "viem";

import { MatchingEngine } from "../../src/engine/engine.js";
import type { EngineOrder, Fill, OrderType, Outcome } from "../../src/engine/types.js";

const ALICE: Address = "0x00000000000000000000000000000000000000a1";
const BOB: Address = "0x00000000000000000000000000000000000000b0";
const CAROL: Address = "0x00000000000000000000000000000000000000c0";

let counter = 0;
function order(
  maker: Address,
  outcome: Outcome,
  side: 0 | 1,
  price: number,
  shares: bigint,
  extra: { orderType?: OrderType; postOnly?: boolean; expiration?: number; marketId?: string } = {},
): EngineOrder {
  counter++;
  return {
    hash: `0x${counter.toString(16).padStart(64, "0")}` as Hex,
    marketId: extra.marketId ?? "m1",
    maker,
    outcome,
    side,
    price,
    remaining: shares * SHARE_UNIT,
    orderType: extra.orderType ?? "GTC",
    postOnly: extra.postOnly ?? false,
    expiration: extra.expiration ?? 0,
    seq: counter,
  };
}

const NOW = 1_000;

/** An engine with `resting` submitted at NOW, in order. */
function bookWith(...resting: EngineOrder[]): MatchingEngine {
  const engine = new MatchingEngine();
  for (const o of resting) engine.submit(o, NOW);
  return engine;
}

describe("MatchingEngine: crossing rules", () => {
  it("COMPLEMENTARY: a YES bid at p fills a YES ask at ≤ p at the maker's price", () => {
    const engine = new MatchingEngine();
    const ask = order(ALICE, 0, 1, 550_000, 10n);
    assert.equal(engine.submit(ask, NOW).status, "live");
    const result = engine.submit(order(BOB, 0, 0, 600_000, 4n), NOW);
    assert.equal(result.status, "matched");
    assert.equal(result.fills.length, 1);
    const fill = result.fills[0] as Fill;
    assert.equal(fill.type, "COMPLEMENTARY");
    assert.equal(fill.shares, 4n * SHARE_UNIT);
    assert.equal(fill.makerPrice, 550_000);
    assert.equal(fill.takerPrice, 600_000);
    assert.equal(engine.get(ask.hash)?.remaining, 6n * SHARE_UNIT);
  });

  it("MINT: a YES bid at p crosses a NO bid at ≥ 1 − p", () => {
    const engine = bookWith(order(ALICE, 1, 0, 450_000, 10n));
    const result = engine.submit(order(BOB, 0, 0, 550_000, 10n), NOW);
    assert.equal(result.fills[0]?.type, "MINT");
    assert.equal(result.status, "matched");
  });

  it("MINT does not cross when the two bids sum below 1", () => {
    const engine = bookWith(order(ALICE, 1, 0, 440_000, 10n));
    const result = engine.submit(order(BOB, 0, 0, 550_000, 10n), NOW);
    assert.equal(result.fills.length, 0);
    assert.equal(result.status, "live");
  });

  it("MERGE: two asks summing to ≤ 1 cross", () => {
    const engine = bookWith(order(ALICE, 0, 1, 500_000, 3n));
    const result = engine.submit(order(BOB, 1, 1, 500_000, 3n), NOW);
    assert.equal(result.fills[0]?.type, "MERGE");
    const none = new MatchingEngine();
    none.submit(order(ALICE, 0, 1, 510_000, 3n), NOW);
    assert.equal(
      none.submit(order(BOB, 1, 1, 500_000, 3n), NOW).fills.length,
      0,
      "asks summing above 1 must not merge",
    );
  });

  it("COMPLEMENTARY on the NO token: NO bid crosses NO ask", () => {
    const engine = bookWith(order(ALICE, 1, 1, 300_000, 5n));
    const result = engine.submit(order(BOB, 1, 0, 300_000, 5n), NOW);
    assert.equal(result.fills[0]?.type, "COMPLEMENTARY");
  });
});

describe("MatchingEngine: priority and partial fills", () => {
  it("fills best price first, then earliest at one price", () => {
    const engine = new MatchingEngine();
    const early = order(CAROL, 0, 1, 500_000, 2n);
    const late = order(ALICE, 0, 1, 500_000, 2n);
    const better = order(CAROL, 0, 1, 480_000, 1n);
    // submit out of seq order to prove seq, not call order, sets priority among equal prices
    engine.restore(late, late.remaining);
    engine.submit(early, NOW);
    engine.submit(better, NOW);
    const result = engine.submit(order(BOB, 0, 0, 500_000, 4n), NOW);
    assert.deepEqual(
      result.fills.map((f) => [f.makerHash, f.shares]),
      [
        [better.hash, 1n * SHARE_UNIT],
        [early.hash, 2n * SHARE_UNIT],
        [late.hash, 1n * SHARE_UNIT],
      ],
    );
    assert.equal(engine.get(late.hash)?.remaining, 1n * SHARE_UNIT);
  });

  it("mixes match types in price order across the unified book", () => {
    const engine = bookWith(
      order(ALICE, 1, 0, 600_000, 1n), // NO bid 0.60 = YES ask 0.40
      order(CAROL, 0, 1, 450_000, 1n), // YES ask 0.45
    );
    const result = engine.submit(order(BOB, 0, 0, 500_000, 2n), NOW);
    assert.deepEqual(
      result.fills.map((f) => f.type),
      ["MINT", "COMPLEMENTARY"],
    );
  });

  it("rests the unfilled part of a GTC and reports it live", () => {
    const engine = bookWith(order(ALICE, 0, 1, 500_000, 1n));
    const taker = order(BOB, 0, 0, 500_000, 3n);
    assert.equal(engine.submit(taker, NOW).status, "live");
    assert.equal(engine.get(taker.hash)?.remaining, 2n * SHARE_UNIT);
    assert.deepEqual(engine.depth("m1", 0), { bids: [{ price: 500_000, size: 2n * SHARE_UNIT }], asks: [] });
  });
});

describe("MatchingEngine: order types", () => {
  it("FAK fills what it can and drops the rest", () => {
    const engine = bookWith(order(ALICE, 0, 1, 500_000, 1n));
    const taker = order(BOB, 0, 0, 500_000, 3n, { orderType: "FAK" });
    const result = engine.submit(taker, NOW);
    assert.equal(result.status, "unmatched");
    assert.equal(result.fills.length, 1);
    assert.equal(engine.has(taker.hash), false);
  });

  it("FOK is rejected without any fill when the book cannot fill it entirely", () => {
    const ask = order(ALICE, 0, 1, 500_000, 1n);
    const engine = bookWith(ask);
    const result = engine.submit(order(BOB, 0, 0, 500_000, 3n, { orderType: "FOK" }), NOW);
    assert.equal(result.rejectReason, "FOK_NOT_FILLABLE");
    assert.equal(engine.get(ask.hash)?.remaining, 1n * SHARE_UNIT);
    assert.equal(engine.submit(order(BOB, 0, 0, 500_000, 1n, { orderType: "FOK" }), NOW).status, "matched");
  });

  it("post-only is rejected when it would cross and rests otherwise", () => {
    const engine = bookWith(order(ALICE, 0, 1, 500_000, 1n));
    assert.equal(
      engine.submit(order(BOB, 0, 0, 500_000, 1n, { postOnly: true }), NOW).rejectReason,
      "POST_ONLY_WOULD_CROSS",
    );
    assert.equal(engine.submit(order(BOB, 0, 0, 490_000, 1n, { postOnly: true }), NOW).status, "live");
  });

  it("GTD orders expire: skipped while matching and swept by expire()", () => {
    const engine = new MatchingEngine();
    const stale = order(ALICE, 0, 1, 500_000, 1n, { orderType: "GTD", expiration: NOW });
    const fresh = order(CAROL, 0, 1, 510_000, 1n, { orderType: "GTD", expiration: NOW + 60 });
    engine.submit(stale, NOW - 10);
    engine.submit(fresh, NOW - 10);
    const result = engine.submit(order(BOB, 0, 0, 600_000, 1n), NOW);
    assert.deepEqual(result.removed, [{ hash: stale.hash, maker: ALICE, reason: "EXPIRED" }]);
    assert.equal(result.fills[0]?.makerHash, fresh.hash);
    const later = order(CAROL, 0, 1, 700_000, 1n, { orderType: "GTD", expiration: NOW + 5 });
    engine.submit(later, NOW);
    assert.deepEqual(
      engine.expire(NOW + 5).map((r) => r.hash),
      [later.hash],
    );
  });
});

describe("MatchingEngine: self-trade prevention, cancel and restore", () => {
  it("cancels the maker's own resting order instead of trading with it", () => {
    const own = order(BOB, 0, 1, 500_000, 1n);
    const other = order(ALICE, 0, 1, 500_000, 1n);
    const engine = bookWith(own, other);
    const result = engine.submit(order(BOB, 0, 0, 500_000, 1n), NOW);
    assert.deepEqual(result.removed, [{ hash: own.hash, maker: BOB, reason: "SELF_TRADE" }]);
    assert.equal(result.fills[0]?.makerHash, other.hash);
  });

  it("cancel removes an order and returns what was left", () => {
    const resting = order(ALICE, 0, 1, 500_000, 2n);
    const engine = bookWith(resting);
    assert.equal(engine.cancel(resting.hash), 2n * SHARE_UNIT);
    assert.equal(engine.cancel(resting.hash), 0n);
    assert.deepEqual(engine.depth("m1", 0), { bids: [], asks: [] });
  });

  it("restore puts shares back with the original time priority", () => {
    const first = order(ALICE, 0, 1, 500_000, 1n);
    const second = order(CAROL, 0, 1, 500_000, 1n);
    const engine = bookWith(first, second);
    const taken = engine.submit(order(BOB, 0, 0, 500_000, 1n), NOW);
    assert.equal(taken.fills[0]?.makerHash, first.hash);
    engine.restore({ ...first, remaining: 0n }, 1n * SHARE_UNIT);
    const again = engine.submit(order(BOB, 0, 0, 500_000, 1n), NOW);
    assert.equal(again.fills[0]?.makerHash, first.hash, "restored order keeps its place ahead of later orders");
  });

  it("depth mirrors the unified book for the NO token", () => {
    const engine = bookWith(
      order(ALICE, 0, 0, 400_000, 1n), // YES bid 0.40 = NO ask 0.60
      order(ALICE, 1, 0, 500_000, 2n), // NO bid 0.50 = YES ask 0.50
    );
    assert.deepEqual(engine.depth("m1", 1), {
      bids: [{ price: 500_000, size: 2n * SHARE_UNIT }],
      asks: [{ price: 600_000, size: 1n * SHARE_UNIT }],
    });
  });
});

describe("MatchingEngine: determinism", () => {
  it("replaying the same order log yields identical fills and book", () => {
    const makers = [ALICE, BOB, CAROL];
    let seed = 42;
    const random = (n: number): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const log: EngineOrder[] = [];
    for (let i = 0; i < 2_000; i++) {
      const types: OrderType[] = ["GTC", "GTC", "GTC", "FAK", "FOK"];
      log.push(
        order(
          makers[random(3)] as Address,
          random(2) as Outcome,
          random(2) as 0 | 1,
          300_000 + random(40) * 10_000,
          BigInt(1 + random(20)),
          {
            orderType: types[random(5)] as OrderType,
          },
        ),
      );
    }
    const run = (): { fills: Fill[]; depth: unknown } => {
      const engine = new MatchingEngine();
      const fills: Fill[] = [];
      for (const entry of log) fills.push(...engine.submit({ ...entry }, NOW).fills);
      return { fills, depth: [engine.depth("m1", 0), engine.depth("m1", 1)] };
    };
    const first = run();
    assert.ok(first.fills.length > 100, "the random log must actually trade");
    assert.deepEqual(run(), first);
  });
});

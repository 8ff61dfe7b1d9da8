import { SHARE_UNIT } from "@forkcast/shared";
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { COLLATERAL, needFor, OrderLedger, type OrderJournal } from "../../../src/core/ledger.js";
import { orderView } from "../../../src/api/views.js";
import type { BookEventRow, OrderRow, OrderUpdate } from "../../../src/db/store.js";

const ALICE = "0x00000000000000000000000000000000000000a1";
const TOKEN = "77";

class RecordingJournal implements OrderJournal {
  readonly added: OrderRow[] = [];
  readonly updates: { hash: string; update: OrderUpdate }[] = [];
  readonly events: BookEventRow[] = [];
  addOrder(row: OrderRow): void {
    this.added.push({ ...row });
  }
  updateOrder(hash: string, update: OrderUpdate): void {
    this.updates.push({ hash, update: { ...update } });
  }
  addEvent(row: BookEventRow): void {
    this.events.push(row);
  }
}

let counter = 0;
function row(extra: Partial<OrderRow> = {}): OrderRow {
  counter++;
  const shares = (extra.remaining ?? (10n * SHARE_UNIT).toString()) as string;
  return {
    hash: `0x${counter.toString(16).padStart(64, "0")}`,
    seq: counter,
    market_id: "0xmarket",
    maker: ALICE,
    signer: ALICE,
    token_id: TOKEN,
    outcome: 0,
    side: 0,
    price: 400_000,
    original_shares: shares,
    remaining: shares,
    order_type: "GTC",
    post_only: false,
    expiration: 0,
    salt: "1",
    maker_amount: "4000000",
    taker_amount: "10000000",
    nonce: "0",
    fee_rate_bps: 0,
    signature_type: 0,
    signature: "0x00",
    status: "LIVE",
    status_reason: null,
    created_ms: 1_000,
    updated_ms: 1_000,
    ...extra,
  };
}

function accepted(ledger: OrderLedger, extra: Partial<OrderRow> = {}) {
  return ledger.accept(row({ seq: ledger.nextSeq(), ...extra }));
}

describe("tracked orders", () => {
  it("rebuild the signed order and the engine order from the stored row", () => {
    const ledger = new OrderLedger(new RecordingJournal());
    const tracked = accepted(ledger, { side: 1, price: 600_000, salt: "42", nonce: "3", expiration: 1_900_000_000 });
    assert.deepEqual(tracked.signed, {
      salt: 42n,
      maker: ALICE,
      signer: ALICE,
      taker: "0x0000000000000000000000000000000000000000",
      tokenId: 77n,
      makerAmount: 4_000_000n,
      takerAmount: 10_000_000n,
      expiration: 1_900_000_000n,
      nonce: 3n,
      feeRateBps: 0n,
      side: 1,
      signatureType: 0,
      signature: "0x00",
    });
    assert.deepEqual(tracked.template, {
      hash: tracked.row.hash,
      marketId: "0xmarket",
      maker: ALICE,
      outcome: 0,
      side: 1,
      price: 600_000,
      remaining: 10n * SHARE_UNIT,
      orderType: "GTC",
      postOnly: false,
      expiration: 1_900_000_000,
      seq: tracked.row.seq,
    });
    // A fill changes the row; the rebuilt engine order follows it.
    ledger.fillMaker(tracked.row.hash, 4n * SHARE_UNIT, 2_000);
    assert.equal(tracked.template.remaining, 6n * SHARE_UNIT);
  });
});

describe("needFor", () => {
  it("a BUY gives collateral at its price, a SELL gives its shares", () => {
    assert.equal(needFor(0, 400_000, 10n * SHARE_UNIT), 4n * SHARE_UNIT);
    assert.equal(needFor(1, 400_000, 10n * SHARE_UNIT), 10n * SHARE_UNIT);
  });
  it("rounds a BUY's collateral down", () => {
    assert.equal(needFor(0, 333_333, 1n), 0n);
  });
});

describe("OrderLedger: accepting orders", () => {
  it("reserves a BUY's collateral and journals the row with the next sequence number", () => {
    const journal = new RecordingJournal();
    const ledger = new OrderLedger(journal);
    ledger.resume({ seq: 41, settlementId: 7, knownHashes: ["0xold"] });
    assert.equal(ledger.nextSeq(), 42);
    const tracked = accepted(ledger);
    assert.equal(tracked.row.seq, 42);
    assert.equal(ledger.nextSeq(), 43);
    assert.equal(ledger.reservedOf(ALICE, COLLATERAL), 4n * SHARE_UNIT);
    assert.equal(journal.added.length, 1);
    assert.ok(ledger.isKnown(tracked.row.hash));
    assert.ok(ledger.isKnown("0xold"));
    assert.equal(ledger.nextSettlementId(), 8);
  });

  it("reserves a SELL's own token, not collateral", () => {
    const ledger = new OrderLedger(new RecordingJournal());
    accepted(ledger, { side: 1 });
    assert.equal(ledger.reservedOf(ALICE, TOKEN), 10n * SHARE_UNIT);
    assert.equal(ledger.reservedOf(ALICE, COLLATERAL), 0n);
  });

  it("refuses an order out of sequence or twice", () => {
    const ledger = new OrderLedger(new RecordingJournal());
    assert.throws(() => ledger.accept(row({ seq: 5 })), /expected 1/);
    const first = accepted(ledger);
    const again = { ...first.row, seq: ledger.nextSeq() };
    assert.throws(() => ledger.accept(again), /already in the ledger/);
  });
});

describe("OrderLedger: matches and settlement outcomes", () => {
  it("a filled maker keeps its fill reserved in flight until the settlement is confirmed", () => {
    const journal = new RecordingJournal();
    const ledger = new OrderLedger(journal);
    const maker = accepted(ledger);
    ledger.fillMaker(maker.row.hash, 10n * SHARE_UNIT, 2_000);
    assert.equal(maker.row.status, "MATCHED");
    assert.equal(maker.row.remaining, "0");
    assert.equal(maker.inflight, 10n * SHARE_UNIT);
    assert.equal(ledger.reservedOf(ALICE, COLLATERAL), 4n * SHARE_UNIT, "in-flight shares stay reserved");
    ledger.settled(maker.row.hash, 10n * SHARE_UNIT);
    assert.equal(ledger.reservedOf(ALICE, COLLATERAL), 0n);
    assert.equal(ledger.get(maker.row.hash), undefined, "a settled, no longer live order is forgotten");
  });

  it("a taker that rests keeps its open remainder reserved; an unmatched remainder is released", () => {
    const ledger = new OrderLedger(new RecordingJournal());
    const resting = accepted(ledger);
    ledger.placeTaker(resting, 4n * SHARE_UNIT, "LIVE", 2_000);
    assert.equal(resting.row.remaining, (6n * SHARE_UNIT).toString());
    assert.equal(ledger.reservedOf(ALICE, COLLATERAL), 4n * SHARE_UNIT);

    const fak = accepted(ledger, { order_type: "FAK" });
    ledger.placeTaker(fak, 0n, "UNMATCHED", 2_000);
    assert.equal(ledger.reservedOf(ALICE, COLLATERAL), 4n * SHARE_UNIT, "the FAK's whole reservation is gone");
    assert.equal(ledger.get(fak.row.hash), undefined);
  });

  it("a failed settlement returns the shares, counts a failure, and restore puts them back on the book", () => {
    const journal = new RecordingJournal();
    const ledger = new OrderLedger(journal);
    const maker = accepted(ledger);
    ledger.fillMaker(maker.row.hash, 4n * SHARE_UNIT, 2_000);
    const failed = ledger.failed(maker.row.hash, 4n * SHARE_UNIT);
    assert.equal(failed?.failures, 1);
    assert.equal(maker.inflight, 0n);
    assert.equal(ledger.reservedOf(ALICE, COLLATERAL), needFor(0, 400_000, 6n * SHARE_UNIT));
    const open = ledger.restore(maker, 4n * SHARE_UNIT, 3);
    assert.equal(open, 10n * SHARE_UNIT);
    assert.equal(maker.row.status, "LIVE");
    assert.equal(ledger.reservedOf(ALICE, COLLATERAL), 4n * SHARE_UNIT);
    assert.deepEqual(
      journal.events.map((e) => [e.kind, e.shares]),
      [["restore", (4n * SHARE_UNIT).toString()]],
    );
  });

  it("dropping a matched order after a failure marks it INVALID and forgets it", () => {
    const ledger = new OrderLedger(new RecordingJournal());
    const maker = accepted(ledger);
    ledger.fillMaker(maker.row.hash, 10n * SHARE_UNIT, 2_000);
    ledger.failed(maker.row.hash, 10n * SHARE_UNIT);
    ledger.dropAfterFailure(maker, "SETTLEMENT_FAILED", 3_000);
    assert.equal(maker.row.status, "INVALID");
    assert.equal(maker.row.status_reason, "SETTLEMENT_FAILED");
    assert.equal(ledger.get(maker.row.hash), undefined);
    assert.equal(ledger.reservedOf(ALICE, COLLATERAL), 0n);
  });
});

describe("OrderLedger: finishing orders", () => {
  it("a cancelled live order releases its reservation and logs a cancel event", () => {
    const journal = new RecordingJournal();
    const ledger = new OrderLedger(journal);
    const order = accepted(ledger);
    ledger.finish(order, "CANCELED", "CANCELLED_BY_MAKER", 5, 5_000);
    assert.equal(ledger.reservedOf(ALICE, COLLATERAL), 0n);
    assert.equal(order.row.status, "CANCELED");
    assert.equal(order.row.remaining, "0");
    assert.deepEqual(
      journal.events.map((e) => [e.kind, e.seq]),
      [["cancel", 2]],
    );
    assert.equal(ledger.get(order.row.hash), undefined);
    assert.equal(ledger.nextSeq(), 3, "the log event used a sequence number");
  });

  it("an expired order is logged as expire; one with shares in flight stays tracked", () => {
    const journal = new RecordingJournal();
    const ledger = new OrderLedger(journal);
    const order = accepted(ledger);
    ledger.fillMaker(order.row.hash, 2n * SHARE_UNIT, 2_000);
    ledger.finish(order, "EXPIRED", "EXPIRED", 5, 5_000);
    assert.equal(journal.events[0]?.kind, "expire");
    assert.equal(ledger.get(order.row.hash), order);
    assert.equal(ledger.reservedOf(ALICE, COLLATERAL), needFor(0, 400_000, 2n * SHARE_UNIT));
  });

  it("remembers orders cancelled on chain", () => {
    const ledger = new OrderLedger(new RecordingJournal());
    assert.equal(ledger.isCancelledOnChain("0xabc"), false);
    ledger.markCancelledOnChain("0xabc");
    assert.equal(ledger.isCancelledOnChain("0xabc"), true);
  });
});

describe("OrderLedger: recovery", () => {
  it("tracks stored live orders with their reservation and in-flight shares", () => {
    const ledger = new OrderLedger(new RecordingJournal());
    const live = row();
    const matched = row({ status: "MATCHED", remaining: "0" });
    ledger.track(live, 0n);
    ledger.track(matched, 10n * SHARE_UNIT);
    ledger.addInflight(matched.hash, 10n * SHARE_UNIT);
    assert.equal(ledger.reservedOf(ALICE, COLLATERAL), 8n * SHARE_UNIT);
    assert.equal(ledger.openOf(ALICE).length, 1);
    assert.equal(ledger.size, 2);
    assert.equal(ledger.get(matched.hash)?.inflight, 10n * SHARE_UNIT);
    assert.equal(ledger.get(matched.hash)?.matched, 10n * SHARE_UNIT, "matched comes from the stored trades");
  });
});

describe("OrderLedger: matched shares (every order view's size_matched)", () => {
  const sizeMatched = (tracked: { row: OrderRow; matched: bigint }): unknown =>
    orderView(tracked.row, tracked.matched)["size_matched"];

  it("a cancelled order that never filled matched nothing", () => {
    const ledger = new OrderLedger(new RecordingJournal());
    const order = accepted(ledger);
    ledger.finish(order, "CANCELED", "CANCELLED_BY_MAKER", 2, 2_000);
    assert.equal(order.row.remaining, "0", "a closed order's remaining is 0 whatever it filled");
    assert.equal(order.matched, 0n);
    assert.equal(sizeMatched(order), "0");
  });

  it("a partly filled then cancelled order matched the filled part", () => {
    const ledger = new OrderLedger(new RecordingJournal());
    const order = accepted(ledger);
    ledger.fillMaker(order.row.hash, 4n * SHARE_UNIT, 2_000);
    ledger.finish(order, "CANCELED", "CANCELLED_BY_MAKER", 3, 3_000);
    assert.equal(order.matched, 4n * SHARE_UNIT);
    assert.equal(sizeMatched(order), "4");
  });

  it("a fully filled order matched its original size", () => {
    const ledger = new OrderLedger(new RecordingJournal());
    const order = accepted(ledger);
    ledger.fillMaker(order.row.hash, 6n * SHARE_UNIT, 2_000);
    ledger.fillMaker(order.row.hash, 4n * SHARE_UNIT, 2_000);
    assert.equal(order.row.status, "MATCHED");
    assert.equal(sizeMatched(order), "10");
  });

  it("a taker whose remainder was dropped (FAK) matched what it filled", () => {
    const ledger = new OrderLedger(new RecordingJournal());
    const taker = accepted(ledger, { order_type: "FAK" });
    ledger.placeTaker(taker, 3n * SHARE_UNIT, "UNMATCHED", 2_000);
    assert.equal(taker.row.remaining, "0");
    assert.equal(sizeMatched(taker), "3");
  });

  it("shares of a failed settlement are no longer matched", () => {
    const ledger = new OrderLedger(new RecordingJournal());
    const order = accepted(ledger);
    ledger.fillMaker(order.row.hash, 10n * SHARE_UNIT, 2_000);
    ledger.failed(order.row.hash, 10n * SHARE_UNIT);
    ledger.restore(order, 10n * SHARE_UNIT, 3);
    assert.equal(order.matched, 0n);
    assert.equal(sizeMatched(order), "0");
  });
});

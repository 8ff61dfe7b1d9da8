/**
 * The order ledger: the one owner of the orders the operator still tracks (open on the book
 * and/or in unsettled matches), of what they reserve of their makers' funds, of the order-log
 * sequence numbers and settlement ids, of every order hash ever accepted and of the orders
 * known to be cancelled on chain.
 *
 * Pure: no clock, no chain, no database. Every change that must reach storage goes to the
 * journal (the store's group-commit queue implements it), in the same synchronous step as the
 * in-memory change, so the two never drift apart between two awaits.
 */
import { Side, type SignedOrder, PRICE_SCALE } from "@forkcast/shared";

import { orderFromColumns } from "../db/signed-order.js";
import type { BookEventRow, OrderRow, OrderStatus, OrderUpdate } from "../db/store.js";
import { engineOrderFromRow } from "../engine/replay.js";
import type { EngineOrder } from "../engine/types.js";

/** "c" = collateral; otherwise the outcome token id in decimal. */
export type AssetKey = string;
export const COLLATERAL: AssetKey = "c";

/** What an order of `side` at `price` gives for `shares`: collateral (BUY) or its own token (SELL). */
export function needFor(side: number, price: number, shares: bigint): bigint {
  return side === Side.BUY ? (shares * BigInt(price)) / PRICE_SCALE : shares;
}

/** The asset an order gives: collateral for a BUY, its token for a SELL. */
export function assetOf(side: number, tokenId: string): AssetKey {
  return side === Side.BUY ? COLLATERAL : tokenId;
}

/**
 * An order the operator still tracks: open on the book and/or in unsettled matches. The row is
 * the one copy of its fields; `signed` and `template` are rebuilt from it when asked (settlement,
 * a failed settlement's return to the book, recovery), not kept: a resting order held them as an
 * extra object and nine BigInts each, which the garbage collector marked on every major GC
 * (docs/operator.md, "Latency at half load").
 */
export interface TrackedOrder {
  readonly row: OrderRow;
  /** The signed order as the exchange takes it. */
  readonly signed: SignedOrder;
  /** The engine order for this row (its `remaining` is the row's; callers set their own). */
  readonly template: EngineOrder;
  /** What the order gives: collateral (BUY) or its token (SELL). */
  readonly asset: AssetKey;
  /** Shares in settlements not yet CONFIRMED or FAILED. */
  inflight: bigint;
  /** Settlements this order was part of that failed (since it was tracked). */
  failures: number;
  /** Shares matched and not failed: the sum of its trades that are not FAILED. */
  matched: bigint;
}

/** Where the ledger's changes go to be stored (the store's write queue). */
export interface OrderJournal {
  addOrder(row: OrderRow): void;
  updateOrder(hash: string, update: OrderUpdate): void;
  addEvent(row: BookEventRow): void;
}

/** A class, not a literal with getters: its instances share one shape and keep in-object fields. */
class Tracked implements TrackedOrder {
  inflight = 0n;
  failures = 0;

  constructor(
    readonly row: OrderRow,
    readonly asset: AssetKey,
    public matched: bigint,
  ) {}

  get signed(): SignedOrder {
    return orderFromColumns(this.row);
  }

  get template(): EngineOrder {
    return engineOrderFromRow(this.row, BigInt(this.row.remaining));
  }
}

export class OrderLedger {
  private readonly orders = new Map<string, TrackedOrder>();
  private readonly known = new Set<string>();
  private readonly cancelledOnChain = new Set<string>();
  private readonly reserved = new Map<string, bigint>();
  private seq = 0;
  private settlementId = 0;

  constructor(private readonly journal: OrderJournal) {}

  private static key(maker: string, asset: AssetKey): string {
    return `${maker.toLowerCase()}|${asset}`;
  }

  // ------------------------------------------------------------------ startup

  /** Continues numbering after what storage holds, and remembers every stored order hash. */
  resume(state: { seq: number; settlementId: number; knownHashes: Iterable<string> }): void {
    this.seq = state.seq;
    this.settlementId = state.settlementId;
    for (const hash of state.knownHashes) this.known.add(hash);
  }

  private add(row: OrderRow, matched: bigint): TrackedOrder {
    const tracked = new Tracked(row, assetOf(row.side, row.token_id), matched);
    this.orders.set(row.hash, tracked);
    this.known.add(row.hash);
    return tracked;
  }

  /**
   * Tracks a stored order again (recovery); a LIVE one reserves its open remainder. `matched`:
   * the shares of its trades not FAILED (db/trade-queries.ts).
   */
  track(row: OrderRow, matched: bigint): TrackedOrder {
    const tracked = this.add(row, matched);
    if (row.status === "LIVE")
      this.reserve(row.maker, tracked.asset, needFor(row.side, row.price, BigInt(row.remaining)));
    return tracked;
  }

  /** Shares of a tracked order that sit in an unfinished settlement (recovery). */
  addInflight(hash: string, shares: bigint): void {
    const tracked = this.orders.get(hash);
    if (!tracked) return;
    tracked.inflight += shares;
    this.reserve(tracked.row.maker, tracked.asset, needFor(tracked.row.side, tracked.row.price, shares));
  }

  // ------------------------------------------------------------------ reads

  get(hash: string): TrackedOrder | undefined {
    return this.orders.get(hash);
  }

  all(): IterableIterator<TrackedOrder> {
    return this.orders.values();
  }

  /** The maker's LIVE orders. */
  openOf(maker: string): TrackedOrder[] {
    return [...this.orders.values()].filter((t) => t.row.maker === maker && t.row.status === "LIVE");
  }

  get size(): number {
    return this.orders.size;
  }

  isKnown(hash: string): boolean {
    return this.known.has(hash);
  }

  isCancelledOnChain(hash: string): boolean {
    return this.cancelledOnChain.has(hash);
  }

  reservedOf(maker: string, asset: AssetKey): bigint {
    return this.reserved.get(OrderLedger.key(maker, asset)) ?? 0n;
  }

  /** The sequence number the next accepted order gets. */
  nextSeq(): number {
    return this.seq + 1;
  }

  // ------------------------------------------------------------------ reservations

  reserve(maker: string, asset: AssetKey, amount: bigint): void {
    if (amount === 0n) return;
    const key = OrderLedger.key(maker, asset);
    this.reserved.set(key, (this.reserved.get(key) ?? 0n) + amount);
  }

  release(maker: string, asset: AssetKey, amount: bigint): void {
    if (amount === 0n) return;
    const key = OrderLedger.key(maker, asset);
    const next = (this.reserved.get(key) ?? 0n) - amount;
    if (next <= 0n) this.reserved.delete(key);
    else this.reserved.set(key, next);
  }

  // ------------------------------------------------------------------ changes

  markCancelledOnChain(hash: string): void {
    this.cancelledOnChain.add(hash);
  }

  /**
   * A newly accepted order (its seq must be `nextSeq()`): stored, remembered, and its whole size
   * reserved; `settle` (taker side of its own matches) then adjusts it.
   */
  accept(row: OrderRow): TrackedOrder {
    if (row.seq !== this.seq + 1) throw new Error(`order ${row.hash} has seq ${row.seq}, expected ${this.seq + 1}`);
    if (this.known.has(row.hash)) throw new Error(`order ${row.hash} is already in the ledger`);
    this.seq = row.seq;
    this.journal.addOrder(row);
    const tracked = this.add(row, 0n);
    this.reserve(row.maker, tracked.asset, needFor(row.side, row.price, BigInt(row.remaining)));
    return tracked;
  }

  nextSettlementId(): number {
    return ++this.settlementId;
  }

  private update(tracked: TrackedOrder, update: OrderUpdate): void {
    Object.assign(tracked.row, update);
    this.journal.updateOrder(tracked.row.hash, update);
  }

  /** A resting order filled by `shares` (now in flight); undefined when the order is not tracked. */
  fillMaker(hash: string, shares: bigint, nowMs: number): TrackedOrder | undefined {
    const maker = this.orders.get(hash);
    if (!maker) return undefined;
    maker.inflight += shares;
    maker.matched += shares;
    const remaining = BigInt(maker.row.remaining) - shares;
    this.update(maker, {
      remaining: remaining.toString(),
      status: remaining === 0n ? "MATCHED" : "LIVE",
      status_reason: null,
      updated_ms: nowMs,
    });
    return maker;
  }

  /**
   * The incoming order after matching: `filled` shares in flight, `open` left resting (0 unless
   * it rests), the rest of its reservation released; forgotten once nothing is left to follow.
   */
  placeTaker(taker: TrackedOrder, filled: bigint, status: OrderStatus, nowMs: number): void {
    taker.inflight += filled;
    taker.matched += filled;
    const open = status === "LIVE" ? BigInt(taker.row.remaining) - filled : 0n;
    const dropped = BigInt(taker.row.remaining) - filled - open;
    if (dropped > 0n) this.release(taker.row.maker, taker.asset, needFor(taker.row.side, taker.row.price, dropped));
    this.update(taker, { remaining: open.toString(), status, status_reason: null, updated_ms: nowMs });
    if (taker.inflight === 0n && status !== "LIVE") this.orders.delete(taker.row.hash);
  }

  /**
   * Takes an order off the book for good (cancel, expiry, invalidity): releases what its open
   * remainder reserved, records the status and, for a LIVE order, the log event.
   */
  finish(tracked: TrackedOrder, status: OrderStatus, reason: string, nowSeconds: number, nowMs: number): void {
    const remaining = BigInt(tracked.row.remaining);
    const wasLive = tracked.row.status === "LIVE";
    if (wasLive)
      this.release(tracked.row.maker, tracked.asset, needFor(tracked.row.side, tracked.row.price, remaining));
    this.update(tracked, { remaining: "0", status, status_reason: reason, updated_ms: nowMs });
    if (wasLive)
      this.journal.addEvent({
        seq: ++this.seq,
        kind: status === "EXPIRED" ? "expire" : "cancel",
        order_hash: tracked.row.hash,
        at_s: nowSeconds,
        shares: null,
      });
    if (tracked.inflight === 0n) this.orders.delete(tracked.row.hash);
  }

  /** `shares` of the order settled on chain: no longer in flight nor reserved. */
  settled(hash: string, shares: bigint): void {
    const tracked = this.orders.get(hash);
    if (!tracked) return;
    tracked.inflight -= shares;
    this.release(tracked.row.maker, tracked.asset, needFor(tracked.row.side, tracked.row.price, shares));
    if (tracked.inflight <= 0n && tracked.row.status !== "LIVE") this.orders.delete(hash);
  }

  /** `shares` of the order came back from a failed settlement: no longer in flight nor reserved, one more failure. */
  failed(hash: string, shares: bigint): TrackedOrder | undefined {
    const tracked = this.orders.get(hash);
    if (!tracked) return undefined;
    tracked.inflight -= shares;
    tracked.matched -= shares;
    tracked.failures++;
    this.release(tracked.row.maker, tracked.asset, needFor(tracked.row.side, tracked.row.price, shares));
    return tracked;
  }

  /** Marks an order that is no longer LIVE (matched or already finished) as dropped after a failed settlement. */
  dropAfterFailure(tracked: TrackedOrder, reason: string, nowMs: number): void {
    this.update(tracked, {
      remaining: tracked.row.remaining,
      status: tracked.row.status === "MATCHED" ? "INVALID" : tracked.row.status,
      status_reason: reason,
      updated_ms: nowMs,
    });
    if (tracked.inflight <= 0n) this.orders.delete(tracked.row.hash);
  }

  /**
   * `shares` from a failed settlement go back on the book with the order's open remainder, at
   * the original priority: the order is LIVE again with both reserved. Returns the shares it
   * now has open (the engine gets them resubmitted).
   */
  restore(tracked: TrackedOrder, shares: bigint, nowSeconds: number): bigint {
    const openBefore = tracked.row.status === "LIVE" ? BigInt(tracked.row.remaining) : 0n;
    if (tracked.row.status === "LIVE")
      this.release(tracked.row.maker, tracked.asset, needFor(tracked.row.side, tracked.row.price, openBefore));
    this.journal.addEvent({
      seq: ++this.seq,
      kind: "restore",
      order_hash: tracked.row.hash,
      at_s: nowSeconds,
      shares: shares.toString(),
    });
    Object.assign(tracked.row, { remaining: (openBefore + shares).toString(), status: "LIVE" as OrderStatus });
    this.reserve(tracked.row.maker, tracked.asset, needFor(tracked.row.side, tracked.row.price, openBefore + shares));
    return openBefore + shares;
  }
}

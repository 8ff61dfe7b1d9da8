/**
 * The matching engine: price-time priority over the unified YES-space book of each market.
 * Pure and deterministic: the same sequence of submit / cancel / restore calls with the same
 * `now` values yields the same fills, so replaying the stored order log rebuilds the book.
 */
import { PRICE_SCALE_NUMBER } from "@forkcast/shared";
import type { Hex } from "viem";

import { BookHalf, type Level } from "./book.js";
import {
  bookPosition,
  matchTypeOf,
  type BookSide,
  type EngineOrder,
  type Fill,
  type Removal,
  type SubmitResult,
} from "./types.js";

interface MarketBook {
  readonly bids: BookHalf;
  readonly asks: BookHalf;
}

export interface LevelView {
  /** Price of the requested outcome token, price units. */
  readonly price: number;
  readonly size: bigint;
}

export class MatchingEngine {
  private readonly books = new Map<string, MarketBook>();
  private readonly live = new Map<Hex, { order: EngineOrder; bookSide: BookSide; bookPrice: number }>();

  private book(marketId: string): MarketBook {
    let book = this.books.get(marketId);
    if (!book) {
      book = { bids: new BookHalf("bid"), asks: new BookHalf("ask") };
      this.books.set(marketId, book);
    }
    return book;
  }

  has(hash: Hex): boolean {
    return this.live.has(hash);
  }

  get(hash: Hex): EngineOrder | undefined {
    return this.live.get(hash)?.order;
  }

  openOrders(): IterableIterator<EngineOrder> {
    const entries = this.live.values();
    return (function* () {
      for (const entry of entries) yield entry.order;
    })();
  }

  /** Matches `order` against the book, then rests the remainder according to its type. `now` is unix seconds. */
  submit(order: EngineOrder, now: number): SubmitResult {
    if (this.live.has(order.hash)) return { status: "rejected", fills: [], removed: [], rejectReason: "DUPLICATE" };
    const { bookSide, bookPrice } = bookPosition(order.outcome, order.side, order.price);
    const book = this.book(order.marketId);
    const opposite = bookSide === "bid" ? book.asks : book.bids;
    const crosses = (levelPrice: number): boolean =>
      bookSide === "bid" ? levelPrice <= bookPrice : levelPrice >= bookPrice;
    const removed: Removal[] = [];

    if (order.postOnly) {
      if (this.fillable(opposite, order, now, crosses, true) > 0n) {
        return { status: "rejected", fills: [], removed: [], rejectReason: "POST_ONLY_WOULD_CROSS" };
      }
    } else if (order.orderType === "FOK" && this.fillable(opposite, order, now, crosses, false) < order.remaining) {
      return { status: "rejected", fills: [], removed: [], rejectReason: "FOK_NOT_FILLABLE" };
    }

    const fills: Fill[] = [];
    while (order.remaining > 0n) {
      const level = opposite.bestLevel();
      if (!level || !crosses(level.price)) break;
      const resting = opposite.front(level);
      if (!resting) {
        opposite.dropLevel(level.price);
        continue;
      }
      if (resting.expiration !== 0 && resting.expiration <= now) {
        this.removeResting(opposite, level, resting);
        removed.push({ hash: resting.hash, maker: resting.maker, reason: "EXPIRED" });
        continue;
      }
      if (resting.maker === order.maker) {
        this.removeResting(opposite, level, resting);
        removed.push({ hash: resting.hash, maker: resting.maker, reason: "SELF_TRADE" });
        continue;
      }
      const shares = resting.remaining < order.remaining ? resting.remaining : order.remaining;
      fills.push({
        takerHash: order.hash,
        makerHash: resting.hash,
        taker: order.maker,
        maker: resting.maker,
        marketId: order.marketId,
        type: matchTypeOf(order, resting),
        shares,
        makerPrice: resting.price,
        takerPrice: order.price,
        makerOutcome: resting.outcome,
        makerSide: resting.side,
        takerOutcome: order.outcome,
        takerSide: order.side,
      });
      order.remaining -= shares;
      opposite.reduce(level, resting, shares);
      if (resting.remaining === 0n) this.live.delete(resting.hash);
    }

    if (order.remaining === 0n) return { status: "matched", fills, removed };
    if (order.orderType === "FAK" || order.orderType === "FOK") return { status: "unmatched", fills, removed };
    const own = bookSide === "bid" ? book.bids : book.asks;
    own.add(order, bookPrice);
    this.live.set(order.hash, { order, bookSide, bookPrice });
    return { status: "live", fills, removed };
  }

  /** Removes an open order; returns its remaining shares, or 0n when it was not on the book. */
  cancel(hash: Hex): bigint {
    const entry = this.live.get(hash);
    if (!entry) return 0n;
    const book = this.book(entry.order.marketId);
    const half = entry.bookSide === "bid" ? book.bids : book.asks;
    const level = half.levels.get(entry.bookPrice);
    const remaining = entry.order.remaining;
    if (level) half.reduce(level, entry.order, remaining);
    else entry.order.remaining = 0n;
    this.live.delete(hash);
    return remaining;
  }

  /**
   * Puts `shares` back on an order after a failed settlement, at its original time priority.
   * `template` describes the order when it is no longer on the book (fully matched before).
   */
  restore(template: EngineOrder, shares: bigint): void {
    if (shares <= 0n) return;
    const entry = this.live.get(template.hash);
    if (entry) {
      const book = this.book(entry.order.marketId);
      const half = entry.bookSide === "bid" ? book.bids : book.asks;
      const level = half.levels.get(entry.bookPrice);
      if (level) {
        entry.order.remaining += shares;
        level.total += shares;
        return;
      }
      this.live.delete(template.hash);
    }
    const order: EngineOrder = { ...template, remaining: shares };
    const { bookSide, bookPrice } = bookPosition(order.outcome, order.side, order.price);
    const book = this.book(order.marketId);
    (bookSide === "bid" ? book.bids : book.asks).add(order, bookPrice);
    this.live.set(order.hash, { order, bookSide, bookPrice });
  }

  /**
   * Gives an order `extraShares` back after a failed settlement: its open remainder and the extra
   * are matched again (the book may have moved) and whatever is left rests at the order's original
   * time priority. Only resting order types come back; the caller drops FAK/FOK shares.
   */
  resubmit(template: EngineOrder, extraShares: bigint, now: number): SubmitResult {
    const open = this.cancel(template.hash);
    return this.submit({ ...template, remaining: open + extraShares, postOnly: false }, now);
  }

  /** Removes every open order whose expiration has passed. */
  expire(now: number): Removal[] {
    const removed: Removal[] = [];
    for (const { order } of [...this.live.values()]) {
      if (order.expiration !== 0 && order.expiration <= now) {
        this.cancel(order.hash);
        removed.push({ hash: order.hash, maker: order.maker, reason: "EXPIRED" });
      }
    }
    return removed;
  }

  /**
   * Aggregated levels for one outcome token: bids and asks in that token's own prices,
   * best first. NO's bids are the unified asks mirrored (1 − p) and vice versa.
   */
  depth(marketId: string, outcome: 0 | 1): { bids: LevelView[]; asks: LevelView[] } {
    const book = this.books.get(marketId);
    if (!book) return { bids: [], asks: [] };
    const view = (half: BookHalf, mirror: boolean): LevelView[] =>
      half.prices.map((price) => ({
        price: mirror ? PRICE_SCALE_NUMBER - price : price,
        size: (half.levels.get(price) as Level).total,
      }));
    return outcome === 0
      ? { bids: view(book.bids, false), asks: view(book.asks, false) }
      : { bids: view(book.asks, true), asks: view(book.bids, true) };
  }

  private removeResting(half: BookHalf, level: Level, resting: EngineOrder): void {
    half.reduce(level, resting, resting.remaining);
    this.live.delete(resting.hash);
  }

  /**
   * Shares the opposite side could give `order` right now, excluding expired and own orders (up to
   * what it needs). Read-only, so a rejected submission leaves the book exactly as it was.
   * `countOwn`: post-only must not rest across its own orders either, so they count as crossing.
   */
  private fillable(
    half: BookHalf,
    order: EngineOrder,
    now: number,
    crosses: (price: number) => boolean,
    countOwn: boolean,
  ): bigint {
    let total = 0n;
    for (const price of half.prices) {
      if (!crosses(price)) break;
      const level = half.levels.get(price) as Level;
      for (let i = level.head; i < level.orders.length; i++) {
        const resting = level.orders[i] as EngineOrder;
        if (resting.remaining === 0n) continue;
        if (resting.expiration !== 0 && resting.expiration <= now) continue;
        if (resting.maker === order.maker && !countOwn) continue;
        total += resting.remaining;
        if (total >= order.remaining) return total;
      }
    }
    return total;
  }
}

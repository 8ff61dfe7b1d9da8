/**
 * One side of the unified book: price levels kept sorted best-first, each a FIFO queue by arrival
 * sequence. Cancelled or filled entries are removed lazily from the queue head.
 */
import type { BookSide, EngineOrder } from "./types.js";

export interface Level {
  readonly price: number;
  /** Sorted by seq; entries with remaining === 0n are dead and skipped. */
  readonly orders: EngineOrder[];
  head: number;
  /** Sum of remaining shares of live entries. */
  total: bigint;
}

export class BookHalf {
  /** Prices, best first: descending for bids, ascending for asks. */
  readonly prices: number[] = [];
  readonly levels = new Map<number, Level>();

  constructor(readonly side: BookSide) {}

  private better(a: number, b: number): boolean {
    return this.side === "bid" ? a > b : a < b;
  }

  bestLevel(): Level | undefined {
    const price = this.prices[0];
    return price === undefined ? undefined : this.levels.get(price);
  }

  /** Adds an order at its book price, keeping the level sorted by seq (restores keep their original priority). */
  add(order: EngineOrder, bookPrice: number): void {
    let level = this.levels.get(bookPrice);
    if (!level) {
      level = { price: bookPrice, orders: [], head: 0, total: 0n };
      this.levels.set(bookPrice, level);
      let lo = 0;
      let hi = this.prices.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.better(this.prices[mid] as number, bookPrice)) lo = mid + 1;
        else hi = mid;
      }
      this.prices.splice(lo, 0, bookPrice);
    }
    const orders = level.orders;
    const last = orders[orders.length - 1];
    if (!last || last.seq < order.seq) orders.push(order);
    else {
      let lo = level.head;
      let hi = orders.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((orders[mid] as EngineOrder).seq < order.seq) lo = mid + 1;
        else hi = mid;
      }
      orders.splice(lo, 0, order);
    }
    level.total += order.remaining;
  }

  /** Reduces an order's remaining shares in place (fill or cancel) and drops the level when empty. */
  reduce(level: Level, order: EngineOrder, shares: bigint): void {
    order.remaining -= shares;
    level.total -= shares;
    if (level.total === 0n) this.dropLevel(level.price);
  }

  /** First live order of a level, advancing past dead entries. */
  front(level: Level): EngineOrder | undefined {
    const orders = level.orders;
    while (level.head < orders.length && (orders[level.head] as EngineOrder).remaining === 0n) level.head++;
    if (level.head > 64 && level.head * 2 > orders.length) {
      orders.splice(0, level.head);
      level.head = 0;
    }
    return orders[level.head];
  }

  dropLevel(price: number): void {
    if (!this.levels.delete(price)) return;
    const index = this.prices.indexOf(price);
    if (index >= 0) this.prices.splice(index, 1);
  }
}

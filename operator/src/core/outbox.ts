/**
 * Messages a change produces, held until that change is committed: nothing reaches a
 * WebSocket client before it is durable. Messages are built when the change happens (a
 * snapshot of the row then), published in that order by `publish()`, followed by the price
 * changes of every market touched.
 */
import type { Bus, Message } from "../bus.js";
import { orderMessage, tradeMessage, type OrderEventType } from "../api/views.js";
import type { TradeRow } from "../db/store.js";
import type { MarketFeed } from "./feed.js";
import type { TrackedOrder } from "./ledger.js";

interface Entry {
  readonly user?: string;
  readonly asset?: string;
  readonly message: Message;
}

export class Outbox {
  private readonly entries: Entry[] = [];
  private readonly markets = new Set<string>();
  private readonly assets = new Set<string>();

  constructor(
    private readonly bus: Bus,
    private readonly feed: MarketFeed,
  ) {}

  get size(): number {
    return this.entries.length;
  }

  /** An `order` message to the order's maker, queued last or at position `at` (a former `size`). */
  order(
    order: Pick<TrackedOrder, "row" | "matched">,
    type: OrderEventType,
    nowMs: number,
    reason?: string,
    at?: number,
  ): void {
    const entry = { user: order.row.maker, message: orderMessage(order.row, order.matched, type, nowMs, reason) };
    if (at === undefined) this.entries.push(entry);
    else this.entries.splice(at, 0, entry);
  }

  /** A `trade` message to both sides. */
  trade(trade: TradeRow, nowMs: number, reason?: string): void {
    const message = tradeMessage(trade, nowMs, reason);
    this.entries.push({ user: trade.taker, message }, { user: trade.maker, message });
  }

  /** A market-channel message for one asset. */
  market(asset: string, message: Message): void {
    this.entries.push({ asset, message });
  }

  /** After publishing, send the price changes of both tokens of this market. */
  touchMarket(marketId: string): void {
    this.markets.add(marketId);
  }

  /** After publishing, send the price changes of this asset. */
  touchAsset(assetId: string): void {
    this.assets.add(assetId);
  }

  publish(nowMs: number): void {
    for (const entry of this.entries) {
      if (entry.user) this.bus.publishUser(entry.user, entry.message);
      if (entry.asset) this.bus.publishMarket(entry.asset, entry.message);
    }
    for (const asset of this.assets) this.feed.publishPriceChanges(asset, nowMs);
    this.feed.publishMarkets(this.markets, nowMs);
  }
}

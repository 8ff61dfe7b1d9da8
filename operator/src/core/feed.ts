/**
 * The market feed: what the public sees of each book. Owns the last trade per market and the
 * levels last sent on the market channel per asset, reads depth from the engine, and produces
 * the market-channel messages (`book`, `price_change`, `last_trade_price`, Polymarket's shapes).
 * Pure apart from publishing on the bus.
 */
import { createHash } from "node:crypto";

import { formatUnits6, PRICE_SCALE_NUMBER } from "@forkcast/shared";

import type { Bus, Message } from "../bus.js";
import type { Fill } from "../engine/types.js";
import type { Market, MarketRegistry } from "../markets.js";

export interface Level {
  readonly price: string;
  readonly size: string;
}

export interface BookLevels {
  readonly market: Market;
  readonly outcome: 0 | 1;
  readonly bids: Level[];
  readonly asks: Level[];
}

/** What the feed reads of the engine. */
export interface DepthSource {
  depth(
    marketId: string,
    outcome: 0 | 1,
  ): { bids: { price: number; size: bigint }[]; asks: { price: number; size: bigint }[] };
}

/** The last trade of a market, in outcome-0 (YES) price units. */
export interface LastTrade {
  readonly price: number;
  readonly side: "BUY" | "SELL";
  readonly size: bigint;
  readonly at: number;
}

function levelMap(book: { bids: readonly Level[]; asks: readonly Level[] }): Map<string, string> {
  const map = new Map<string, string>();
  for (const level of book.bids) map.set(`BUY|${level.price}`, level.size);
  for (const level of book.asks) map.set(`SELL|${level.price}`, level.size);
  return map;
}

function bookHash(body: unknown): string {
  return createHash("sha1").update(JSON.stringify(body)).digest("hex");
}

export class MarketFeed {
  private readonly lastTrades = new Map<string, LastTrade>();
  /** Last levels sent on the market channel per asset: price_change messages carry the difference. */
  private readonly sentLevels = new Map<string, Map<string, string>>();

  constructor(
    private readonly depth: DepthSource,
    private readonly markets: MarketRegistry,
    private readonly bus: Bus,
  ) {}

  levels(tokenId: bigint | string): BookLevels | undefined {
    const entry = this.markets.byTokenId(tokenId);
    if (!entry) return undefined;
    const depth = this.depth.depth(entry.market.id, entry.outcome);
    const fmt = (levels: { price: number; size: bigint }[]): Level[] =>
      levels.map((l) => ({ price: formatUnits6(BigInt(l.price)), size: formatUnits6(l.size) }));
    return { market: entry.market, outcome: entry.outcome, bids: fmt(depth.bids), asks: fmt(depth.asks) };
  }

  bestPrices(tokenId: bigint | string): { bid: bigint | undefined; ask: bigint | undefined } | undefined {
    const entry = this.markets.byTokenId(tokenId);
    if (!entry) return undefined;
    const depth = this.depth.depth(entry.market.id, entry.outcome);
    return {
      bid: depth.bids[0] ? BigInt(depth.bids[0].price) : undefined,
      ask: depth.asks[0] ? BigInt(depth.asks[0].price) : undefined,
    };
  }

  /** The last trade price of the token (its own outcome's price), or undefined before any trade. */
  lastTradePrice(tokenId: bigint | string): { price: string; side: string } | undefined {
    const entry = this.markets.byTokenId(tokenId);
    if (!entry) return undefined;
    const last = this.lastTrades.get(entry.market.id);
    if (!last) return undefined;
    const price = entry.outcome === 0 ? last.price : PRICE_SCALE_NUMBER - last.price;
    return { price: formatUnits6(BigInt(price)), side: last.side };
  }

  lastTrade(marketId: string): LastTrade | undefined {
    return this.lastTrades.get(marketId);
  }

  /** Sets the last trade from storage (after a restart). */
  restoreLastTrade(marketId: string, trade: LastTrade): void {
    this.lastTrades.set(marketId, trade);
  }

  /** Records the last fill of a match and returns the `last_trade_price` message for its maker token. */
  recordTrade(last: Fill, nowMs: number): { asset: string; message: Message } {
    const market = this.markets.get(last.marketId);
    const asset = market ? market.tokens[last.makerOutcome].toString() : "";
    this.lastTrades.set(last.marketId, {
      price: last.makerOutcome === 0 ? last.makerPrice : PRICE_SCALE_NUMBER - last.makerPrice,
      side: last.takerSide === 0 ? "BUY" : "SELL",
      size: last.shares,
      at: nowMs,
    });
    return {
      asset,
      message: {
        event_type: "last_trade_price",
        asset_id: asset,
        market: last.marketId,
        price: formatUnits6(BigInt(last.makerPrice)),
        side: last.makerSide === 0 ? "BUY" : "SELL",
        size: formatUnits6(last.shares),
        fee_rate_bps: String(market?.feeRateBps ?? 0),
        timestamp: String(nowMs),
      },
    };
  }

  /** A full `book` snapshot of the token; it becomes the base later price changes are relative to. */
  bookMessage(tokenId: bigint | string, nowMs: number): Message {
    const assetId = tokenId.toString();
    const book = this.levels(assetId);
    if (!book) return { event_type: "book", asset_id: assetId, bids: [], asks: [] };
    this.sentLevels.set(assetId, levelMap(book));
    const body = { market: book.market.id, asset_id: assetId, bids: book.bids, asks: book.asks };
    return { event_type: "book", ...body, timestamp: String(nowMs), hash: bookHash(body) };
  }

  /** Sends `price_change` (levels whose size changed; size "0" = level gone) to an asset's market-channel listeners. */
  publishPriceChanges(assetId: string, nowMs: number): void {
    if (!this.bus.hasMarketListeners(assetId)) {
      this.sentLevels.delete(assetId);
      return;
    }
    const book = this.levels(assetId);
    if (!book) return;
    const now = levelMap(book);
    const before = this.sentLevels.get(assetId) ?? new Map<string, string>();
    const changes: { price: string; size: string; side: string }[] = [];
    const split = (key: string): { side: string; price: string } => {
      const [side = "", price = ""] = key.split("|");
      return { side, price };
    };
    for (const [key, size] of now) if (before.get(key) !== size) changes.push({ ...split(key), size });
    for (const key of before.keys()) if (!now.has(key)) changes.push({ ...split(key), size: "0" });
    this.sentLevels.set(assetId, now);
    if (changes.length === 0) return;
    const body = { market: book.market.id, asset_id: assetId, bids: book.bids, asks: book.asks };
    this.bus.publishMarket(assetId, {
      event_type: "price_change",
      market: book.market.id,
      asset_id: assetId,
      price_changes: changes,
      best_bid: book.bids[0]?.price ?? null,
      best_ask: book.asks[0]?.price ?? null,
      hash: bookHash(body),
      timestamp: String(nowMs),
    });
  }

  /** Price changes for both tokens of each market. */
  publishMarkets(marketIds: Iterable<string>, nowMs: number): void {
    for (const id of new Set(marketIds)) {
      const market = this.markets.get(id);
      if (!market) continue;
      for (const token of market.tokens) this.publishPriceChanges(token.toString(), nowMs);
    }
  }
}

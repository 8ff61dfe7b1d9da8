/**
 * The narrow surface the HTTP routes and WebSocket channels use: reads of the book, markets,
 * orders and trades, and the two writes (submit, cancel). Handlers never reach the store, the
 * chain client or a state owner directly; this is the one place that maps a route's question
 * onto the core.
 */
import type { Address } from "viem";

import type { Bus, Message } from "../bus.js";
import type { Core } from "../core/context.js";
import type { OrderRow, TradeRow } from "../db/store.js";
import { tradesOfOrders, type OrderTrades } from "../db/trade-queries.js";
import type { PostOrderBody, CancelBody } from "../intake/schema.js";
import type { Logger } from "../log.js";
import type { Market } from "../markets.js";
import { cancel, type CancelResult } from "../lifecycle/cancel.js";
import { submitOrder, type OrderResult } from "../lifecycle/submit.js";

export interface MarketReads {
  all(): Market[];
  get(id: string): Market | undefined;
  byTokenId(tokenId: bigint | string): { market: Market; outcome: 0 | 1 } | undefined;
}

export interface OperatorApi {
  readonly log: Logger;
  readonly bus: Bus;
  readonly markets: MarketReads;
  health(): { ok: true; db: string; chainId: number; exchange: Address };
  /** A `book` snapshot message of the token (also the base of later price changes on the market channel). */
  bookMessage(tokenId: bigint, eventType: "book"): Message;
  priceHistory(
    marketId: string,
    startMs: number,
    endMs: number,
    fidelitySec: number,
  ): Promise<{ t: number; p: number }[]>;
  trades(filter: {
    market?: string | undefined;
    user?: string | undefined;
    limit: number;
    before?: { ms: number; id: string } | undefined;
  }): Promise<TradeRow[]>;
  /** A maker's orders newest first, each as the operator knows it now (the in-memory row may be one commit ahead). */
  userOrders(
    maker: string,
    filter: { market?: string | undefined; openOnly: boolean; limit: number; beforeSeq?: number | undefined },
  ): Promise<OrderRow[]>;
  order(hash: string): Promise<OrderRow | undefined>;
  /** Shares matched (trades not FAILED) per order hash; orders that matched nothing may be absent. */
  matchedShares(hashes: readonly string[]): Promise<Map<string, bigint>>;
  submitOrder(body: PostOrderBody): Promise<OrderResult>;
  cancel(body: CancelBody): Promise<CancelResult>;
}

/**
 * Shares matched by an order: the ledger's running count when it tracks the order (it may be
 * one commit ahead of storage, like the row), else its stored trades. Both count the trades
 * that are not FAILED.
 */
export function matchedOf(core: Core, hash: string, stored: ReadonlyMap<string, OrderTrades>): bigint {
  return core.ledger.get(hash)?.matched ?? stored.get(hash)?.matched ?? 0n;
}

/** `matchedOf` for many orders, reading trades only for the orders the ledger does not track. */
export async function matchedShares(core: Core, hashes: readonly string[]): Promise<Map<string, bigint>> {
  const stored = await tradesOfOrders(
    core.store.db,
    hashes.filter((hash) => !core.ledger.get(hash)),
  );
  return new Map(hashes.map((hash) => [hash, matchedOf(core, hash, stored)]));
}

export function createOperatorApi(core: Core): OperatorApi {
  const current = (row: OrderRow): OrderRow => core.ledger.get(row.hash)?.row ?? row;
  return {
    log: core.log,
    bus: core.bus,
    markets: core.markets,
    health: () => ({
      ok: true,
      db: core.store.db.kind,
      chainId: core.config.chainId,
      exchange: core.chain.book.exchange,
    }),
    bookMessage: (tokenId) => core.feed.bookMessage(tokenId, Date.now()),
    priceHistory: (marketId, startMs, endMs, fidelitySec) =>
      core.store.priceHistory(marketId, startMs, endMs, fidelitySec),
    trades: (filter) => core.store.trades(filter),
    userOrders: async (maker, filter) => (await core.store.userOrders(maker, filter)).map(current),
    order: async (hash) => core.ledger.get(hash)?.row ?? (await core.store.order(hash)),
    matchedShares: (hashes) => matchedShares(core, hashes),
    submitOrder: (body) => submitOrder(core, body),
    cancel: (body) => cancel(core, body),
  };
}

/**
 * The narrow surface the HTTP routes and WebSocket channels use: reads of the book, markets,
 * orders and trades, and the two writes (submit, cancel). Handlers never reach the store, the
 * chain client or a state owner directly; this is the one place that maps a route's question
 * onto the core.
 */
import type { CancelBody, Health, PostOrder } from "@forkcast/shared/protocol";

import type { Bus, Message } from "../bus.js";
import type { Core } from "../core/context.js";
import type { BookLevels } from "../core/feed.js";
import type { OrderRow, TradeRow } from "../db/store.js";
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
  health(): Health;
  /** A `book` snapshot message of the token (also the base of later price changes on the market channel). */
  bookMessage(tokenId: bigint, eventType: "book"): Message;
  levels(tokenId: string): BookLevels | undefined;
  bestPrices(tokenId: string): { bid: bigint | undefined; ask: bigint | undefined } | undefined;
  lastTradePrice(tokenId: string): { price: string; side: string } | undefined;
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
  submitOrder(body: PostOrder): Promise<OrderResult>;
  cancel(body: CancelBody): Promise<CancelResult>;
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
    levels: (tokenId) => core.feed.levels(tokenId),
    bestPrices: (tokenId) => core.feed.bestPrices(tokenId),
    lastTradePrice: (tokenId) => core.feed.lastTradePrice(tokenId),
    priceHistory: (marketId, startMs, endMs, fidelitySec) =>
      core.store.priceHistory(marketId, startMs, endMs, fidelitySec),
    trades: (filter) => core.store.trades(filter),
    userOrders: async (maker, filter) => (await core.store.userOrders(maker, filter)).map(current),
    order: async (hash) => core.ledger.get(hash)?.row ?? (await core.store.order(hash)),
    submitOrder: (body) => submitOrder(core, body),
    cancel: (body) => cancel(core, body),
  };
}

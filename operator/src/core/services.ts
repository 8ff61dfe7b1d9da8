/**
 * The wider surface for in-process extensions that need more than the HTTP facade (the
 * Polymarket compatibility layer: API keys in the store, dead-man-switch drops, market
 * questions from chain): the core's state owners plus its stages bound to it.
 */
import { orderView } from "../api/views.js";
import type { OrderRow, OrderStatus } from "../db/store.js";
import type { PostOrderBody } from "../intake/schema.js";
import type { Market } from "../markets.js";
import { drop } from "../lifecycle/cancel.js";
import { upsertMarket } from "../lifecycle/markets.js";
import { submitOrder, type OrderResult } from "../lifecycle/submit.js";
import type { Core } from "./context.js";

export interface CoreServices extends Core {
  bestPrices(tokenId: bigint): { bid: bigint | undefined; ask: bigint | undefined } | undefined;
  lastTradePrice(tokenId: bigint): { price: string; side: string } | undefined;
  submitOrder(body: PostOrderBody): Promise<OrderResult>;
  /** The in-memory row of a tracked order (one commit ahead of storage), if tracked. */
  trackedRow(hash: string): OrderRow | undefined;
  drop(hashes: Iterable<string>, status: OrderStatus, reason: string): Promise<number>;
  upsertMarket(market: Market): Promise<void>;
  orderView(row: OrderRow): Record<string, unknown>;
}

export function coreServices(core: Core): CoreServices {
  return Object.assign(Object.create(core) as Core, {
    bestPrices: (tokenId: bigint) => core.feed.bestPrices(tokenId),
    lastTradePrice: (tokenId: bigint) => core.feed.lastTradePrice(tokenId),
    submitOrder: (body: PostOrderBody) => submitOrder(core, body),
    trackedRow: (hash: string) => core.ledger.get(hash)?.row,
    drop: (hashes: Iterable<string>, status: OrderStatus, reason: string) => drop(core, hashes, status, reason),
    upsertMarket: (market: Market) => upsertMarket(core, market),
    orderView,
  });
}

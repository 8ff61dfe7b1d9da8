/**
 * JSON shapes of Polymarket's CLOB as `@polymarket/clob-client` types them (OrderBookSummary,
 * OpenOrder, Trade, MakerOrder, simplified markets), built from the operator's rows. Pure.
 */
import { createHash } from "node:crypto";

import { formatUnits6, PRICE_SCALE_NUMBER } from "@forkcast/shared";

import type { OrderRow, TradeRow } from "../db/store.js";
import type { Market } from "../markets.js";

export const OUTCOME_NAMES = ["Yes", "No"] as const;

export interface Level {
  readonly price: string;
  readonly size: string;
}

/**
 * Polymarket lists book levels with the best price last: bids ascending, asks descending (the
 * client's market-order pricing walks each list from its end). Input: best first.
 */
export function polymarketLevels(bestFirst: { bids: readonly Level[]; asks: readonly Level[] }): {
  bids: Level[];
  asks: Level[];
} {
  return { bids: [...bestFirst.bids].reverse(), asks: [...bestFirst.asks].reverse() };
}

/** The client's `generateOrderBookSummaryHash`: SHA-1 of the JSON with `hash` set to "". */
export function bookHash(book: Record<string, unknown>): string {
  return createHash("sha1")
    .update(JSON.stringify({ ...book, hash: "" }))
    .digest("hex");
}

export interface BookSummaryInput {
  readonly market: string;
  readonly assetId: string;
  readonly timestampMs: number;
  readonly bestFirst: { bids: readonly Level[]; asks: readonly Level[] };
  readonly minOrderSize: string;
  readonly tickSize: string;
  readonly negRisk: boolean;
  readonly lastTradePrice: string;
}

/** OrderBookSummary with the field order Polymarket sends and the hash the client recomputes. */
export function bookSummary(input: BookSummaryInput): Record<string, unknown> {
  const { bids, asks } = polymarketLevels(input.bestFirst);
  const book: Record<string, unknown> = {
    market: input.market,
    asset_id: input.assetId,
    timestamp: String(input.timestampMs),
    hash: "",
    bids,
    asks,
    min_order_size: input.minOrderSize,
    tick_size: input.tickSize,
    neg_risk: input.negRisk,
    last_trade_price: input.lastTradePrice,
  };
  book["hash"] = bookHash(book);
  return book;
}

export function outcomeOf(market: Market | undefined, tokenId: string): string {
  if (!market) return "";
  if (market.tokens[0].toString() === tokenId) return OUTCOME_NAMES[0];
  if (market.tokens[1].toString() === tokenId) return OUTCOME_NAMES[1];
  return "";
}

/** The fields of the client's OpenOrder, on top of the operator's own order view (which carries `size_matched`). */
export function openOrderView(
  base: Record<string, unknown>,
  row: OrderRow,
  extra: { owner: string; associateTrades: string[]; market: Market | undefined },
): Record<string, unknown> {
  return {
    ...base,
    owner: extra.owner,
    maker_address: row.maker,
    outcome: outcomeOf(extra.market, row.token_id),
    associate_trades: extra.associateTrades,
    fee_rate_bps: String(row.fee_rate_bps),
  };
}

function priceIn(tokenId: string, trade: TradeRow): number {
  return trade.maker_token === tokenId ? trade.maker_price : PRICE_SCALE_NUMBER - trade.maker_price;
}

/**
 * A trade as the client's `Trade` from `viewer`'s side: the taker sees `trader_side` TAKER with
 * its own asset and side; a maker sees MAKER. `owner` is the viewer's API key; other parties'
 * `owner` is their address (the operator does not reveal other users' key ids).
 */
export function tradeView(
  trade: TradeRow,
  viewer: { address: string; apiKey: string },
  market: Market | undefined,
): Record<string, unknown> {
  const viewerIsTaker = trade.taker === viewer.address;
  const fee = String(market?.feeRateBps ?? 0);
  const side = (s: number): "BUY" | "SELL" => (s === 0 ? "BUY" : "SELL");
  return {
    id: trade.id,
    taker_order_id: trade.taker_hash,
    market: trade.market_id,
    asset_id: trade.taker_token,
    side: side(trade.taker_side),
    size: formatUnits6(BigInt(trade.shares)),
    fee_rate_bps: fee,
    price: formatUnits6(BigInt(priceIn(trade.taker_token, trade))),
    status: trade.status,
    match_time: String(Math.floor(trade.created_ms / 1000)),
    last_update: String(Math.floor(trade.updated_ms / 1000)),
    outcome: outcomeOf(market, trade.taker_token),
    bucket_index: 0,
    owner: viewerIsTaker ? viewer.apiKey : trade.taker,
    maker_address: trade.taker,
    maker_orders: [
      {
        order_id: trade.maker_hash,
        owner: trade.maker === viewer.address ? viewer.apiKey : trade.maker,
        maker_address: trade.maker,
        matched_amount: formatUnits6(BigInt(trade.shares)),
        price: formatUnits6(BigInt(trade.maker_price)),
        fee_rate_bps: fee,
        asset_id: trade.maker_token,
        outcome: outcomeOf(market, trade.maker_token),
        side: side(trade.maker_side),
      },
    ],
    transaction_hash: trade.tx_hash ?? "",
    trader_side: viewerIsTaker ? "TAKER" : "MAKER",
    match_type: trade.match_type,
    taker_address: trade.taker,
  };
}

/** A market in Polymarket's simplified form (sampling-simplified-markets, simplified-markets). */
export function simplifiedMarket(market: Market, prices: readonly [string, string]): Record<string, unknown> {
  return {
    condition_id: market.id,
    rewards: { rates: null, min_size: 0, max_spread: 0 },
    tokens: market.tokens.map((token, i) => ({
      token_id: token.toString(),
      outcome: OUTCOME_NAMES[i] ?? "",
      price: Number(prices[i] ?? "0"),
      winner: false,
    })),
    active: market.open,
    closed: !market.open,
    archived: false,
    accepting_orders: market.open,
  };
}

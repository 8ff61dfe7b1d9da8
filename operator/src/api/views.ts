/**
 * JSON views of the operator's rows, in Polymarket's CLOB shapes: what the REST routes return
 * and what the user channel carries, typed by the shared wire schemas. Amounts become 6-decimal
 * strings here and nowhere else.
 */
import { formatUnits6, PRICE_SCALE } from "@forkcast/shared";
import type { OrderView, TradeView } from "@forkcast/shared/protocol";

import type { Message } from "../bus.js";
import type { OrderRow, TradeRow } from "../db/store.js";

const sideName = (side: number): "BUY" | "SELL" => (side === 0 ? "BUY" : "SELL");
/** A stored 6-decimal amount or price (integer column or decimal text) as its decimal string. */
const units6 = (value: number | string | bigint): string => formatUnits6(BigInt(value));

/** An order's maker, token and side, in Polymarket's names (an order view, a trade's maker order). */
function orderParty(maker: string, tokenId: string, side: number) {
  return { maker_address: maker, asset_id: tokenId, side: sideName(side) };
}

/**
 * An order. `matched`: the shares of its trades that are not FAILED (db/trade-queries.ts, or
 * the ledger's running count of the same). The row alone cannot say it: a closed order's
 * `remaining` is 0 whether it filled or not.
 */
export function orderView(row: OrderRow, matched: bigint): OrderView {
  return {
    id: row.hash,
    status: row.status,
    reason: row.status_reason,
    owner: row.maker,
    market: row.market_id,
    ...orderParty(row.maker, row.token_id, row.side),
    price: units6(row.price),
    original_size: units6(row.original_shares),
    size_matched: units6(matched),
    remaining_size: units6(row.remaining),
    order_type: row.order_type,
    post_only: row.post_only,
    expiration: String(row.expiration),
    created_at: Math.floor(row.created_ms / 1000),
  };
}

export function tradeView(trade: TradeRow): TradeView {
  return {
    id: trade.id,
    taker_order_id: trade.taker_hash,
    market: trade.market_id,
    asset_id: trade.taker_token,
    side: sideName(trade.taker_side),
    size: units6(trade.shares),
    price: units6(
      trade.maker_token === trade.taker_token ? BigInt(trade.maker_price) : PRICE_SCALE - BigInt(trade.maker_price),
    ),
    match_type: trade.match_type,
    status: trade.status,
    match_time: String(Math.floor(trade.created_ms / 1000)),
    transaction_hash: trade.tx_hash,
    maker_address: trade.maker,
    taker_address: trade.taker,
    maker_orders: [
      {
        order_id: trade.maker_hash,
        ...orderParty(trade.maker, trade.maker_token, trade.maker_side),
        matched_amount: units6(trade.shares),
        price: units6(trade.maker_price),
      },
    ],
  };
}

export type OrderEventType = "PLACEMENT" | "UPDATE" | "CANCELLATION";

/** User-channel `order` message; `reason` is set when the order left the book for a reason. */
export function orderMessage(
  row: OrderRow,
  matched: bigint,
  type: OrderEventType,
  nowMs: number,
  reason?: string,
): Message {
  const message: Message = { event_type: "order", type, ...orderView(row, matched), timestamp: String(nowMs) };
  return reason === undefined ? message : { ...message, reason };
}

/** User-channel `trade` message; `reason` is set when its settlement failed. */
export function tradeMessage(trade: TradeRow, nowMs: number, reason?: string): Message {
  const message: Message = { event_type: "trade", ...tradeView(trade), timestamp: String(nowMs) };
  return reason === undefined ? message : { ...message, reason };
}

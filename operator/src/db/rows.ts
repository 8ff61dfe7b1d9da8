/**
 * The rows the operator stores, as TypeScript types, and the column types of the tables the
 * store bulk-inserts into (used by its `unnest` inserts).
 */
import type { MatchType, OrderStatus, OrderType, TradeStatus } from "@forkcast/shared/protocol";

export type { OrderStatus, TradeStatus };
export interface MarketRow {
  market_id: string;
  question: string;
  yes_token: string;
  no_token: string;
  tick_size: number;
  min_size: string;
  fee_rate_bps: number;
  status: "open" | "closed";
  created_ms: number;
}

export interface OrderRow {
  hash: string;
  seq: number;
  market_id: string;
  maker: string;
  signer: string;
  token_id: string;
  outcome: number;
  side: number;
  price: number;
  original_shares: string;
  remaining: string;
  order_type: OrderType;
  post_only: boolean;
  expiration: number;
  salt: string;
  maker_amount: string;
  taker_amount: string;
  nonce: string;
  fee_rate_bps: number;
  signature_type: number;
  signature: string;
  status: OrderStatus;
  status_reason: string | null;
  created_ms: number;
  updated_ms: number;
}

/** A non-submit entry of the order log; submits are the orders rows themselves (by seq). */
export interface BookEventRow {
  seq: number;
  kind: "cancel" | "restore" | "expire";
  order_hash: string;
  at_s: number;
  shares: string | null;
}

export type SettlementStatus = "PENDING" | "SENT" | "MINED" | "CONFIRMED" | "FAILED";

export interface SettlementRow {
  id: number;
  market_id: string;
  taker_hash: string;
  match_type: string;
  status: SettlementStatus;
  tx_hash: string | null;
  tx_nonce: number | null;
  raw_tx: string | null;
  attempts: number;
  block_number: number | null;
  error: string | null;
  created_ms: number;
  updated_ms: number;
}

/** A settlement as the matcher opens it: PENDING, no transaction sent yet. */
export function pendingSettlement(
  opened: Pick<SettlementRow, "id" | "market_id" | "taker_hash" | "match_type">,
  nowMs: number,
): SettlementRow {
  return {
    ...opened,
    status: "PENDING",
    tx_hash: null,
    tx_nonce: null,
    raw_tx: null,
    attempts: 0,
    block_number: null,
    error: null,
    created_ms: nowMs,
    updated_ms: nowMs,
  };
}

export interface TradeRow {
  id: string;
  settlement_id: number;
  market_id: string;
  taker_hash: string;
  maker_hash: string;
  taker: string;
  maker: string;
  match_type: MatchType;
  shares: string;
  maker_price: number;
  taker_price: number;
  maker_token: string;
  maker_side: number;
  taker_token: string;
  taker_side: number;
  status: TradeStatus;
  tx_hash: string | null;
  created_ms: number;
  updated_ms: number;
}

export interface OrderUpdate {
  remaining: string;
  status: OrderStatus;
  status_reason: string | null;
  updated_ms: number;
}

export type ColumnTypes<R> = readonly (readonly [keyof R & string, "text" | "int4" | "float8" | "bool"])[];

export const ORDER_COLUMNS: ColumnTypes<OrderRow> = [
  ["hash", "text"],
  ["seq", "int4"],
  ["market_id", "text"],
  ["maker", "text"],
  ["signer", "text"],
  ["token_id", "text"],
  ["outcome", "int4"],
  ["side", "int4"],
  ["price", "int4"],
  ["original_shares", "text"],
  ["remaining", "text"],
  ["order_type", "text"],
  ["post_only", "bool"],
  ["expiration", "float8"],
  ["salt", "text"],
  ["maker_amount", "text"],
  ["taker_amount", "text"],
  ["nonce", "text"],
  ["fee_rate_bps", "int4"],
  ["signature_type", "int4"],
  ["signature", "text"],
  ["status", "text"],
  ["status_reason", "text"],
  ["created_ms", "float8"],
  ["updated_ms", "float8"],
];
export const EVENT_COLUMNS: ColumnTypes<BookEventRow> = [
  ["seq", "int4"],
  ["kind", "text"],
  ["order_hash", "text"],
  ["at_s", "float8"],
  ["shares", "text"],
];
export const SETTLEMENT_COLUMNS: ColumnTypes<SettlementRow> = [
  ["id", "int4"],
  ["market_id", "text"],
  ["taker_hash", "text"],
  ["match_type", "text"],
  ["status", "text"],
  ["tx_hash", "text"],
  ["tx_nonce", "int4"],
  ["raw_tx", "text"],
  ["attempts", "int4"],
  ["block_number", "float8"],
  ["error", "text"],
  ["created_ms", "float8"],
  ["updated_ms", "float8"],
];
export const TRADE_COLUMNS: ColumnTypes<TradeRow> = [
  ["id", "text"],
  ["settlement_id", "int4"],
  ["market_id", "text"],
  ["taker_hash", "text"],
  ["maker_hash", "text"],
  ["taker", "text"],
  ["maker", "text"],
  ["match_type", "text"],
  ["shares", "text"],
  ["maker_price", "int4"],
  ["taker_price", "int4"],
  ["maker_token", "text"],
  ["maker_side", "int4"],
  ["taker_token", "text"],
  ["taker_side", "int4"],
  ["status", "text"],
  ["tx_hash", "text"],
  ["created_ms", "float8"],
  ["updated_ms", "float8"],
];

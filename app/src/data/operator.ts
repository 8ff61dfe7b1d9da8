/**
 * Client for the CLOB operator's REST API (Polymarket-style routes: /markets, /book,
 * /prices-history, /trades, /data/orders). Every response is parsed at this boundary with the
 * shared wire schemas (`@forkcast/shared/protocol`) into typed values with bigint amounts;
 * nothing else in the app sees raw JSON.
 */
import {
  bookSchema,
  cancelResponseSchema,
  errorBodySchema,
  marketViewSchema,
  orderResultSchema,
  ordersPageSchema,
  orderViewSchema,
  type OrderResult,
  parseWire,
  tradesPageSchema,
  tradeViewSchema,
  type CancelRequestBody,
  type Level as WireLevel,
  type OrderView,
  type PostOrderBody,
  type WireOutput,
  type WireSchema,
} from "@forkcast/shared/protocol";
import { type Hex, parseUnits } from "viem";

import type { Level } from "../lib/price.ts";

export const OPERATOR_URL: string | undefined = import.meta.env.VITE_OPERATOR_URL;

/** `path` on the operator; VITE_OPERATOR_URL may be absolute or a same-origin prefix such as `/operator`. */
export function operatorUrl(
  path: string,
  base: string = OPERATOR_URL ?? "",
  origin: string = globalThis.location?.origin ?? "http://localhost",
): string {
  const root = new URL(base, origin).href.replace(/\/$/, "");
  return `${root}${path}`;
}

/** The WebSocket URL of an operator channel (`/ws/market`). */
export function operatorWsUrl(path: string, base: string = OPERATOR_URL ?? "", origin?: string): string {
  return operatorUrl(path, base, origin).replace(/^http/, "ws");
}

export class OperatorError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface OperatorMarket {
  conditionId: `0x${string}`;
  question: string;
  open: boolean;
  tickSize: bigint;
  minOrderSize: bigint;
  feeRateBps: number;
  tokens: { tokenId: bigint; outcome: string }[];
}

export interface Book {
  bids: Level[];
  asks: Level[];
}

export interface Trade {
  id: string;
  side: "BUY" | "SELL";
  price: bigint;
  size: bigint;
  time: number;
  outcome: string;
  /** The token the taker traded (`asset_id`); `price` is in that token's terms. */
  tokenId: bigint | undefined;
}

async function get(path: string): Promise<unknown> {
  return send("GET", path);
}

async function send(method: "GET" | "POST" | "DELETE", path: string, payload?: unknown): Promise<unknown> {
  if (!OPERATOR_URL) throw new OperatorError("NOT_CONFIGURED", "No operator URL configured (VITE_OPERATOR_URL).");
  const response = await fetch(
    operatorUrl(path),
    payload === undefined
      ? { method }
      : { method, headers: { "content-type": "application/json" }, body: JSON.stringify(payload) },
  );
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = errorBodySchema.safeParse(body);
    throw error.success
      ? new OperatorError(error.data.error, error.data.message)
      : new OperatorError("HTTP", response.statusText || `HTTP ${response.status}`);
  }
  return body;
}

/** Parses an operator answer with its wire schema; a mismatch is a BAD_RESPONSE naming the fields. */
function read<S extends WireSchema>(schema: S, raw: unknown, what: string): WireOutput<S> {
  const result = parseWire(schema, raw, what);
  if (!result.ok) throw new OperatorError("BAD_RESPONSE", `operator ${what} does not match the API: ${result.message}`);
  return result.value;
}

const units = (v: string): bigint => parseUnits(v, 6);

export function parseMarket(raw: unknown): OperatorMarket {
  const m = read(marketViewSchema, raw, "market");
  return {
    conditionId: m.condition_id as Hex,
    question: m.question,
    open: m.active,
    tickSize: units(m.minimum_tick_size),
    minOrderSize: units(m.minimum_order_size),
    // Orders must carry the market's fee rate (the operator's maker_base_fee) or it rejects them.
    feeRateBps: m.maker_base_fee,
    tokens: m.tokens.map((t) => ({ tokenId: BigInt(t.token_id), outcome: t.outcome })),
  };
}

const levels = (list: readonly WireLevel[]): Level[] =>
  list.map((l) => ({ price: units(l.price), size: units(l.size) }));

/** Bids best (highest) first, asks best (lowest) first, whatever order the server sent (`GET /book` or a `book` message). */
export function parseBook(raw: unknown): Book {
  const book = read(bookSchema, raw, "book");
  const bids = levels(book.bids).sort((a, b) => (a.price > b.price ? -1 : a.price < b.price ? 1 : 0));
  const asks = levels(book.asks).sort((a, b) => (a.price < b.price ? -1 : a.price > b.price ? 1 : 0));
  return { bids, asks };
}

export function parseTrade(raw: unknown): Trade {
  const t = read(tradeViewSchema, raw, "trade");
  return {
    id: t.id,
    side: t.side,
    price: units(t.price),
    size: units(t.size),
    time: Number(t.match_time),
    // The core trade view names no outcome; describeTrade reads it from the token id.
    outcome: "",
    tokenId: BigInt(t.asset_id),
  };
}

export async function fetchMarket(conditionId: string): Promise<OperatorMarket> {
  return parseMarket(await get(`/markets/${conditionId}`));
}

export async function fetchBook(tokenId: bigint): Promise<Book> {
  return parseBook(await get(`/book?token_id=${tokenId}`));
}

export async function fetchTrades(conditionId: string): Promise<Trade[]> {
  const body = await get(`/trades?market=${conditionId}&limit=50`);
  return read(tradesPageSchema, body, "trades").data.map(parseTrade);
}

export interface OpenOrder {
  id: Hex;
  market: string;
  tokenId: bigint;
  side: "BUY" | "SELL";
  price: bigint;
  originalSize: bigint;
  sizeMatched: bigint;
  remaining: bigint;
  orderType: OrderView["order_type"];
  createdAt: number;
}

export function parseOpenOrder(raw: unknown): OpenOrder {
  const o = read(orderViewSchema, raw, "order");
  return fromOrderView(o);
}

function fromOrderView(o: OrderView): OpenOrder {
  return {
    id: o.id as Hex,
    market: o.market,
    tokenId: BigInt(o.asset_id),
    side: o.side,
    price: units(o.price),
    originalSize: units(o.original_size),
    sizeMatched: units(o.size_matched),
    remaining: units(o.remaining_size),
    orderType: o.order_type,
    createdAt: o.created_at,
  };
}

/** The maker's open orders in one market (newest first), or in every market when `conditionId` is omitted. */
export async function fetchOpenOrders(maker: string, conditionId?: string): Promise<OpenOrder[]> {
  const body = await get(`/data/orders?maker=${maker}${conditionId ? `&market=${conditionId}` : ""}`);
  return read(ordersPageSchema, body, "orders").data.map(fromOrderView);
}

export interface PlacedOrder {
  orderId: Hex;
  status: OrderResult["status"];
  makingAmount: bigint;
  takingAmount: bigint;
}

export async function postOrder(body: PostOrderBody): Promise<PlacedOrder> {
  const placed = read(orderResultSchema, await send("POST", "/order", body), "order response");
  return {
    orderId: placed.orderID as Hex,
    status: placed.status,
    makingAmount: BigInt(placed.makingAmount),
    takingAmount: BigInt(placed.takingAmount),
  };
}

/** scope 0 → `DELETE /order` (one hash) or `/orders`, 1 → `/cancel-all`, 2 → `/cancel-market-orders`. */
export async function cancelOrders(
  body: CancelRequestBody,
): Promise<{ canceled: string[]; notCanceled: Record<string, string> }> {
  const path =
    body.scope === 0
      ? (body.orderHashes?.length ?? 0) === 1
        ? "/order"
        : "/orders"
      : body.scope === 1
        ? "/cancel-all"
        : "/cancel-market-orders";
  const answer = read(cancelResponseSchema, await send("DELETE", path, body), "cancel response");
  return { canceled: answer.canceled, notCanceled: answer.not_canceled };
}

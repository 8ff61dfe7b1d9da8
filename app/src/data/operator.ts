/**
 * Client for the CLOB operator's REST API (Polymarket-style routes: /markets, /book,
 * /prices-history, /trades, /data/orders). Every response is parsed at this boundary into typed
 * values with bigint amounts; nothing else in the app sees raw JSON.
 */
import { type Address, type Hex, parseUnits } from "viem";

import type { PostOrderBody } from "../lib/order.ts";
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

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown, field: string): string => {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  throw new OperatorError("BAD_RESPONSE", `operator response field ${field} is not a string`);
};
const units = (v: unknown, field: string): bigint => parseUnits(str(v, field), 6);

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
    const message = isRecord(body) && typeof body.message === "string" ? body.message : response.statusText;
    throw new OperatorError(isRecord(body) && typeof body.error === "string" ? body.error : "HTTP", message);
  }
  return body;
}

export function parseMarket(raw: unknown): OperatorMarket {
  if (!isRecord(raw)) throw new OperatorError("BAD_RESPONSE", "market is not an object");
  const tokens = Array.isArray(raw.tokens) ? raw.tokens : [];
  return {
    conditionId: str(raw.condition_id, "condition_id") as `0x${string}`,
    question: str(raw.question, "question"),
    open: raw.active === true,
    tickSize: units(raw.minimum_tick_size, "minimum_tick_size"),
    minOrderSize: units(raw.minimum_order_size, "minimum_order_size"),
    // Orders must carry the market's fee rate (the operator's maker_base_fee) or it rejects them.
    feeRateBps: Number(raw.maker_base_fee ?? raw.taker_base_fee ?? 0),
    tokens: tokens
      .filter(isRecord)
      .map((t) => ({ tokenId: BigInt(str(t.token_id, "token_id")), outcome: str(t.outcome, "outcome") })),
  };
}

function parseLevels(raw: unknown, field: string): Level[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter(isRecord)
    .map((l) => ({ price: units(l.price, `${field}.price`), size: units(l.size, `${field}.size`) }));
}

/** Bids best (highest) first, asks best (lowest) first, whatever order the server sent. */
export function parseBook(raw: unknown): Book {
  if (!isRecord(raw)) throw new OperatorError("BAD_RESPONSE", "book is not an object");
  const bids = parseLevels(raw.bids, "bids").sort((a, b) => (a.price > b.price ? -1 : a.price < b.price ? 1 : 0));
  const asks = parseLevels(raw.asks, "asks").sort((a, b) => (a.price < b.price ? -1 : a.price > b.price ? 1 : 0));
  return { bids, asks };
}

export function parseTrade(raw: unknown): Trade {
  if (!isRecord(raw)) throw new OperatorError("BAD_RESPONSE", "trade is not an object");
  const side = str(raw.side, "side").toUpperCase();
  return {
    id: str(raw.id, "id"),
    side: side === "SELL" ? "SELL" : "BUY",
    price: units(raw.price, "price"),
    size: units(raw.size, "size"),
    time: Number(raw.match_time ?? raw.timestamp ?? 0),
    outcome: typeof raw.outcome === "string" ? raw.outcome : "",
    tokenId: raw.asset_id === undefined ? undefined : BigInt(str(raw.asset_id, "asset_id")),
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
  return isRecord(body) && Array.isArray(body.data) ? body.data.map(parseTrade) : [];
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
  orderType: string;
  createdAt: number;
}

export function parseOpenOrder(raw: unknown): OpenOrder {
  if (!isRecord(raw)) throw new OperatorError("BAD_RESPONSE", "order is not an object");
  return {
    id: str(raw.id, "id") as Hex,
    market: str(raw.market, "market"),
    tokenId: BigInt(str(raw.asset_id, "asset_id")),
    side: str(raw.side, "side").toUpperCase() === "SELL" ? "SELL" : "BUY",
    price: units(raw.price, "price"),
    originalSize: units(raw.original_size, "original_size"),
    sizeMatched: units(raw.size_matched, "size_matched"),
    remaining: units(raw.remaining_size, "remaining_size"),
    orderType: str(raw.order_type, "order_type"),
    createdAt: Number(raw.created_at ?? 0),
  };
}

/** The maker's open orders in one market, newest first. */
/** The maker's open orders in one market, or in every market when `conditionId` is omitted. */
export async function fetchOpenOrders(maker: string, conditionId?: string): Promise<OpenOrder[]> {
  const body = await get(`/data/orders?maker=${maker}${conditionId ? `&market=${conditionId}` : ""}`);
  return isRecord(body) && Array.isArray(body.data) ? body.data.map(parseOpenOrder) : [];
}

export interface PlacedOrder {
  orderId: Hex;
  status: string;
  makingAmount: bigint;
  takingAmount: bigint;
}

export async function postOrder(body: PostOrderBody): Promise<PlacedOrder> {
  const raw = await send("POST", "/order", body);
  if (!isRecord(raw)) throw new OperatorError("BAD_RESPONSE", "order response is not an object");
  if (raw.success === false)
    throw new OperatorError(str(raw.errorCode ?? "REJECTED", "errorCode"), str(raw.errorMsg ?? "", "errorMsg"));
  return {
    orderId: str(raw.orderID, "orderID") as Hex,
    status: str(raw.status, "status"),
    makingAmount: BigInt(str(raw.makingAmount ?? "0", "makingAmount")),
    takingAmount: BigInt(str(raw.takingAmount ?? "0", "takingAmount")),
  };
}

export interface CancelBody {
  maker: Address;
  scope: number;
  orderHashes: Hex[];
  market: Hex;
  timestamp: string;
  signature: Hex;
}

/** scope 0 → `DELETE /order` (one hash), scope 2 → `DELETE /cancel-market-orders`. */
export async function cancelOrders(
  body: CancelBody,
): Promise<{ canceled: string[]; notCanceled: Record<string, string> }> {
  const path =
    body.scope === 0
      ? body.orderHashes.length === 1
        ? "/order"
        : "/orders"
      : body.scope === 1
        ? "/cancel-all"
        : "/cancel-market-orders";
  const raw = await send("DELETE", path, body);
  if (!isRecord(raw)) throw new OperatorError("BAD_RESPONSE", "cancel response is not an object");
  const notCanceled: Record<string, string> = {};
  if (isRecord(raw.not_canceled))
    for (const [k, v] of Object.entries(raw.not_canceled)) notCanceled[k] = typeof v === "string" ? v : "not canceled";
  return { canceled: Array.isArray(raw.canceled) ? raw.canceled.map((c) => String(c)) : [], notCanceled };
}

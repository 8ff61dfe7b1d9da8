/**
 * Client for the CLOB operator's REST API (Polymarket-style routes: /markets, /book,
 * /prices-history, /trades, /data/orders). Every response is parsed at this boundary into typed
 * values with bigint amounts; nothing else in the app sees raw JSON.
 */
import { parseUnits } from "viem";

import type { Level } from "../lib/price.ts";

export const OPERATOR_URL: string | undefined = import.meta.env.VITE_OPERATOR_URL;

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

export interface PricePoint {
  t: number;
  p: number;
}

export interface Trade {
  id: string;
  side: "BUY" | "SELL";
  price: bigint;
  size: bigint;
  time: number;
  outcome: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown, field: string): string => {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  throw new OperatorError("BAD_RESPONSE", `operator response field ${field} is not a string`);
};
const units = (v: unknown, field: string): bigint => parseUnits(str(v, field), 6);

async function get(path: string): Promise<unknown> {
  if (!OPERATOR_URL) throw new OperatorError("NOT_CONFIGURED", "No operator URL configured (VITE_OPERATOR_URL).");
  const response = await fetch(new URL(path, OPERATOR_URL));
  const body: unknown = await response.json();
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
    feeRateBps: Number(raw.taker_base_fee ?? 0),
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
  };
}

export async function fetchMarkets(): Promise<OperatorMarket[]> {
  const body = await get("/markets");
  return isRecord(body) && Array.isArray(body.data) ? body.data.map(parseMarket) : [];
}

export async function fetchMarket(conditionId: string): Promise<OperatorMarket> {
  return parseMarket(await get(`/markets/${conditionId}`));
}

export async function fetchBook(tokenId: bigint): Promise<Book> {
  return parseBook(await get(`/book?token_id=${tokenId}`));
}

export async function fetchPriceHistory(tokenId: bigint, startTs: number): Promise<PricePoint[]> {
  const body = await get(`/prices-history?market=${tokenId}&startTs=${startTs}&fidelity=1`);
  if (!isRecord(body) || !Array.isArray(body.history)) return [];
  return body.history.filter(isRecord).map((h) => ({ t: Number(h.t), p: Number(h.p) }));
}

export async function fetchTrades(conditionId: string): Promise<Trade[]> {
  const body = await get(`/trades?market=${conditionId}&limit=50`);
  return isRecord(body) && Array.isArray(body.data) ? body.data.map(parseTrade) : [];
}

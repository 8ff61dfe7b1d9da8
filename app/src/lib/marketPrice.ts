/**
 * One price convention for every screen: an outcome's price is in ¢ per share of that outcome,
 * the book's midpoint while the spread is tight (≤ 10¢), the last trade otherwise (or when a
 * side of the book is empty). Also: the 24 h change against the price history, chart points
 * from the indexer's candles, and which outcome a trade traded. Pure.
 */
import { PRICE_SCALE } from "@forkcast/shared";
import { type Level, WIDE_SPREAD, formatCents } from "./price.ts";

export type PriceSource = "midpoint" | "last trade";

export interface CurrentPrice {
  price: bigint;
  source: PriceSource;
  /** What the number is, for a tooltip. */
  explanation: string;
}

/** The displayed price of an outcome, with where it comes from. */
export function currentPrice(
  bids: readonly Level[],
  asks: readonly Level[],
  lastTrade: bigint | undefined,
): CurrentPrice | undefined {
  const bid = bids[0];
  const ask = asks[0];
  const mid = bid && ask ? (bid.price + ask.price) / 2n : undefined;
  const spread = bid && ask ? ask.price - bid.price : undefined;
  const midpoint = (why: string): CurrentPrice | undefined =>
    mid === undefined
      ? undefined
      : {
          price: mid,
          source: "midpoint",
          explanation: `Midpoint of the best bid ${formatCents(bid?.price ?? 0n)} and ask ${formatCents(ask?.price ?? 0n)}${why}`,
        };
  if (spread !== undefined && spread <= WIDE_SPREAD) return midpoint(` (spread ${formatCents(spread)} ≤ 10¢).`);
  if (lastTrade !== undefined)
    return {
      price: lastTrade,
      source: "last trade",
      explanation:
        spread === undefined
          ? "Last trade: one side of the book is empty, so there is no midpoint."
          : `Last trade: the spread (${formatCents(spread)}) is over 10¢, so the midpoint says little.`,
    };
  return midpoint(": no trades yet.");
}

/** An indexer candle (prices in 1e6 units, time in chain seconds). */
export interface Candle {
  time: number;
  close: bigint;
  volume: bigint;
}

export const DAY_SECONDS = 86_400;

/**
 * The change over the last 24 h: the current price minus the last close at or before
 * `now − 24 h`. Undefined when nothing traded before that (there is nothing to compare with).
 */
export function change24h(candles: readonly Candle[], now: number, current: bigint | undefined): bigint | undefined {
  if (current === undefined) return undefined;
  let before: Candle | undefined;
  for (const c of candles) if (c.time <= now - DAY_SECONDS && (!before || c.time >= before.time)) before = c;
  return before ? current - before.close : undefined;
}

/** Collateral traded in the last 24 h, from candles (`volume` per candle). */
export function volume24h(candles: readonly Candle[], now: number): bigint {
  return candles.filter((c) => c.time > now - DAY_SECONDS).reduce((sum, c) => sum + c.volume, 0n);
}

/** "+3¢", "−2¢", "0¢". */
export function formatChange(change: bigint): string {
  if (change === 0n) return "0¢";
  return change > 0n ? `+${formatCents(change)}` : `−${formatCents(-change)}`;
}

export interface ChartPoint {
  /** Unix seconds, chain time. */
  t: number;
  /** Probability 0..1. */
  p: number;
}

/**
 * Chart points for a range: each candle's close; with no trade in the range, the last close
 * before it carries across; with no trade at all, the midpoint as a flat line (`noTrades`).
 */
export function chartPoints(
  candles: readonly Candle[],
  from: number,
  now: number,
  fallback: bigint | undefined,
): { points: ChartPoint[]; noTrades: boolean } {
  const sorted = [...candles].sort((a, b) => a.time - b.time);
  const toP = (price: bigint) => Number(price) / Number(PRICE_SCALE);
  const start = Math.max(from, 0);
  const inRange = sorted.filter((c) => c.time >= start && c.time <= now);
  const before = sorted.filter((c) => c.time < start).at(-1);
  if (sorted.length === 0) {
    if (fallback === undefined) return { points: [], noTrades: true };
    const t0 = Math.min(start || now - DAY_SECONDS, now - 1);
    return {
      points: [
        { t: t0, p: toP(fallback) },
        { t: now, p: toP(fallback) },
      ],
      noTrades: true,
    };
  }
  const points: ChartPoint[] = [];
  if (before) points.push({ t: start, p: toP(before.close) });
  for (const c of inRange) points.push({ t: c.time, p: toP(c.close) });
  const last = points.at(-1) ?? (before ? { t: start, p: toP(before.close) } : undefined);
  if (last && last.t < now) points.push({ t: now, p: last.p });
  return { points, noTrades: false };
}

export interface TradedToken {
  tokenId: bigint;
  /** The label to show: "Yes", "No", or for a multi-outcome market "Benfica · No". */
  label: string;
}

export interface TradeLike {
  /** The traded token (the operator's `asset_id`), if the trade names it. */
  tokenId: bigint | undefined;
  /** The outcome name the operator sent ("Yes"/"No"). */
  outcome: string;
  side: "BUY" | "SELL";
  /** Price of the traded token. */
  price: bigint;
}

/**
 * How a trade reads: in the outcome it traded, at that outcome's price. The NO leg of a MINT
 * (a NO bid matched with a YES bid) is a NO trade at its NO price, never a YES price.
 */
export function describeTrade(
  trade: TradeLike,
  tokens: readonly TradedToken[],
): { side: "BUY" | "SELL"; outcome: string; price: bigint } {
  const token = trade.tokenId === undefined ? undefined : tokens.find((t) => t.tokenId === trade.tokenId);
  return { side: trade.side, outcome: token?.label ?? (trade.outcome || "?"), price: trade.price };
}

/**
 * The indexer's own HTTP route, `GET /prices/{tokenId}` (OHLC candles of an outcome token).
 * GraphQL and SQL-over-HTTP are Ponder's protocols, typed by the query that asks them.
 * Errors come in the shared shape, `{ error: CODE, message }` (errors.ts).
 */
import { z } from "zod/v4";

import { safeUintString, tokenIdString } from "./fields.js";

export const MIN_CANDLE_INTERVAL_SECONDS = 1;
export const MAX_CANDLE_INTERVAL_SECONDS = 30 * 24 * 3600;
export const DEFAULT_CANDLE_INTERVAL_SECONDS = 3600;

export const pricesParam = tokenIdString;

/** `?interval=<seconds>&from=<unix>&to=<unix>`; omitted bounds mean "from the first / to the last trade". */
export const pricesQuery = z.object({
  interval: safeUintString
    .refine(
      (n) => n >= MIN_CANDLE_INTERVAL_SECONDS && n <= MAX_CANDLE_INTERVAL_SECONDS,
      `must be between ${MIN_CANDLE_INTERVAL_SECONDS} and ${MAX_CANDLE_INTERVAL_SECONDS} seconds`,
    )
    .default(DEFAULT_CANDLE_INTERVAL_SECONDS),
  from: safeUintString.optional(),
  to: safeUintString.optional(),
});

const uintText = z.string().regex(/^\d+$/, "must be a decimal integer");

/** One interval with trades; prices are collateral per token scaled by 10^6, amounts base units. */
export const candleSchema = z.object({
  /** Interval start, unix seconds. */
  time: z.number().int().nonnegative(),
  open: uintText,
  high: uintText,
  low: uintText,
  close: uintText,
  /** Collateral traded. */
  volume: uintText,
  /** Outcome tokens traded. */
  size: uintText,
  trades: z.number().int().positive(),
});
export type CandleJson = z.infer<typeof candleSchema>;

export const pricesResponseSchema = z.object({
  tokenId: uintText,
  marketId: z.string(),
  interval: z.number().int().positive(),
  candles: z.array(candleSchema),
});
export type PricesResponse = z.infer<typeof pricesResponseSchema>;

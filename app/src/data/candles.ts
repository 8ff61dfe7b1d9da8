/**
 * Price history from the indexer's `/prices/:tokenId` candles (chain timestamps; trades of the
 * complement token count at 1 − price). Parsed at this boundary with the shared wire schema into
 * bigint prices; the indexer's `{ error: CODE, message }` refusals become IndexerErrors.
 */
import { useQuery } from "@tanstack/react-query";

import { errorBodySchema, parseWire, pricesResponseSchema } from "@forkcast/shared/protocol";

import type { Candle } from "../lib/marketPrice.ts";
import { INDEXER_URL, IndexerError } from "./indexer.ts";

export function parseCandles(body: unknown): Candle[] {
  const prices = parseWire(pricesResponseSchema, body, "prices");
  if (!prices.ok) throw new IndexerError(`indexer prices do not match the API: ${prices.message}`);
  return prices.value.candles.map((k) => ({ time: k.time, close: BigInt(k.close), volume: BigInt(k.volume) }));
}

export async function fetchCandles(tokenId: bigint, intervalSeconds: number, from: number): Promise<Candle[]> {
  if (!INDEXER_URL) throw new IndexerError("No indexer configured (VITE_INDEXER_URL).");
  return fetchCandlesFrom(INDEXER_URL, tokenId, intervalSeconds, from);
}

/** Candles from the indexer at `base`; a token the indexer does not know has none. */
export async function fetchCandlesFrom(
  base: string,
  tokenId: bigint,
  intervalSeconds: number,
  from: number,
): Promise<Candle[]> {
  const url = `${base.replace(/\/$/, "")}/prices/${tokenId}?interval=${intervalSeconds}&from=${Math.max(0, Math.floor(from))}`;
  const response = await fetch(url);
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) return parseCandles(body);
  const refusal = errorBodySchema.safeParse(body);
  // A token nobody has traded yet is not indexed: no candles, not an error.
  if (refusal.success && refusal.data.error === "MARKET_NOT_FOUND") return [];
  throw new IndexerError(
    refusal.success
      ? `The indexer refused the price query: ${refusal.data.message} (${refusal.data.error}).`
      : `The indexer answered HTTP ${response.status} for ${url}.`,
  );
}

/** Candles of one token since `from` (chain seconds); polls so a new trade shows within seconds. */
export function useCandles(tokenId: bigint | undefined, intervalSeconds: number, from: number) {
  // Keyed by the minute so a ticking clock does not refetch every render.
  const fromMinute = Math.floor(from / 60) * 60;
  return useQuery({
    queryKey: ["candles", tokenId?.toString(), intervalSeconds, fromMinute],
    queryFn: () => fetchCandles(tokenId ?? 0n, intervalSeconds, fromMinute),
    enabled: Boolean(INDEXER_URL && tokenId !== undefined),
    refetchInterval: 3_000,
  });
}

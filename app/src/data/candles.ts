/**
 * Price history from the indexer's `/prices/:tokenId` candles (chain timestamps; trades of the
 * complement token count at 1 − price). Parsed at this boundary into bigint prices.
 */
import { useQuery } from "@tanstack/react-query";

import type { Candle } from "../lib/marketPrice.ts";
import { INDEXER_URL, IndexerError, big, int, record } from "./indexer.ts";

export function parseCandles(body: unknown): Candle[] {
  const list = record(body, "prices").candles;
  if (!Array.isArray(list)) throw new IndexerError("indexer field prices.candles is not a list");
  return list
    .map((row, i) => record(row, `prices.candles[${i}]`))
    .map((k) => ({
      time: int(k.time, "candle.time"),
      close: big(k.close, "candle.close"),
      volume: big(k.volume, "candle.volume"),
    }));
}

export async function fetchCandles(tokenId: bigint, intervalSeconds: number, from: number): Promise<Candle[]> {
  if (!INDEXER_URL) throw new IndexerError("No indexer configured (VITE_INDEXER_URL).");
  const url = `${INDEXER_URL.replace(/\/$/, "")}/prices/${tokenId}?interval=${intervalSeconds}&from=${Math.max(0, Math.floor(from))}`;
  const response = await fetch(url);
  if (response.status === 404) return [];
  if (!response.ok) throw new IndexerError(`the indexer answered ${response.status} for ${url}`);
  return parseCandles(await response.json());
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

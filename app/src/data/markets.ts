/**
 * Live order-book data from the operator API: one market's tokens, its book, its trades and its
 * price history (the market WebSocket keeps the book and trades current; see marketSocket.ts).
 * Market metadata and lists come from the indexer (catalog.ts).
 */
import { useQuery } from "@tanstack/react-query";

import { OPERATOR_URL, fetchBook, fetchMarket, fetchTrades } from "./operator.ts";

/** Why there is no data, for screens to say instead of showing an empty list. */
export function marketSourceProblem(): string | undefined {
  return OPERATOR_URL
    ? undefined
    : "No market data source: set VITE_OPERATOR_URL (the CLOB operator) or run `npm run dev`.";
}

export function useMarket(conditionId: string | undefined) {
  return useQuery({
    queryKey: ["market", conditionId],
    queryFn: () => fetchMarket(conditionId ?? ""),
    enabled: Boolean(OPERATOR_URL && conditionId),
    // The operator learns a new market from the exchange's events a moment after it is created.
    refetchInterval: (query) => (query.state.data ? 30_000 : 2_000),
  });
}

/** `live`: the market WebSocket keeps the cache current, so polling slows to a safety net. */
export function useBook(tokenId: bigint | undefined, live = false) {
  return useQuery({
    queryKey: ["book", tokenId?.toString()],
    queryFn: () => fetchBook(tokenId ?? 0n),
    enabled: Boolean(OPERATOR_URL && tokenId !== undefined),
    refetchInterval: live ? 30_000 : 2_000,
  });
}

export function useTrades(conditionId: string | undefined, live = false) {
  return useQuery({
    queryKey: ["trades", conditionId],
    queryFn: () => fetchTrades(conditionId ?? ""),
    enabled: Boolean(OPERATOR_URL && conditionId),
    refetchInterval: live ? 30_000 : 2_000,
  });
}

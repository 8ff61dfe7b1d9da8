/**
 * What the market page shows per outcome token: its book, its current price under the one
 * convention (lib/marketPrice.ts), its 24 h change from the indexer's candles, and the chain's
 * clock every countdown and chart range is measured on.
 */
import { useQueries } from "@tanstack/react-query";
import { useBlock } from "wagmi";

import { type CurrentPrice, DAY_SECONDS, change24h, currentPrice, volume24h } from "../lib/marketPrice.ts";
import { fetchCandles } from "./candles.ts";
import { INDEXER_URL } from "./indexer.ts";
import { OPERATOR_URL, fetchBook } from "./operator.ts";

/** The latest block's timestamp (the chain's clock, which a local node may run ahead of the wall clock). */
export function useChainNow(): number {
  const block = useBlock({ query: { refetchInterval: 2_000 } });
  return block.data ? Number(block.data.timestamp) : Math.floor(Date.now() / 1000);
}

export interface OutcomeQuote {
  tokenId: bigint;
  price: CurrentPrice | undefined;
  change: bigint | undefined;
  volume24h: bigint;
}

/** Current price and 24 h change of each token (last trades from the indexed market). */
export function useOutcomeQuotes(
  tokens: readonly { tokenId: bigint; lastTrade: bigint | undefined }[],
  now: number,
): OutcomeQuote[] {
  const from = Math.floor((now - 8 * DAY_SECONDS) / 3_600) * 3_600;
  const books = useQueries({
    queries: tokens.map((t) => ({
      queryKey: ["book", t.tokenId.toString()],
      queryFn: () => fetchBook(t.tokenId),
      enabled: Boolean(OPERATOR_URL),
      refetchInterval: 5_000,
    })),
  });
  const candles = useQueries({
    queries: tokens.map((t) => ({
      queryKey: ["candles", t.tokenId.toString(), 3_600, from],
      queryFn: () => fetchCandles(t.tokenId, 3_600, from),
      enabled: Boolean(INDEXER_URL),
      refetchInterval: 5_000,
    })),
  });
  return tokens.map((t, i) => {
    const book = books[i]?.data;
    const history = candles[i]?.data ?? [];
    const price = currentPrice(book?.bids ?? [], book?.asks ?? [], t.lastTrade);
    return {
      tokenId: t.tokenId,
      price,
      change: change24h(history, now, price?.price),
      volume24h: volume24h(history, now),
    };
  });
}

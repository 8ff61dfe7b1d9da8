/**
 * Live market data from the operator's `/ws/market` channel: `book` snapshots and `price_change`
 * deltas go straight into the book query's cache; `last_trade_price` refreshes trades and the
 * chart. While the socket is down the hooks poll (every 2 s for the book) and it reconnects.
 */
import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { parseUnits } from "viem";

import { type LevelChange, applyPriceChanges } from "../lib/bookUpdates.ts";
import { type Book, OPERATOR_URL, operatorWsUrl, parseBook } from "./operator.ts";

const RECONNECT_MS = 3_000;
const PING_MS = 20_000;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Applies one channel message to the query cache. Exported for tests. */
export function handleMarketMessage(queryClient: QueryClient, conditionId: string, message: unknown): void {
  for (const m of Array.isArray(message) ? message : [message]) {
    if (!isRecord(m) || typeof m.asset_id !== "string") continue;
    const key = ["book", m.asset_id];
    if (m.event_type === "book") {
      queryClient.setQueryData<Book>(key, parseBook(m));
    } else if (m.event_type === "price_change" && Array.isArray(m.price_changes)) {
      const book = queryClient.getQueryData<Book>(key);
      if (!book) {
        void queryClient.invalidateQueries({ queryKey: key });
        continue;
      }
      const changes: LevelChange[] = m.price_changes.filter(isRecord).map((c) => ({
        side: c.side === "SELL" ? "SELL" : "BUY",
        price: parseUnits(String(c.price), 6),
        size: parseUnits(String(c.size), 6),
      }));
      queryClient.setQueryData<Book>(key, applyPriceChanges(book, changes));
    } else if (m.event_type === "last_trade_price") {
      void queryClient.invalidateQueries({ queryKey: ["trades", conditionId] });
      void queryClient.invalidateQueries({ queryKey: ["history", m.asset_id] });
      void queryClient.invalidateQueries({ queryKey: ["openOrders"] });
    }
  }
}

/** Subscribes to the market's tokens; returns whether the socket is live (callers poll when it is not). */
export function useMarketSocket(conditionId: string | undefined, tokenIds: readonly bigint[]): boolean {
  const queryClient = useQueryClient();
  const [live, setLive] = useState(false);
  const assets = tokenIds.map(String).join(",");
  useEffect(() => {
    if (!OPERATOR_URL || !conditionId || assets === "" || typeof WebSocket === "undefined") return;
    let socket: WebSocket | undefined;
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let ping: ReturnType<typeof setInterval> | undefined;
    const connect = () => {
      socket = new WebSocket(operatorWsUrl("/ws/market"));
      socket.onopen = () => {
        socket?.send(JSON.stringify({ type: "market", assets_ids: assets.split(",") }));
        setLive(true);
        ping = setInterval(() => socket?.send("PING"), PING_MS);
      };
      socket.onmessage = (event) => {
        if (typeof event.data !== "string" || event.data === "PONG") return;
        try {
          handleMarketMessage(queryClient, conditionId, JSON.parse(event.data));
        } catch {
          // A malformed message: the polling fallback and the next snapshot keep the page right.
        }
      };
      socket.onclose = () => {
        setLive(false);
        clearInterval(ping);
        if (!stopped) retry = setTimeout(connect, RECONNECT_MS);
      };
      socket.onerror = () => socket?.close();
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      clearInterval(ping);
      socket?.close();
      setLive(false);
    };
  }, [queryClient, conditionId, assets]);
  return live;
}

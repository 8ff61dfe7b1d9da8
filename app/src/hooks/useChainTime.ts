/** The one clock of the app: the chain's (latest block time, ticking locally between blocks). */
import { useEffect, useRef, useState } from "react";
import { useBlock } from "wagmi";

import { chainNow } from "../lib/time.ts";

/** Chain time in unix seconds, re-read every 3 s and ticking every second; undefined until the first block. */
export function useChainTime(): number | undefined {
  const block = useBlock({ query: { refetchInterval: 3_000 } });
  const seen = useRef<{ timestamp: number; atMs: number } | undefined>(undefined);
  const timestamp = block.data ? Number(block.data.timestamp) : undefined;
  if (timestamp !== undefined && seen.current?.timestamp !== timestamp) {
    seen.current = { timestamp, atMs: Date.now() };
  }
  const [nowMs, setNowMs] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNowMs(Date.now()), 1_000);
    return () => clearInterval(t);
  }, []);
  return seen.current ? chainNow(seen.current.timestamp, seen.current.atMs, nowMs) : undefined;
}

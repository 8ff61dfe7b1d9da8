/**
 * End to end on a local Hardhat node mining a block every second: order submitted → trade
 * CONFIRMED latency (steady load of crossing pairs), and fills settled per block under a burst
 * where each taker sweeps 10 resting orders (one matchOrders per taker).
 */
import { SHARE_UNIT, COLLATERAL_UNIT, Side } from "@forkcast/shared";
import WebSocket from "ws";

import { startChain, type Trader } from "../../operator/test/helpers/chain.js";
import { freshDataDir, operatorEnv, waitFor } from "../../operator/test/helpers/operator.js";
import { orderBody } from "../../operator/test/helpers/orders.js";
import { Client, deployBenchStack, percentile, spawnOperator } from "./harness.js";

export interface E2eResult {
  p50Ms: number;
  p99Ms: number;
  steadyTrades: number;
  fillsPerBlock: number;
  fillsPerBlockMean: number;
  burstFills: number;
  burstBlocks: number;
}

const BLOCK_MS = 1_000;

export async function benchE2e(options: { steadySeconds?: number; burstTakers?: number } = {}): Promise<E2eResult> {
  const chain = await startChain();
  try {
    const { stack, signer } = await deployBenchStack(chain, {
      fundUsd: 10_000n * COLLATERAL_UNIT,
      splitUsd: 1_000n * COLLATERAL_UNIT,
    });
    await chain.rpc("evm_setAutomine", [false]);
    await chain.rpc("evm_setIntervalMining", [BLOCK_MS]);
    const makers = stack.traders.slice(0, 16);
    const takers = stack.traders.slice(16);
    const op = await spawnOperator(
      operatorEnv(
        stack,
        { dataDir: freshDataDir() },
        {
          OPERATOR_LOG_LEVEL: "warn",
          OPERATOR_POLL_MS: "100",
          OPERATOR_RATE_LIMIT_PER_SEC: "100000",
          OPERATOR_RATE_LIMIT_BURST: "100000",
        },
      ),
    );
    const client = new Client(op.url, 16);
    const confirmedAt = new Map<string, { at: number; tx: string }>();
    const sockets: WebSocket[] = [];
    try {
      for (const taker of takers) {
        const ws = new WebSocket(`${op.url.replace("http", "ws")}/ws/user`);
        await new Promise<void>((resolve, reject) => {
          ws.once("open", () => resolve());
          ws.once("error", reject);
        });
        ws.on("message", (data) => {
          const message = JSON.parse(data.toString()) as Record<string, unknown>;
          if (message["event_type"] === "trade" && message["status"] === "CONFIRMED") {
            const key = `${String(message["taker_order_id"])}|${String(message["id"])}`;
            if (!confirmedAt.has(key))
              confirmedAt.set(key, { at: Date.now(), tx: String(message["transaction_hash"]) });
          }
        });
        ws.send(JSON.stringify({ type: "user", address: taker.address }));
        sockets.push(ws);
      }
      const post = async (who: Trader, side: Side, price: bigint, shares: bigint): Promise<string> => {
        const response = await client.request(
          "POST",
          "/order",
          JSON.stringify(orderBody(signer.signed(who.key, who.address, { tokenId: stack.yes, side, price, shares }))),
        );
        if (response.status !== 200) throw new Error(`order rejected: ${response.text}`);
        return String((JSON.parse(response.text) as Record<string, unknown>)["orderID"]);
      };

      // Steady load: one crossing pair every 100 ms.
      const submitted = new Map<string, number>();
      const steadyEnd = Date.now() + (options.steadySeconds ?? 10) * 1000;
      let i = 0;
      while (Date.now() < steadyEnd) {
        const maker = makers[i % makers.length] as Trader;
        const taker = takers[i % takers.length] as Trader;
        await post(maker, Side.SELL, 500_000n, SHARE_UNIT);
        const start = Date.now();
        submitted.set(await post(taker, Side.BUY, 500_000n, SHARE_UNIT), start);
        i++;
        await new Promise((r) => setTimeout(r, 100));
      }
      await waitFor(
        "steady trades confirmed",
        () =>
          [...submitted.keys()].every((h) => [...confirmedAt.keys()].some((k) => k.startsWith(h))) ? true : undefined,
        60_000,
      );
      const latencies: number[] = [];
      for (const [hash, start] of submitted) {
        const entry = [...confirmedAt.entries()].find(([k]) => k.startsWith(hash));
        if (entry) latencies.push(entry[1].at - start);
      }
      latencies.sort((a, b) => a - b);

      // Burst: 10 resting asks per sweep, then sweeping takers.
      const sweeps = options.burstTakers ?? 60;
      const asks: Promise<string>[] = [];
      for (let s = 0; s < sweeps * 10; s++)
        asks.push(post(makers[s % makers.length] as Trader, Side.SELL, 510_000n, SHARE_UNIT));
      await Promise.all(asks);
      const burstHashes = await Promise.all(
        Array.from({ length: sweeps }, (_, s) =>
          post(takers[s % takers.length] as Trader, Side.BUY, 510_000n, 10n * SHARE_UNIT),
        ),
      );
      await waitFor(
        "burst confirmed",
        () =>
          burstHashes.every((h) => [...confirmedAt.keys()].filter((k) => k.startsWith(h)).length === 10)
            ? true
            : undefined,
        120_000,
      );
      const txs = new Map<string, number>();
      for (const [key, value] of confirmedAt)
        if (burstHashes.some((h) => key.startsWith(h))) txs.set(value.tx, (txs.get(value.tx) ?? 0) + 1);
      const perBlock = new Map<bigint, number>();
      for (const [tx, fills] of txs) {
        const receipt = await chain.client.getTransactionReceipt({ hash: tx as `0x${string}` });
        perBlock.set(receipt.blockNumber, (perBlock.get(receipt.blockNumber) ?? 0) + fills);
      }
      const counts = [...perBlock.values()];
      const burstFills = counts.reduce((a, b) => a + b, 0);
      return {
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        steadyTrades: latencies.length,
        fillsPerBlock: Math.max(...counts),
        fillsPerBlockMean: burstFills / counts.length,
        burstFills,
        burstBlocks: counts.length,
      };
    } finally {
      for (const ws of sockets) ws.close();
      client.close();
      await op.stop();
    }
  } finally {
    await chain.stop();
  }
}

/**
 * HTTP intake over loopback: the operator as a separate process (PGlite), concurrent keep-alive
 * clients posting pre-signed orders from 18 makers; sustained accepted orders/s and latency.
 * The mix is non-crossing (bids below 0.50, asks above) so the figure is intake, not settlement.
 */
import { maxUint256 } from "viem";

import { deployStack, ONE, startChain, type Trader } from "../../operator/test/helpers/chain.js";
import { freshDataDir, operatorEnv } from "../../operator/test/helpers/operator.js";
import { OrderSigner, orderBody } from "../../operator/test/helpers/orders.js";
import { startPostgres } from "../../scripts/lib/services.ts";
import { Client, percentile, processCpuSeconds, spawnOperator } from "./harness.js";

export interface HttpResult {
  ordersPerSec: number;
  p50Ms: number;
  p99Ms: number;
  accepted: number;
  rejected: number;
  concurrency: number;
  /** Operator process CPU (all threads) per accepted order, microseconds. */
  cpuUsPerOrder: number;
  /** The measured phase on the monotonic clock (µs), the time base of a `--cpu-prof` profile. */
  windowUs: [start: number, end: number];
}

const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

export async function benchHttp(
  options: {
    orders?: number;
    concurrency?: number;
    workers?: number;
    backend?: "pglite" | "postgres";
    batch?: number;
  } = {},
): Promise<HttpResult> {
  const batch = options.batch ?? 1;
  const total = options.orders ?? 30_000;
  const concurrency = options.concurrency ?? 32;
  const pg = options.backend === "postgres" ? await startPostgres() : undefined;
  const chain = await startChain();
  try {
    const stack = await deployStack(chain, { traders: 18, fundUsd: 100_000n * ONE, splitUsd: 5_000n * ONE });
    void maxUint256;
    const signer = new OrderSigner(31337, stack.exchange);
    const traders = stack.traders;
    const bodies: string[] = [];
    for (let i = 0; i < total + traders.length; i++) {
      const trader = traders[i % traders.length] as Trader;
      const buy = i % 2 === 0;
      const level = BigInt(1 + (i % 49)) * 10_000n;
      const price = buy ? level : 1_000_000n - level;
      bodies.push(
        JSON.stringify(
          orderBody(
            signer.signed(trader.key, trader.address, { tokenId: stack.yes, side: buy ? 0 : 1, price, shares: ONE }),
          ),
        ),
      );
    }
    const op = await spawnOperator(
      operatorEnv(stack, pg ? { databaseUrl: pg.url } : { dataDir: freshDataDir() }, {
        OPERATOR_LOG_LEVEL: "warn",
        OPERATOR_POLL_MS: "250",
        OPERATOR_RATE_LIMIT_PER_SEC: "100000",
        OPERATOR_RATE_LIMIT_BURST: "100000",
        OPERATOR_SIGNATURE_WORKERS: String(options.workers ?? 1),
      }),
    );
    const client = new Client(op.url, concurrency);
    try {
      // Warm-up: one order per maker loads nonce/balance caches (RPC), as a live operator has them.
      for (let i = 0; i < traders.length; i++) {
        const response = await client.request("POST", "/order", bodies[i]);
        if (response.status !== 200) throw new Error(`warm-up order rejected: ${response.text}`);
      }
      let next = traders.length;
      let accepted = 0;
      let rejected = 0;
      let firstError = "";
      const latencies: number[] = [];
      const worker = async (): Promise<void> => {
        while (next < bodies.length) {
          if (batch === 1) {
            const body = bodies[next++] as string;
            const start = performance.now();
            const response = await client.request("POST", "/order", body);
            latencies.push(performance.now() - start);
            if (response.status === 200) accepted++;
            else {
              rejected++;
              firstError ||= response.text;
            }
            continue;
          }
          const group = bodies.slice(next, next + batch);
          next += group.length;
          const start = performance.now();
          const response = await client.request("POST", "/orders", `[${group.join(",")}]`);
          latencies.push(performance.now() - start);
          const results = response.status === 200 ? (JSON.parse(response.text) as { success: boolean }[]) : [];
          const ok = results.filter((r) => r.success).length;
          accepted += ok;
          rejected += group.length - ok;
          if (ok < group.length) firstError ||= response.text.slice(0, 300);
        }
      };
      const pid = op.process.pid as number;
      const cpuBefore = processCpuSeconds(pid);
      const windowStart = monotonicUs();
      const start = performance.now();
      await Promise.all(Array.from({ length: concurrency }, () => worker()));
      const seconds = (performance.now() - start) / 1000;
      const windowEnd = monotonicUs();
      const cpuUsPerOrder = ((processCpuSeconds(pid) - cpuBefore) * 1e6) / Math.max(1, accepted);
      if (rejected > 0) console.warn(`http bench: ${rejected} orders rejected, first: ${firstError}`);
      latencies.sort((a, b) => a - b);
      return {
        ordersPerSec: accepted / seconds,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        accepted,
        rejected,
        concurrency,
        cpuUsPerOrder,
        windowUs: [windowStart, windowEnd],
      };
    } finally {
      client.close();
      await op.stop();
    }
  } finally {
    await chain.stop();
    await pg?.stop();
  }
}

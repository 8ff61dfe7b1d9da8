/**
 * HTTP intake over loopback: the operator as a separate process (PGlite or PostgreSQL),
 * keep-alive clients posting pre-signed orders from 18 makers; accepted orders/s, latency and
 * CPU per order of the operator, of the PostgreSQL server and of this load generator.
 * The mix is non-crossing (bids below 0.50, asks above) so the figure is intake, not settlement.
 *
 * Two load shapes: closed loop (`concurrency` clients, each sends its next request when the
 * previous one is answered: the maximum rate) and open loop (`ratePerSec`: requests leave on a
 * fixed schedule whatever the answers, and latency counts from the scheduled time, so a stall
 * shows up in the percentiles instead of slowing the sender).
 */
import { SHARE_UNIT, COLLATERAL_UNIT, PRICE_SCALE } from "@forkcast/shared";
import { monitorEventLoopDelay } from "node:perf_hooks";

import type { Trader } from "../../operator/test/helpers/chain.js";
import { freshDataDir, operatorEnv } from "../../operator/test/helpers/operator.js";
import { orderBody } from "../../operator/test/helpers/orders.js";
import { startPostgres } from "../../scripts/lib/services.ts";
import {
  Client,
  deployBenchStack,
  percentile,
  postgresPids,
  processCpuSeconds,
  processesCpuSeconds,
  spawnOperator,
} from "./harness.js";
import { startChainProcess } from "./chain-process.js";
import { LeanClient } from "./loadgen.js";

export interface HttpResult {
  ordersPerSec: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  accepted: number;
  rejected: number;
  concurrency: number;
  /** Operator process CPU (all threads) per accepted order, microseconds. */
  cpuUsPerOrder: number;
  /** PostgreSQL server CPU (postmaster and backends) per accepted order; 0 with PGlite. */
  dbCpuUsPerOrder: number;
  /** This process's CPU per accepted order: the HTTP clients (the chain runs in a child process). */
  loadGenCpuUsPerOrder: number;
  /**
   * p99 event-loop delay of this process over the measured phase (ms): how long a ready answer or
   * a due open-loop send can wait for the load generator itself; part of every latency above.
   */
  loadGenLoopDelayP99Ms: number;
  /** The open-loop rate asked for (0 in closed loop). */
  ratePerSec: number;
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
    /** Open loop at this many orders per second instead of closed-loop clients. */
    ratePerSec?: number;
    /** Orders sent (closed loop, not measured) after the per-maker warm-up; default 1000. */
    warmUpOrders?: number;
    /**
     * Open loop only: seconds of traffic at `ratePerSec` on all the connections, sent and
     * answered before the measured phase starts (default 3). The closed-loop warm-up alone leaves
     * the operator cold for this shape: most of the connections are new, and for its first second
     * the operator spends half again as much CPU per order (JIT tiers, connection set-up), which
     * queues requests for ~100 ms. A serving operator is past that; the measurement should be too.
     */
    openLoopWarmUpSeconds?: number;
  } = {},
): Promise<HttpResult> {
  const batch = options.batch ?? 1;
  const total = options.orders ?? 30_000;
  const ratePerSec = options.ratePerSec ?? 0;
  const concurrency = ratePerSec > 0 ? 256 : (options.concurrency ?? 32);
  const pg = options.backend === "postgres" ? await startPostgres() : undefined;
  // The chain in a process of its own, off the load generator's event loop.
  const chain = await startChainProcess();
  try {
    const { stack, signer } = await deployBenchStack(chain, {
      fundUsd: 100_000n * COLLATERAL_UNIT,
      splitUsd: 5_000n * COLLATERAL_UNIT,
    });
    const traders = stack.traders;
    const bodies: string[] = [];
    // Warm-up orders (not measured) first: one per maker loads the nonce and balance caches (RPC),
    // as a live operator has them; then enough for the JIT to settle, so the figures are steady state.
    const warmUp = traders.length + (options.warmUpOrders ?? 1_000);
    const openWarmUp = ratePerSec > 0 ? Math.round(ratePerSec * (options.openLoopWarmUpSeconds ?? 3)) : 0;
    for (let i = 0; i < total + warmUp + openWarmUp; i++) {
      const trader = traders[i % traders.length] as Trader;
      const buy = i % 2 === 0;
      const level = BigInt(1 + (i % 49)) * 10_000n;
      const price = buy ? level : PRICE_SCALE - level;
      bodies.push(
        JSON.stringify(
          orderBody(
            signer.signed(trader.key, trader.address, {
              tokenId: stack.yes,
              side: buy ? 0 : 1,
              price,
              shares: SHARE_UNIT,
            }),
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
    // The lean net client by default; BENCH_LOADGEN=node-http measures with node:http's Agent instead.
    const lean = process.env["BENCH_LOADGEN"] === "node-http" ? undefined : new LeanClient(op.url, concurrency);
    const client = lean ?? new Client(op.url, concurrency);
    // Single orders go on the wire as bytes prepared before the measured phase.
    const payloads = lean && batch === 1 ? bodies.map((b) => lean.prepare("POST", "/order", b)) : [];
    // What goes on the wire now is `payloads` (off the JS heap); the strings would only be marking
    // work for this process's garbage collector in the measured phase, whose major GCs (tens of
    // MB of order strings) stalled sending and reading answers for ~30 ms. The per-maker
    // warm-up still reads its own bodies.
    if (payloads.length > 0) bodies.fill("", traders.length);
    try {
      for (let i = 0; i < traders.length; i++) {
        const response = await client.request("POST", "/order", bodies[i]);
        if (response.status !== 200) throw new Error(`warm-up order rejected: ${response.text}`);
      }
      let next = traders.length;
      let accepted = 0;
      let rejected = 0;
      let firstError = "";
      const latencies: number[] = [];
      const send = async (group: string[], since: number, index: number): Promise<void> => {
        const single = group.length === 1 && batch === 1;
        const payload = single ? payloads[index] : undefined;
        const response =
          lean && payload
            ? await lean
                .send(payload)
                .then((r) => ({ status: r.status, text: r.status === 200 ? "" : r.body.toString() }))
            : await client.request(
                "POST",
                single ? "/order" : "/orders",
                single ? (group[0] as string) : `[${group.join(",")}]`,
              );
        latencies.push(performance.now() - since);
        if (single) {
          if (response.status === 200) accepted++;
          else {
            rejected++;
            firstError ||= response.text;
          }
          return;
        }
        const results = response.status === 200 ? (JSON.parse(response.text) as { success: boolean }[]) : [];
        const ok = results.filter((r) => r.success).length;
        accepted += ok;
        rejected += group.length - ok;
        if (ok < group.length) firstError ||= response.text.slice(0, 300);
      };
      const takeGroup = (): string[] => {
        const group = bodies.slice(next, next + batch);
        next += group.length;
        return group;
      };
      const closedLoopClient = async (until: number): Promise<void> => {
        while (next < until) {
          const at = next;
          await send(takeGroup(), performance.now(), at);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, 32) }, () => closedLoopClient(warmUp)));
      if (rejected > 0) throw new Error(`warm-up orders rejected: ${firstError}`);
      accepted = 0;
      latencies.length = 0;
      /**
       * Sends the next `count` requests, each at its scheduled time (checked each millisecond),
       * and waits for all answers.
       */
      const openLoop = async (count: number): Promise<void> => {
        const intervalMs = (1000 * batch) / ratePerSec;
        const until = Math.min(bodies.length, next + count);
        const begin = performance.now();
        let sent = 0;
        // Counted, not kept: holding every request's promise until the end is heap this
        // process's GC would have to mark while it measures.
        let outstanding = 0;
        let failure: unknown;
        await new Promise<void>((resolve, reject) => {
          const settle = (): void => {
            if (failure !== undefined) reject(failure as Error);
            else if (next >= until && outstanding === 0) resolve();
          };
          const tick = (): void => {
            const now = performance.now();
            while (next < until && begin + sent * intervalMs <= now) {
              const at = next;
              outstanding++;
              send(takeGroup(), begin + sent * intervalMs, at).then(
                () => {
                  outstanding--;
                  settle();
                },
                (error: unknown) => {
                  outstanding--;
                  failure ??= error;
                  settle();
                },
              );
              sent++;
            }
            if (next < until) setTimeout(tick, 1);
            else settle();
          };
          tick();
        });
      };
      if (openWarmUp > 0) {
        await openLoop(openWarmUp);
        if (rejected > 0) throw new Error(`open-loop warm-up orders rejected: ${firstError}`);
        accepted = 0;
        latencies.length = 0;
      }
      const pid = op.process.pid as number;
      const dbPids = pg ? postgresPids(Number(new URL(pg.url).port)) : [];
      if (pg && dbPids.length === 0) throw new Error(`no PostgreSQL server process found for ${pg.url}`);
      const cpuBefore = processCpuSeconds(pid);
      const dbCpuBefore = processesCpuSeconds(dbPids);
      const selfBefore = process.cpuUsage();
      const loopDelay = monitorEventLoopDelay({ resolution: 1 });
      loopDelay.enable();
      const windowStart = monotonicUs();
      const start = performance.now();
      if (ratePerSec > 0) await openLoop(bodies.length - next);
      else await Promise.all(Array.from({ length: concurrency }, () => closedLoopClient(bodies.length)));
      const seconds = (performance.now() - start) / 1000;
      const windowEnd = monotonicUs();
      loopDelay.disable();
      const perOrder = (cpuSeconds: number): number => (cpuSeconds * 1e6) / Math.max(1, accepted);
      const cpuUsPerOrder = perOrder(processCpuSeconds(pid) - cpuBefore);
      const dbCpuUsPerOrder = perOrder(processesCpuSeconds(dbPids) - dbCpuBefore);
      const self = process.cpuUsage(selfBefore);
      const loadGenCpuUsPerOrder = perOrder((self.user + self.system) / 1e6);
      if (rejected > 0) console.warn(`http bench: ${rejected} orders rejected, first: ${firstError}`);
      latencies.sort((a, b) => a - b);
      return {
        ordersPerSec: accepted / seconds,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        p999Ms: percentile(latencies, 99.9),
        accepted,
        rejected,
        concurrency,
        cpuUsPerOrder,
        dbCpuUsPerOrder,
        loadGenCpuUsPerOrder,
        loadGenLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
        ratePerSec,
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

/**
 * `npm run bench:clob`: signature verification, matching engine, HTTP intake (PostgreSQL and
 * PGlite) and end to end on a 1 s-block local node. Prints a table and writes
 * bench/results/clob.json (a flat object, apart from the `http.sweep` list) with ratios against the clob.json it replaces. The
 * HTTP runs are closed loop (maximum rate) for single orders and 10-order batches on both
 * backends, then open loop at half the PostgreSQL maximum for latency under ordinary load (three
 * runs; the median p99 is the headline).
 * CPU figures are µs per accepted order: the operator (all threads), the PostgreSQL server and
 * the load generator. Set BENCH_CLOB_QUICK=1 for a short smoke run (writes nothing).
 *
 * The single-order PostgreSQL run is a sweep over the number of closed-loop clients (every
 * point is written, as `http.sweep`): with a fixed number of clients, latency is throughput, so
 * one client count says little about the maximum. The headline `http.*` figures are the point
 * with the highest rate whose p99 is within P99_BUDGET_MS (the bound), or the fewest
 * clients when none is.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { benchE2e } from "./e2e.js";
import { benchHttp } from "./http.js";
import { benchEngine, benchSignatures } from "./micro.js";

const quick = process.env["BENCH_CLOB_QUICK"] === "1";
const round = (n: number, digits = 0): number => Number(n.toFixed(digits));

const loadBefore = os.loadavg()[0] ?? 0;
const sig = await benchSignatures();
const engine = benchEngine(quick ? 50_000 : 300_000);
/** The latency bound the headline point must meet. */
const P99_BUDGET_MS = 25;
const CLIENT_COUNTS = [32, 48, 64];
const sweep: Awaited<ReturnType<typeof benchHttp>>[] = [];
for (const concurrency of CLIENT_COUNTS)
  sweep.push(await benchHttp({ orders: quick ? 3_000 : 30_000, concurrency, backend: "postgres" }));
const withinBudget = sweep.filter((r) => r.p99Ms <= P99_BUDGET_MS);
const httpPg = (withinBudget.length > 0 ? withinBudget : sweep.slice(0, 1)).reduce((best, r) =>
  r.ordersPerSec > best.ordersPerSec ? r : best,
);
const httpBatch = await benchHttp({ orders: quick ? 3_000 : 30_000, concurrency: 8, backend: "postgres", batch: 10 });
// Latency at half the maximum: three ~11-second open-loop runs, each on a fresh operator after its
// own warm-up at that rate. One major GC of the operator's heap in a run (concurrent marking takes
// the second core for ~100 ms; docs/operator.md, "Latency at half load") moves its p99 by tens of
// ms, so the headline is the run with the median p99, and every run's figures are written.
const HALF_LOAD_RUNS = quick ? 1 : 3;
const halfRuns: Awaited<ReturnType<typeof benchHttp>>[] = [];
for (let i = 0; i < HALF_LOAD_RUNS; i++)
  halfRuns.push(
    await benchHttp({
      orders: quick ? 2_000 : 30_000,
      backend: "postgres",
      ratePerSec: Math.max(100, Math.round(httpPg.ordersPerSec / 2)),
    }),
  );
const httpHalf = [...halfRuns].sort((a, b) => a.p99Ms - b.p99Ms)[
  Math.floor(halfRuns.length / 2)
] as (typeof halfRuns)[number];
const httpLite = await benchHttp({ orders: quick ? 3_000 : 15_000, concurrency: 32, backend: "pglite" });
const httpLiteBatch = await benchHttp({ orders: quick ? 3_000 : 15_000, concurrency: 8, backend: "pglite", batch: 10 });
const e2e = await benchE2e({ steadySeconds: quick ? 3 : 10, burstTakers: quick ? 10 : 150 });

const results = {
  cores: os.cpus().length,
  loadAverage1mBefore: round(loadBefore, 2),
  loadAverage1mAfter: round(os.loadavg()[0] ?? 0, 2),
  "sig.verifyPerSecPerCore": round(sig.nativePerSec),
  "sig.viemPerSecPerCore": round(sig.viemPerSec),
  "engine.ordersPerSec": round(engine.ordersPerSec),
  "http.ordersPerSec": round(httpPg.ordersPerSec),
  "http.p50Ms": round(httpPg.p50Ms, 2),
  "http.p99Ms": round(httpPg.p99Ms, 2),
  "http.p999Ms": round(httpPg.p999Ms, 2),
  "http.concurrency": httpPg.concurrency,
  "http.p99BudgetMs": P99_BUDGET_MS,
  "http.sweep": sweep.map((r) => ({
    concurrency: r.concurrency,
    ordersPerSec: round(r.ordersPerSec),
    p50Ms: round(r.p50Ms, 2),
    p99Ms: round(r.p99Ms, 2),
    cpuUsPerOrder: round(r.cpuUsPerOrder),
    dbCpuUsPerOrder: round(r.dbCpuUsPerOrder),
    loadGenCpuUsPerOrder: round(r.loadGenCpuUsPerOrder),
  })),
  "http.cpuUsPerOrder": round(httpPg.cpuUsPerOrder),
  "http.dbCpuUsPerOrder": round(httpPg.dbCpuUsPerOrder),
  "http.loadGenCpuUsPerOrder": round(httpPg.loadGenCpuUsPerOrder),
  "http.loadGenLoopDelayP99Ms": round(httpPg.loadGenLoopDelayP99Ms, 2),
  "http.halfLoad.ratePerSec": httpHalf.ratePerSec,
  "http.halfLoad.ordersPerSec": round(httpHalf.ordersPerSec),
  "http.halfLoad.p50Ms": round(httpHalf.p50Ms, 2),
  "http.halfLoad.p99Ms": round(httpHalf.p99Ms, 2),
  "http.halfLoad.p999Ms": round(httpHalf.p999Ms, 2),
  "http.halfLoad.cpuUsPerOrder": round(httpHalf.cpuUsPerOrder),
  "http.halfLoad.dbCpuUsPerOrder": round(httpHalf.dbCpuUsPerOrder),
  "http.halfLoad.loadGenCpuUsPerOrder": round(httpHalf.loadGenCpuUsPerOrder),
  "http.halfLoad.loadGenLoopDelayP99Ms": round(httpHalf.loadGenLoopDelayP99Ms, 2),
  "http.halfLoad.runs": halfRuns.map((r) => ({
    p50Ms: round(r.p50Ms, 2),
    p99Ms: round(r.p99Ms, 2),
    p999Ms: round(r.p999Ms, 2),
    cpuUsPerOrder: round(r.cpuUsPerOrder),
    dbCpuUsPerOrder: round(r.dbCpuUsPerOrder),
  })),
  "http.batch10.ordersPerSec": round(httpBatch.ordersPerSec),
  "http.batch10.p50Ms": round(httpBatch.p50Ms, 2),
  "http.batch10.p99Ms": round(httpBatch.p99Ms, 2),
  "http.batch10.p999Ms": round(httpBatch.p999Ms, 2),
  "http.batch10.cpuUsPerOrder": round(httpBatch.cpuUsPerOrder),
  "http.batch10.dbCpuUsPerOrder": round(httpBatch.dbCpuUsPerOrder),
  "http.batch10.loadGenCpuUsPerOrder": round(httpBatch.loadGenCpuUsPerOrder),
  "http.pglite.ordersPerSec": round(httpLite.ordersPerSec),
  "http.pglite.p50Ms": round(httpLite.p50Ms, 2),
  "http.pglite.p99Ms": round(httpLite.p99Ms, 2),
  "http.pglite.p999Ms": round(httpLite.p999Ms, 2),
  "http.pglite.cpuUsPerOrder": round(httpLite.cpuUsPerOrder),
  "http.pglite.loadGenCpuUsPerOrder": round(httpLite.loadGenCpuUsPerOrder),
  "http.pglite.batch10.ordersPerSec": round(httpLiteBatch.ordersPerSec),
  "http.pglite.batch10.p99Ms": round(httpLiteBatch.p99Ms, 2),
  "http.pglite.batch10.cpuUsPerOrder": round(httpLiteBatch.cpuUsPerOrder),
  "e2e.p50Ms": round(e2e.p50Ms),
  "e2e.p99Ms": round(e2e.p99Ms),
  "e2e.fillsPerBlock": e2e.fillsPerBlock,
  "e2e.fillsPerBlockMean": round(e2e.fillsPerBlockMean, 1),
};

const rows: [string, string, string][] = [
  [
    "sig.verifyPerSecPerCore",
    `${results["sig.verifyPerSecPerCore"]}/s`,
    `native path; viem pure-JS here: ${results["sig.viemPerSecPerCore"]}/s`,
  ],
  ["engine.ordersPerSec", `${results["engine.ordersPerSec"]}/s`, "target ≥ 100,000/s"],
  ["http.ordersPerSec (postgres)", `${results["http.ordersPerSec"]}/s`, "target ≥ 5,000/s"],
  [
    "http.p50/p99/p99.9 (postgres)",
    `${results["http.p50Ms"]} / ${results["http.p99Ms"]} / ${results["http.p999Ms"]} ms`,
    "target p99 ≤ 25 ms",
  ],
  [
    "http.sweep (postgres)",
    `${results["http.concurrency"]} clients chosen`,
    sweep.map((r) => `${r.concurrency} clients ${round(r.ordersPerSec)}/s p99 ${round(r.p99Ms, 1)} ms`).join("; "),
  ],
  [
    "http.cpuUsPerOrder (postgres)",
    `${results["http.cpuUsPerOrder"]} µs`,
    `operator, all threads; PostgreSQL server ${results["http.dbCpuUsPerOrder"]} µs, load generator ${results["http.loadGenCpuUsPerOrder"]} µs`,
  ],
  [
    "http.halfLoad.p99Ms (postgres)",
    `${results["http.halfLoad.p99Ms"]} ms`,
    `open loop at ${results["http.halfLoad.ratePerSec"]}/s (half the maximum), median of ${halfRuns.length} runs (p99 ${halfRuns.map((r) => round(r.p99Ms, 1)).join(" / ")} ms), p50 ${results["http.halfLoad.p50Ms"]}, p99.9 ${results["http.halfLoad.p999Ms"]} ms, load generator's own event-loop delay p99 ${results["http.halfLoad.loadGenLoopDelayP99Ms"]} ms; target p99 ≤ 10 ms`,
  ],
  [
    "http.batch10.ordersPerSec",
    `${results["http.batch10.ordersPerSec"]}/s`,
    `POST /orders, 10 per request, 8 clients: p99 ${results["http.batch10.p99Ms"]} ms per request, operator ${results["http.batch10.cpuUsPerOrder"]} µs/order`,
  ],
  [
    "http.pglite.ordersPerSec",
    `${results["http.pglite.ordersPerSec"]}/s`,
    `p50 ${results["http.pglite.p50Ms"]}, p99 ${results["http.pglite.p99Ms"]}, p99.9 ${results["http.pglite.p999Ms"]} ms; operator ${results["http.pglite.cpuUsPerOrder"]} µs/order`,
  ],
  [
    "http.pglite.batch10.ordersPerSec",
    `${results["http.pglite.batch10.ordersPerSec"]}/s`,
    `p99 ${results["http.pglite.batch10.p99Ms"]} ms per request, operator ${results["http.pglite.batch10.cpuUsPerOrder"]} µs/order`,
  ],
  ["e2e.p50Ms", `${results["e2e.p50Ms"]} ms`, `submitted → CONFIRMED, 1 s blocks (p99 ${results["e2e.p99Ms"]} ms)`],
  [
    "e2e.fillsPerBlock",
    `${results["e2e.fillsPerBlock"]}`,
    `peak; mean ${results["e2e.fillsPerBlockMean"]} over the burst`,
  ],
];
const width = [36, 30];
console.log(
  `\nCLOB benchmarks (${results.cores} cores; 1-min load average ${results.loadAverage1mBefore} before, ${results.loadAverage1mAfter} after)`,
);
for (const [name, value, note] of rows)
  console.log(`${name.padEnd(width[0] as number)}${value.padEnd(width[1] as number)}${note}`);

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../results/clob.json");
// Ratios against the clob.json this run replaces (absolute numbers move with the machine; the
// ratios of a back-to-back pair of runs are what a change is judged by).
const previous: Record<string, unknown> = existsSync(out)
  ? (JSON.parse(readFileSync(out, "utf8")) as Record<string, unknown>)
  : {};
const compared = Object.entries(results).filter(
  ([key, value]) =>
    key.startsWith("http.") && typeof value === "number" && typeof previous[key] === "number" && previous[key] !== 0,
);
if (compared.length > 0) {
  console.log("\nagainst the previous clob.json (this / previous):");
  for (const [key, value] of compared)
    console.log(
      `  ${key.padEnd(36)}${String(value).padStart(10)}  / ${String(previous[key]).padStart(10)}  = ${((value as number) / (previous[key] as number)).toFixed(2)}`,
    );
}

if (!quick) {
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${out}`);
}
process.exit(0);

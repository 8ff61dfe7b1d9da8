/**
 * `npm run bench:clob`: signature verification, matching engine, HTTP intake (PostgreSQL and
 * PGlite) and end to end on a 1 s-block local node. Prints a table and writes
 * bench/results/clob.json (a flat object). Set BENCH_CLOB_QUICK=1 for a short smoke run.
 */
import { mkdirSync, writeFileSync } from "node:fs";
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
const httpPg = await benchHttp({ orders: quick ? 3_000 : 30_000, concurrency: 32, backend: "postgres" });
const httpBatch = await benchHttp({ orders: quick ? 3_000 : 30_000, concurrency: 8, backend: "postgres", batch: 10 });
const httpLite = await benchHttp({ orders: quick ? 3_000 : 15_000, concurrency: 32, backend: "pglite" });
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
  "http.concurrency": httpPg.concurrency,
  "http.cpuUsPerOrder": round(httpPg.cpuUsPerOrder),
  "http.batch10.ordersPerSec": round(httpBatch.ordersPerSec),
  "http.batch10.p99Ms": round(httpBatch.p99Ms, 2),
  "http.pglite.ordersPerSec": round(httpLite.ordersPerSec),
  "http.pglite.p50Ms": round(httpLite.p50Ms, 2),
  "http.pglite.p99Ms": round(httpLite.p99Ms, 2),
  "http.pglite.cpuUsPerOrder": round(httpLite.cpuUsPerOrder),
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
  ["http.p50Ms / p99Ms (postgres)", `${results["http.p50Ms"]} / ${results["http.p99Ms"]} ms`, "target p99 ≤ 25 ms"],
  [
    "http.cpuUsPerOrder (postgres)",
    `${results["http.cpuUsPerOrder"]} µs`,
    "operator process CPU per accepted order, all threads",
  ],
  [
    "http.batch10.ordersPerSec",
    `${results["http.batch10.ordersPerSec"]}/s`,
    `POST /orders, 10 per request, 8 clients (p99 ${results["http.batch10.p99Ms"]} ms per request)`,
  ],
  [
    "http.pglite.ordersPerSec",
    `${results["http.pglite.ordersPerSec"]}/s`,
    `p50 ${results["http.pglite.p50Ms"]} ms, p99 ${results["http.pglite.p99Ms"]} ms`,
  ],
  ["e2e.p50Ms", `${results["e2e.p50Ms"]} ms`, `submitted → CONFIRMED, 1 s blocks (p99 ${results["e2e.p99Ms"]} ms)`],
  [
    "e2e.fillsPerBlock",
    `${results["e2e.fillsPerBlock"]}`,
    `peak; mean ${results["e2e.fillsPerBlockMean"]} over the burst`,
  ],
];
const width = [32, 22];
console.log(
  `\nCLOB benchmarks (${results.cores} cores; 1-min load average ${results.loadAverage1mBefore} before, ${results.loadAverage1mAfter} after)`,
);
for (const [name, value, note] of rows)
  console.log(`${name.padEnd(width[0] as number)}${value.padEnd(width[1] as number)}${note}`);

if (!quick) {
  const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../results/clob.json");
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${out}`);
}
process.exit(0);

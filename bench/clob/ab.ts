/**
 * `npm run bench:clob:ab`: A/B of the HTTP intake's CPU per order between this checkout and
 * another (BENCH_AB_BASE: the other checkout's operator/src/main.ts), run back to back and
 * alternated so that a change in the machine's load hits both sides alike. On a shared machine
 * throughput is noise; operator CPU µs per accepted order (from /proc) is the figure to compare.
 * Options: BENCH_AB_ROUNDS (3), BENCH_AB_ORDERS (4000), BENCH_AB_BACKEND (postgres|pglite),
 * BENCH_AB_BATCH (1: POST /order; n: POST /orders with n per request), BENCH_AB_CONCURRENCY (32),
 * BENCH_AB_NEW (B's main.ts; default this checkout: give both sides a copy outside the work tree
 * when comparing like with like), BENCH_AB_WORKERS_A / _B (signature worker threads, default 1).
 */
import { benchHttp, type HttpResult } from "./http.js";

const base = process.env["BENCH_AB_BASE"];
if (!base) throw new Error("set BENCH_AB_BASE to the baseline checkout's operator/src/main.ts");
const rounds = Number(process.env["BENCH_AB_ROUNDS"] ?? "3");
const orders = Number(process.env["BENCH_AB_ORDERS"] ?? "4000");
const backend = process.env["BENCH_AB_BACKEND"] === "pglite" ? "pglite" : "postgres";
const batch = Number(process.env["BENCH_AB_BATCH"] ?? "1");
const fresh = process.env["BENCH_AB_NEW"];
const workers = {
  A: Number(process.env["BENCH_AB_WORKERS_A"] ?? "1"),
  B: Number(process.env["BENCH_AB_WORKERS_B"] ?? "1"),
};
const concurrency = Number(process.env["BENCH_AB_CONCURRENCY"] ?? (batch > 1 ? "8" : "32"));

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

const runs: Record<"A" | "B", HttpResult[]> = { A: [], B: [] };
for (let round = 0; round < rounds; round++) {
  for (const side of round % 2 === 0 ? (["A", "B"] as const) : (["B", "A"] as const)) {
    const main = side === "A" ? base : fresh;
    if (main) process.env["BENCH_OPERATOR_MAIN"] = main;
    else delete process.env["BENCH_OPERATOR_MAIN"];
    const result = await benchHttp({ orders, concurrency, backend, batch, workers: workers[side] });
    runs[side].push(result);
    console.log(
      `round ${round + 1} ${side}: operator ${result.cpuUsPerOrder.toFixed(0)} µs/order, db ${result.dbCpuUsPerOrder.toFixed(0)}, load gen ${result.loadGenCpuUsPerOrder.toFixed(0)}; ${result.ordersPerSec.toFixed(0)}/s p99 ${result.p99Ms.toFixed(1)} ms`,
    );
  }
}
const summary = (side: "A" | "B"): string => {
  const r = runs[side];
  return `operator ${median(r.map((x) => x.cpuUsPerOrder)).toFixed(0)} µs/order, db ${median(r.map((x) => x.dbCpuUsPerOrder)).toFixed(0)}, load gen ${median(r.map((x) => x.loadGenCpuUsPerOrder)).toFixed(0)}, ${median(r.map((x) => x.ordersPerSec)).toFixed(0)}/s, p99 ${median(r.map((x) => x.p99Ms)).toFixed(1)} ms`;
};
console.log(`\n${backend}, batch ${batch}, ${orders} orders × ${rounds} rounds (medians)`);
console.log(`A (${base}, ${workers.A} workers): ${summary("A")}`);
console.log(`B (${fresh ?? "this checkout"}, ${workers.B} workers): ${summary("B")}`);
const ratio = median(runs.B.map((x) => x.cpuUsPerOrder)) / median(runs.A.map((x) => x.cpuUsPerOrder));
console.log(`B/A operator CPU per order: ${ratio.toFixed(3)}`);
process.exit(0);

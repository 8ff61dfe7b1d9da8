/**
 * `npm run bench:clob:profile`: the HTTP intake bench (single POST /order, keep-alive clients)
 * with the operator under `node --cpu-prof`, then a per-stage CPU breakdown of the measured
 * phase only (start-up, migrations and warm-up are cut out by timestamp). Every thread's profile
 * counts (main + signature workers). Writes bench/results/clob-profile.json and, when small
 * enough, the main thread's .cpuprofile (open in Chrome DevTools or speedscope for a flame graph).
 * Options: BENCH_PROFILE_BACKEND=pglite|postgres (default pglite), BENCH_PROFILE_ORDERS (6000).
 * It never touches bench/results/clob.json.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { benchHttp } from "./http.js";
import { addProfile, emptyBreakdown, readProfile, STAGES } from "./stages.js";

const backend = process.env["BENCH_PROFILE_BACKEND"] === "postgres" ? "postgres" : "pglite";
const orders = Number(process.env["BENCH_PROFILE_ORDERS"] ?? "6000");
const results = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../results");
const dir = mkdtempSync(path.join(os.tmpdir(), "forkcast-cpuprof-"));
const round = (n: number, digits = 1): number => Number(n.toFixed(digits));

process.env["OPERATOR_NODE_ARGS"] = `--cpu-prof --cpu-prof-dir=${dir}`;
const loadBefore = os.loadavg()[0] ?? 0;
const http = await benchHttp({ orders, concurrency: 32, backend });
const loadAfter = os.loadavg()[0] ?? 0;

const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
if (files.length === 0) throw new Error(`no .cpuprofile written to ${dir}`);
const all = emptyBreakdown();
const threads: { file: string; busyUsPerOrder: number }[] = [];
for (const file of files) {
  const one = emptyBreakdown();
  const profile = readProfile(path.join(dir, file));
  addProfile(one, profile, http.windowUs);
  addProfile(all, profile, http.windowUs);
  threads.push({ file, busyUsPerOrder: round(one.busyUs / http.accepted) });
}
// Sample intervals are wall time: on a loaded machine a thread preempted mid-stack keeps being
// charged. So the profile gives each stage's share, and the operator's CPU from /proc (all
// threads) gives the total that the shares divide.
const share = (s: (typeof STAGES)[number]): number => all.stages[s] / Math.max(1, all.busyUs);
const perOrder = Object.fromEntries(STAGES.map((s) => [s, round(share(s) * http.cpuUsPerOrder)]));
const summary = {
  measuredAt: new Date().toISOString(),
  conditions: {
    backend,
    cores: os.cpus().length,
    loadAverage1mBefore: round(loadBefore, 2),
    loadAverage1mAfter: round(loadAfter, 2),
    concurrency: http.concurrency,
    accepted: http.accepted,
    rejected: http.rejected,
    note: "operator under --cpu-prof (sampling adds overhead); figures are CPU µs per accepted order",
  },
  ordersPerSec: round(http.ordersPerSec, 0),
  p50Ms: round(http.p50Ms, 2),
  p99Ms: round(http.p99Ms, 2),
  cpuUsPerOrderProcStat: round(http.cpuUsPerOrder, 0),
  sampledBusyUsPerOrder: round(all.busyUs / http.accepted),
  /** share of sampled time × /proc CPU per order. */
  stageUsPerOrder: perOrder,
  stageShare: Object.fromEntries(STAGES.map((s) => [s, round(100 * share(s))])),
  threads,
  topUnattributed: all.topOther.map((o) => ({
    frame: o.frame,
    sharePct: round((100 * o.us) / Math.max(1, all.busyUs), 2),
  })),
};

mkdirSync(results, { recursive: true });
writeFileSync(path.join(results, `clob-profile.${backend}.json`), `${JSON.stringify(summary, null, 2)}\n`);
const mainThread = files.find((f) => /\.0\.\d+\.cpuprofile$/.test(f)) ?? files[0];
if (mainThread && statSync(path.join(dir, mainThread)).size < 5 * 1024 * 1024)
  copyFileSync(path.join(dir, mainThread), path.join(results, `clob-http.${backend}.cpuprofile`));

console.log(
  `\nHTTP intake profile (${backend}, ${summary.conditions.cores} cores, load ${summary.conditions.loadAverage1mBefore} → ${summary.conditions.loadAverage1mAfter})`,
);
console.log(
  `${http.accepted} orders, ${summary.ordersPerSec}/s, CPU ${summary.cpuUsPerOrderProcStat} µs/order (/proc), sampled wall ${summary.sampledBusyUsPerOrder} µs/order (stages below: share × /proc CPU)`,
);
for (const stage of STAGES)
  console.log(`${stage.padEnd(24)}${String(perOrder[stage]).padStart(8)} µs  ${summary.stageShare[stage]}%`);
console.log("\nheaviest unattributed frames:");
for (const o of summary.topUnattributed.slice(0, 8)) console.log(`  ${o.sharePct}%  ${o.frame}`);
rmSync(dir, { recursive: true, force: true });
process.exit(0);

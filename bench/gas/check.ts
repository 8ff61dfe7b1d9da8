/**
 * Gas check (part of `npm test`): runs the gas benchmark and fails when any row rises above
 * the committed snapshot (bench/results/gas.json) by more than the tolerance in
 * bench/gas/compare.ts, when a row is new or gone, or when a docs gas table differs from what
 * the snapshot renders. Prints every row with its delta. Writes nothing: after a deliberate
 * change, `npm run gas:snapshot` records the new figures and tables.
 *
 *   npm run test:gas                          # every scenario
 *   BENCH_ONLY=exchange npm run test:gas      # only the files whose names start with these
 */
import { readFile } from "node:fs/promises";
import path from "node:path";

import { network } from "hardhat";

import {
  allowedRise,
  compareToSnapshot,
  failures,
  formatComparison,
  TOLERANCE_MIN_GAS,
  TOLERANCE_RELATIVE,
} from "./compare.js";
import { renderDocs } from "./docs.js";
import { loadScenarios, measureScenarios, prefixesFromEnv, SNAPSHOT_FILE } from "./scenarios.js";

const snapshot = JSON.parse(await readFile(SNAPSHOT_FILE, "utf8")) as Record<string, number>;
const prefixes = prefixesFromEnv();
const all = await loadScenarios();
const selected = await loadScenarios(prefixes);
const measured = await measureScenarios(selected, () => network.create());

const complete = prefixes.length === 0;
const sections = measured.map((s) => ({
  title: s.module.title,
  rows: compareToSnapshot(s.rows, snapshot, false),
  references: s.module.references,
}));
if (complete) {
  // Snapshot rows that no scenario measures any more.
  const measuredNames = new Set(measured.flatMap((s) => Object.keys(s.rows)));
  const gone = compareToSnapshot({}, snapshot, true).filter((row) => !measuredNames.has(row.name));
  if (gone.length > 0) sections.push({ title: "in the snapshot, not measured", rows: gone, references: {} });
}
console.log(formatComparison(sections));

const problems: string[] = [];
for (const row of failures(sections.flatMap((s) => s.rows))) {
  if (row.status === "OVER" && row.snapshot !== undefined && row.measured !== undefined) {
    problems.push(
      `${row.name}: ${row.snapshot} -> ${row.measured} gas (+${row.measured - row.snapshot}, allowed +${allowedRise(row.snapshot)})`,
    );
  } else if (row.status === "NEW") {
    problems.push(`${row.name}: measured but not in the snapshot`);
  } else {
    problems.push(`${row.name}: in the snapshot but no scenario measures it`);
  }
}
for (const doc of await renderDocs(path.resolve("docs"), all, snapshot)) {
  if (doc.rendered !== doc.current) {
    problems.push(`${path.relative(process.cwd(), doc.file)}: gas tables differ from bench/results/gas.json`);
  }
}

const tolerance = `tolerance +${TOLERANCE_RELATIVE * 100}% of a row, at least +${TOLERANCE_MIN_GAS} gas`;
if (problems.length > 0) {
  console.log(`\ngas check failed (${tolerance}):`);
  for (const problem of problems) console.log(`  ${problem}`);
  console.log("a deliberate change: run `npm run gas:snapshot` and commit bench/results/gas.json and docs/");
  process.exitCode = 1;
} else {
  const count = sections.reduce((n, s) => n + s.rows.length, 0);
  console.log(`\ngas check passed: ${count} rows within ${tolerance}; docs tables match the snapshot`);
}

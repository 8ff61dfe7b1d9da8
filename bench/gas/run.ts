/**
 * Gas benchmark and snapshot writer: every file in bench/gas/scenarios measures receipt
 * gasUsed of real transactions on a fresh in-process Hardhat network. Prints the table with
 * the change against the committed snapshot, writes bench/results/gas.json (a flat object of
 * row name -> gasUsed; with BENCH_ONLY, merged into the rows other scenarios measured before)
 * and regenerates the gas tables in docs/*.md from it (see bench/gas/docs.ts).
 *
 *   npm run gas:snapshot                          # every scenario (npm run bench:gas is the same)
 *   BENCH_ONLY=ctf,exchange npm run gas:snapshot  # only the files whose names start with these
 */
import { readFile, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";

import { network } from "hardhat";

import { compareToSnapshot, formatComparison } from "./compare.js";
import { renderDocs } from "./docs.js";
import { loadScenarios, measureScenarios, prefixesFromEnv, SNAPSHOT_FILE } from "./scenarios.js";

async function readSnapshot(): Promise<Record<string, number>> {
  try {
    return JSON.parse(await readFile(SNAPSHOT_FILE, "utf8")) as Record<string, number>;
  } catch {
    return {};
  }
}

const prefixes = prefixesFromEnv();
const previous = await readSnapshot();
const measured = await measureScenarios(await loadScenarios(prefixes), () => network.create());

console.log(
  formatComparison(
    measured.map((s) => ({
      title: s.module.title,
      rows: compareToSnapshot(s.rows, previous, false),
      references: s.module.references,
    })),
  ),
);

const merged: Record<string, number> = prefixes.length === 0 ? {} : { ...previous };
for (const scenario of measured) Object.assign(merged, scenario.rows);
const sorted = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)));
await mkdir(path.dirname(SNAPSHOT_FILE), { recursive: true });
await writeFile(SNAPSHOT_FILE, `${JSON.stringify(sorted, null, 2)}\n`);
console.log(`\nwrote ${path.relative(process.cwd(), SNAPSHOT_FILE)} (${Object.keys(sorted).length} rows)`);

// Docs tables render from every scenario's references, so load all of them (no measuring).
const docs = await renderDocs(path.resolve("docs"), await loadScenarios(), sorted);
for (const doc of docs) {
  if (doc.rendered === doc.current) continue;
  await writeFile(doc.file, doc.rendered);
  console.log(`rewrote the gas tables in ${path.relative(process.cwd(), doc.file)}`);
}

/**
 * Gas benchmark: every file in bench/gas/scenarios measures receipt gasUsed of real
 * transactions on a fresh in-process Hardhat network. Prints one table and writes
 * bench/results/gas.json (a flat object of row name -> gasUsed), merged with rows that
 * other scenario files produced before.
 *
 *   npm run bench:gas                 # every scenario
 *   npm run bench:gas -- ctf exchange # only the files whose names start with these
 */
import { readdir, readFile, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { network } from "hardhat";

import type { GasScenarioModule } from "./types.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const scenariosDir = path.join(here, "scenarios");
const resultsFile = path.join(here, "..", "results", "gas.json");

const filters = (process.env.BENCH_ONLY ?? "").split(",").filter((f) => f.length > 0);

const files = (await readdir(scenariosDir)).filter((f) => f.endsWith(".ts")).sort();
const selected = files.filter((f) => filters.length === 0 || filters.some((prefix) => f.startsWith(prefix)));
if (selected.length === 0) {
  throw new Error(`No gas scenario matches ${filters.join(", ")}; available: ${files.join(", ")}`);
}

async function readPrevious(): Promise<Record<string, number>> {
  try {
    return JSON.parse(await readFile(resultsFile, "utf8")) as Record<string, number>;
  } catch {
    return {};
  }
}
const previous = await readPrevious();

const results: Record<string, number> = { ...previous };
const rows: string[][] = [];
let missed = 0;

for (const file of selected) {
  const scenario = (await import(pathToFileURL(path.join(scenariosDir, file)).href)) as GasScenarioModule;
  const connection = await network.create();
  const measured = await scenario.measure(connection);
  rows.push([`— ${scenario.title}`, "", "", "", ""]);
  for (const [name, gas] of Object.entries(measured)) {
    results[name] = Number(gas);
    const ref = scenario.references[name];
    const reference = ref?.reference;
    const target = ref?.target;
    const vsRef = reference === undefined ? "" : `${((Number(gas) / reference - 1) * 100).toFixed(1)}%`;
    const ok = target === undefined ? "" : Number(gas) <= target ? "ok" : "OVER";
    if (ok === "OVER") missed += 1;
    rows.push([
      name,
      Number(gas).toLocaleString("en-US"),
      reference?.toLocaleString("en-US") ?? "",
      vsRef,
      target === undefined ? "" : `≤ ${target.toLocaleString("en-US")} ${ok}`,
    ]);
  }
}

const header = ["scenario", "gasUsed", "reference", "vs ref", "target"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
const line = (cells: string[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
console.log(line(header));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const row of rows) console.log(line(row));

const sorted = Object.fromEntries(Object.entries(results).sort(([a], [b]) => a.localeCompare(b)));
await mkdir(path.dirname(resultsFile), { recursive: true });
await writeFile(resultsFile, `${JSON.stringify(sorted, null, 2)}\n`);
console.log(`\nwrote ${path.relative(process.cwd(), resultsFile)} (${Object.keys(sorted).length} rows)`);
if (missed > 0) console.log(`${missed} row(s) over target`);

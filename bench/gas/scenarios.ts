/**
 * Loads the scenario files of bench/gas/scenarios and runs them, each on a fresh in-process
 * Hardhat network. Shared by the benchmark (`bench:gas`), the check (`test:gas`) and the
 * snapshot writer (`gas:snapshot`).
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import type { Connection, GasScenarioModule } from "./types.js";

const scenariosDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "scenarios");

/** The committed snapshot the check compares against and the snapshot writer rewrites. */
export const SNAPSHOT_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "results", "gas.json");

export interface LoadedScenario {
  file: string;
  module: GasScenarioModule;
}

/** Scenario modules in file-name order; `prefixes` (if any) keeps only files whose names start with one. */
export async function loadScenarios(prefixes: readonly string[] = []): Promise<LoadedScenario[]> {
  const files = (await readdir(scenariosDir)).filter((f) => f.endsWith(".ts")).sort();
  const selected = files.filter((f) => prefixes.length === 0 || prefixes.some((prefix) => f.startsWith(prefix)));
  if (selected.length === 0) {
    throw new Error(`No gas scenario matches ${prefixes.join(", ")}; available: ${files.join(", ")}`);
  }
  const loaded: LoadedScenario[] = [];
  for (const file of selected) {
    const module = (await import(pathToFileURL(path.join(scenariosDir, file)).href)) as GasScenarioModule;
    loaded.push({ file, module });
  }
  return loaded;
}

/** `BENCH_ONLY=exchange,pool` → ["exchange", "pool"] (hardhat run passes no arguments to scripts). */
export function prefixesFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.BENCH_ONLY ?? "").split(",").filter((f) => f.length > 0);
}

export interface MeasuredScenario extends LoadedScenario {
  rows: Record<string, number>;
}

/**
 * Runs each scenario on its own fresh network and checks that it measured exactly the rows
 * its `references` declare (so the snapshot and the docs cannot silently lose or gain a row).
 */
export async function measureScenarios(
  scenarios: readonly LoadedScenario[],
  createConnection: () => Promise<Connection>,
): Promise<MeasuredScenario[]> {
  const measured: MeasuredScenario[] = [];
  for (const scenario of scenarios) {
    const connection = await createConnection();
    const raw = await scenario.module.measure(connection);
    const rows = Object.fromEntries(Object.entries(raw).map(([name, gas]) => [name, Number(gas)]));
    const declared = Object.keys(scenario.module.references).sort();
    const got = Object.keys(rows).sort();
    const undeclared = got.filter((name) => !declared.includes(name));
    const unmeasured = declared.filter((name) => !got.includes(name));
    if (undeclared.length > 0 || unmeasured.length > 0) {
      throw new Error(
        `${scenario.file}: rows measured but not in references: [${undeclared.join(", ")}]; ` +
          `declared but not measured: [${unmeasured.join(", ")}]`,
      );
    }
    measured.push({ ...scenario, rows });
  }
  return measured;
}

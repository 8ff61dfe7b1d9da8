/**
 * Gas tables in docs/*.md, generated from the snapshot (bench/results/gas.json) so that no
 * figure is copied by hand. A table lives between two markers:
 *
 *   <!-- gas-table exchange -->          every row of bench/gas/scenarios/exchange.ts
 *   <!-- gas-table markets negrisk. -->  only the rows of markets.ts that start with "negrisk."
 *   ...generated...
 *   <!-- /gas-table -->
 *
 * `npm run gas:snapshot` rewrites them; `npm run test:gas` fails when one differs from what
 * the committed snapshot renders.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

import { format, resolveConfig } from "prettier";

import type { LoadedScenario } from "./scenarios.js";
import type { RowReference } from "./types.js";

const MARKER = /<!-- gas-table ([a-z0-9-]+)((?: [A-Za-z0-9._-]+)*) -->\n[\s\S]*?<!-- \/gas-table -->/g;

const fmt = (n: number) => n.toLocaleString("en-US");
/** "+3.4%" / "−18.4%" (typographic minus, as the docs write it). */
const signedPercent = (fraction: number) => {
  const text = (Math.abs(fraction) * 100).toFixed(1);
  return `${fraction < 0 ? "−" : "+"}${text}%`;
};

/** Markdown (before formatting) of one table plus the scenario's derived notes. */
export function renderGasTable(
  rowNames: readonly string[],
  snapshot: Readonly<Record<string, number>>,
  references: Readonly<Record<string, RowReference>>,
  notes: readonly string[],
): string {
  const hasReference = rowNames.some((name) => references[name]?.reference !== undefined);
  const hasTarget = rowNames.some((name) => references[name]?.target !== undefined);
  const header = ["row", "gasUsed"];
  const align = ["---", "--:"];
  if (hasReference) {
    header.push("reference", "vs reference");
    align.push("--:", "--:");
  }
  if (hasTarget) {
    header.push("target", "within target");
    align.push("--:", ":-:");
  }
  const lines = [`| ${header.join(" | ")} |`, `| ${align.join(" | ")} |`];
  for (const name of rowNames) {
    const gas = snapshot[name];
    if (gas === undefined) throw new Error(`gas snapshot has no row ${name}; run npm run gas:snapshot`);
    const ref = references[name] ?? {};
    const cells = [`\`${name}\``, fmt(gas)];
    if (hasReference) {
      const r = ref.reference;
      cells.push(r === undefined ? "" : fmt(r), r === undefined ? "" : signedPercent(gas / r - 1));
    }
    if (hasTarget) {
      const t = ref.target;
      cells.push(t === undefined ? "" : fmt(t), t === undefined ? "" : gas <= t ? "yes" : "no");
    }
    lines.push(`| ${cells.join(" | ")} |`);
  }
  const text = lines.join("\n");
  return notes.length === 0 ? text : `${text}\n\n${notes.join("\n")}`;
}

/** Replaces every gas table in `markdown` with what `scenarios` and `snapshot` render. */
export function replaceGasTables(
  markdown: string,
  scenarios: readonly LoadedScenario[],
  snapshot: Readonly<Record<string, number>>,
): string {
  return markdown.replace(MARKER, (_match, scenarioName: string, prefixList: string) => {
    const scenario = scenarios.find((s) => s.file === `${scenarioName}.ts`);
    if (!scenario) throw new Error(`gas-table marker names unknown scenario "${scenarioName}"`);
    const prefixes = prefixList
      .trim()
      .split(" ")
      .filter((p) => p.length > 0);
    const names = Object.keys(scenario.module.references).filter(
      (name) => prefixes.length === 0 || prefixes.some((p) => name.startsWith(p)),
    );
    const rows = Object.fromEntries(names.flatMap((n) => (snapshot[n] === undefined ? [] : [[n, snapshot[n]]])));
    const notes = prefixes.length === 0 ? (scenario.module.notes?.(rows) ?? []) : [];
    const table = renderGasTable(names, snapshot, scenario.module.references, notes);
    return `<!-- gas-table ${scenarioName}${prefixList} -->\n\n${table}\n\n<!-- /gas-table -->`;
  });
}

export interface DocUpdate {
  file: string;
  current: string;
  rendered: string;
}

/** Every docs page with a gas table, its current text and the text the snapshot renders (formatted). */
export async function renderDocs(
  docsDir: string,
  scenarios: readonly LoadedScenario[],
  snapshot: Readonly<Record<string, number>>,
): Promise<DocUpdate[]> {
  const updates: DocUpdate[] = [];
  for (const name of (await readdir(docsDir)).filter((f) => f.endsWith(".md")).sort()) {
    const file = path.join(docsDir, name);
    const current = await readFile(file, "utf8");
    if (!current.includes("<!-- gas-table ")) continue;
    const replaced = replaceGasTables(current, scenarios, snapshot);
    const options = (await resolveConfig(file)) ?? {};
    const rendered = await format(replaced, { ...options, filepath: file });
    updates.push({ file, current, rendered });
  }
  return updates;
}

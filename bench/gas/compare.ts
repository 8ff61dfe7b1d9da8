/**
 * Pure comparison of measured gas rows against the committed snapshot
 * (bench/results/gas.json), and the console table that shows it.
 *
 * Tolerance: a row fails when it rises by more than 0.1% of its snapshot figure, and never
 * less than 32 gas. The benchmark is deterministic (fixed keys, salts and deployment order on a
 * fresh in-process chain: the same code measures the same gas, run after run), so any rise is a
 * code change. The tolerance only absorbs calldata noise that a harmless change can cause: when
 * a contract address moves, order hashes and signatures change, and each signature byte that
 * flips between zero and non-zero costs 12 gas (EIP-2028), a few dozen gas per row at most.
 * 0.1% is a tenth of the 1% that a deliberate feature on a hot path may cost (issue 14); a
 * larger rise is a regression that needs a new snapshot (`npm run gas:snapshot`) in the same
 * commit, visible in review as a diff of gas.json and of the docs tables.
 */
import type { RowReference } from "./types.js";

export const TOLERANCE_RELATIVE = 0.001;
export const TOLERANCE_MIN_GAS = 32;

/** The largest rise over `snapshotGas` the check accepts. */
export function allowedRise(snapshotGas: number): number {
  return Math.max(Math.ceil(snapshotGas * TOLERANCE_RELATIVE), TOLERANCE_MIN_GAS);
}

export type RowStatus = "same" | "lower" | "higher" | "OVER" | "NEW" | "MISSING";

export interface RowComparison {
  name: string;
  snapshot: number | undefined;
  measured: number | undefined;
  status: RowStatus;
}

/**
 * Compares every measured row with its snapshot figure. With `complete` (every scenario ran),
 * snapshot rows that nothing measured any more are reported as MISSING; rows without a
 * snapshot figure are NEW. Both fail, like a rise above the tolerance: the snapshot must list
 * exactly the rows the benchmark measures.
 */
export function compareToSnapshot(
  measured: Readonly<Record<string, number>>,
  snapshot: Readonly<Record<string, number>>,
  complete: boolean,
): RowComparison[] {
  const names = new Set(Object.keys(measured));
  if (complete) for (const name of Object.keys(snapshot)) names.add(name);
  return [...names].map((name) => {
    const now = measured[name];
    const before = snapshot[name];
    let status: RowStatus;
    if (now === undefined) status = "MISSING";
    else if (before === undefined) status = "NEW";
    else if (now === before) status = "same";
    else if (now < before) status = "lower";
    else status = now - before > allowedRise(before) ? "OVER" : "higher";
    return { name, snapshot: before, measured: now, status };
  });
}

/** Rows that make the check fail. */
export function failures(rows: readonly RowComparison[]): RowComparison[] {
  return rows.filter((row) => row.status === "OVER" || row.status === "NEW" || row.status === "MISSING");
}

const fmt = (n: number | undefined) => (n === undefined ? "" : n.toLocaleString("en-US"));

function signedDelta(row: RowComparison): [string, string] {
  if (row.snapshot === undefined || row.measured === undefined) return ["", ""];
  const delta = row.measured - row.snapshot;
  const sign = delta > 0 ? "+" : "";
  const percent = row.snapshot === 0 ? "" : `${sign}${((delta / row.snapshot) * 100).toFixed(2)}%`;
  return [`${sign}${delta.toLocaleString("en-US")}`, percent];
}

function vsReference(gas: number | undefined, ref: RowReference | undefined): [string, string] {
  if (gas === undefined || ref === undefined) return ["", ""];
  const vsRef = ref.reference === undefined ? "" : `${((gas / ref.reference - 1) * 100).toFixed(1)}%`;
  const target = ref.target === undefined ? "" : `≤ ${fmt(ref.target)} ${gas <= ref.target ? "ok" : "over target"}`;
  return [vsRef, target];
}

export interface TableSection {
  title: string;
  rows: RowComparison[];
  references: Readonly<Record<string, RowReference>>;
}

/** A plain-text table: snapshot, measured, delta, status, reference and target per row. */
export function formatComparison(sections: readonly TableSection[]): string {
  const header = ["row", "snapshot", "gasUsed", "delta", "delta %", "check", "reference", "vs ref", "target"];
  const body: string[][] = [];
  for (const section of sections) {
    body.push([`— ${section.title}`, "", "", "", "", "", "", "", ""]);
    for (const row of section.rows) {
      const ref = section.references[row.name];
      body.push([
        row.name,
        fmt(row.snapshot),
        fmt(row.measured),
        ...signedDelta(row),
        row.status,
        fmt(ref?.reference),
        ...vsReference(row.measured, ref),
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === 8 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

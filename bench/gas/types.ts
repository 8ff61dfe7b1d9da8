import type { network } from "hardhat";

/** A connection to a fresh in-process Hardhat network, as `network.create()` returns it. */
export type Connection = Awaited<ReturnType<typeof network.create>>;

/** Reference figure (another protocol, measured the same way) and our target for one row. */
export interface RowReference {
  reference?: number;
  target?: number;
}

/** What a scenario file exports: a reference figure and target per row, and a measuring function. */
export interface GasScenarioModule {
  /** Human title printed above the scenario's rows. */
  title: string;
  /** Every row the scenario measures, each with its reference figure and target (both optional). */
  references: Record<string, RowReference>;
  /** Deploys what it needs on `connection` and returns receipt gasUsed per row name. */
  measure(connection: Connection): Promise<Record<string, bigint>>;
  /** Optional sentences derived from the rows, printed under the scenario's table in the docs. */
  notes?(rows: Record<string, number>): string[];
}

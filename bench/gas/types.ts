import type { network } from "hardhat";

/** A connection to a fresh in-process Hardhat network, as `network.create()` returns it. */
export type Connection = Awaited<ReturnType<typeof network.create>>;

/** What a scenario file exports: a reference figure and target per row, and a measuring function. */
export interface GasScenarioModule {
  /** Human title printed above the scenario's rows. */
  title: string;
  /** For each row name: the reference figure (another protocol, measured the same way) and our target. */
  references: Record<string, { reference?: number; target?: number }>;
  /** Deploys what it needs on `connection` and returns receipt gasUsed per row name. */
  measure(connection: Connection): Promise<Record<string, bigint>>;
}

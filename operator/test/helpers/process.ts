/**
 * The operator as its own OS process (`tsx operator/src/main.ts`), for tests that must see it
 * die (SIGKILL, a crash) or measure its memory: spawn, wait for `Operator: <url>`, read RSS.
 */
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { type Labelled, spawnLabelled, stop, waitForLine } from "../../../scripts/lib/processes.ts";

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src/main.ts");

export interface OperatorProcess {
  readonly process: ChildProcess;
  readonly service: Labelled;
  readonly url: string;
  /** The last lines the process wrote to stderr. */
  readonly stderr: string;
  /** True while the process has neither exited nor been killed. */
  alive(): boolean;
  /** SIGTERM, then the group is killed after a grace period; resolves when all of it is gone. */
  stop(): Promise<void>;
}

/**
 * `tsx operator/src/main.ts` in its own process group (output kept off the test's), ready once it
 * prints `Operator: <url>`. `nodeArgs` go before the script (the bench passes profiler flags);
 * `main` runs another checkout's entry point instead (the bench's A/B runs).
 */
export async function spawnOperator(
  env: Record<string, string>,
  options: { nodeArgs?: readonly string[]; main?: string; timeoutMs?: number } = {},
): Promise<OperatorProcess> {
  const service = spawnLabelled(
    "operator",
    process.execPath,
    [...(options.nodeArgs ?? []), "--import", "tsx", options.main ?? MAIN],
    {
      env,
      quiet: true,
    },
  );
  const child = service.child;
  let url: string;
  try {
    const match = await waitForLine(service, /Operator: (\S+)/, options.timeoutMs ?? 60_000);
    url = match[1] ?? "";
  } catch (error) {
    await stop(service);
    throw error;
  }
  return {
    process: child,
    service,
    url,
    get stderr() {
      return service.stderrTail().join("\n");
    },
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: () => stop(service),
  };
}

export function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once("exit", () => resolve()));
}

/** SIGKILL and wait for the exit: nothing of the process runs after this resolves. */
export async function killHard(child: OperatorProcess): Promise<void> {
  if (child.alive()) child.process.kill("SIGKILL");
  await exited(child.process);
}

/** SIGTERM (graceful stop) and wait for the exit. */
export async function stopGracefully(child: OperatorProcess | undefined): Promise<void> {
  if (!child || !child.alive()) return;
  child.process.kill("SIGTERM");
  await exited(child.process);
}

/** Resident set size of a live process in bytes (Linux /proc). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  if (!match?.[1]) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

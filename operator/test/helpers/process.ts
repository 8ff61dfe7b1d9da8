/**
 * The operator as its own OS process (`tsx operator/src/main.ts`), for tests that must see it
 * die (SIGKILL, a crash) or measure its memory: spawn, wait for `Operator: <url>`, read RSS.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src/main.ts");

export interface OperatorProcess {
  readonly process: ChildProcess;
  readonly url: string;
  /** Everything the process wrote to stderr so far. */
  readonly stderr: string;
  /** True while the process has neither exited nor been killed. */
  alive(): boolean;
}

export async function spawnOperator(env: Record<string, string>): Promise<OperatorProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Operator: (\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code, signal) =>
      reject(new Error(`operator exited (${code ?? signal}) before listening: ${stderr.slice(-2000)}`)),
    );
  });
  return {
    process: child,
    url,
    get stderr() {
      return stderr;
    },
    alive: () => child.exitCode === null && child.signalCode === null,
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

/**
 * Services a test, a benchmark or the e2e stack starts for itself, on 127.0.0.1 and free ports
 * only, built on the process toolkit (`processes.ts`): a Hardhat node as its own process, and a
 * throwaway PostgreSQL cluster from the system's `postgresql` package.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { type Labelled, freePort, spawnLabelled, stop, waitForRpc } from "./processes.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const HARDHAT_CLI = path.join(ROOT, "node_modules", "hardhat", "dist", "src", "cli.js");
const LOCAL_CHAIN_ID = 31337;

export interface HardhatNode {
  readonly rpcUrl: string;
  readonly port: number;
  readonly process: Labelled;
  stop(): Promise<void>;
}

/**
 * `hardhat node` on 127.0.0.1 and a free port, in its own process group, ready once it answers
 * eth_chainId with `chainId` (default 31337; another id stands in for a testnet). Runs under this
 * process's Node (Node 22 via npm scripts).
 */
export async function startHardhatNode(
  options: { label?: string; quiet?: boolean; timeoutMs?: number; chainId?: number } = {},
): Promise<HardhatNode> {
  const chainId = options.chainId ?? LOCAL_CHAIN_ID;
  const port = await freePort();
  const rpcUrl = `http://127.0.0.1:${port}`;
  const node = spawnLabelled(
    options.label ?? "node",
    process.execPath,
    [
      HARDHAT_CLI,
      "node",
      "--hostname",
      "127.0.0.1",
      "--port",
      String(port),
      ...(chainId === LOCAL_CHAIN_ID ? [] : ["--chain-id", String(chainId)]),
    ],
    { cwd: ROOT, quiet: options.quiet ?? true },
  );
  try {
    await waitForRpc(rpcUrl, { chainId, service: node, timeoutMs: options.timeoutMs ?? 90_000 });
  } catch (error) {
    await stop(node);
    throw error;
  }
  return { rpcUrl, port, process: node, stop: () => stop(node) };
}

export interface TempPostgres {
  readonly url: string;
  stop(): Promise<void>;
}

/** The newest PostgreSQL server binaries: Debian's /usr/lib/postgresql/<version>/bin, else /usr/bin. */
function postgresBinDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const candidates = [...versions.map((v) => path.join(root, v, "bin")), "/usr/local/bin", "/usr/bin"];
  const found = candidates.find((dir) => existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl")));
  if (!found) {
    throw new Error(
      "PostgreSQL server binaries (initdb, pg_ctl) not found: install them with `apt-get install -y postgresql` to run the Postgres-backed tests",
    );
  }
  return found;
}

/**
 * A throwaway PostgreSQL cluster: a temp data directory, 127.0.0.1 on a free port, run as the
 * `postgres` OS user when the tests run as root (initdb refuses root). Fails loudly when
 * PostgreSQL is not installed; `stop()` stops the server and removes the directory.
 */
export async function startPostgres(): Promise<TempPostgres> {
  const bin = postgresBinDir();
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]): void => {
    const file = path.join(bin, command);
    if (asRoot) execFileSync("runuser", ["-u", "postgres", "--", file, ...args], { stdio: "pipe" });
    else execFileSync(file, args, { stdio: "pipe" });
  };
  const dir = mkdtempSync(path.join(tmpdir(), "forkcast-pg-"));
  chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  const port = await freePort();
  if (asRoot) execFileSync("chown", ["postgres", dir]);
  try {
    run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
    run("pg_ctl", [
      "-D",
      data,
      "-l",
      path.join(dir, "log"),
      "-w",
      "-o",
      // fsync off: a throwaway cluster. wal_init_zero off: a fresh cluster has no WAL segments to
      // recycle, so every 16 MB segment it fills is created and zero-filled while a commit waits
      // (a 50-60 ms stall every ~6,000 orders in the intake bench); a long-running server recycles
      // its segments instead, and that is the server the bench stands for.
      `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c wal_init_zero=off`,
      "start",
    ]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? "";
    throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${stderr}`, { cause: error });
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

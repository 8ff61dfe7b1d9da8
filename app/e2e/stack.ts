/**
 * Starts the local stack an e2e run needs and tears all of it down again:
 * a Hardhat node on a free loopback port, the repo's deployment (address book + generated
 * module), a production build of the app pointed at that node, and `vite preview` serving it.
 * The developer's own deployments/<chainId>.json and generated module are restored afterwards.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { getAddress } from "viem";
import { type PreviewServer, build, preview } from "vite";

import { freePort, rpc, runCommand, spawnLabelled, stop, waitForHttp } from "../../scripts/lib/processes.ts";
import { startHardhatNode } from "../../scripts/lib/services.ts";

const APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = path.resolve(APP_DIR, "..");
const HARDHAT_CLI = path.join(ROOT, "node_modules", "hardhat", "dist", "src", "cli.js");
const CHAIN_ID = 31337;
/** Hardhat dev account 18, the exchange operator of the localhost deployment parameters (a public test key). */
const OPERATOR_DEV_KEY = "0xde9be858da4a475276426320d5e9262ecfc3ba460bfac56360bfa6c4c28b4ee0";

export interface Stack {
  rpcUrl: string;
  appUrl: string;
  /** The CLOB operator the app reaches through its same-origin `/operator` proxy. */
  operatorUrl: string;
  /** The indexer (Ponder) the app reads markets, positions, bets and LP positions from. */
  indexerUrl: string;
  accounts: `0x${string}`[];
  contracts: Record<string, `0x${string}`>;
  /** Runs a JSON-RPC call against the node. */
  rpc(method: string, params?: unknown[]): Promise<unknown>;
  stop(): Promise<void>;
}

/** Runs `node <args>` from the repository root to completion; rejects with its output when it fails. */
async function run(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const { code, output } = await runCommand(process.execPath, args, { cwd: ROOT, env, timeoutMs: 600_000 });
  if (code !== 0) throw new Error(`${args.join(" ")} exited with ${code}:\n${output}`);
  return output;
}

interface ServiceSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  /** The service's environment, given a fresh temporary data directory. */
  env: (dataDir: string) => NodeJS.ProcessEnv;
  /** Answers 2xx once the service is ready. */
  healthUrl: string;
  timeoutMs: number;
  stopSignal?: NodeJS.Signals;
}

/** Starts a service in its own process group with a temporary data directory and waits until it is healthy;
 * registers its stop (and the directory's removal) in `cleanups`. A failure carries the service's last stderr lines. */
async function startService(cleanups: (() => Promise<void>)[], spec: ServiceSpec): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `forkcast-e2e-${spec.name}-`));
  const service = spawnLabelled(spec.name, spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env(dataDir),
    quiet: true,
    ...(spec.stopSignal ? { stopSignal: spec.stopSignal } : {}),
  });
  cleanups.push(async () => {
    await stop(service);
    await rm(dataDir, { recursive: true, force: true });
  });
  await waitForHttp(spec.healthUrl, { service, timeoutMs: spec.timeoutMs });
}

export async function startStack(): Promise<Stack> {
  const cleanups: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((e: unknown) => console.error("cleanup failed:", e));
  };
  try {
    // 1. The node, in its own process group so every child dies with it.
    const node = await startHardhatNode();
    cleanups.push(() => node.stop());
    const { rpcUrl } = node;
    const accounts = (await rpc<string[]>(rpcUrl, "eth_accounts")).map((a) => getAddress(a));

    // 2. Deploy, keeping the developer's address book and generated module to put back.
    const bookFile = path.join(ROOT, "deployments", `${CHAIN_ID}.json`);
    const generatedDir = path.join(ROOT, "deployments", "generated");
    const backup = await mkdtemp(path.join(tmpdir(), "forkcast-e2e-backup-"));
    const savedBook = await readFile(bookFile, "utf8").catch(() => undefined);
    await cp(generatedDir, path.join(backup, "generated"), { recursive: true }).catch(() => undefined);
    cleanups.push(async () => {
      if (savedBook === undefined) await rm(bookFile, { force: true });
      else await writeFile(bookFile, savedBook);
      await rm(generatedDir, { recursive: true, force: true });
      await cp(path.join(backup, "generated"), generatedDir, { recursive: true }).catch(() => undefined);
      await rm(backup, { recursive: true, force: true });
    });
    const deploymentId = `e2e-${process.pid}-${Date.now()}`;
    cleanups.push(() => rm(path.join(ROOT, "ignition", "deployments", deploymentId), { recursive: true, force: true }));
    const out = await run([HARDHAT_CLI, "run", "app/e2e/deploy-local.ts"], {
      E2E_RPC_URL: rpcUrl,
      E2E_DEPLOYMENT_ID: deploymentId,
    });
    const summaryLine = out
      .trim()
      .split("\n")
      .reverse()
      .find((l) => l.startsWith("{"));
    if (!summaryLine) throw new Error(`deploy printed no summary:\n${out}`);
    const { contracts } = JSON.parse(summaryLine) as { contracts: Record<string, `0x${string}`> };

    // 3. The CLOB operator on this node; dev account 18 is the exchange operator in
    //    ignition/parameters/localhost.json, which the deploy above used.
    const operatorPort = await freePort();
    const operatorUrl = `http://127.0.0.1:${operatorPort}`;
    await startService(cleanups, {
      name: "operator",
      command: path.join(ROOT, "node_modules", ".bin", "tsx"),
      args: ["operator/src/main.ts"],
      cwd: ROOT,
      env: (dataDir) => ({
        OPERATOR_RPC_URL: rpcUrl,
        OPERATOR_CHAIN_ID: String(CHAIN_ID),
        OPERATOR_PORT: String(operatorPort),
        OPERATOR_PRIVATE_KEY: OPERATOR_DEV_KEY,
        OPERATOR_DATA_DIR: dataDir,
        OPERATOR_ADDRESS_BOOK: bookFile,
        OPERATOR_LOG_LEVEL: "warn",
      }),
      healthUrl: `${operatorUrl}/health`,
      timeoutMs: 60_000,
    });

    // 4. The indexer (Ponder, fresh PGlite directory), which the app reads lists and portfolios from.
    const indexerPort = await freePort();
    const indexerUrl = `http://127.0.0.1:${indexerPort}`;
    await startService(cleanups, {
      name: "indexer",
      command: path.join(ROOT, "node_modules", ".bin", "ponder"),
      args: [
        "start",
        "-H",
        "127.0.0.1",
        "-p",
        String(indexerPort),
        "--schema",
        `e2e_${process.pid}`,
        "--log-level",
        "warn",
      ],
      cwd: path.join(ROOT, "indexer"),
      env: (dataDir) => ({
        CHAIN_ID: String(CHAIN_ID),
        RPC_URL: rpcUrl,
        PONDER_PORT: String(indexerPort),
        PGLITE_DIRECTORY: dataDir,
        POLLING_INTERVAL_MS: "250",
      }),
      healthUrl: `${indexerUrl}/ready`,
      timeoutMs: 120_000,
      // Ponder leaves a lock behind on SIGTERM; SIGINT stops it cleanly.
      stopSignal: "SIGINT",
    });

    // 5. Build the app against this node into a temporary folder and serve it; the operator sends
    //    no CORS headers, so the app reaches it through the preview server's /operator proxy.
    process.env.VITE_OPERATOR_URL = "/operator";
    process.env.OPERATOR_PROXY_TARGET = operatorUrl;
    const outDir = await mkdtemp(path.join(tmpdir(), "forkcast-e2e-app-"));
    cleanups.push(() => rm(outDir, { recursive: true, force: true }));
    process.env.VITE_RPC_URL = rpcUrl;
    process.env.VITE_INDEXER_URL = indexerUrl;
    await build({ root: APP_DIR, logLevel: "warn", build: { outDir, emptyOutDir: true } });
    const appPort = await freePort();
    const server: PreviewServer = await preview({
      root: APP_DIR,
      logLevel: "warn",
      build: { outDir },
      preview: { host: "127.0.0.1", port: appPort, strictPort: true },
    });
    cleanups.push(() => server.close());
    return {
      rpcUrl,
      appUrl: `http://127.0.0.1:${appPort}`,
      operatorUrl,
      indexerUrl,
      accounts,
      contracts,
      rpc: (method, params) => rpc<unknown>(rpcUrl, method, params),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

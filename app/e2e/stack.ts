/**
 * Starts the local stack an e2e run needs and tears all of it down again:
 * a Hardhat node on a free loopback port, the repo's deployment (address book + generated
 * module), a production build of the app pointed at that node, and `vite preview` serving it.
 * The developer's own deployments/<chainId>.json and generated module are restored afterwards.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { getAddress } from "viem";
import { type PreviewServer, build, preview } from "vite";

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

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function rpcCall(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ""}`);
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${args.join(" ")} exited with ${code}:\n${out}`)),
    );
  });
}

function stopProcess(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.pid === undefined) return resolve();
    const timer = setTimeout(() => {
      try {
        process.kill(-(child.pid as number), "SIGKILL");
      } catch {
        // already gone
      }
    }, 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-(child.pid as number), signal);
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

export async function startStack(): Promise<Stack> {
  const cleanups: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((e: unknown) => console.error("cleanup failed:", e));
  };
  try {
    // 1. The node, in its own process group so every child dies with it.
    const rpcPort = await freePort();
    const rpcUrl = `http://127.0.0.1:${rpcPort}`;
    let nodeLog = "";
    const node = spawn(process.execPath, [HARDHAT_CLI, "node", "--hostname", "127.0.0.1", "--port", String(rpcPort)], {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    node.stdout?.on("data", (d: Buffer) => (nodeLog = (nodeLog + d.toString()).slice(-4000)));
    node.stderr?.on("data", (d: Buffer) => (nodeLog = (nodeLog + d.toString()).slice(-4000)));
    cleanups.push(() => stopProcess(node));
    await waitFor(`the Hardhat node on ${rpcUrl} (log: ${nodeLog})`, 60_000, async () =>
      Number(await rpcCall(rpcUrl, "eth_chainId")) === CHAIN_ID ? true : undefined,
    );
    const accounts = ((await rpcCall(rpcUrl, "eth_accounts")) as string[]).map((a) => getAddress(a));

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
    const operatorData = await mkdtemp(path.join(tmpdir(), "forkcast-e2e-operator-"));
    let operatorLog = "";
    const operator = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), ["operator/src/main.ts"], {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        OPERATOR_RPC_URL: rpcUrl,
        OPERATOR_CHAIN_ID: String(CHAIN_ID),
        OPERATOR_PORT: String(operatorPort),
        OPERATOR_PRIVATE_KEY: OPERATOR_DEV_KEY,
        OPERATOR_DATA_DIR: operatorData,
        OPERATOR_ADDRESS_BOOK: bookFile,
        OPERATOR_LOG_LEVEL: "warn",
      },
    });
    operator.stdout?.on("data", (d: Buffer) => (operatorLog = (operatorLog + d.toString()).slice(-4000)));
    operator.stderr?.on("data", (d: Buffer) => (operatorLog = (operatorLog + d.toString()).slice(-4000)));
    cleanups.push(async () => {
      await stopProcess(operator);
      await rm(operatorData, { recursive: true, force: true });
    });
    await waitFor(`the operator on ${operatorUrl}`, 60_000, async () => {
      if (operator.exitCode !== null) throw new Error(`the operator exited: ${operatorLog}`);
      const response = await fetch(`${operatorUrl}/health`);
      return response.ok ? true : undefined;
    }).catch((error: unknown) => {
      throw new Error(`${String(error)}\noperator log: ${operatorLog}`);
    });

    // 4. The indexer (Ponder, fresh PGlite directory), which the app reads lists and portfolios from.
    const indexerPort = await freePort();
    const indexerUrl = `http://127.0.0.1:${indexerPort}`;
    const indexerData = await mkdtemp(path.join(tmpdir(), "forkcast-e2e-indexer-"));
    let indexerLog = "";
    const indexer = spawn(
      path.join(ROOT, "node_modules", ".bin", "ponder"),
      ["start", "-H", "127.0.0.1", "-p", String(indexerPort), "--schema", `e2e_${process.pid}`, "--log-level", "warn"],
      {
        cwd: path.join(ROOT, "indexer"),
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
        env: {
          ...process.env,
          CHAIN_ID: String(CHAIN_ID),
          RPC_URL: rpcUrl,
          PONDER_PORT: String(indexerPort),
          PGLITE_DIRECTORY: indexerData,
          POLLING_INTERVAL_MS: "250",
        },
      },
    );
    indexer.stdout?.on("data", (d: Buffer) => (indexerLog = (indexerLog + d.toString()).slice(-4000)));
    indexer.stderr?.on("data", (d: Buffer) => (indexerLog = (indexerLog + d.toString()).slice(-4000)));
    cleanups.push(async () => {
      // Ponder leaves a lock behind on SIGTERM; SIGINT stops it cleanly.
      await stopProcess(indexer, "SIGINT");
      await rm(indexerData, { recursive: true, force: true });
    });
    await waitFor(`the indexer on ${indexerUrl}`, 120_000, async () => {
      if (indexer.exitCode !== null) throw new Error(`the indexer exited: ${indexerLog}`);
      const response = await fetch(`${indexerUrl}/ready`);
      return response.ok ? true : undefined;
    }).catch((error: unknown) => {
      throw new Error(`${String(error)}\nindexer log: ${indexerLog}`);
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
      rpc: (method, params) => rpcCall(rpcUrl, method, params),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

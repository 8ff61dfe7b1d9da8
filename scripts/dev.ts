/**
 * `npm run dev`: the whole local stack from one command.
 *
 * 1. takes the checkout's dev lock (a second `npm run dev` here refuses instead of wiping the
 *    first one's data);
 * 2. starts `hardhat node` on 127.0.0.1 (automine while deploying and seeding, then 1 s blocks
 *    so the indexer and the UI behave as on a real chain);
 * 3. deploys every contract (scripts/deploy.ts) and seeds demo data (scripts/seed.ts);
 * 4. starts the services (operator, keeper, indexer, app) with labelled logs, under a
 *    supervisor that reports any death and restarts the operator and keeper (bounded);
 * 5. prints `App: <url>`, `Operator: <url>`, `Indexer: <url>`, `RPC: <url>` and the funded demo
 *    accounts once everything answers, and stops everything cleanly on Ctrl-C.
 *
 * Ports: RPC_PORT (8545), OPERATOR_PORT (8787), INDEXER_PORT (42069), APP_PORT (5173).
 */
import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";

import { DEMO_ACCOUNTS } from "./lib/demo-accounts.ts";
import { DEV_LOCK_FILE, type DevLock, DevLockHeldError, acquireDevLock } from "./lib/dev-lock.ts";
import { DEV_DATA_DIR, type DevService, devServices } from "./lib/dev-services.ts";
import {
  type Labelled,
  assertPortFree,
  hasEnded,
  rpc,
  runLabelled,
  spawnLabelled,
  stop,
  waitFor,
} from "./lib/processes.ts";
import { SERVICE_RESTARTS, Supervisor } from "./lib/supervisor.ts";

const BLOCK_INTERVAL_MS = 1_000;

const say = (line: string) => console.log(`[dev] ${line}`);
const complain = (line: string) => console.error(`[dev] ${line}`);

const port = (name: string, fallback: number) => {
  const raw = process.env[name];
  const value = raw === undefined || raw === "" ? fallback : Number(raw);
  if (!Number.isInteger(value) || value <= 0 || value > 65_535)
    throw new Error(`${name} must be a TCP port, got "${raw}"`);
  return value;
};

async function main(): Promise<void> {
  const started = Date.now();
  let ports: { rpc: number; operator: number; indexer: number; app: number };
  try {
    ports = {
      rpc: port("RPC_PORT", 8545),
      operator: port("OPERATOR_PORT", 8787),
      indexer: port("INDEXER_PORT", 42069),
      app: port("APP_PORT", 5173),
    };
  } catch (error) {
    complain((error as Error).message);
    process.exit(1);
  }
  const rpcUrl = `http://127.0.0.1:${ports.rpc}`;
  const services = devServices({
    rpcUrl,
    operatorPort: ports.operator,
    indexerPort: ports.indexer,
    appPort: ports.app,
  }).filter((s) => existsSync(s.dir));

  // Before anything that touches the chain's files: another stack from this checkout owns them.
  let lock: DevLock;
  try {
    lock = acquireDevLock(
      DEV_LOCK_FILE,
      { pid: process.pid, startedAt: new Date().toISOString(), ports },
      { log: say },
    );
  } catch (error) {
    complain(
      error instanceof DevLockHeldError ? error.message : `Cannot take the dev lock: ${(error as Error).message}`,
    );
    process.exit(1);
  }
  process.on("exit", () => lock.release());

  let stopping = false;
  /** The one-shot step running now (deploy, seed), so Ctrl-C stops it too. */
  let step: Labelled | undefined;
  const supervisor = new Supervisor({
    log: complain,
    onFatal: (message) => {
      complain(message);
      void shutdown(1);
    },
    onStart: (service, p) => say(`started the ${service.name} (pid ${p.child.pid ?? "?"})`),
  });
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping the local stack…");
    if (step) await stop(step);
    await supervisor.stopAll();
    lock.release();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  process.on("SIGHUP", () => void shutdown(0));

  try {
    await assertPortFree(ports.rpc, "127.0.0.1", "Hardhat node");
    for (const s of services) if (s.port) await assertPortFree(s.port, "127.0.0.1", s.name.toLowerCase());

    const node = supervisor.add({
      name: "Hardhat node",
      start: () =>
        spawnLabelled("node", "npx", ["hardhat", "node", "--hostname", "127.0.0.1", "--port", String(ports.rpc)], {
          quiet: process.env.FORKCAST_NODE_LOGS === undefined,
        }),
    });
    await waitFor(
      "the Hardhat node",
      async () => {
        if (hasEnded(node.child)) throw new Error("the Hardhat node exited");
        return (await rpc<string>(rpcUrl, "eth_chainId")) === "0x7a69";
      },
      90_000,
    );

    // Deploy and seed reach the node through `--network localhost`, whose URL uses RPC_PORT.
    const hardhatEnv = { RPC_PORT: String(ports.rpc) };
    const runStep = async (label: string, args: string[], env: NodeJS.ProcessEnv) => {
      await runLabelled(label, "npx", args, { ...hardhatEnv, ...env }, (p) => (step = p));
      step = undefined;
    };
    await runStep("deploy", ["hardhat", "run", "scripts/deploy.ts", "--network", "localhost"], { CI: "true" });
    await rm(DEV_DATA_DIR, { recursive: true, force: true });
    await mkdir(DEV_DATA_DIR, { recursive: true });

    const env = { RPC_URL: rpcUrl, CHAIN_ID: "31337" };
    const urls = new Map<string, string>();
    const startAll = async (group: DevService[]) => {
      const started = group.map((s) => {
        const url = s.port ? `http://127.0.0.1:${s.port}` : undefined;
        if (url) urls.set(s.name, url);
        const probe = s.ready;
        const ready = probe && url ? () => probe(url) : undefined;
        supervisor.add({
          name: s.name.toLowerCase(),
          start: () => s.start(env),
          ...(s.restartable ? { restart: SERVICE_RESTARTS } : {}),
          ...(ready ? { ready } : {}),
          ...(url ? { describe: () => url } : {}),
        });
        return { s, url, ready };
      });
      for (const { s, url, ready } of started) {
        if (!url || !ready) continue;
        // A death meanwhile is the supervisor's to report (and to restart or give up on).
        await waitFor(`the ${s.name.toLowerCase()} at ${url}`, ready, 120_000);
      }
    };

    await startAll(services.filter((s) => s.beforeSeed));
    const operatorUrl = urls.get("Operator");
    await runStep("seed", ["hardhat", "run", "scripts/seed.ts", "--network", "localhost"], {
      ...(operatorUrl ? { OPERATOR_URL: operatorUrl } : { SEED_SKIP_ORDERS: "1" }),
    });
    // From here on, blocks arrive every second whether or not there are transactions.
    await rpc(rpcUrl, "evm_setAutomine", [false]);
    await rpc(rpcUrl, "evm_setIntervalMining", [BLOCK_INTERVAL_MS]);
    await startAll(services.filter((s) => !s.beforeSeed));

    console.log("\nDemo accounts (funded with ETH and tUSD; keys are Hardhat's public dev keys):");
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.name.padEnd(8)} ${a.address}  ${a.privateKey}`);
    console.log(`\nLocal stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Ctrl-C stops everything.`);
    for (const name of ["App", "Operator", "Indexer"] as const) {
      const url = urls.get(name);
      if (url) console.log(`${name}: ${url}`);
    }
    console.log(`RPC: ${rpcUrl}`);
  } catch (error) {
    if (stopping) return;
    complain(`npm run dev failed: ${(error as Error).message}`);
    await shutdown(1);
  }
}

await main();

/**
 * `npm run dev`: the whole local stack from one command.
 *
 * 1. starts `hardhat node` on 127.0.0.1 (automine while deploying and seeding, then 1 s blocks
 *    so the indexer and the UI behave as on a real chain);
 * 2. deploys every contract (scripts/deploy.ts) and seeds demo data (scripts/seed.ts);
 * 3. starts the services (operator, keeper, indexer, app) with labelled logs;
 * 4. prints `App: <url>`, `Operator: <url>`, `Indexer: <url>`, `RPC: <url>` and the funded demo
 *    accounts once everything answers, and stops everything cleanly on Ctrl-C.
 *
 * Ports: RPC_PORT (8545), OPERATOR_PORT (8787), INDEXER_PORT (42069), APP_PORT (5173).
 */
import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";

import { DEMO_ACCOUNTS } from "./lib/demo-accounts.ts";
import { DEV_DATA_DIR, type DevService, devServices } from "./lib/dev-services.ts";
import { type Labelled, assertPortFree, rpc, runLabelled, spawnLabelled, stop, waitFor } from "./lib/processes.ts";

const BLOCK_INTERVAL_MS = 1_000;

const port = (name: string, fallback: number) => {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value <= 0 || value > 65_535)
    throw new Error(`${name} must be a TCP port, got "${raw}"`);
  return value;
};

async function main(): Promise<void> {
  const started = Date.now();
  const rpcPort = port("RPC_PORT", 8545);
  const rpcUrl = `http://127.0.0.1:${rpcPort}`;
  const services = devServices({
    rpcUrl,
    operatorPort: port("OPERATOR_PORT", 8787),
    indexerPort: port("INDEXER_PORT", 42069),
    appPort: port("APP_PORT", 5173),
  }).filter((s) => existsSync(s.dir));

  await assertPortFree(rpcPort, "127.0.0.1", "Hardhat node");
  for (const s of services) if (s.port) await assertPortFree(s.port, "127.0.0.1", s.name.toLowerCase());

  const running: Labelled[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping the local stack…");
    for (const p of [...running].reverse()) await stop(p);
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    const node = spawnLabelled(
      "node",
      "npx",
      ["hardhat", "node", "--hostname", "127.0.0.1", "--port", String(rpcPort)],
      {
        quiet: process.env.FORKCAST_NODE_LOGS === undefined,
      },
    );
    running.push(node);
    node.child.on("exit", (code) => {
      if (!stopping) {
        console.error(`The Hardhat node exited (code ${code}); stopping.`);
        void shutdown(1);
      }
    });
    await waitFor("the Hardhat node", async () => (await rpc<string>(rpcUrl, "eth_chainId")) === "0x7a69", 90_000);

    await runLabelled("deploy", "npx", ["hardhat", "run", "scripts/deploy.ts", "--network", "localhost"], {
      CI: "true",
    });
    await rm(DEV_DATA_DIR, { recursive: true, force: true });
    await mkdir(DEV_DATA_DIR, { recursive: true });

    const env = { RPC_URL: rpcUrl, CHAIN_ID: "31337" };
    const urls = new Map<string, string>();
    const startAll = async (group: DevService[]) => {
      const started = group.map((s) => {
        const p = s.start(env);
        running.push(p);
        if (s.port) urls.set(s.name, `http://127.0.0.1:${s.port}`);
        return { s, p };
      });
      for (const { s, p } of started) {
        const url = urls.get(s.name);
        const ready = s.ready;
        if (!url || !ready) continue;
        await waitFor(
          `the ${s.name.toLowerCase()} at ${url}`,
          async () => {
            if (p.child.exitCode !== null) throw new Error(`the ${s.name.toLowerCase()} exited (see its log above)`);
            return ready(url);
          },
          120_000,
        );
      }
    };

    await startAll(services.filter((s) => s.beforeSeed));
    const operatorUrl = urls.get("Operator");
    await runLabelled("seed", "npx", ["hardhat", "run", "scripts/seed.ts", "--network", "localhost"], {
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
    console.error(`\nnpm run dev failed: ${(error as Error).message}`);
    await shutdown(1);
  }
}

await main();

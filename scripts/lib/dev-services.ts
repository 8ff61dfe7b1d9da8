/**
 * The long-running services `npm run dev` starts after the chain is deployed and seeded.
 * A service is started only if its folder is part of this checkout.
 */
import { ACCOUNT_INDEX, devPrivateKey } from "./demo-accounts.ts";
import type { Labelled } from "./processes.ts";
import { spawnLabelled } from "./processes.ts";

export interface DevService {
  name: "App" | "Operator" | "Indexer" | "Keeper";
  /** Folder whose presence means the service is part of this checkout. */
  dir: string;
  /** Port it serves on, when it serves HTTP. */
  port?: number;
  start(env: NodeJS.ProcessEnv): Labelled;
  /** Resolves true once the service answers at its URL. */
  ready?(url: string): Promise<boolean>;
  /** Started before the demo seed (the seed places orders through the operator). */
  beforeSeed?: boolean;
  /** Restarted when it dies (bounded); the others stop the stack when they die. */
  restartable?: boolean;
}

async function answers(url: string): Promise<boolean> {
  const response = await fetch(url);
  return response.ok;
}

/** A fresh chain needs fresh service databases: each `npm run dev` uses new data folders. */
export const DEV_DATA_DIR = ".data/dev";

export interface DevPorts {
  rpcUrl: string;
  operatorPort: number;
  indexerPort: number;
  appPort: number;
}

export function devServices(ports: DevPorts): DevService[] {
  return [
    {
      name: "Operator",
      dir: "operator",
      port: ports.operatorPort,
      beforeSeed: true,
      // Its recovery path rebuilds the book from its database and the chain after a crash.
      restartable: true,
      start: (env) =>
        // One process (tsx as a loader, not tsx's wrapper CLI), so its pid is the server's.
        spawnLabelled("operator", process.execPath, ["--import", "tsx", "operator/src/main.ts"], {
          env: {
            ...env,
            OPERATOR_RPC_URL: ports.rpcUrl,
            OPERATOR_CHAIN_ID: "31337",
            OPERATOR_PORT: String(ports.operatorPort),
            OPERATOR_PRIVATE_KEY: devPrivateKey(ACCOUNT_INDEX.operator),
            OPERATOR_DATA_DIR: `${DEV_DATA_DIR}/operator`,
          },
        }),
      ready: (url) => answers(`${url}/health`),
    },
    {
      name: "Indexer",
      dir: "indexer",
      port: ports.indexerPort,
      start: (env) =>
        spawnLabelled(
          "indexer",
          "../node_modules/.bin/ponder",
          [
            "start",
            "-H",
            "127.0.0.1",
            "-p",
            String(ports.indexerPort),
            "--schema",
            `dev_${Date.now()}`,
            "--log-level",
            "warn",
          ],
          {
            cwd: "indexer",
            env: {
              ...env,
              CHAIN_ID: "31337",
              RPC_URL: ports.rpcUrl,
              PONDER_PORT: String(ports.indexerPort),
              PGLITE_DIRECTORY: `../${DEV_DATA_DIR}/indexer`,
            },
            // Ponder leaves a lock behind on SIGTERM; SIGINT stops it cleanly.
            stopSignal: "SIGINT",
          },
        ),
      ready: (url) => answers(`${url}/ready`),
    },
    {
      name: "App",
      dir: "app",
      port: ports.appPort,
      start: (env) =>
        spawnLabelled(
          "app",
          "node_modules/.bin/vite",
          ["--host", "127.0.0.1", "--port", String(ports.appPort), "--strictPort"],
          {
            cwd: "app",
            env: {
              ...env,
              VITE_RPC_URL: ports.rpcUrl,
              VITE_LOCAL_CHAIN_ID: "31337",
              // The app reaches the operator through Vite's same-origin proxy (REST and WebSocket).
              OPERATOR_PROXY_TARGET: `http://127.0.0.1:${ports.operatorPort}`,
              VITE_OPERATOR_URL: "/operator",
              VITE_INDEXER_URL: `http://127.0.0.1:${ports.indexerPort}`,
            },
          },
        ),
      ready: (url) => answers(url),
    },
    {
      name: "Keeper",
      dir: "keeper",
      // Stateless: it rescans the chain from the deploy block when it starts. Loaded through tsx
      // like the operator: it imports @forkcast/shared, whose sources use `.js` specifiers.
      restartable: true,
      start: (env) =>
        spawnLabelled("keeper", process.execPath, ["--import", "tsx", "keeper/src/main.ts"], {
          env: { ...env, KEEPER_INTERVAL_MS: "2000" },
        }),
    },
  ];
}

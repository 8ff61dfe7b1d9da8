/**
 * The long-running services `npm run dev` starts after the chain is deployed and seeded.
 * A service is started only if its folder is part of this checkout.
 */
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
}

export interface DevPorts {
  rpcUrl: string;
  operatorPort: number;
  indexerPort: number;
  appPort: number;
}

export function devServices(_ports: DevPorts): DevService[] {
  return [
    {
      name: "Keeper",
      dir: "keeper",
      start: (env) =>
        spawnLabelled("keeper", "node", ["keeper/src/main.ts"], { env: { ...env, KEEPER_INTERVAL_MS: "2000" } }),
    },
  ];
}

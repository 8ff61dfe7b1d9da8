/**
 * Reads the indexer's environment and the chain's address book, failing with errors that say
 * what to do (which deploy command to run, which variable is wrong).
 */
import { type Address, type Deployment } from "@forkcast/deployments";
import { deploymentsDir, readAddressBook } from "@forkcast/deployments/node";

export type { Address };

export interface Settings {
  chainId: number;
  rpcUrl: string;
  pollingIntervalMs: number;
  /** The chain's address book (`deployments/<chainId>.json`, one schema for every package). */
  deployment: Deployment;
}

export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SettingsError";
  }
}

const DEFAULT_CHAIN_ID = 31337;
const DEFAULT_RPC_URL = "http://127.0.0.1:8545";
const DEFAULT_POLLING_INTERVAL_MS = 1_000;

function positiveInteger(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new SettingsError(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

export function loadSettings(env: NodeJS.ProcessEnv): Settings {
  const chainId = positiveInteger("CHAIN_ID", env.CHAIN_ID, DEFAULT_CHAIN_ID);
  const rpcUrl = env.RPC_URL && env.RPC_URL !== "" ? env.RPC_URL : DEFAULT_RPC_URL;
  if (!/^https?:\/\//.test(rpcUrl)) throw new SettingsError(`RPC_URL must be an http(s) URL, got "${rpcUrl}"`);
  const pollingIntervalMs = positiveInteger(
    "POLLING_INTERVAL_MS",
    env.POLLING_INTERVAL_MS,
    DEFAULT_POLLING_INTERVAL_MS,
  );

  // A missing book, a book of another chain or a malformed one: a DeploymentError names the file.
  const deployment = readAddressBook(chainId, deploymentsDir(env));
  return { chainId, rpcUrl, pollingIntervalMs, deployment };
}

/** Asks the RPC for its chain id and refuses to index a chain that is not CHAIN_ID. */
export async function checkRpcChainId(settings: Pick<Settings, "chainId" | "rpcUrl">): Promise<void> {
  let response: Response;
  try {
    response = await fetch(settings.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    });
  } catch (error) {
    throw new SettingsError(
      `Cannot reach RPC_URL ${settings.rpcUrl} (${(error as Error).message}): is the node running (npm run node)?`,
    );
  }
  const body = (await response.json()) as { result?: string };
  const rpcChainId = body.result === undefined ? Number.NaN : Number(BigInt(body.result));
  if (rpcChainId !== settings.chainId) {
    throw new SettingsError(
      `Wrong chain: RPC_URL ${settings.rpcUrl} serves chain ${rpcChainId}, but CHAIN_ID is ${settings.chainId}.`,
    );
  }
}

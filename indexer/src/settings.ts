/**
 * Reads the indexer's environment and the chain's address book, failing with errors that say
 * what to do (which deploy command to run, which variable is wrong).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type Address = `0x${string}`;

export interface AddressBookFile {
  chainId: number;
  deployBlock: number;
  contracts: Record<string, { contract: string; address: Address }>;
}

export interface Settings {
  chainId: number;
  rpcUrl: string;
  pollingIntervalMs: number;
  bookPath: string;
  book: AddressBookFile;
  /** The address of a contract of the address book (by key); throws if the book lacks it. */
  address(key: string): Address;
  /** The address under the first of `keys` the book has, or undefined (contracts added later). */
  optionalAddress(...keys: string[]): Address | undefined;
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

/** deployments/ at the repository root, two levels above this file (indexer/src). */
const REPO_DEPLOYMENTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "deployments");

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

  const dir = env.FORKCAST_DEPLOYMENTS_DIR ?? REPO_DEPLOYMENTS;
  const bookPath = path.join(dir, `${chainId}.json`);
  if (!existsSync(bookPath)) {
    const command =
      chainId === DEFAULT_CHAIN_ID
        ? "start a node (`npm run node`) and run `npm run deploy -- --network localhost`"
        : "run `npm run deploy -- --network <network of that chain>`";
    throw new SettingsError(
      `No address book for chain ${chainId} at ${bookPath}: nothing is deployed there. ${command}.`,
    );
  }
  let book: AddressBookFile;
  try {
    book = JSON.parse(readFileSync(bookPath, "utf8")) as AddressBookFile;
  } catch (error) {
    throw new SettingsError(`Cannot read the address book ${bookPath}: ${(error as Error).message}`);
  }
  if (book.chainId !== chainId) {
    throw new SettingsError(`${bookPath} is for chain ${book.chainId}, not CHAIN_ID=${chainId}`);
  }
  if (!Number.isInteger(book.deployBlock) || typeof book.contracts !== "object" || book.contracts === null) {
    throw new SettingsError(`${bookPath} is not an address book (deployBlock/contracts missing)`);
  }
  return {
    chainId,
    rpcUrl,
    pollingIntervalMs,
    bookPath,
    book,
    address(key: string): Address {
      const entry = book.contracts[key];
      if (!entry) throw new SettingsError(`${bookPath} has no "${key}" contract: redeploy with the current scripts.`);
      return entry.address;
    },
    optionalAddress(...keys: string[]): Address | undefined {
      for (const key of keys) {
        const entry = book.contracts[key];
        if (entry) return entry.address;
      }
      return undefined;
    },
  };
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

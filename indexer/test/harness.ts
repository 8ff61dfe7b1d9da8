/**
 * Test harness: a Hardhat node on a free port, the repository's deploy script pointed at it
 * (address book in a temp dir), and the indexer (`ponder start`, fresh PGlite dir and schema).
 * Every process is stopped in `close()`, Ponder with SIGINT.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import type { Address, AddressBook, ContractKey } from "@forkcast/deployments";
import { readAddressBook, writeAddressBook } from "@forkcast/deployments/node";

import {
  type Labelled,
  freePort,
  rpc,
  runCommand as runToCompletion,
  spawnLabelled,
  stop,
  waitFor,
  waitForHttp,
} from "../../scripts/lib/processes.ts";
import { type HardhatNode, startHardhatNode } from "../../scripts/lib/services.ts";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const INDEXER_DIR = path.join(ROOT, "indexer");
export const CHAIN_ID = 31337;
/** Hardhat's first dev key (funded on every local node, never on a real chain): the deployer. */
const DEV_KEY_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const VERBOSE = process.env.INDEXER_TEST_VERBOSE === "1";

export type { Address };
export type Book = AddressBook;

/** A column's value as the GraphQL API returns it: a bigint as its decimal string, the rest as stored. */
type AsGraphql<V> = V extends bigint ? string : V;
/** Columns `K` of a row of `Table` (a table of ponder.schema.ts) as the GraphQL API returns them. */
export type Row<Table extends { $inferSelect: object }, K extends keyof Table["$inferSelect"]> = {
  [P in K]: AsGraphql<Table["$inferSelect"][P]>;
};
/** A GraphQL list of rows. */
export interface Items<T> {
  items: T[];
}

/** Runs a command from the repository root (unless `cwd` says otherwise) to completion: the toolkit's runCommand. */
export function runCommand(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {},
): Promise<{ code: number; output: string }> {
  return runToCompletion(command, args, { ...options, cwd: options.cwd ?? ROOT });
}

export class Stack {
  node: HardhatNode | undefined;
  indexer: Labelled | undefined;
  rpcUrl = "";
  indexerUrl = "";
  booksDir = "";
  dataDir = "";
  book: Book | undefined;
  private readonly deploymentId = `standin-indexer-${process.pid}`;

  /** Starts a node and deploys the protocol with `scripts/deploy.ts`. */
  async startChain(): Promise<Book> {
    this.node = await startHardhatNode({ quiet: !VERBOSE });
    this.rpcUrl = this.node.rpcUrl;
    this.booksDir = await mkdtemp(path.join(os.tmpdir(), "forkcast-indexer-books-"));
    this.dataDir = await mkdtemp(path.join(os.tmpdir(), "forkcast-indexer-pglite-"));
    // The `sepolia` network reads its URL and key from env: point it at this node (chain 31337).
    const { code, output } = await runCommand("npx", ["hardhat", "run", "scripts/deploy.ts", "--network", "sepolia"], {
      env: {
        SEPOLIA_RPC_URL: this.rpcUrl,
        SEPOLIA_PRIVATE_KEY: DEV_KEY_0,
        FORKCAST_DEPLOYMENTS_DIR: this.booksDir,
        FORKCAST_DEPLOYMENT_ID: this.deploymentId,
        CI: "true",
      },
    });
    if (code !== 0) throw new Error(`deploy failed:\n${output}`);
    this.book = readAddressBook(CHAIN_ID, this.booksDir).book;
    return this.book;
  }

  /** Records a contract deployed outside Ignition in this chain's (temporary) address book. */
  async addToAddressBook(key: ContractKey, contract: string, address: Address): Promise<void> {
    const { book } = readAddressBook(CHAIN_ID, this.booksDir);
    const updated = { ...book, contracts: { ...book.contracts, [key]: { contract, address, args: [] } } };
    await writeAddressBook(updated, this.booksDir);
    this.book = updated;
  }

  /** A temp dir holding this chain's address book relabelled as `chainId` (for wrong-chain tests). */
  async bookCopyFor(chainId: number): Promise<string> {
    const dir = path.join(this.booksDir, `as-${chainId}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, `${chainId}.json`), JSON.stringify({ ...this.book, chainId }));
    return dir;
  }

  /** Environment for the indexer process pointed at this chain. */
  indexerEnv(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      CHAIN_ID: String(CHAIN_ID),
      RPC_URL: this.rpcUrl,
      FORKCAST_DEPLOYMENTS_DIR: this.booksDir,
      PGLITE_DIRECTORY: this.dataDir,
      POLLING_INTERVAL_MS: "250",
      DATABASE_URL: "",
      ...overrides,
    };
  }

  /** Starts `ponder start` with a fresh schema and waits for its HTTP server. */
  async startIndexer(): Promise<void> {
    const { process: indexer, url } = await this.spawnIndexer(`test_${process.pid}`, {});
    this.indexer = indexer;
    this.indexerUrl = url;
  }

  /** Starts one more `ponder start` (e.g. on PostgreSQL); the caller stops it. */
  async spawnIndexer(schema: string, env: NodeJS.ProcessEnv): Promise<{ process: Labelled; url: string }> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const indexer = spawnLabelled(
      "indexer",
      "npx",
      ["ponder", "start", "--schema", schema, "-H", "127.0.0.1", "-p", String(port)],
      { cwd: INDEXER_DIR, env: this.indexerEnv(env), stopSignal: "SIGINT", quiet: !VERBOSE },
    );
    try {
      // Gives up as soon as it exits; the error carries its last stderr lines.
      await waitForHttp(`${url}/ready`, { service: indexer, timeoutMs: 120_000 });
    } catch (error) {
      await stop(indexer, 15_000);
      throw error;
    }
    return { process: indexer, url };
  }

  /** Waits until the indexer at `url` has processed the chain's current head. */
  async waitIndexed(url = this.indexerUrl): Promise<number> {
    const head = Number(BigInt(await rpc<string>(this.rpcUrl, "eth_blockNumber")));
    await waitFor(
      `the indexer to reach block ${head}`,
      async () => {
        const status = (await (await fetch(`${url}/status`)).json()) as Record<string, { block?: { number: number } }>;
        return Object.values(status).some((chain) => (chain.block?.number ?? 0) >= head);
      },
      60_000,
    );
    return head;
  }

  /** Runs a GraphQL query and returns `data`, throwing on errors. */
  async graphql<T>(query: string, variables: Record<string, unknown> = {}, url = this.indexerUrl): Promise<T> {
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join("; ")}`);
    if (!body.data) throw new Error("GraphQL: no data");
    return body.data;
  }

  async close(): Promise<void> {
    if (this.indexer) await stop(this.indexer, 15_000);
    if (this.node) await this.node.stop();
    await rm(path.join(ROOT, "ignition", "deployments", this.deploymentId), { recursive: true, force: true });
    if (this.booksDir) await rm(this.booksDir, { recursive: true, force: true });
    if (this.dataDir) await rm(this.dataDir, { recursive: true, force: true });
  }
}

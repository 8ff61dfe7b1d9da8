/**
 * The testnet deploy path, tested against a stand-in: a second local node over HTTP with
 * Sepolia's chain id. The exact command a user runs for Sepolia (`npm run deploy -- --network
 * sepolia`, RPC URL and key from env) deploys there and writes the chain's address book.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

import { parseAddressBook } from "@forkcast/deployments";
import { freePort, rpc, runCommand } from "../../scripts/lib/processes.ts";
import { type HardhatNode, startHardhatNode } from "../../scripts/lib/services.ts";

const SEPOLIA_CHAIN_ID = 11_155_111;
/** Hardhat's first well-known dev key: funded on every local node, never on a real chain. */
const DEV_KEY_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

function run(args: string[], env: NodeJS.ProcessEnv, unset: string[] = []): Promise<{ code: number; output: string }> {
  return runCommand("npx", args, { env, unset, timeoutMs: 600_000 });
}

describe("deploy to a stand-in testnet", () => {
  let node: HardhatNode | undefined;
  let url = "";
  let booksDir = "";
  const deploymentId = `standin-${process.pid}`;

  before(async () => {
    node = await startHardhatNode({ label: "standin", chainId: SEPOLIA_CHAIN_ID });
    url = node.rpcUrl;
    booksDir = await mkdtemp(path.join(os.tmpdir(), "forkcast-books-"));
  });

  after(async () => {
    if (node) await node.stop();
    await rm(booksDir, { recursive: true, force: true });
    await rm(path.join("ignition", "deployments", deploymentId), { recursive: true, force: true });
  });

  it("deploys with the Sepolia command and records the address book", async () => {
    const env = {
      SEPOLIA_RPC_URL: url,
      SEPOLIA_PRIVATE_KEY: DEV_KEY_0,
      FORKCAST_DEPLOYMENTS_DIR: booksDir,
      FORKCAST_DEPLOYMENT_ID: deploymentId,
      CI: "true",
    };
    const { code, output } = await run(["hardhat", "run", "scripts/deploy.ts", "--network", "sepolia"], env);
    assert.equal(code, 0, `deploy command failed:\n${output}`);

    const file = path.join(booksDir, `${SEPOLIA_CHAIN_ID}.json`);
    const book = parseAddressBook(JSON.parse(await readFile(file, "utf8")), file, SEPOLIA_CHAIN_ID);
    assert.equal(book.chainId, SEPOLIA_CHAIN_ID, "address book is keyed by the stand-in's chain id");
    assert.equal(book.network, "sepolia", "records the network name");
    assert.ok(book.deployBlock >= 1, "records where an indexer should start");
    for (const [key, entry] of Object.entries(book.contracts)) {
      const code = await rpc<string>(url, "eth_getCode", [entry.address, "latest"]);
      assert.ok(code.length > 2, `${key} has code at ${entry.address}`);
    }
    assert.equal(book.contracts.collateral?.contract, "TestUSD", "testnets get the test collateral");
  });

  it("fails clearly, and records nothing, when the node is unreachable", async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    const env = {
      SEPOLIA_RPC_URL: dead,
      SEPOLIA_PRIVATE_KEY: DEV_KEY_0,
      FORKCAST_DEPLOYMENTS_DIR: booksDir,
      FORKCAST_DEPLOYMENT_ID: `${deploymentId}-dead`,
      CI: "true",
    };
    await rm(path.join(booksDir, `${SEPOLIA_CHAIN_ID}.json`), { force: true });
    const { code, output } = await run(["hardhat", "run", "scripts/deploy.ts", "--network", "sepolia"], env);
    assert.notEqual(code, 0, "deploy must fail");
    assert.match(output, /Cannot reach network "sepolia"/, "the error names the unreachable network");
    await assert.rejects(readFile(path.join(booksDir, `${SEPOLIA_CHAIN_ID}.json`)), "no address book was written");
  });

  it("refuses a missing private key with the config variable's name", async () => {
    const env = { SEPOLIA_RPC_URL: url, FORKCAST_DEPLOYMENTS_DIR: booksDir, CI: "true" };
    const { code, output } = await run(["hardhat", "run", "scripts/deploy.ts", "--network", "sepolia"], env, [
      "SEPOLIA_PRIVATE_KEY",
    ]);
    assert.notEqual(code, 0, "deploy must fail without a key");
    assert.match(output, /Configuration Variable "SEPOLIA_PRIVATE_KEY" not found/, "names the missing variable");
    assert.match(output, /keystore set/, "says how to provide it");
  });

  it("refuses a malformed private key", async () => {
    const env = { SEPOLIA_RPC_URL: url, SEPOLIA_PRIVATE_KEY: "0x1234", FORKCAST_DEPLOYMENTS_DIR: booksDir, CI: "true" };
    const { code, output } = await run(["hardhat", "run", "scripts/deploy.ts", "--network", "sepolia"], env);
    assert.notEqual(code, 0, "deploy must fail with a bad key");
    assert.match(output, /not a 32-byte hex key/, "explains what is wrong with the key");
  });
});

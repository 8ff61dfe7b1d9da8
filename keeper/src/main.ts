/**
 * Runs the keeper against a chain: `npm start -w @forkcast/keeper`, or started by `npm run dev`.
 *
 * Environment: RPC_URL (default http://127.0.0.1:8545), CHAIN_ID (default 31337),
 * KEEPER_PRIVATE_KEY (required except on the local chain, where dev account 19 is used),
 * KEEPER_INTERVAL_MS (default 2000).
 */
import { createPublicClient, createWalletClient, defineChain, http } from "viem";
import { mnemonicToAccount, privateKeyToAccount } from "viem/accounts";

import { DeploymentError } from "@forkcast/deployments";
import { readAddressBook } from "@forkcast/deployments/node";

import { Keeper } from "./keeper.ts";

const LOCAL_CHAIN_ID = 31_337;
const LOCAL_KEEPER_ACCOUNT_INDEX = 19;
const DEV_MNEMONIC = "test test test test test test test test test test test junk";

function fail(message: string): never {
  console.error(`keeper: ${message}`);
  process.exit(1);
}

const rpcUrl = process.env.RPC_URL ?? "http://127.0.0.1:8545";
const chainId = Number(process.env.CHAIN_ID ?? LOCAL_CHAIN_ID);
const intervalMs = Number(process.env.KEEPER_INTERVAL_MS ?? 2_000);
if (!Number.isInteger(chainId) || chainId <= 0)
  fail(`CHAIN_ID must be a positive integer, got "${process.env.CHAIN_ID}"`);
if (!Number.isInteger(intervalMs) || intervalMs < 100) fail(`KEEPER_INTERVAL_MS must be ≥ 100, got "${intervalMs}"`);

function contracts() {
  try {
    const deployment = readAddressBook(chainId);
    return {
      oracle: deployment.contract("oracle").address,
      marketFactory: deployment.contract("marketFactory").address,
      pool: deployment.optionalAddress("pool"),
      fromBlock: BigInt(deployment.deployBlock),
    };
  } catch (error) {
    if (error instanceof DeploymentError) fail(error.message);
    throw error;
  }
}
const { oracle, marketFactory, pool, fromBlock } = contracts();

const key = process.env.KEEPER_PRIVATE_KEY;
if (key !== undefined && !/^0x[0-9a-fA-F]{64}$/.test(key)) fail("KEEPER_PRIVATE_KEY must be a 32-byte hex key");
if (key === undefined && chainId !== LOCAL_CHAIN_ID) fail("KEEPER_PRIVATE_KEY is required outside the local chain");
const account =
  key !== undefined
    ? privateKeyToAccount(key as `0x${string}`)
    : mnemonicToAccount(DEV_MNEMONIC, { addressIndex: LOCAL_KEEPER_ACCOUNT_INDEX });

const chain = defineChain({
  id: chainId,
  name: `chain-${chainId}`,
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [rpcUrl] } },
});
const publicClient = createPublicClient({ chain, transport: http(rpcUrl) });
const walletClient = createWalletClient({ chain, transport: http(rpcUrl), account });

const remoteChainId = await publicClient.getChainId().catch((error: unknown) => {
  fail(`cannot reach ${rpcUrl}: ${(error as Error).message.split("\n")[0]}`);
});
if (remoteChainId !== chainId) fail(`${rpcUrl} is chain ${remoteChainId}, expected CHAIN_ID ${chainId}`);

const keeper = new Keeper({
  publicClient,
  walletClient,
  contracts: { oracle, marketFactory, pool },
  fromBlock,
});
console.log(`keeper: watching chain ${chainId} as ${account.address} every ${intervalMs} ms`);

let running = true;
process.on("SIGINT", () => (running = false));
process.on("SIGTERM", () => (running = false));
while (running) {
  try {
    await keeper.tick();
  } catch (error) {
    console.error(`keeper: tick failed, will retry: ${(error as Error).message.split("\n")[0]}`);
  }
  await new Promise((resolve) => setTimeout(resolve, intervalMs));
}
console.log("keeper: stopped");

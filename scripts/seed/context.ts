/**
 * What every seed stage works with: the connection to the local node, the demo accounts, the
 * deployed contracts from the address book, and small chain helpers (wait for a receipt that
 * must succeed, read and move the chain's clock).
 */
import { network } from "hardhat";
import { type Address, type Hex, parseUnits } from "viem";

import { COLLATERAL_DECIMALS } from "@forkcast/shared";

import type { ContractKey } from "@forkcast/deployments";
import { readAddressBook } from "@forkcast/deployments/node";

/** A collateral amount ("100.5" tUSD) in base units. */
export const USD = (amount: string): bigint => parseUnits(amount, COLLATERAL_DECIMALS);
/** A price ("0.55") in the exchange's price scale, which has the collateral's decimals. */
export const PRICE = (p: string): bigint => parseUnits(p, COLLATERAL_DECIMALS);
export const HOUR = 3_600n;
export const DAY = 24n * HOUR;

/** Connects to the node (`SEED_RPC_URL` overrides the `localhost` network's URL). */
export async function createSeedContext() {
  const connection = await network.create(
    process.env.SEED_RPC_URL ? { network: "localhost", override: { url: process.env.SEED_RPC_URL } } : undefined,
  );
  const { viem } = connection;
  const publicClient = await viem.getPublicClient();
  const testClient = await viem.getTestClient();
  const chainId = await publicClient.getChainId();
  const deployment = readAddressBook(chainId);
  const address = (key: ContractKey): Address => deployment.contract(key).address;

  const wallets = await viem.getWalletClients();
  type Wallet = (typeof wallets)[number];
  const wallet = (index: number): Wallet => {
    const w = wallets[index];
    if (!w) throw new Error(`the node exposes no dev account ${index}: seed a local Hardhat node`);
    return w;
  };
  const [deployer, alice, bob, carol, dave] = [0, 1, 2, 3, 4].map(wallet) as [Wallet, Wallet, Wallet, Wallet, Wallet];

  const receipt = async (hash: Hex | Promise<Hex>) => {
    const r = await publicClient.waitForTransactionReceipt({ hash: await hash });
    if (r.status !== "success") throw new Error(`seed transaction ${r.transactionHash} reverted`);
    return r;
  };
  const now = async () => (await publicClient.getBlock()).timestamp;
  const advance = async (seconds: bigint) => {
    await testClient.increaseTime({ seconds: Number(seconds) });
    await testClient.mine({ blocks: 1 });
  };

  return {
    viem,
    testClient,
    chainId,
    address,
    people: { deployer, alice, bob, carol, dave },
    usd: await viem.getContractAt("TestUSD", address("collateral")),
    ctf: await viem.getContractAt("ConditionalTokens", address("conditionalTokens")),
    oracle: await viem.getContractAt("OptimisticOracle", address("oracle")),
    factory: await viem.getContractAt("MarketFactory", address("marketFactory")),
    pool: await viem.getContractAt("IBettingPool", address("pool")),
    receipt,
    now,
    advance,
  };
}

export type SeedContext = Awaited<ReturnType<typeof createSeedContext>>;
/** A demo account's wallet client. */
export type Wallet = SeedContext["people"]["deployer"];

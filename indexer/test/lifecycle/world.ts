/**
 * The shared setup of the lifecycle suite: a node with the protocol deployed by the repository's
 * deploy script, the betting pool deployed from its artifacts, funded and approved dev accounts,
 * viem contracts, and the ids and transaction hashes each stage records for the assertions.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";

import { type ContractKey, abis } from "@forkcast/deployments";
import { COLLATERAL_UNIT } from "@forkcast/shared";
import {
  type Abi,
  type Hex,
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  getContract,
  http,
  maxUint256,
  parseEventLogs,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";

import { type TypedDataSigner, buildOrder, exchangeDomain, signOrder } from "../../../test/exchange/orders.ts";
import { CHAIN_ID, ROOT, type Stack } from "../harness.ts";

export const HOUR = 3_600;
const DEV_MNEMONIC = "test test test test test test test test test test test junk";

export const who = {
  admin: mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 0 }),
  creator: mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 1 }),
  alice: mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 2 }),
  bob: mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 3 }),
  proposer: mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 4 }),
  disputer: mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 5 }),
  lp: mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 6 }),
};
export type Account = (typeof who)[keyof typeof who];

export const lower = (a: string) => a.toLowerCase();

/** Filled in by the stages, read by the assertions. */
export function emptyIds() {
  return {
    binary: "0x" as Hex,
    binaryCondition: "0x" as Hex,
    yes: 0n,
    no: 0n,
    multi: "0x" as Hex,
    multiConditions: [] as readonly Hex[],
    multiYes: [] as readonly bigint[],
    multiNo: [] as readonly bigint[],
    cancelledOrder: "0x" as Hex,
    lpId: 0n,
    lpWithdrawn: 0n,
    match: 0n,
    matchQuestion: "0x" as Hex,
    rain: 0n,
    rainQuestion: "0x" as Hex,
    aliceBet: 0n,
    aliceBetPayout: 0n,
    bobBet: 0n,
    parlay: 0n,
    matchFunds: [] as bigint[],
  };
}

/** Transactions the account-activity assertions name. */
export function emptyTxs() {
  return {
    binaryCreated: "0x" as Hex,
    binaryProposals: [] as Hex[],
    binaryDisputes: [] as Hex[],
    binaryRuled: "0x" as Hex,
    multiProposed: "0x" as Hex,
    multiSettled: "0x" as Hex,
    rainOpened: "0x" as Hex,
    poolProposals: [] as Hex[],
    poolSettlements: [] as Hex[],
    faucet: "0x" as Hex,
  };
}

export type World = Awaited<ReturnType<typeof startWorld>>;

/**
 * Starts the chain, deploys the pool, starts the indexer (awaited in `indexerReady`) and funds
 * every dev account with approvals for every protocol contract.
 */
export async function startWorld(stack: Stack) {
  const book = await stack.startChain();
  const chain = defineChain({
    id: CHAIN_ID,
    name: "test",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [stack.rpcUrl] } },
  });
  const transport = http(stack.rpcUrl);
  const publicClient = createPublicClient({ chain, transport });
  const testClient = createTestClient({ chain, transport, mode: "hardhat" });
  const wallet = createWalletClient({ chain, transport });
  const client = { public: publicClient, wallet };
  const at = (key: ContractKey) => {
    const entry = book.contracts[key];
    if (!entry) throw new Error(`address book lacks ${key}`);
    return entry.address;
  };
  const usd = getContract({ address: at("collateral"), abi: abis.TestUSD, client });
  const ctf = getContract({ address: at("conditionalTokens"), abi: abis.ConditionalTokens, client });
  const exchange = getContract({ address: at("exchange"), abi: abis.Exchange, client });
  const oracle = getContract({ address: at("oracle"), abi: abis.OptimisticOracle, client });
  const arbitrator = getContract({ address: at("arbitrator"), abi: abis.CommitteeArbitrator, client });
  const adapter = getContract({ address: at("negRiskAdapter"), abi: abis.NegRiskAdapter, client });
  const factory = getContract({ address: at("marketFactory"), abi: abis.MarketFactory, client });

  const wait = async (hash: Hex) => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    assert.equal(receipt.status, "success", `transaction ${hash} succeeded`);
    return receipt;
  };
  const advance = async (seconds: number) => {
    await testClient.increaseTime({ seconds });
    await testClient.mine({ blocks: 1 });
  };
  const now = async () => (await publicClient.getBlock()).timestamp;
  const created = async (hash: Hex) => {
    const receipt = await wait(hash);
    const [event] = parseEventLogs({ abi: abis.MarketFactory, logs: receipt.logs, eventName: "MarketCreated" });
    if (!event) throw new Error("MarketCreated not emitted");
    return event.args;
  };
  const domain = exchangeDomain(await publicClient.getChainId(), exchange.address);
  /** A signed order of `account` (the signer is its maker). */
  const order = (
    account: Account,
    fields: Omit<Parameters<typeof buildOrder>[0], "maker" | "makerAmount" | "takerAmount"> & {
      makerAmount: bigint;
      takerAmount: bigint;
    },
  ) => {
    const signer: TypedDataSigner = (args) => account.signTypedData(args);
    return signOrder(signer, domain, buildOrder({ maker: account.address, ...fields }));
  };

  // The betting pool is not in the Ignition module yet: deploy it from its artifacts and add it
  // to the address book before the indexer reads the book.
  const deployArtifact = async (name: string, args: readonly unknown[]) => {
    const artifact = JSON.parse(
      await readFile(path.join(ROOT, "artifacts", "contracts", "pool", `${name}.sol`, `${name}.json`), "utf8"),
    ) as { abi: Abi; bytecode: Hex };
    const hash = await wallet.deployContract({
      abi: artifact.abi,
      bytecode: artifact.bytecode,
      args,
      account: who.admin,
    });
    const { contractAddress } = await wait(hash);
    if (!contractAddress) throw new Error(`${name} not deployed`);
    return contractAddress;
  };
  const extension = await deployArtifact("BettingPoolExtension", [at("collateral"), at("oracle")]);
  const poolAddress = await deployArtifact("BettingPool", [
    at("collateral"),
    at("oracle"),
    extension,
    who.admin.address,
    who.admin.address,
  ]);
  await stack.addToAddressBook("pool", "BettingPool", poolAddress);
  const indexerReady = stack.startIndexer();
  const pool = getContract({ address: poolAddress, abi: abis.IBettingPool, client });
  // Views the pool serves through its lens (the stateless BettingPoolLens over its extsload).
  const poolLens = getContract({
    address: await deployArtifact("BettingPoolLens", []),
    abi: abis.IBettingPoolLens,
    client,
  });

  assert.equal(lower(book.deployer), lower(who.admin.address), "deployed by dev account 0");
  assert.ok(await exchange.read.isOperator([who.admin.address]), "the deployer operates the exchange");
  assert.ok(await arbitrator.read.isMember([who.admin.address]), "the deployer is the 1-of-1 committee");

  for (const account of [who.creator, who.alice, who.bob, who.proposer, who.disputer, who.lp]) {
    await wait(await usd.write.mint([account.address, 1_000_000n * COLLATERAL_UNIT], { account: who.admin }));
    for (const spender of [
      factory.address,
      oracle.address,
      adapter.address,
      ctf.address,
      exchange.address,
      pool.address,
    ]) {
      await wait(await usd.write.approve([spender, maxUint256], { account }));
    }
    for (const operator of [adapter.address, exchange.address]) {
      await wait(await ctf.write.setApprovalForAll([operator, true], { account }));
    }
  }

  return {
    stack,
    indexerReady,
    contracts: { usd, ctf, exchange, oracle, arbitrator, adapter, factory, pool, poolLens },
    wait,
    advance,
    now,
    created,
    order,
    ids: emptyIds(),
    txs: emptyTxs(),
  };
}

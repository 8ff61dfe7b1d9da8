/**
 * A local Hardhat node on 127.0.0.1 (Hardhat's programmatic JSON-RPC server) with the real
 * contracts deployed from build artifacts: TestUSD, ConditionalTokens, Exchange, one binary
 * market registered, traders funded and approved.
 */
import { COLLATERAL_UNIT } from "@forkcast/shared";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import {
  createPublicClient,
  createWalletClient,
  http,
  maxUint256,
  toHex,
  type Abi,
  type Address,
  type Hex,
  type PublicClient,
  type WalletClient,
} from "viem";
import { mnemonicToAccount, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";

import { rpc } from "../../../scripts/lib/processes.ts";
import { artifact } from "../../src/chain/abi.js";
import { localChain } from "../../src/chain/chain.js";

const MNEMONIC = "test test test test test test test test test test test junk";
export const CHAIN_ID = 31337;

export function devKey(index: number): Hex {
  const key = mnemonicToAccount(MNEMONIC, { addressIndex: index }).getHdKey().privateKey;
  if (!key) throw new Error("no private key for dev account");
  return toHex(key);
}

export interface LocalChain {
  readonly rpcUrl: string;
  readonly chainId: number;
  readonly client: PublicClient;
  stop(): Promise<void>;
  rpc(method: string, params?: unknown[]): Promise<unknown>;
}

/** A raw JSON-RPC call to the node at `rpcUrl` (test-only methods such as evm_mine); throws its error message. */
export function jsonRpc(rpcUrl: string): LocalChain["rpc"] {
  return (method, params = []) => rpc<unknown>(rpcUrl, method, params);
}

/** `chainId` other than 31337 runs the node under that id (e.g. 137 for the Polymarket profile). */
export async function startChain(chainId = CHAIN_ID): Promise<LocalChain> {
  const { network } = await import("hardhat");
  const server = await network.createServer(chainId === CHAIN_ID ? undefined : { override: { chainId } }, "127.0.0.1");
  const { address, port } = await server.listen();
  const rpcUrl = `http://${address}:${port}`;
  const client = createPublicClient({ chain: localChain(chainId, rpcUrl), transport: http(rpcUrl) });
  return {
    rpcUrl,
    chainId,
    client,
    rpc: jsonRpc(rpcUrl),
    stop: () => server.close(),
  };
}

export interface Trader {
  readonly key: Hex;
  readonly account: PrivateKeyAccount;
  readonly address: Address;
}

export interface Stack {
  readonly chain: LocalChain;
  readonly exchange: Address;
  readonly ctf: Address;
  readonly collateral: Address;
  readonly conditionId: Hex;
  readonly yes: bigint;
  readonly no: bigint;
  readonly admin: Trader;
  readonly operator: Trader;
  readonly traders: Trader[];
  readonly addressBookPath: string;
  readonly abis: { exchange: Abi; ctf: Abi; collateral: Abi };
  wallet(trader: Trader): WalletClient;
  /** Sends a transaction and waits for its receipt (mines it when automine is on). */
  write(trader: Trader, address: Address, abi: Abi, functionName: string, args: unknown[]): Promise<Hex>;
  read<T>(address: Address, abi: Abi, functionName: string, args: unknown[]): Promise<T>;
  /** Prepares another binary condition and registers its two tokens on the exchange. */
  addMarket(questionId: Hex): Promise<{ conditionId: Hex; yes: bigint; no: bigint }>;
}

function trader(index: number): Trader {
  const key = devKey(index);
  const account = privateKeyToAccount(key);
  return { key, account, address: account.address };
}

export async function deployStack(
  chain: LocalChain,
  options: {
    traders?: number;
    fundUsd?: bigint;
    splitUsd?: bigint;
    domainName?: string;
    /** Deploy the exchange logging Polymarket's OrdersMatched and FeeCharged too (default false). */
    polymarketEvents?: boolean;
    /** Moves the freshly deployed exchange (before any role or token is set) and returns its new address. */
    placeExchange?: (deployed: Address, deps: { ctf: Address; collateral: Address }) => Promise<Address>;
  } = {},
): Promise<Stack> {
  const admin = trader(0);
  const operator = trader(1);
  const traders = Array.from({ length: options.traders ?? 4 }, (_, i) => trader(2 + i));
  const viemChain = localChain(chain.chainId, chain.rpcUrl);
  const wallets = new Map<string, WalletClient>();
  const wallet = (t: Trader): WalletClient => {
    let w = wallets.get(t.address);
    if (!w)
      wallets.set(
        t.address,
        (w = createWalletClient({ account: t.account, chain: viemChain, transport: http(chain.rpcUrl) })),
      );
    return w;
  };
  const client = chain.client;
  const deploy = async (name: string, args: unknown[]): Promise<Address> => {
    const a = artifact(name);
    const hash = await wallet(admin).deployContract({
      abi: a.abi,
      bytecode: a.bytecode,
      args,
      account: admin.account,
      chain: viemChain,
    });
    const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
    if (!receipt.contractAddress) throw new Error(`${name} deployment failed`);
    return receipt.contractAddress;
  };
  const write = async (t: Trader, address: Address, abi: Abi, functionName: string, args: unknown[]): Promise<Hex> => {
    const hash = await wallet(t).writeContract({
      address,
      abi,
      functionName,
      args,
      account: t.account,
      chain: viemChain,
    });
    const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
    if (receipt.status !== "success") throw new Error(`${functionName} reverted`);
    return hash;
  };
  const read = async <T>(address: Address, abi: Abi, functionName: string, args: unknown[]): Promise<T> =>
    (await client.readContract({ address, abi, functionName, args })) as T;

  const abis = {
    exchange: artifact("Exchange").abi,
    ctf: artifact("ConditionalTokens").abi,
    collateral: artifact("TestUSD").abi,
  };
  const startBlock = await client.getBlockNumber();
  const collateral = await deploy("TestUSD", [admin.address, false]);
  const ctf = await deploy("ConditionalTokens", [""]);
  const exchange = await deploy("Exchange", [
    admin.address,
    ctf,
    collateral,
    admin.address,
    options.domainName ?? "Forkcast",
    "1",
    options.polymarketEvents ?? false,
  ]).then((deployed) => options.placeExchange?.(deployed, { ctf, collateral }) ?? deployed);
  await write(admin, exchange, abis.exchange, "addOperator", [operator.address]);

  const addMarket = async (questionId: Hex): Promise<{ conditionId: Hex; yes: bigint; no: bigint }> => {
    await write(admin, ctf, abis.ctf, "prepareCondition", [admin.address, questionId, 2n]);
    const conditionId = await read<Hex>(ctf, abis.ctf, "getConditionId", [admin.address, questionId, 2n]);
    const zero = `0x${"0".repeat(64)}`;
    const yes = await read<bigint>(ctf, abis.ctf, "getPositionId", [
      collateral,
      await read<Hex>(ctf, abis.ctf, "getCollectionId", [zero, conditionId, 1n]),
    ]);
    const no = await read<bigint>(ctf, abis.ctf, "getPositionId", [
      collateral,
      await read<Hex>(ctf, abis.ctf, "getCollectionId", [zero, conditionId, 2n]),
    ]);
    await write(admin, exchange, abis.exchange, "registerToken", [
      yes,
      no,
      conditionId,
      "0x0000000000000000000000000000000000000000",
    ]);
    return { conditionId, yes, no };
  };
  const market = await addMarket(toHex("market-1", { size: 32 }));

  const fund = options.fundUsd ?? 10_000n * COLLATERAL_UNIT;
  const split = options.splitUsd ?? 1_000n * COLLATERAL_UNIT;
  for (const t of traders) {
    await write(admin, collateral, abis.collateral, "mint", [t.address, fund]);
    await write(t, collateral, abis.collateral, "approve", [exchange, maxUint256]);
    await write(t, collateral, abis.collateral, "approve", [ctf, maxUint256]);
    await write(t, ctf, abis.ctf, "setApprovalForAll", [exchange, true]);
    if (split > 0n)
      await write(t, ctf, abis.ctf, "splitPosition", [
        collateral,
        `0x${"0".repeat(64)}`,
        market.conditionId,
        [1n, 2n],
        split,
      ]);
  }

  const dir = mkdtempSync(path.join(tmpdir(), "forkcast-book-"));
  const addressBookPath = path.join(dir, `${chain.chainId}.json`);
  writeFileSync(
    addressBookPath,
    JSON.stringify({
      chainId: chain.chainId,
      network: "operator-test",
      deployedAt: new Date().toISOString(),
      deployBlock: Number(startBlock),
      deployer: admin.address,
      testCollateral: true,
      contracts: {
        collateral: { contract: "TestUSD", address: collateral, args: [] },
        conditionalTokens: { contract: "ConditionalTokens", address: ctf, args: [] },
        exchange: { contract: "Exchange", address: exchange, args: [] },
      },
    }),
  );
  return {
    chain,
    exchange,
    ctf,
    collateral,
    ...market,
    admin,
    operator,
    traders,
    addressBookPath,
    abis,
    wallet,
    write,
    read,
    addMarket,
  };
}

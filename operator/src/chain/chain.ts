/**
 * Chain access for the operator: the one reader of contract state (nonces, balances,
 * allowances, order status, token registry, positions, EIP-1271), the event poller over the
 * exchange, collateral and conditional tokens, and the client the settler sends with. ABIs are
 * typed `as const`, so every read returns its Solidity type without casts.
 */
import {
  decodeFunctionResult,
  encodeFunctionData,
  createPublicClient,
  decodeEventLog,
  getContract,
  http,
  type GetContractReturnType,
  type Address,
  type Chain as ViemChain,
  type Hex,
  type Log,
  type PublicClient,
} from "viem";

import type { AddressBook } from "../config.js";
import { collateralAbi, conditionalTokensAbi, ERC1271_MAGIC_VALUE, erc1271Abi, exchangeAbi } from "./abi.js";

export interface DecodedEvent {
  readonly address: Address;
  readonly eventName: string;
  readonly args: Record<string, unknown>;
  readonly blockNumber: bigint;
  readonly transactionHash: Hex;
}

const ZERO_BYTES32: Hex = `0x${"0".repeat(64)}`;

export function localChain(chainId: number, rpcUrl: string): ViemChain {
  return {
    id: chainId,
    name: `chain-${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  };
}

export class ChainReader {
  readonly client: PublicClient;
  /** The contracts the operator reads, typed by their ABIs. */
  private readonly exchange: GetContractReturnType<typeof exchangeAbi, PublicClient>;
  private readonly collateral: GetContractReturnType<typeof collateralAbi, PublicClient>;
  private readonly conditionalTokens: GetContractReturnType<typeof conditionalTokensAbi, PublicClient>;

  constructor(
    readonly chainId: number,
    readonly rpcUrl: string,
    readonly book: AddressBook,
  ) {
    this.client = createPublicClient({
      chain: localChain(chainId, rpcUrl),
      transport: http(rpcUrl, { batch: { wait: 0 } }),
    });
    const client = this.client;
    this.exchange = getContract({ address: book.exchange, abi: exchangeAbi, client });
    this.collateral = getContract({ address: book.collateral, abi: collateralAbi, client });
    this.conditionalTokens = getContract({ address: book.conditionalTokens, abi: conditionalTokensAbi, client });
  }

  chainIdOfNode(): Promise<number> {
    return this.client.getChainId();
  }

  nonce(maker: Address): Promise<bigint> {
    return this.exchange.read.nonces([maker]);
  }

  isOperator(account: Address): Promise<boolean> {
    return this.exchange.read.isOperator([account]);
  }

  async collateralBalance(owner: Address): Promise<{ balance: bigint; allowance: bigint }> {
    const [balance, allowance] = await Promise.all([
      this.collateral.read.balanceOf([owner]),
      this.collateral.read.allowance([owner, this.book.exchange]),
    ]);
    return { balance, allowance };
  }

  async tokenBalance(owner: Address, tokenId: bigint): Promise<{ balance: bigint; approved: boolean }> {
    const [balance, approved] = await Promise.all([
      this.conditionalTokens.read.balanceOf([owner, tokenId]),
      this.conditionalTokens.read.isApprovedForAll([owner, this.book.exchange]),
    ]);
    return { balance, approved };
  }

  async orderStatus(hash: Hex): Promise<{ isFilledOrCancelled: boolean; remaining: bigint }> {
    const [isFilledOrCancelled, remaining] = await this.exchange.read.getOrderStatus([hash]);
    return { isFilledOrCancelled, remaining };
  }

  async tokenInfo(tokenId: bigint): Promise<{ registered: boolean; complement: bigint; conditionId: Hex }> {
    const [registered, complement, conditionId] = await Promise.all([
      this.exchange.read.isRegistered([tokenId]),
      this.exchange.read.getComplement([tokenId]),
      this.exchange.read.getConditionId([tokenId]),
    ]);
    return { registered, complement, conditionId };
  }

  /** The CTF position id of `indexSet` of the condition, collateralised directly by the collateral (no parent). */
  async plainPositionId(conditionId: Hex, indexSet: bigint): Promise<bigint> {
    const collectionId = await this.conditionalTokens.read.getCollectionId([ZERO_BYTES32, conditionId, indexSet]);
    return this.conditionalTokens.read.getPositionId([this.book.collateral, collectionId]);
  }

  /** True once the condition has a reported payout (the market is resolved and closed for trading). */
  async isResolved(conditionId: Hex): Promise<boolean> {
    return (await this.conditionalTokens.read.payoutDenominator([conditionId])) > 0n;
  }

  /**
   * EIP-1271: asks the wallet contract whether `signature` is valid for `digest`, with at most
   * `gas` for the call. "failed" when the wallet gave no answer (out of gas, revert, no code).
   * Callers go through intake/eip1271.ts, which bounds time, concurrency and repeats.
   */
  async isValidContractSignature(
    wallet: Address,
    digest: Hex,
    signature: Hex,
    gas: bigint,
  ): Promise<boolean | "failed"> {
    try {
      // eth_call (not readContract) so the gas cap reaches the node.
      const { data } = await this.client.call({
        to: wallet,
        data: encodeFunctionData({ abi: erc1271Abi, functionName: "isValidSignature", args: [digest, signature] }),
        gas,
      });
      if (data === undefined) return "failed";
      const result = decodeFunctionResult({ abi: erc1271Abi, functionName: "isValidSignature", data });
      return result.toLowerCase() === ERC1271_MAGIC_VALUE;
    } catch {
      return "failed";
    }
  }

  blockNumber(): Promise<bigint> {
    return this.client.getBlockNumber({ cacheTime: 0 });
  }

  /** Exchange, collateral and conditional-token logs in [from, to], decoded; unknown logs are skipped. */
  async events(fromBlock: bigint, toBlock: bigint): Promise<DecodedEvent[]> {
    const logs = await this.client.getLogs({
      address: [this.book.exchange, this.book.collateral, this.book.conditionalTokens],
      fromBlock,
      toBlock,
    });
    const decoded: DecodedEvent[] = [];
    for (const log of logs) {
      const event = this.decode(log);
      if (event) decoded.push(event);
    }
    return decoded;
  }

  private decode(log: Log): DecodedEvent | undefined {
    if (log.blockNumber === null || log.transactionHash === null) return undefined;
    const address = log.address.toLowerCase();
    try {
      const { eventName, args } =
        address === this.book.exchange.toLowerCase()
          ? decodeEventLog({ abi: exchangeAbi, data: log.data, topics: log.topics })
          : address === this.book.collateral.toLowerCase()
            ? decodeEventLog({ abi: collateralAbi, data: log.data, topics: log.topics })
            : decodeEventLog({ abi: conditionalTokensAbi, data: log.data, topics: log.topics });
      return {
        address: log.address,
        eventName,
        args: { ...args },
        blockNumber: log.blockNumber,
        transactionHash: log.transactionHash,
      };
    } catch {
      return undefined;
    }
  }
}

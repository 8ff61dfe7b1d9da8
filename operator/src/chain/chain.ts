/**
 * Chain access for the operator: reads (nonces, balances, allowances, order status, EIP-1271),
 * an event poller over the exchange, collateral and conditional tokens, and the operator's
 * transaction sender. All RPC goes through one viem public client.
 */
import {
  createPublicClient,
  decodeEventLog,
  http,
  type Abi,
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
  private readonly abis: { exchange: Abi; collateral: Abi; ctf: Abi };

  constructor(
    readonly chainId: number,
    readonly rpcUrl: string,
    readonly book: AddressBook,
  ) {
    this.client = createPublicClient({
      chain: localChain(chainId, rpcUrl),
      transport: http(rpcUrl, { batch: { wait: 0 } }),
    });
    this.abis = { exchange: exchangeAbi(), collateral: collateralAbi(), ctf: conditionalTokensAbi() };
  }

  async nonce(maker: Address): Promise<bigint> {
    return (await this.client.readContract({
      address: this.book.exchange,
      abi: this.abis.exchange,
      functionName: "nonces",
      args: [maker],
    })) as bigint;
  }

  async collateralBalance(owner: Address): Promise<{ balance: bigint; allowance: bigint }> {
    const [balance, allowance] = await Promise.all([
      this.client.readContract({
        address: this.book.collateral,
        abi: this.abis.collateral,
        functionName: "balanceOf",
        args: [owner],
      }),
      this.client.readContract({
        address: this.book.collateral,
        abi: this.abis.collateral,
        functionName: "allowance",
        args: [owner, this.book.exchange],
      }),
    ]);
    return { balance: balance as bigint, allowance: allowance as bigint };
  }

  async tokenBalance(owner: Address, tokenId: bigint): Promise<{ balance: bigint; approved: boolean }> {
    const [balance, approved] = await Promise.all([
      this.client.readContract({
        address: this.book.conditionalTokens,
        abi: this.abis.ctf,
        functionName: "balanceOf",
        args: [owner, tokenId],
      }),
      this.client.readContract({
        address: this.book.conditionalTokens,
        abi: this.abis.ctf,
        functionName: "isApprovedForAll",
        args: [owner, this.book.exchange],
      }),
    ]);
    return { balance: balance as bigint, approved: approved as boolean };
  }

  async orderStatus(hash: Hex): Promise<{ isFilledOrCancelled: boolean; remaining: bigint }> {
    const [isFilledOrCancelled, remaining] = (await this.client.readContract({
      address: this.book.exchange,
      abi: this.abis.exchange,
      functionName: "getOrderStatus",
      args: [hash],
    })) as readonly [boolean, bigint];
    return { isFilledOrCancelled, remaining };
  }

  async tokenInfo(tokenId: bigint): Promise<{ registered: boolean; complement: bigint; conditionId: Hex }> {
    const [registered, complement, conditionId] = await Promise.all([
      this.client.readContract({
        address: this.book.exchange,
        abi: this.abis.exchange,
        functionName: "isRegistered",
        args: [tokenId],
      }),
      this.client.readContract({
        address: this.book.exchange,
        abi: this.abis.exchange,
        functionName: "getComplement",
        args: [tokenId],
      }),
      this.client.readContract({
        address: this.book.exchange,
        abi: this.abis.exchange,
        functionName: "getConditionId",
        args: [tokenId],
      }),
    ]);
    return { registered: registered as boolean, complement: complement as bigint, conditionId: conditionId as Hex };
  }

  /** True once the condition has a reported payout (the market is resolved and closed for trading). */
  async isResolved(conditionId: Hex): Promise<boolean> {
    const denominator = (await this.client.readContract({
      address: this.book.conditionalTokens,
      abi: this.abis.ctf,
      functionName: "payoutDenominator",
      args: [conditionId],
    })) as bigint;
    return denominator > 0n;
  }

  /** EIP-1271: asks the wallet contract whether `signature` is valid for `digest`. */
  async isValidContractSignature(wallet: Address, digest: Hex, signature: Hex): Promise<boolean> {
    try {
      const result = await this.client.readContract({
        address: wallet,
        abi: erc1271Abi,
        functionName: "isValidSignature",
        args: [digest, signature],
      });
      return result.toLowerCase() === ERC1271_MAGIC_VALUE;
    } catch {
      return false;
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
    const address = log.address.toLowerCase();
    const abi =
      address === this.book.exchange.toLowerCase()
        ? this.abis.exchange
        : address === this.book.collateral.toLowerCase()
          ? this.abis.collateral
          : this.abis.ctf;
    try {
      const { eventName, args } = decodeEventLog({ abi, data: log.data, topics: log.topics });
      if (log.blockNumber === null || log.transactionHash === null) return undefined;
      return {
        address: log.address,
        eventName: String(eventName),
        args: (args ?? {}) as Record<string, unknown>,
        blockNumber: log.blockNumber,
        transactionHash: log.transactionHash,
      };
    } catch {
      return undefined;
    }
  }
}

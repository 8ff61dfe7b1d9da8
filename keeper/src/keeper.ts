/**
 * The keeper: one `tick()` looks at the chain and does every chore that is due.
 *
 * - settles oracle questions whose proposal outlived its liveness window undisputed;
 * - resolves order-book markets (binary and multi-outcome) whose oracle answer is final;
 * - resolves pool conditions whose answer is final and settles parlays with a lost leg, so
 *   their reserve returns to LPs at once (when a pool is deployed).
 *
 * Every action re-reads the on-chain state and simulates before sending, so running two keepers,
 * or one keeper twice, is safe: a chore someone else did is skipped, never sent twice.
 */
import { OracleState, ParlayStatus, decodeRevert, revertSignature } from "@forkcast/shared";
import type { Abi, Account, Address, Chain, Hex, PublicClient, Transport, WalletClient } from "viem";
import { parseEventLogs } from "viem";

import { abis } from "@forkcast/deployments";

export interface KeeperContracts {
  oracle: Address;
  marketFactory: Address;
  /** The betting pool, when one is deployed. */
  pool?: Address;
}

export interface KeeperOptions {
  publicClient: PublicClient;
  walletClient: WalletClient<Transport, Chain, Account>;
  contracts: KeeperContracts;
  /** First block to scan for events (the deployment block). */
  fromBlock: bigint;
  log?: (line: string) => void;
}

export interface KeeperAction {
  kind: "settleQuestion" | "resolveMarket" | "resolveCondition" | "settleParlays";
  id: Hex;
  txHash: Hex;
}

/** Parlays settled per transaction (each settlement is a bounded amount of work). */
const PARLAY_BATCH = 50;
const MAX_BLOCK_RANGE = 10_000n;

export class Keeper {
  private readonly options: KeeperOptions;
  private readonly log: (line: string) => void;
  private cursor: bigint;
  /** Questions with a live proposal: question id → when it may be settled (unix seconds). */
  private readonly pendingProposals = new Map<Hex, bigint>();
  /** Markets not yet resolved. */
  private readonly openMarkets = new Set<Hex>();
  /** Pool conditions not yet resolved: condition id → oracle question id. */
  private readonly openConditions = new Map<bigint, Hex>();
  /** Parlays not yet settled. */
  private readonly pendingParlays = new Set<bigint>();

  constructor(options: KeeperOptions) {
    this.options = options;
    this.log = options.log ?? ((line) => console.log(line));
    this.cursor = options.fromBlock;
  }

  /** Scans new blocks, then does every chore that is due. Returns what it sent. */
  async tick(): Promise<KeeperAction[]> {
    const head = await this.options.publicClient.getBlock({ blockTag: "latest" });
    await this.scan(head.number);
    const actions: KeeperAction[] = [];

    for (const [questionId, expiresAt] of [...this.pendingProposals]) {
      if (head.timestamp < expiresAt) continue;
      const state = await this.read<number>(this.options.contracts.oracle, abis.OptimisticOracle, "stateOf", [
        questionId,
      ]);
      if (state !== OracleState.Proposed) {
        this.pendingProposals.delete(questionId);
        continue;
      }
      const txHash = await this.send(this.options.contracts.oracle, abis.OptimisticOracle, "settle", [questionId]);
      if (txHash) {
        actions.push({ kind: "settleQuestion", id: questionId, txHash });
        this.pendingProposals.delete(questionId);
      }
    }

    for (const marketId of [...this.openMarkets]) {
      const final = await this.read<boolean>(this.options.contracts.oracle, abis.OptimisticOracle, "isAnswerFinal", [
        marketId,
      ]);
      if (!final) continue;
      const market = await this.read<readonly [number, Address, bigint, bigint, boolean]>(
        this.options.contracts.marketFactory,
        abis.MarketFactory,
        "getMarket",
        [marketId],
      );
      if (market[4]) {
        this.openMarkets.delete(marketId);
        continue;
      }
      const txHash = await this.send(this.options.contracts.marketFactory, abis.MarketFactory, "resolveMarket", [
        marketId,
      ]);
      if (txHash) {
        actions.push({ kind: "resolveMarket", id: marketId, txHash });
        this.openMarkets.delete(marketId);
      }
    }
    if (this.options.contracts.pool) actions.push(...(await this.poolChores(this.options.contracts.pool)));
    return actions;
  }

  /** Resolves pool conditions whose answer is final, then settles parlays with a lost leg. */
  private async poolChores(pool: Address): Promise<KeeperAction[]> {
    const actions: KeeperAction[] = [];
    for (const [conditionId, questionId] of [...this.openConditions]) {
      const final = await this.read<boolean>(this.options.contracts.oracle, abis.OptimisticOracle, "isAnswerFinal", [
        questionId,
      ]);
      if (!final) continue;
      const txHash = await this.send(pool, abis.IBettingPool, "resolveCondition", [conditionId]);
      if (txHash) actions.push({ kind: "resolveCondition", id: toHex32(conditionId), txHash });
      this.openConditions.delete(conditionId);
    }

    const lost: bigint[] = [];
    for (const betId of this.pendingParlays) {
      const status = await this.read<number>(pool, abis.IBettingPool, "parlayStatus", [betId]);
      if (status === ParlayStatus.Lost) lost.push(betId);
    }
    for (let i = 0; i < lost.length; i += PARLAY_BATCH) {
      const batch = lost.slice(i, i + PARLAY_BATCH);
      const txHash = await this.send(pool, abis.IBettingPool, "settleParlays", [batch]);
      if (txHash) {
        actions.push({ kind: "settleParlays", id: toHex32(batch[0] ?? 0n), txHash });
        for (const betId of batch) this.pendingParlays.delete(betId);
      }
    }
    return actions;
  }

  /** Reads oracle and factory events since the last scan to know which chores may come due. */
  private async scan(head: bigint): Promise<void> {
    while (this.cursor <= head) {
      const toBlock = this.cursor + MAX_BLOCK_RANGE - 1n < head ? this.cursor + MAX_BLOCK_RANGE - 1n : head;
      const pool = this.options.contracts.pool;
      const logs = await this.options.publicClient.getLogs({
        address: [this.options.contracts.oracle, this.options.contracts.marketFactory, ...(pool ? [pool] : [])],
        fromBlock: this.cursor,
        toBlock,
      });
      const oracleEvents = parseEventLogs({
        abi: abis.OptimisticOracle,
        logs: logs.filter((l) => sameAddress(l.address, this.options.contracts.oracle)),
      });
      for (const event of oracleEvents) {
        switch (event.eventName) {
          case "AnswerProposed":
            this.pendingProposals.set(event.args.questionId, event.args.expiresAt);
            break;
          case "QuestionUnflagged":
            if (event.args.expiresAt > 0n) this.pendingProposals.set(event.args.questionId, event.args.expiresAt);
            break;
          case "QuestionReset":
          case "DisputeEscalated":
          case "QuestionSettled":
            this.pendingProposals.delete(event.args.questionId);
            break;
          default:
            break;
        }
      }
      const factoryEvents = parseEventLogs({
        abi: abis.MarketFactory,
        logs: logs.filter((l) => sameAddress(l.address, this.options.contracts.marketFactory)),
      });
      for (const event of factoryEvents) {
        if (event.eventName === "MarketCreated") this.openMarkets.add(event.args.marketId);
        if (event.eventName === "MarketResolved") this.openMarkets.delete(event.args.marketId);
      }
      if (pool) {
        const poolEvents = parseEventLogs({
          abi: abis.IBettingPool,
          logs: logs.filter((l) => sameAddress(l.address, pool)),
        });
        for (const event of poolEvents) {
          if (event.eventName === "ConditionCreated") {
            this.openConditions.set(event.args.conditionId, event.args.questionId);
          } else if (event.eventName === "ConditionResolved" || event.eventName === "ConditionCancelled") {
            this.openConditions.delete(event.args.conditionId);
          } else if (event.eventName === "ParlayPlaced") {
            this.pendingParlays.add(event.args.betId);
          } else if (event.eventName === "ParlaySettled") {
            this.pendingParlays.delete(event.args.betId);
          }
        }
      }
      this.cursor = toBlock + 1n;
    }
  }

  private async read<T>(address: Address, abi: Abi, functionName: string, args: readonly unknown[]): Promise<T> {
    return (await this.options.publicClient.readContract({ address, abi, functionName, args })) as T;
  }

  /** Simulates, then sends; a chore that reverts in simulation (already done, paused) is skipped and logged. */
  private async send(address: Address, abi: Abi, functionName: string, args: readonly unknown[]): Promise<Hex | null> {
    const label = `${functionName}(${args.map(String).join(", ")})`;
    try {
      const { request } = await this.options.publicClient.simulateContract({
        address,
        abi,
        functionName,
        args,
        account: this.options.walletClient.account,
      });
      const hash = await this.options.walletClient.writeContract(request);
      const receipt = await this.options.publicClient.waitForTransactionReceipt({ hash });
      if (receipt.status !== "success") {
        this.log(`keeper: ${label} reverted in ${hash}`);
        return null;
      }
      this.log(`keeper: ${label} done in ${hash}`);
      return hash;
    } catch (error) {
      const revert = decodeRevert(error);
      this.log(`keeper: skipped ${label}: ${revert.name === "Unknown" ? revert.sentence : revertSignature(revert)}`);
      return null;
    }
  }
}

function toHex32(value: bigint): Hex {
  return `0x${value.toString(16).padStart(64, "0")}`;
}

function sameAddress(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

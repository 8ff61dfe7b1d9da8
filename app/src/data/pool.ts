/**
 * Betting-pool reads. Conditions (with their question text) come from the indexer; what a bet
 * or a cash-out is priced at comes from the pool itself: liquidity totals, `quote` odds, and
 * each bet's holder and `quoteCashOut`. Views the pool serves through its lens (BettingPoolLens
 * over the pool's `extsload`: config, bets, outcomes, conditions, reinforcement caps) take the
 * pool's address as their first argument. The account's bets and LP positions are in
 * poolIndex.ts.
 */
import { COLLATERAL_UNIT, ConditionState } from "@forkcast/shared";
import { iBettingPoolAbi, iBettingPoolLensAbi } from "@forkcast/deployments";
import { useQuery } from "@tanstack/react-query";
import { type Address, keccak256, toHex } from "viem";
import { usePublicClient, useReadContracts } from "wagmi";

import { useDeployment } from "../hooks/useDeployment.ts";
import { PAGE_LIMIT, big, hex, int, items, optional, record, strings, text, useIndexerQuery } from "./indexer.ts";
import { usePoolAccount } from "./poolIndex.ts";

/**
 * The pool and the lens that reads its storage (views served from storage live on the lens,
 * which takes the pool's address as its first argument); undefined until deployed.
 */
function usePoolContracts(): { pool: Address | undefined; lens: Address | undefined } {
  const { address } = useDeployment();
  return { pool: address("pool"), lens: address("poolLens") };
}

export function usePoolTotals() {
  const { pool, lens } = usePoolContracts();
  const result = useReadContracts({
    contracts:
      pool && lens
        ? [
            { address: pool, abi: iBettingPoolAbi, functionName: "totalLiquidity" },
            { address: pool, abi: iBettingPoolAbi, functionName: "freeLiquidity" },
            { address: pool, abi: iBettingPoolAbi, functionName: "totals" },
            { address: lens, abi: iBettingPoolLensAbi, functionName: "config", args: [pool] },
          ]
        : [],
    query: { enabled: Boolean(pool && lens), refetchInterval: 3_000 },
  });
  const [total, free, totals, config] = result.data ?? [];
  return {
    pool,
    total: total?.status === "success" ? total.result : undefined,
    free: free?.status === "success" ? free.result : undefined,
    locked: totals?.status === "success" ? totals.result[0] : undefined,
    withdrawTimeout: config?.status === "success" ? Number(config.result[3]) : undefined,
  };
}

export interface PoolCondition {
  conditionId: bigint;
  questionId: `0x${string}`;
  /** The oracle question's text (`decodeQuestionData` of its ancillary data); "" when unknown. */
  question: string;
  /** One name per outcome, in outcome order; [] when the question names none. */
  outcomeNames: readonly string[];
  rules: string;
  outcomeCount: number;
  startsAt: number;
  state: number;
  /** The outcome that won, once resolved (undefined before, and for a cancelled condition). */
  winningOutcome: number | undefined;
}

/** The indexer's condition state names → the contract's enum values. */
const INDEXED_STATES: Readonly<Record<string, ConditionState>> = {
  none: ConditionState.None,
  active: ConditionState.Active,
  paused: ConditionState.Paused,
  resolved: ConditionState.Resolved,
  cancelled: ConditionState.Cancelled,
};

const POOL_CONDITIONS_QUERY = `query PoolConditions($limit: Int!) {
  poolConditions(orderBy: "id", orderDirection: "asc", limit: $limit) {
    items { id questionId outcomeCount startsAt state question outcomeNames rules winningOutcome }
  }
}`;

/** Parses the indexed pool conditions (exported for tests). */
export function parsePoolConditions(data: unknown): PoolCondition[] {
  return items(record(data, "data").poolConditions, "poolConditions").map((c) => {
    const state = INDEXED_STATES[text(c.state, "condition.state")] ?? -1;
    return {
      conditionId: big(c.id, "condition.id"),
      questionId: hex(c.questionId, "condition.questionId"),
      question: text(c.question, "condition.question"),
      outcomeNames: strings(c.outcomeNames, "condition.outcomeNames"),
      rules: text(c.rules, "condition.rules"),
      outcomeCount: int(c.outcomeCount, "condition.outcomeCount"),
      startsAt: int(c.startsAt, "condition.startsAt"),
      state: state < 0 ? 0 : state,
      winningOutcome:
        state === ConditionState.Resolved ? optional(c.winningOutcome, "condition.winningOutcome", int) : undefined,
    };
  });
}

/** Pool conditions from the indexer, with their question text and state. */
export function usePoolConditions() {
  return useIndexerQuery("poolConditions", POOL_CONDITIONS_QUERY, { limit: PAGE_LIMIT }, parsePoolConditions, {
    refetchMs: 3_000,
  });
}

/** Live odds for a 1 tUSD bet on each outcome of each condition (`quote`, from the pool), keyed by
 * condition id; an outcome the pool will not quote is `undefined`. */
export function usePoolOdds(conditions: readonly PoolCondition[] | undefined) {
  const { address } = useDeployment();
  const pool = address("pool");
  const legs = (conditions ?? []).flatMap((c) =>
    Array.from({ length: c.outcomeCount }, (_, i) => ({ conditionId: c.conditionId, outcome: i })),
  );
  const result = useReadContracts({
    contracts: pool
      ? legs.map(
          (l) =>
            ({
              address: pool,
              abi: iBettingPoolAbi,
              functionName: "quote",
              args: [l.conditionId, BigInt(l.outcome), COLLATERAL_UNIT],
            }) as const,
        )
      : [],
    query: { enabled: Boolean(pool) && legs.length > 0, refetchInterval: 3_000 },
  });
  const odds = new Map<bigint, (bigint | undefined)[]>();
  legs.forEach((l, i) => {
    const r = result.data?.[i];
    const list = odds.get(l.conditionId) ?? [];
    list[l.outcome] = r?.status === "success" ? (r.result as readonly [bigint, ...unknown[]])[0] : undefined;
    odds.set(l.conditionId, list);
  });
  return odds;
}

/** The account's bets, singles and combos, oldest first. */
export function useMyBets(account: Address | undefined) {
  const query = usePoolAccount(account);
  return { ...query, data: query.data?.bets };
}

/** What cashing out a single bet needs from the chain: its holder (null once the NFT is burnt), stored stake and quote. */
export interface BetChainState {
  holder: Address | null | undefined;
  stake: bigint | undefined;
  quote: bigint | undefined;
}

/** Holder, stake and `quoteCashOut` of each single bet, refreshed every 3 s. */
export function useBetChainStates(betIds: readonly bigint[]) {
  const { pool, lens } = usePoolContracts();
  const result = useReadContracts({
    contracts:
      pool && lens
        ? betIds.flatMap((betId) => [
            { address: pool, abi: iBettingPoolAbi, functionName: "ownerOf", args: [betId] } as const,
            { address: lens, abi: iBettingPoolLensAbi, functionName: "getBet", args: [pool, betId] } as const,
            { address: pool, abi: iBettingPoolAbi, functionName: "quoteCashOut", args: [betId] } as const,
          ])
        : [],
    query: { enabled: Boolean(pool && lens) && betIds.length > 0, refetchInterval: 3_000 },
  });
  const states = new Map<bigint, BetChainState>();
  betIds.forEach((betId, i) => {
    const [owner, bet, quote] = [result.data?.[3 * i], result.data?.[3 * i + 1], result.data?.[3 * i + 2]];
    states.set(betId, {
      // ownerOf reverts once the NFT is burnt, which only a cash-out does.
      holder: owner === undefined ? undefined : owner.status === "success" ? (owner.result as Address) : null,
      stake: bet?.status === "success" ? (bet.result as { stake: bigint }).stake : undefined,
      quote: quote?.status === "success" ? (quote.result as bigint) : undefined,
    });
  });
  return states;
}

const MARKET_CREATOR_ROLE = keccak256(toHex("MARKET_CREATOR_ROLE"));

/** Whether `account` may create pool conditions, who may (current holders of the role, from
 * RoleGranted / RoleRevoked events), and what is left of the account's reinforcement cap. */
export function usePoolCreatorRole(account: Address | undefined, enabled = true) {
  const client = usePublicClient();
  const { chainId, book } = useDeployment();
  const { pool, lens } = usePoolContracts();
  return useQuery({
    queryKey: ["poolCreatorRole", chainId, pool, account],
    enabled: enabled && Boolean(client && pool && lens && book),
    refetchInterval: 10_000,
    queryFn: async () => {
      if (!client || !pool || !lens || !book) return undefined;
      const fromBlock = BigInt(book.deployBlock);
      const [granted, revoked] = await Promise.all([
        client.getContractEvents({
          address: pool,
          abi: iBettingPoolAbi,
          eventName: "RoleGranted",
          args: { role: MARKET_CREATOR_ROLE },
          fromBlock,
        }),
        client.getContractEvents({
          address: pool,
          abi: iBettingPoolAbi,
          eventName: "RoleRevoked",
          args: { role: MARKET_CREATOR_ROLE },
          fromBlock,
        }),
      ]);
      const holders = new Set<Address>();
      for (const e of [...granted, ...revoked].sort((a, b) =>
        a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1,
      )) {
        if (!e.args.account) continue;
        if (e.eventName === "RoleGranted") holders.add(e.args.account);
        else holders.delete(e.args.account);
      }
      if (!account) return { isCreator: false, holders: [...holders], capLeft: undefined };
      const [isCreator, [cap, used]] = await Promise.all([
        client.readContract({
          address: pool,
          abi: iBettingPoolAbi,
          functionName: "hasRole",
          args: [MARKET_CREATOR_ROLE, account],
        }),
        client.readContract({
          address: lens,
          abi: iBettingPoolLensAbi,
          functionName: "reinforcementOf",
          args: [pool, account],
        }),
      ]);
      return { isCreator, holders: [...holders], capLeft: cap > used ? cap - used : 0n };
    },
  });
}

/** What the pool prices a single pick from: the outcome's virtual fund, the condition's total fund and margin. */
export function usePoolOutcomeBook(conditionId: bigint | undefined, outcome: number | undefined) {
  const { pool, lens } = usePoolContracts();
  const enabled = Boolean(pool && lens) && conditionId !== undefined && outcome !== undefined;
  const result = useReadContracts({
    contracts:
      pool && lens && conditionId !== undefined && outcome !== undefined
        ? [
            {
              address: lens,
              abi: iBettingPoolLensAbi,
              functionName: "getOutcome",
              args: [pool, conditionId, BigInt(outcome)],
            },
            { address: lens, abi: iBettingPoolLensAbi, functionName: "getCondition", args: [pool, conditionId] },
          ]
        : [],
    query: { enabled, refetchInterval: 3_000 },
  });
  const [outcomeRead, conditionRead] = result.data ?? [];
  if (outcomeRead?.status !== "success" || conditionRead?.status !== "success") return undefined;
  const [fund] = outcomeRead.result as readonly [bigint, bigint];
  const c = conditionRead.result as { totalFund: bigint; marginBps: bigint };
  return { fund, totalFund: c.totalFund, marginBps: c.marginBps };
}

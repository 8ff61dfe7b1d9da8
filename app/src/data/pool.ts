/** Betting-pool reads (interim source: the chain): liquidity totals and the account's LP positions. */
import { iBettingPoolAbi, iOptimisticOracleAbi } from "@forkcast/deployments";
import { type QuestionData, decodeQuestionData } from "@forkcast/shared";
import { useQuery } from "@tanstack/react-query";
import { type Address, type Hex, keccak256, toHex } from "viem";
import { usePublicClient, useReadContracts } from "wagmi";

import { useDeployment } from "../hooks/useDeployment.ts";

export interface LpPosition {
  lpId: bigint;
  deposited: bigint;
  value: bigint;
  depositedAt: number;
}

export function usePoolTotals() {
  const { address } = useDeployment();
  const pool = address("pool");
  const result = useReadContracts({
    contracts: pool
      ? [
          { address: pool, abi: iBettingPoolAbi, functionName: "totalLiquidity" },
          { address: pool, abi: iBettingPoolAbi, functionName: "freeLiquidity" },
          { address: pool, abi: iBettingPoolAbi, functionName: "totals" },
          { address: pool, abi: iBettingPoolAbi, functionName: "config" },
        ]
      : [],
    query: { enabled: Boolean(pool), refetchInterval: 3_000 },
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

/** The account's open LP positions: its deposits (events) that still have an NFT, valued now. */
export function useLpPositions(account: Address | undefined) {
  const client = usePublicClient();
  const { chainId, book, address } = useDeployment();
  const pool = address("pool");
  return useQuery({
    queryKey: ["lpPositions", chainId, pool, account],
    enabled: Boolean(client && pool && account && book),
    refetchInterval: 3_000,
    queryFn: async (): Promise<LpPosition[]> => {
      if (!client || !pool || !account || !book) return [];
      const fromBlock = BigInt(book.deployBlock);
      const [deposits, withdrawals] = await Promise.all([
        client.getContractEvents({
          address: pool,
          abi: iBettingPoolAbi,
          eventName: "LiquidityDeposited",
          args: { provider: account },
          fromBlock,
        }),
        client.getContractEvents({
          address: pool,
          abi: iBettingPoolAbi,
          eventName: "LiquidityWithdrawn",
          args: { provider: account },
          fromBlock,
        }),
      ]);
      const closed = new Set(withdrawals.filter((w) => w.args.fractionBps === 10_000n).map((w) => w.args.lpId));
      const open = deposits.filter((d) => d.args.lpId !== undefined && !closed.has(d.args.lpId));
      return Promise.all(
        open.map(async (d) => {
          const lpId = d.args.lpId ?? 0n;
          const [value, depositedAt] = await client.readContract({
            address: pool,
            abi: iBettingPoolAbi,
            functionName: "lpPosition",
            args: [lpId],
          });
          return { lpId, deposited: d.args.amount ?? 0n, value, depositedAt: Number(depositedAt) };
        }),
      );
    },
  });
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
  /** Odds (1e12 = 1.0x) for a 1 tUSD bet on each outcome, from `quote`. */
  odds: (bigint | undefined)[];
  state: number;
}

export const CONDITION_STATES = ["None", "Active", "Paused", "Resolved", "Cancelled"] as const;

/** Pool conditions (ConditionCreated events) with their state and current odds. */
export function usePoolConditions() {
  const client = usePublicClient();
  const { chainId, book, address } = useDeployment();
  const pool = address("pool");
  return useQuery({
    queryKey: ["poolConditions", chainId, pool],
    enabled: Boolean(client && pool && book),
    refetchInterval: 3_000,
    queryFn: async (): Promise<PoolCondition[]> => {
      if (!client || !pool || !book) return [];
      const conditions = await readConditions(client, pool, BigInt(book.deployBlock));
      const texts = await readQuestionTexts(
        client,
        address("oracle"),
        conditions.map((c) => c.questionId),
        BigInt(book.deployBlock),
      );
      return conditions.map((c) => withQuestionText(c, texts.get(c.questionId.toLowerCase())));
    },
  });
}

type Client = NonNullable<ReturnType<typeof usePublicClient>>;
type ChainCondition = Omit<PoolCondition, "question" | "outcomeNames" | "rules">;

/** Conditions from ConditionCreated events with their state and odds. */
async function readConditions(client: Client, pool: Address, fromBlock: bigint): Promise<ChainCondition[]> {
  const created = await client.getContractEvents({
    address: pool,
    abi: iBettingPoolAbi,
    eventName: "ConditionCreated",
    fromBlock,
  });
  return Promise.all(
    created.map(async (c) => {
      const conditionId = c.args.conditionId ?? 0n;
      const outcomeCount = c.args.probabilities?.length ?? 0;
      const view = await client.readContract({
        address: pool,
        abi: iBettingPoolAbi,
        functionName: "getCondition",
        args: [conditionId],
      });
      const odds = await Promise.all(
        Array.from({ length: outcomeCount }, (_, i) =>
          client
            .readContract({
              address: pool,
              abi: iBettingPoolAbi,
              functionName: "quote",
              args: [conditionId, BigInt(i), 1_000_000n],
            })
            .then(([o]) => o)
            .catch(() => undefined),
        ),
      );
      return {
        conditionId,
        questionId: c.args.questionId ?? "0x",
        outcomeCount,
        startsAt: Number(c.args.startsAt ?? 0n),
        odds,
        state: view.state,
      };
    }),
  );
}

/** Question data by lower-case question id, from the oracle's QuestionOpened events for `questionIds`. */
export async function readQuestionTexts(
  client: Client,
  oracle: Address | undefined,
  questionIds: readonly Hex[],
  fromBlock: bigint,
): Promise<Map<string, QuestionData>> {
  const texts = new Map<string, QuestionData>();
  if (!oracle || questionIds.length === 0) return texts;
  const opened = await client.getContractEvents({
    address: oracle,
    abi: iOptimisticOracleAbi,
    eventName: "QuestionOpened",
    args: { questionId: [...new Set(questionIds)] },
    fromBlock,
  });
  for (const event of opened) {
    const { questionId, ancillaryData } = event.args;
    if (questionId && ancillaryData) texts.set(questionId.toLowerCase(), decodeQuestionData(ancillaryData));
  }
  return texts;
}

/** A condition with its question's text (empty when the oracle never opened that question). */
export function withQuestionText(condition: ChainCondition, text: QuestionData | undefined): PoolCondition {
  return {
    ...condition,
    question: text?.question ?? "",
    outcomeNames: text?.outcomeNames ?? [],
    rules: text?.rules ?? "",
  };
}

export interface MyBet {
  betId: bigint;
  /** Single bets: one leg; combos: every leg. */
  legs: { conditionId: bigint; outcome: number }[];
  /** For single bets, the leg's condition (0 for combos). */
  conditionId: bigint;
  outcome: number;
  amount: bigint;
  odds: bigint;
  payout: bigint;
}

/** The account's single bets (BetPlaced events). */
export function useMyBets(account: Address | undefined) {
  const client = usePublicClient();
  const { chainId, book, address } = useDeployment();
  const pool = address("pool");
  return useQuery({
    queryKey: ["myBets", chainId, pool, account],
    enabled: Boolean(client && pool && book && account),
    refetchInterval: 3_000,
    queryFn: async (): Promise<MyBet[]> => {
      if (!client || !pool || !book || !account) return [];
      const fromBlock = BigInt(book.deployBlock);
      const [placed, parlays] = await Promise.all([
        client.getContractEvents({
          address: pool,
          abi: iBettingPoolAbi,
          eventName: "BetPlaced",
          args: { bettor: account },
          fromBlock,
        }),
        client.getContractEvents({
          address: pool,
          abi: iBettingPoolAbi,
          eventName: "ParlayPlaced",
          args: { bettor: account },
          fromBlock,
        }),
      ]);
      const combos: MyBet[] = parlays.map((p) => ({
        betId: p.args.betId ?? 0n,
        legs: (p.args.legs ?? []).map((l) => ({ conditionId: l.conditionId, outcome: Number(l.outcome) })),
        conditionId: 0n,
        outcome: 0,
        amount: p.args.amount ?? 0n,
        odds: p.args.odds ?? 0n,
        payout: p.args.payout ?? 0n,
      }));
      const singles: MyBet[] = placed.map((b) => ({
        betId: b.args.betId ?? 0n,
        legs: [{ conditionId: b.args.conditionId ?? 0n, outcome: Number(b.args.outcome ?? 0n) }],
        conditionId: b.args.conditionId ?? 0n,
        outcome: Number(b.args.outcome ?? 0n),
        amount: b.args.amount ?? 0n,
        odds: b.args.odds ?? 0n,
        payout: b.args.payout ?? 0n,
      }));
      return [...singles, ...combos].sort((a, b) => (a.betId < b.betId ? -1 : 1));
    },
  });
}

/** What cashing out a single bet needs from the chain: its holder (null once the NFT is burnt), stored stake and quote. */
export interface BetChainState {
  holder: Address | null | undefined;
  stake: bigint | undefined;
  quote: bigint | undefined;
}

/** Holder, stake and `quoteCashOut` of each single bet, refreshed every 3 s. */
export function useBetChainStates(betIds: readonly bigint[]) {
  const { address } = useDeployment();
  const pool = address("pool");
  const result = useReadContracts({
    contracts: pool
      ? betIds.flatMap((betId) => [
          { address: pool, abi: iBettingPoolAbi, functionName: "ownerOf", args: [betId] } as const,
          { address: pool, abi: iBettingPoolAbi, functionName: "getBet", args: [betId] } as const,
          { address: pool, abi: iBettingPoolAbi, functionName: "quoteCashOut", args: [betId] } as const,
        ])
      : [],
    query: { enabled: Boolean(pool) && betIds.length > 0, refetchInterval: 3_000 },
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

export const MARKET_CREATOR_ROLE = keccak256(toHex("MARKET_CREATOR_ROLE"));

/** Whether `account` may create pool conditions, who may (current holders of the role, from
 * RoleGranted / RoleRevoked events), and what is left of the account's reinforcement cap. */
export function usePoolCreatorRole(account: Address | undefined, enabled = true) {
  const client = usePublicClient();
  const { chainId, book, address } = useDeployment();
  const pool = address("pool");
  return useQuery({
    queryKey: ["poolCreatorRole", chainId, pool, account],
    enabled: enabled && Boolean(client && pool && book),
    refetchInterval: 10_000,
    queryFn: async () => {
      if (!client || !pool || !book) return undefined;
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
        client.readContract({ address: pool, abi: iBettingPoolAbi, functionName: "reinforcementOf", args: [account] }),
      ]);
      return { isCreator, holders: [...holders], capLeft: cap > used ? cap - used : 0n };
    },
  });
}

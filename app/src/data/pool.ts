/** Betting-pool reads (interim source: the chain): liquidity totals and the account's LP positions. */
import { iBettingPoolAbi } from "@forkcast/deployments";
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
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
      const created = await client.getContractEvents({
        address: pool,
        abi: iBettingPoolAbi,
        eventName: "ConditionCreated",
        fromBlock: BigInt(book.deployBlock),
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
    },
  });
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

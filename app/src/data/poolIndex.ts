/**
 * Betting-pool lists from the indexer: the account's bets (with their status) and LP positions.
 * An LP position's current value is read from the pool (`useLpValues`), only where it is shown.
 */
import { iBettingPoolAbi } from "@forkcast/deployments";
import type { Address, Hex } from "viem";
import { useReadContracts } from "wagmi";

import { useDeployment } from "../hooks/useDeployment.ts";
import { PAGE_LIMIT, big, bool, hex, int, items, optional, record, text, useIndexerQuery } from "./indexer.ts";

export type BetStatus = "open" | "claimed" | "cashedOut" | "lost" | "won" | "void";

export interface IndexedBet {
  betId: bigint;
  kind: "single" | "parlay";
  /** Single bets: one leg; parlays: every leg. */
  legs: { conditionId: bigint; outcome: number }[];
  /** For single bets, the leg's condition (0 for parlays). */
  conditionId: bigint;
  outcome: number;
  amount: bigint;
  odds: bigint;
  payout: bigint;
  status: BetStatus | string;
  paidOut: bigint;
  placedAt: number;
  txHash: Hex;
}

export interface IndexedLp {
  lpId: bigint;
  deposited: bigint;
  withdrawn: bigint;
  closed: boolean;
  depositedAt: number;
}

export const POOL_ACCOUNT_QUERY = `query PoolAccount($account: String!, $limit: Int!) {
  poolBets(where: { bettor: $account }, orderBy: "id", orderDirection: "asc", limit: $limit) {
    items { id kind conditionId outcome legs amount odds payout status paidOut placedAt txHash }
  }
  lpPositions(where: { provider: $account }, orderBy: "id", orderDirection: "asc", limit: $limit) {
    items { id deposited withdrawn closed depositedAt }
  }
}`;

/** Parses the account's bets and LP positions (exported for tests). */
export function parsePoolAccount(data: unknown): { bets: IndexedBet[]; lps: IndexedLp[] } {
  const d = record(data, "data");
  const bets = items(d.poolBets, "poolBets").map((b): IndexedBet => {
    const kind = text(b.kind, "bet.kind") === "parlay" ? "parlay" : "single";
    const conditionId = optional(b.conditionId, "bet.conditionId", big) ?? 0n;
    const outcome = optional(b.outcome, "bet.outcome", int) ?? 0;
    const legs =
      kind === "parlay"
        ? (Array.isArray(b.legs) ? b.legs : []).map((raw, i) => {
            const leg = record(raw, `bet.legs[${i}]`);
            return {
              conditionId: big(leg.conditionId, `bet.legs[${i}].conditionId`),
              outcome: int(leg.outcome, `bet.legs[${i}].outcome`),
            };
          })
        : [{ conditionId, outcome }];
    return {
      betId: big(b.id, "bet.id"),
      kind,
      legs,
      conditionId: kind === "single" ? conditionId : 0n,
      outcome: kind === "single" ? outcome : 0,
      amount: big(b.amount, "bet.amount"),
      odds: big(b.odds, "bet.odds"),
      payout: big(b.payout, "bet.payout"),
      status: text(b.status, "bet.status"),
      paidOut: big(b.paidOut, "bet.paidOut"),
      placedAt: int(b.placedAt, "bet.placedAt"),
      txHash: hex(b.txHash, "bet.txHash"),
    };
  });
  const lps = items(d.lpPositions, "lpPositions").map((l): IndexedLp => ({
    lpId: big(l.id, "lp.id"),
    deposited: big(l.deposited, "lp.deposited"),
    withdrawn: big(l.withdrawn, "lp.withdrawn"),
    closed: bool(l.closed, "lp.closed"),
    depositedAt: int(l.depositedAt, "lp.depositedAt"),
  }));
  return { bets, lps };
}

/** The account's bets (every status) and LP positions (open ones). */
export function usePoolAccount(account: Address | undefined) {
  return useIndexerQuery(
    "poolAccount",
    POOL_ACCOUNT_QUERY,
    { account: account?.toLowerCase() ?? "", limit: PAGE_LIMIT },
    (data) => {
      const parsed = parsePoolAccount(data);
      return { bets: parsed.bets, lps: parsed.lps.filter((l) => !l.closed) };
    },
    { enabled: Boolean(account) },
  );
}

/** What each LP position is worth now (`lpPosition`, from the pool: it moves with every condition
 * the pool settles), keyed by LP id; a failed read is `undefined`. */
export function useLpValues(lps: readonly IndexedLp[] | undefined) {
  const { address } = useDeployment();
  const pool = address("pool");
  const ids = (lps ?? []).map((l) => l.lpId);
  const result = useReadContracts({
    contracts: pool
      ? ids.map((lpId) => ({ address: pool, abi: iBettingPoolAbi, functionName: "lpPosition", args: [lpId] }) as const)
      : [],
    query: { enabled: Boolean(pool) && ids.length > 0, refetchInterval: 3_000 },
  });
  const values = new Map<bigint, bigint | undefined>();
  ids.forEach((lpId, i) => {
    const r = result.data?.[i];
    values.set(lpId, r?.status === "success" ? (r.result as readonly [bigint, bigint])[0] : undefined);
  });
  return values;
}

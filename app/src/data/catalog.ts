/**
 * The market catalog: every factory market (binary and multi-outcome) with its outcomes, last
 * prices, volume, open interest and oracle state, read from the indexer. The oracle question a
 * resolution button depends on is read from the chain (`useOracleQuestion`), so a countdown or a
 * just-sent proposal is never a block behind.
 */
import { optimisticOracleAbi } from "@forkcast/deployments";
import type { Address, Hex } from "viem";
import { useReadContract } from "wagmi";

import { useDeployment } from "../hooks/useDeployment.ts";
import {
  PAGE_LIMIT,
  address,
  big,
  gql,
  hex,
  int,
  items,
  optional,
  record,
  strings,
  text,
  useIndexerQuery,
} from "./indexer.ts";

export interface MarketOutcome {
  conditionId: Hex;
  name: string;
  yesTokenId: bigint;
  noTokenId: bigint;
  /** Last traded YES price of this condition (1e6 = 1.00), if it ever traded. */
  lastPrice: bigint | undefined;
  volume: bigint;
  /** Payout numerators [YES, NO] once the condition is resolved. */
  payouts: readonly bigint[] | undefined;
}

/** The oracle's view of a market's question, as indexed. */
export interface IndexedQuestion {
  state: "open" | "proposed" | "escalated" | "settled";
  proposedAnswer: bigint | undefined;
  expiresAt: number | undefined;
  disputeCount: number;
}

export interface Market {
  marketId: Hex;
  kind: "binary" | "multi";
  creator: Address;
  question: string;
  outcomes: readonly string[];
  rules: string;
  category: string;
  endTime: number;
  reward: bigint;
  bond: bigint;
  conditionIds: readonly Hex[];
  yesTokenIds: readonly bigint[];
  noTokenIds: readonly bigint[];
  /** One entry per condition (binary markets: one). */
  conditions: readonly MarketOutcome[];
  resolved: boolean;
  /** The final answer once resolved: an outcome index, or the oracle's INVALID sentinel. */
  answer: bigint | undefined;
  volume: bigint;
  tradeCount: number;
  openInterest: bigint;
  oracle: IndexedQuestion | undefined;
  createdBlock: bigint;
}

const QUESTION_STATES = ["open", "proposed", "escalated", "settled"] as const;

const MARKETS_QUERY = `query Markets($limit: Int!) {
  markets(orderBy: "createdBlock", orderDirection: "desc", limit: $limit) {
    items {
      id kind creator question outcomeNames rules category endTime reward bond status answer
      volume tradeCount openInterest createdBlock
      outcomes(orderBy: "outcomeIndex", orderDirection: "asc", limit: 100) {
        items { id outcomeIndex name yesTokenId noTokenId lastPriceE6 volume payoutNumerators }
      }
      oracleQuestion { state proposedAnswer expiresAt disputeCount }
    }
  }
}`;

/** Parses one indexed market row (exported for tests). */
export function parseMarket(row: Record<string, unknown>): Market {
  const conditions = items(row.outcomes, "market.outcomes").map((o): MarketOutcome => ({
    conditionId: hex(o.id, "outcome.id"),
    name: text(o.name, "outcome.name"),
    yesTokenId: big(o.yesTokenId, "outcome.yesTokenId"),
    noTokenId: big(o.noTokenId, "outcome.noTokenId"),
    lastPrice: optional(o.lastPriceE6, "outcome.lastPriceE6", big),
    volume: big(o.volume, "outcome.volume"),
    payouts: optional(o.payoutNumerators, "outcome.payoutNumerators", strings)?.map((n, i) =>
      big(n, `outcome.payoutNumerators[${i}]`),
    ),
  }));
  const oracleRow = row.oracleQuestion === null ? undefined : record(row.oracleQuestion, "market.oracleQuestion");
  const state = oracleRow ? text(oracleRow.state, "oracleQuestion.state") : undefined;
  const kind = text(row.kind, "market.kind");
  return {
    marketId: hex(row.id, "market.id"),
    kind: kind === "multi" ? "multi" : "binary",
    creator: address(row.creator, "market.creator"),
    question: text(row.question, "market.question"),
    outcomes: strings(row.outcomeNames, "market.outcomeNames"),
    rules: text(row.rules, "market.rules"),
    category: text(row.category, "market.category"),
    endTime: int(row.endTime, "market.endTime"),
    reward: big(row.reward, "market.reward"),
    bond: big(row.bond, "market.bond"),
    conditionIds: conditions.map((c) => c.conditionId),
    yesTokenIds: conditions.map((c) => c.yesTokenId),
    noTokenIds: conditions.map((c) => c.noTokenId),
    conditions,
    resolved: text(row.status, "market.status") === "resolved",
    answer: optional(row.answer, "market.answer", big),
    volume: big(row.volume, "market.volume"),
    tradeCount: int(row.tradeCount, "market.tradeCount"),
    openInterest: big(row.openInterest, "market.openInterest"),
    oracle:
      oracleRow && state && (QUESTION_STATES as readonly string[]).includes(state)
        ? {
            state: state as IndexedQuestion["state"],
            proposedAnswer: optional(oracleRow.proposedAnswer, "oracleQuestion.proposedAnswer", big),
            expiresAt: optional(oracleRow.expiresAt, "oracleQuestion.expiresAt", int),
            disputeCount: int(oracleRow.disputeCount, "oracleQuestion.disputeCount"),
          }
        : undefined,
    createdBlock: big(row.createdBlock, "market.createdBlock"),
  };
}

const parseMarketList = (data: unknown): Market[] => items(record(data, "data").markets, "markets").map(parseMarket);

export async function fetchMarketList(url?: string): Promise<Market[]> {
  return parseMarketList(await gql(MARKETS_QUERY, { limit: PAGE_LIMIT }, url));
}

/** Every market, newest first. */
export function useMarketList() {
  return useIndexerQuery("marketList", MARKETS_QUERY, { limit: PAGE_LIMIT }, parseMarketList);
}

/** One market by id (the oracle question id). */
export function useMarketDetail(marketId: string | undefined) {
  const markets = useMarketList();
  return { ...markets, data: markets.data?.find((m) => m.marketId.toLowerCase() === marketId?.toLowerCase()) };
}

/** The market that owns an exchange condition (binary: its only condition; multi: question k). */
export function findMarketByCondition(markets: readonly Market[] | undefined, conditionId: string | undefined) {
  const id = conditionId?.toLowerCase();
  return markets?.find((m) => m.conditionIds.some((c) => c.toLowerCase() === id));
}

/** The oracle question behind a market (its id is the market id), live from the chain. */
export function useOracleQuestion(questionId: Hex | undefined) {
  const { address: deployed } = useDeployment();
  const oracle = deployed("oracle");
  return useReadContract({
    address: oracle,
    abi: optimisticOracleAbi,
    functionName: "getQuestion",
    args: questionId ? [questionId] : undefined,
    query: { enabled: Boolean(oracle && questionId), refetchInterval: 2_000 },
  });
}

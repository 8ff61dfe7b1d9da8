/**
 * Markets read from the chain (interim source until the indexer lands): MarketCreated events of
 * the market factory, plus each market's resolution flag and oracle question.
 */
import { marketFactoryAbi, optimisticOracleAbi } from "@forkcast/deployments";
import { useQuery } from "@tanstack/react-query";
import type { Address, Hex } from "viem";
import { usePublicClient, useReadContract } from "wagmi";

import { useDeployment } from "../hooks/useDeployment.ts";

export interface ChainMarket {
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
  resolved: boolean;
  createdBlock: bigint;
}

export const ORACLE_STATES = ["None", "Open", "Proposed", "Escalated", "Settled"] as const;
export type OracleState = (typeof ORACLE_STATES)[number];

export function useChainMarkets() {
  const client = usePublicClient();
  const { chainId, book, address } = useDeployment();
  const factory = address("marketFactory");
  return useQuery({
    queryKey: ["chainMarkets", chainId, factory],
    enabled: Boolean(client && factory && book),
    refetchInterval: 5_000,
    queryFn: async (): Promise<ChainMarket[]> => {
      if (!client || !factory || !book) return [];
      const logs = await client.getContractEvents({
        address: factory,
        abi: marketFactoryAbi,
        eventName: "MarketCreated",
        fromBlock: BigInt(book.deployBlock),
      });
      const resolvedLogs = await client.getContractEvents({
        address: factory,
        abi: marketFactoryAbi,
        eventName: "MarketResolved",
        fromBlock: BigInt(book.deployBlock),
      });
      const resolved = new Set(resolvedLogs.map((l) => l.args.marketId));
      return logs
        .map((log): ChainMarket | undefined => {
          const a = log.args;
          if (!a.marketId || !a.params || !a.creator) return undefined;
          return {
            marketId: a.marketId,
            kind: a.kind === 1 ? "multi" : "binary",
            creator: a.creator,
            question: a.params.question,
            outcomes: a.params.outcomeNames,
            rules: a.params.rules,
            category: a.params.category,
            endTime: Number(a.params.endTime),
            reward: a.params.reward,
            bond: a.params.bond,
            conditionIds: a.conditionIds ?? [],
            yesTokenIds: a.yesTokenIds ?? [],
            noTokenIds: a.noTokenIds ?? [],
            resolved: resolved.has(a.marketId),
            createdBlock: log.blockNumber,
          };
        })
        .filter((m): m is ChainMarket => m !== undefined)
        .reverse();
    },
  });
}

export function useChainMarket(marketId: string | undefined) {
  const markets = useChainMarkets();
  return { ...markets, data: markets.data?.find((m) => m.marketId === marketId) };
}

/** The oracle question behind a market (its id is the market id). */
export function useOracleQuestion(questionId: Hex | undefined) {
  const { address } = useDeployment();
  const oracle = address("oracle");
  return useReadContract({
    address: oracle,
    abi: optimisticOracleAbi,
    functionName: "getQuestion",
    args: questionId ? [questionId] : undefined,
    query: { enabled: Boolean(oracle && questionId), refetchInterval: 2_000 },
  });
}

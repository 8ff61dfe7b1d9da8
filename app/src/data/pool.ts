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

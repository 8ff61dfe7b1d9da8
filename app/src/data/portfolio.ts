/**
 * Portfolio reads. Interim source: the chain's events via viem (ERC-1155 position transfers of
 * the conditional tokens, collateral transfers), from the deployment block. The indexer replaces
 * this module's internals when it lands; the hooks' shapes stay.
 */
import { conditionalTokensAbi, exchangeAbi, testUSDAbi } from "@forkcast/deployments";
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { usePublicClient } from "wagmi";

import { useDeployment } from "../hooks/useDeployment.ts";
import { fillsByToken } from "../lib/fills.ts";
import { type Position, positionFromFills } from "../lib/pnl.ts";

export interface PositionBalance {
  tokenId: bigint;
  balance: bigint;
}

export interface ActivityItem {
  key: string;
  block: bigint;
  kind: "collateral in" | "collateral out" | "shares in" | "shares out";
  amount: bigint;
  detail: string;
  txHash: `0x${string}`;
}

/** Nets ERC-1155 transfers into balances per token id (pure: exported for tests). */
export function netBalances(transfers: readonly { id: bigint; value: bigint; incoming: boolean }[]): PositionBalance[] {
  const byId = new Map<bigint, bigint>();
  for (const t of transfers) byId.set(t.id, (byId.get(t.id) ?? 0n) + (t.incoming ? t.value : -t.value));
  return [...byId.entries()].filter(([, b]) => b > 0n).map(([tokenId, balance]) => ({ tokenId, balance }));
}

export function usePortfolio(account: Address | undefined) {
  const client = usePublicClient();
  const { chainId, book, address } = useDeployment();
  const ctf = address("conditionalTokens");
  const collateral = address("collateral");
  const exchange = address("exchange");
  return useQuery({
    queryKey: ["portfolio", chainId, account, exchange],
    enabled: Boolean(client && account && ctf && collateral && book),
    refetchInterval: 5_000,
    queryFn: async () => {
      if (!client || !account || !ctf || !collateral || !book) {
        return { positions: [], activity: [], costs: new Map<bigint, Position>() };
      }
      const fromBlock = BigInt(book.deployBlock);
      const [singleIn, singleOut, batchIn, batchOut, usdIn, usdOut] = await Promise.all([
        client.getContractEvents({
          address: ctf,
          abi: conditionalTokensAbi,
          eventName: "TransferSingle",
          args: { to: account },
          fromBlock,
        }),
        client.getContractEvents({
          address: ctf,
          abi: conditionalTokensAbi,
          eventName: "TransferSingle",
          args: { from: account },
          fromBlock,
        }),
        client.getContractEvents({
          address: ctf,
          abi: conditionalTokensAbi,
          eventName: "TransferBatch",
          args: { to: account },
          fromBlock,
        }),
        client.getContractEvents({
          address: ctf,
          abi: conditionalTokensAbi,
          eventName: "TransferBatch",
          args: { from: account },
          fromBlock,
        }),
        client.getContractEvents({
          address: collateral,
          abi: testUSDAbi,
          eventName: "Transfer",
          args: { to: account },
          fromBlock,
        }),
        client.getContractEvents({
          address: collateral,
          abi: testUSDAbi,
          eventName: "Transfer",
          args: { from: account },
          fromBlock,
        }),
      ]);
      const transfers: { id: bigint; value: bigint; incoming: boolean }[] = [];
      const activity: ActivityItem[] = [];
      for (const [logs, incoming] of [
        [singleIn, true],
        [singleOut, false],
      ] as const) {
        for (const log of logs) {
          const { id = 0n, value = 0n } = log.args;
          transfers.push({ id, value, incoming });
          activity.push({
            key: `${log.transactionHash}-${log.logIndex}`,
            block: log.blockNumber,
            kind: incoming ? "shares in" : "shares out",
            amount: value,
            detail: `position ${id.toString().slice(0, 10)}…`,
            txHash: log.transactionHash,
          });
        }
      }
      for (const [logs, incoming] of [
        [batchIn, true],
        [batchOut, false],
      ] as const) {
        for (const log of logs) {
          const ids = log.args.ids ?? [];
          const values = log.args.values ?? [];
          ids.forEach((id: bigint, i: number) => {
            const value = values[i] ?? 0n;
            transfers.push({ id, value, incoming });
            activity.push({
              key: `${log.transactionHash}-${log.logIndex}-${i}`,
              block: log.blockNumber,
              kind: incoming ? "shares in" : "shares out",
              amount: value,
              detail: `position ${id.toString().slice(0, 10)}…`,
              txHash: log.transactionHash,
            });
          });
        }
      }
      for (const [logs, incoming] of [
        [usdIn, true],
        [usdOut, false],
      ] as const) {
        for (const log of logs) {
          const counterparty = incoming ? log.args.from : log.args.to;
          activity.push({
            key: `${log.transactionHash}-${log.logIndex}`,
            block: log.blockNumber,
            kind: incoming ? "collateral in" : "collateral out",
            amount: log.args.value ?? 0n,
            detail:
              counterparty === "0x0000000000000000000000000000000000000000"
                ? incoming
                  ? "minted (faucet)"
                  : "burned"
                : `${incoming ? "from" : "to"} ${counterparty?.slice(0, 8)}…`,
            txHash: log.transactionHash,
          });
        }
      }
      // Average prices and realized P&L come from the exchange's fills of this account's orders.
      const filled = exchange
        ? await client.getContractEvents({
            address: exchange,
            abi: exchangeAbi,
            eventName: "OrderFilled",
            args: { maker: account },
            fromBlock,
          })
        : [];
      const costs = new Map<bigint, Position>();
      for (const [tokenId, fills] of fillsByToken(
        filled.map((l) => ({
          makerAssetId: l.args.makerAssetId ?? 0n,
          takerAssetId: l.args.takerAssetId ?? 0n,
          makerAmountFilled: l.args.makerAmountFilled ?? 0n,
          takerAmountFilled: l.args.takerAmountFilled ?? 0n,
          fee: l.args.fee ?? 0n,
        })),
      )) {
        costs.set(tokenId, positionFromFills(fills));
      }
      activity.sort((a, b) => (a.block > b.block ? -1 : a.block < b.block ? 1 : 0));
      return { positions: netBalances(transfers), activity, costs };
    },
  });
}

/** Collateral (tUSD) reads for the connected account: balance, faucet state. Interim source: the chain. */
import { testUSDAbi } from "@forkcast/deployments";
import type { Address } from "viem";
import { useReadContracts } from "wagmi";

import { useDeployment } from "../hooks/useDeployment.ts";

export interface CollateralState {
  token: Address | undefined;
  symbol: string;
  balance: bigint | undefined;
  faucetAvailable: boolean;
  faucetEnabled: boolean | undefined;
  /** Unix seconds when the faucet may pay this account again (0 = now). */
  nextFaucetAt: bigint | undefined;
  isLoading: boolean;
}

export function useCollateral(account: Address | undefined): CollateralState {
  const { book, address } = useDeployment();
  const token = address("collateral");
  const faucetAvailable = Boolean(book?.testCollateral && token);
  const query = useReadContracts({
    allowFailure: true,
    contracts: token
      ? [
          { address: token, abi: testUSDAbi, functionName: "symbol" },
          {
            address: token,
            abi: testUSDAbi,
            functionName: "balanceOf",
            args: [account ?? "0x0000000000000000000000000000000000000000"],
          },
          { address: token, abi: testUSDAbi, functionName: "faucetEnabled" },
          {
            address: token,
            abi: testUSDAbi,
            functionName: "nextFaucetAt",
            args: [account ?? "0x0000000000000000000000000000000000000000"],
          },
        ]
      : [],
    query: { enabled: Boolean(token), refetchInterval: 4_000 },
  });
  const [symbol, balance, enabled, nextAt] = query.data ?? [];
  return {
    token,
    symbol: symbol?.status === "success" ? symbol.result : "tUSD",
    balance: account && balance?.status === "success" ? balance.result : undefined,
    faucetAvailable: faucetAvailable && enabled?.status === "success",
    faucetEnabled: enabled?.status === "success" ? enabled.result : undefined,
    nextFaucetAt: account && nextAt?.status === "success" ? nextAt.result : undefined,
    isLoading: query.isLoading,
  };
}

/** The connected account's outcome-token (ERC-1155) balances, live from the conditional tokens. */
import { conditionalTokensAbi } from "@forkcast/deployments";
import { zeroAddress } from "viem";
import { useConnection, useReadContracts } from "wagmi";

import { useDeployment } from "../hooks/useDeployment.ts";

/** One balance per token id, in order, re-read every 3 s; undefined while loading or disconnected. */
export function useShareBalances(tokenIds: readonly (bigint | undefined)[]): (bigint | undefined)[] {
  const { address: account } = useConnection();
  const { address } = useDeployment();
  const ctf = address("conditionalTokens");
  const balances = useReadContracts({
    contracts: tokenIds.map((id) => ({
      address: ctf,
      abi: conditionalTokensAbi,
      functionName: "balanceOf" as const,
      args: [account ?? zeroAddress, id ?? 0n] as const,
    })),
    query: { enabled: Boolean(ctf && account), refetchInterval: 3_000 },
  });
  return tokenIds.map((_, i) => {
    const r = balances.data?.[i];
    return r?.status === "success" ? (r.result as bigint) : undefined;
  });
}

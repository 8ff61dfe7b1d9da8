import { conditionalTokensAbi } from "@forkcast/deployments";
import { useState } from "react";
import { type Hex, zeroHash } from "viem";
import { useConnection, useReadContracts } from "wagmi";

import type { Market } from "../../data/catalog.ts";
import { useDeployment } from "../../hooks/useDeployment.ts";
import { useTx } from "../../hooks/useTx.ts";
import { formatAmount, parseAmount } from "../../lib/amount.ts";
import { isBusy } from "../../lib/tx.ts";
import { Button } from "../Button.tsx";

/** A binary market's shares on chain: split a full set, merge one back, redeem after resolution. */
export function BinaryShares({ market, conditionId }: { market: Market; conditionId: Hex }) {
  const { address: account } = useConnection();
  const { address } = useDeployment();
  const ctf = address("conditionalTokens");
  const collateral = address("collateral");
  const { run, state } = useTx();
  const [amount, setAmount] = useState("10");
  const ids = [market.yesTokenIds[0], market.noTokenIds[0]];
  const balances = useReadContracts({
    contracts: ids.map((id) => ({
      address: ctf,
      abi: conditionalTokensAbi,
      functionName: "balanceOf" as const,
      args: [account ?? "0x0000000000000000000000000000000000000000", id ?? 0n] as const,
    })),
    query: { enabled: Boolean(ctf && account), refetchInterval: 3_000 },
  });
  const held = (balances.data ?? []).map((b) => (b.status === "success" ? (b.result as bigint) : 0n));
  const parsed = parseAmount(amount);
  const splitReason = !account
    ? "Connect a wallet first."
    : !parsed.ok
      ? parsed.reason
      : parsed.value === 0n
        ? "Enter an amount above zero"
        : market.resolved
          ? "The market is resolved: redeem instead."
          : isBusy(state)
            ? "Transaction in progress"
            : undefined;
  const hasShares = held.some((h) => h > 0n);
  const fullSets = (held[0] ?? 0n) < (held[1] ?? 0n) ? (held[0] ?? 0n) : (held[1] ?? 0n);
  const mergeReason = !account
    ? "Connect a wallet first."
    : !parsed.ok
      ? parsed.reason
      : parsed.value === 0n
        ? "Enter an amount above zero"
        : parsed.value > fullSets
          ? `You hold ${formatAmount(fullSets, { unit: "full sets" })} (one ${market.outcomes[0] ?? "Yes"} + one ${market.outcomes[1] ?? "No"} each)`
          : isBusy(state)
            ? "Transaction in progress"
            : undefined;
  const redeemReason = !market.resolved
    ? "The market is not resolved yet."
    : !hasShares
      ? "You hold no shares of this market."
      : undefined;
  if (!ctf || !collateral) return null;
  return (
    <div className="panel" data-testid="positions">
      <h2>Your shares</h2>
      <table>
        <tbody>
          {market.outcomes.map((o, i) => (
            <tr key={o}>
              <td>{o}</td>
              <td className="num" data-testid={`shares-${o}`}>
                {formatAmount(held[i] ?? 0n, { unit: "shares" })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        <label>
          Full sets (tUSD){" "}
          <input
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            inputMode="decimal"
            aria-label="Full-set amount"
          />
        </label>
        <Button
          disabledReason={splitReason}
          onClick={() =>
            parsed.ok &&
            void run({
              label: `Split ${formatAmount(parsed.value, { unit: "tUSD" })} into ${market.outcomes.join(" + ")}`,
              call: {
                address: ctf,
                abi: conditionalTokensAbi,
                functionName: "splitPosition",
                args: [collateral, zeroHash, conditionId, [1n, 2n], parsed.value],
              },
              approval: { token: collateral, spender: ctf, amount: parsed.value },
            })
          }
        >
          Split
        </Button>
        <Button
          className="secondary"
          disabledReason={mergeReason}
          onClick={() =>
            parsed.ok &&
            void run({
              label: `Merge ${formatAmount(parsed.value, { unit: "full sets" })} back into tUSD`,
              call: {
                address: ctf,
                abi: conditionalTokensAbi,
                functionName: "mergePositions",
                args: [collateral, zeroHash, conditionId, [1n, 2n], parsed.value],
              },
            })
          }
        >
          Merge
        </Button>
        <Button
          className="secondary"
          disabledReason={redeemReason}
          onClick={() =>
            void run({
              label: "Redeem winnings",
              call: {
                address: ctf,
                abi: conditionalTokensAbi,
                functionName: "redeemPositions",
                args: [collateral, zeroHash, conditionId, [1n, 2n]],
              },
            })
          }
        >
          Redeem
        </Button>
      </div>
    </div>
  );
}

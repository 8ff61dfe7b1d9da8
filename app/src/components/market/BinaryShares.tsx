import { conditionalTokensAbi } from "@forkcast/deployments";
import { useState } from "react";
import { type Hex, zeroHash } from "viem";
import { useConnection } from "wagmi";

import type { Market } from "../../data/catalog.ts";
import { useDeployment } from "../../hooks/useDeployment.ts";
import { useTx } from "../../hooks/useTx.ts";
import { amountReason, formatAmount, parseAmount } from "../../lib/amount.ts";
import { redeemAction } from "../../lib/redeem.ts";
import { isBusy } from "../../lib/tx.ts";
import { TxButton } from "../TxButton.tsx";

/**
 * A binary market's shares on chain (`shares`: YES, NO, read by the market page): split a full
 * set, merge one back, redeem after resolution (losing shares too: they pay 0 and are burnt).
 */
export function BinaryShares({
  market,
  conditionId,
  shares,
}: {
  market: Market;
  conditionId: Hex;
  shares: readonly [bigint | undefined, bigint | undefined];
}) {
  const { address: account } = useConnection();
  const { address } = useDeployment();
  const ctf = address("conditionalTokens");
  const collateral = address("collateral");
  const { run, state } = useTx();
  const [amount, setAmount] = useState("10");
  const held = shares.map((h) => h ?? 0n);
  const parsed = parseAmount(amount);
  // Split and merge share their first checks: a wallet, a valid amount, no transaction running.
  const amountProblem =
    amountReason(Boolean(account), parsed) ?? (isBusy(state) ? "Transaction in progress" : undefined);
  const splitReason = amountProblem ?? (market.resolved ? "The market is resolved: redeem instead." : undefined);
  const fullSets = (held[0] ?? 0n) < (held[1] ?? 0n) ? (held[0] ?? 0n) : (held[1] ?? 0n);
  const mergeReason =
    amountProblem ??
    (parsed.ok && parsed.value > fullSets
      ? `You hold ${formatAmount(fullSets, { unit: "full sets" })} (one ${market.outcomes[0] ?? "Yes"} + one ${market.outcomes[1] ?? "No"} each)`
      : undefined);
  const redeem = redeemAction(market.resolved, market.conditions[0]?.payouts, held);
  const redeemReason = redeem.reason ?? (isBusy(state) ? "Transaction in progress" : undefined);
  if (!ctf || !collateral) return null;
  // The binary condition's two outcome slots (YES = 1, NO = 2) under the collateral, no parent.
  const sets = [collateral, zeroHash, conditionId, [1n, 2n]] as const;
  const ctfCall = (functionName: "splitPosition" | "mergePositions" | "redeemPositions", args: readonly unknown[]) => ({
    address: ctf,
    abi: conditionalTokensAbi,
    functionName,
    args,
  });
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
        <TxButton
          disabledReason={splitReason}
          run={run}
          request={
            parsed.ok
              ? {
                  label: `Split ${formatAmount(parsed.value, { unit: "tUSD" })} into ${market.outcomes.join(" + ")}`,
                  call: ctfCall("splitPosition", [...sets, parsed.value]),
                  approval: { token: collateral, spender: ctf, amount: parsed.value },
                }
              : undefined
          }
        >
          Split
        </TxButton>
        <TxButton
          className="secondary"
          disabledReason={mergeReason}
          run={run}
          request={
            parsed.ok
              ? {
                  label: `Merge ${formatAmount(parsed.value, { unit: "full sets" })} back into tUSD`,
                  call: ctfCall("mergePositions", [...sets, parsed.value]),
                }
              : undefined
          }
        >
          Merge
        </TxButton>
        <TxButton
          className="secondary"
          disabledReason={redeemReason}
          run={run}
          request={{ label: "Redeem shares", call: ctfCall("redeemPositions", sets) }}
        >
          Redeem
        </TxButton>
      </div>
      {market.resolved && redeem.note && (
        <p className="muted" data-testid="redeem-note">
          {redeem.note}
        </p>
      )}
    </div>
  );
}

import { conditionalTokensAbi, negRiskAdapterAbi } from "@forkcast/deployments";
import { type Hex, zeroHash } from "viem";

import type { Market } from "../data/catalog.ts";
import { useDeployment } from "../hooks/useDeployment.ts";
import { useTx } from "../hooks/useTx.ts";
import { formatAmount } from "../lib/amount.ts";
import type { LabelledPosition } from "../lib/positions.ts";
import { redeemAction, redeemPayout } from "../lib/redeem.ts";
import { isBusy } from "../lib/tx.ts";
import { Button } from "./Button.tsx";

interface RedeemableCondition {
  market: Market;
  conditionId: Hex;
  positions: LabelledPosition[];
}

/**
 * Conditions of resolved markets where the account holds shares: one click redeems each (binary
 * markets through the conditional tokens, multi-outcome ones through the neg-risk adapter). Losing
 * shares redeem too: they pay 0, and redeeming burns them so the position is cleared.
 */
export function RedeemableWinnings({ positions }: { positions: readonly LabelledPosition[] }) {
  const { address } = useDeployment();
  const ctf = address("conditionalTokens");
  const collateral = address("collateral");
  const adapter = address("negRiskAdapter");
  const { run, state } = useTx();
  const byCondition = new Map<string, RedeemableCondition>();
  for (const p of positions) {
    const conditionId = p.market?.conditionIds[p.conditionIndex ?? 0];
    if (!p.market?.resolved || !conditionId) continue;
    const entry = byCondition.get(conditionId) ?? { market: p.market, conditionId, positions: [] };
    entry.positions.push(p);
    byCondition.set(conditionId, entry);
  }
  const conditions = [...byCondition.values()];
  if (!ctf || !collateral) return null;
  return (
    <div className="panel" data-testid="redeemable">
      <h2>Redeemable winnings</h2>
      {conditions.length === 0 && <p className="muted">Nothing to redeem.</p>}
      {conditions.map((c) => {
        const held = [0n, 0n];
        for (const p of c.positions) held[p.outcomeIndex ?? 0] = (held[p.outcomeIndex ?? 0] ?? 0n) + p.balance;
        const payouts = c.market.conditions[c.positions[0]?.conditionIndex ?? 0]?.payouts;
        const value = redeemPayout(payouts, held);
        const action = redeemAction(true, payouts, held);
        const multi = c.market.kind === "multi";
        const label = multi
          ? `${c.market.question} — ${c.market.outcomes[c.positions[0]?.conditionIndex ?? 0] ?? ""}`
          : c.market.question;
        return (
          <div className="row" key={c.conditionId} data-testid="redeem-row">
            <span>{label}</span>
            <strong data-testid="redeem-value">{formatAmount(value, { unit: "tUSD" })}</strong>
            <small className="muted" data-testid="redeem-note">
              {action.note}
            </small>
            <Button
              disabledReason={
                action.reason ??
                (isBusy(state)
                  ? "Transaction in progress"
                  : multi && !adapter
                    ? "The neg-risk adapter is not deployed on this chain."
                    : undefined)
              }
              onClick={() =>
                void run(
                  multi && adapter
                    ? {
                        label: `Redeem "${label}"`,
                        call: {
                          address: adapter,
                          abi: negRiskAdapterAbi,
                          functionName: "redeemPositions",
                          args: [c.conditionId],
                        },
                        approvalForAll: { token: ctf, operator: adapter },
                      }
                    : {
                        label: `Redeem "${label}"`,
                        call: {
                          address: ctf,
                          abi: conditionalTokensAbi,
                          functionName: "redeemPositions",
                          args: [collateral, zeroHash, c.conditionId, [1n, 2n]],
                        },
                      },
                )
              }
            >
              Redeem
            </Button>
          </div>
        );
      })}
    </div>
  );
}

/** The account's pool bets (singles and combos) with claim and cash-out; used by the pool page and the portfolio. */
import { ConditionState, enumName } from "@forkcast/shared";
import { iBettingPoolAbi } from "@forkcast/deployments";
import type { Address } from "viem";

import { type PoolCondition, useBetChainStates, useMyBets } from "../data/pool.ts";
import { useChainTime } from "../hooks/useChainTime.ts";
import { useDeployment } from "../hooks/useDeployment.ts";
import { useTx } from "../hooks/useTx.ts";
import { formatAmount } from "../lib/amount.ts";
import { formatDecimalOdds } from "../lib/odds.ts";
import {
  COMBO_CASH_OUT_REASON,
  betOutcome,
  betSummary,
  cashOutState,
  minCashOut,
  pickLabel,
  singleBetOutcome,
} from "../lib/poolBets.ts";
import { isBusy } from "../lib/tx.ts";
import { Button } from "./Button.tsx";

interface Props {
  account: Address | undefined;
  conditions: readonly PoolCondition[] | undefined;
  /** Slippage tolerance for cash-outs, in basis points (the bet slip's setting). */
  toleranceBps: bigint;
}

export function PoolBets({ account, conditions, toleranceBps }: Props) {
  const { address } = useDeployment();
  const pool = address("pool");
  const bets = useMyBets(account);
  const chainTime = useChainTime();
  const now = chainTime ?? 0;
  const singles = (bets.data ?? []).filter((b) => b.legs.length === 1).map((b) => b.betId);
  const chain = useBetChainStates(singles);
  const { run, state } = useTx();
  const find = (conditionId: bigint) => conditions?.find((c) => c.conditionId === conditionId);
  return (
    <>
      {bets.data?.length === 0 && <p className="muted">No bets yet.</p>}
      {bets.error && <p className="error">{bets.error.message}</p>}
      <table data-testid="my-bets">
        <tbody>
          {(bets.data ?? []).map((b) => {
            const legConditions = b.legs.map((l) => find(l.conditionId));
            const settled = legConditions.every((c) => {
              const name = c ? enumName(ConditionState, c.state) : undefined;
              return name === "Resolved" || name === "Cancelled";
            });
            const describe = b.legs
              .map((l, i) => {
                const c = legConditions[i];
                return c ? pickLabel(c, l.outcome) : `condition ${l.conditionId}`;
              })
              .join(" + ");
            const c = legConditions[0];
            const onChain = chain.get(b.betId);
            const isCombo = b.legs.length > 1;
            const outcome = betOutcome(
              isCombo,
              b.legs.map((l, i) => singleBetOutcome(l.outcome, legConditions[i])),
            );
            const summary = betSummary(b, outcome, (v) => formatAmount(v, { unit: "tUSD" }));
            const cash = cashOutState({
              isCombo,
              conditionState: c ? enumName(ConditionState, c.state) : undefined,
              startsAt: c?.startsAt ?? 0,
              now,
              account,
              holder: onChain?.holder,
              stake: onChain?.stake,
              quote: onChain?.quote,
            });
            return (
              <tr key={b.betId.toString()} data-testid="my-bet">
                <td>#{b.betId.toString()}</td>
                <td>
                  {isCombo ? "Combo: " : ""}
                  {describe}
                </td>
                <td className="num">{formatAmount(b.amount, { unit: "tUSD" })}</td>
                <td className="num">@ {formatDecimalOdds(b.odds)}</td>
                <td className="num" data-testid="bet-result">
                  {summary.result}
                </td>
                <td data-testid="bet-status">{summary.status}</td>
                <td>
                  {summary.claimable && (
                    <Button
                      className="secondary"
                      data-testid="claim"
                      disabledReason={
                        !settled
                          ? "The market is not resolved yet"
                          : !isCombo && onChain?.holder === null
                            ? "Already cashed out"
                            : !isCombo && onChain?.stake === 0n
                              ? "Already claimed"
                              : isBusy(state)
                                ? "Transaction in progress"
                                : undefined
                      }
                      onClick={() =>
                        pool &&
                        void run(
                          isCombo
                            ? {
                                label: `Settle combo #${b.betId}`,
                                call: {
                                  address: pool,
                                  abi: iBettingPoolAbi,
                                  functionName: "settleParlay",
                                  args: [b.betId],
                                },
                              }
                            : {
                                label: `Claim bet #${b.betId}`,
                                call: { address: pool, abi: iBettingPoolAbi, functionName: "claim", args: [b.betId] },
                              },
                        )
                      }
                    >
                      {isCombo ? "Settle combo" : "Claim"}
                    </Button>
                  )}
                </td>
                {b.status === "open" && outcome === "pending" && (
                  <td>
                    <Button
                      className="secondary"
                      data-testid="cash-out"
                      disabledReason={
                        isCombo
                          ? COMBO_CASH_OUT_REASON
                          : !cash.ok
                            ? cash.reason
                            : isBusy(state)
                              ? "Transaction in progress"
                              : undefined
                      }
                      onClick={() =>
                        pool &&
                        cash.ok &&
                        void run({
                          label: `Cash out bet #${b.betId} for ${formatAmount(cash.amount, { unit: "tUSD" })}`,
                          call: {
                            address: pool,
                            abi: iBettingPoolAbi,
                            functionName: "cashOut",
                            args: [b.betId, minCashOut(cash.amount, toleranceBps)],
                          },
                        })
                      }
                    >
                      {cash.ok ? `Cash out ${formatAmount(cash.amount, { unit: "tUSD" })}` : "Cash out"}
                    </Button>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

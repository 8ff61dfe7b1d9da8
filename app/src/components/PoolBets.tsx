/** The account's pool bets (singles and combos) with claim and cash-out; used by the pool page and the portfolio. */
import { iBettingPoolAbi } from "@forkcast/deployments";
import type { Address } from "viem";

import { CONDITION_STATES, type PoolCondition, useBetChainStates, useMyBets } from "../data/pool.ts";
import { useChainTime } from "../hooks/useChainTime.ts";
import { useDeployment } from "../hooks/useDeployment.ts";
import { useTx } from "../hooks/useTx.ts";
import { formatAmount } from "../lib/amount.ts";
import { formatDecimalOdds } from "../lib/odds.ts";
import { cashOutState, conditionTitle, minCashOut, outcomeLabel } from "../lib/poolBets.ts";
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
              const name = c ? CONDITION_STATES[c.state] : undefined;
              return name === "Resolved" || name === "Cancelled";
            });
            const describe = b.legs
              .map((l, i) => {
                const c = legConditions[i];
                return c ? `${conditionTitle(c)}: ${outcomeLabel(c, l.outcome)}` : `condition ${l.conditionId}`;
              })
              .join(" + ");
            const c = legConditions[0];
            const onChain = chain.get(b.betId);
            const cash = cashOutState({
              isCombo: b.legs.length > 1,
              conditionState: c ? CONDITION_STATES[c.state] : undefined,
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
                  {b.legs.length > 1 ? "Combo: " : ""}
                  {describe}
                </td>
                <td className="num">{formatAmount(b.amount, { unit: "tUSD" })}</td>
                <td className="num">@ {formatDecimalOdds(b.odds)}</td>
                <td className="num">to win {formatAmount(b.payout, { unit: "tUSD" })}</td>
                <td>
                  <Button
                    className="secondary"
                    disabledReason={
                      !settled
                        ? "The market is not resolved yet"
                        : onChain?.holder === null
                          ? "Already cashed out"
                          : onChain?.stake === 0n
                            ? "Already claimed"
                            : undefined
                    }
                    onClick={() =>
                      pool &&
                      void run({
                        label: `Claim bet #${b.betId}`,
                        call: { address: pool, abi: iBettingPoolAbi, functionName: "claim", args: [b.betId] },
                      })
                    }
                  >
                    Claim
                  </Button>
                </td>
                {b.legs.length === 1 && (
                  <td>
                    <Button
                      className="secondary"
                      data-testid="cash-out"
                      disabledReason={!cash.ok ? cash.reason : isBusy(state) ? "Transaction in progress" : undefined}
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

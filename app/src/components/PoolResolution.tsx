/** A pool market's resolution: its oracle question's state and the next step (propose, dispute, settle, resolve). */
import { ConditionState, enumName } from "@forkcast/shared";
import { iBettingPoolAbi } from "@forkcast/deployments";
import { useState } from "react";
import { useConnection } from "wagmi";

import { useOracleQuestion } from "../data/catalog.ts";
import { type PoolCondition } from "../data/pool.ts";
import { useDeployment } from "../hooks/useDeployment.ts";
import { useTx } from "../hooks/useTx.ts";
import { formatAmount } from "../lib/amount.ts";
import { oracleActions } from "../lib/oracleActions.ts";
import { outcomeLabel } from "../lib/poolBets.ts";
import { poolResolutionStep } from "../lib/poolResolution.ts";
import { isBusy } from "../lib/tx.ts";
import { TxButton } from "./TxButton.tsx";

export function PoolResolution({ condition, now }: { condition: PoolCondition; now: number }) {
  const { address: account } = useConnection();
  const { address } = useDeployment();
  const oracle = address("oracle");
  const pool = address("pool");
  const collateral = address("collateral");
  const question = useOracleQuestion(condition.questionId);
  const { run, state } = useTx();
  const [answer, setAnswer] = useState(0);
  const names = Array.from({ length: condition.outcomeCount }, (_, i) => outcomeLabel(condition, i));
  const step = poolResolutionStep({
    conditionState: enumName(ConditionState, condition.state) ?? "None",
    startsAt: condition.startsAt,
    question: question.data,
    outcomeNames: names,
    now,
  });
  if (!oracle || !pool || !collateral) return <p className="muted">The oracle is not deployed on this chain.</p>;
  const common = !account ? "Connect a wallet first." : isBusy(state) ? "Transaction in progress" : undefined;
  const why = (action: keyof typeof step.blocked) => step.blocked[action] ?? common;
  const bond = question.data?.bond ?? 0n;
  const bondText = formatAmount(bond, { unit: "tUSD" });
  const actions = oracleActions(oracle, collateral, condition.questionId, bond);
  return (
    <details data-testid="pool-resolution">
      <summary>
        Resolution: <span data-testid="pool-resolution-status">{step.status}</span>
      </summary>
      <div className="row">
        <select aria-label="Proposed answer" value={answer} onChange={(e) => setAnswer(Number(e.target.value))}>
          {names.map((n, i) => (
            <option key={i} value={i}>
              {n}
            </option>
          ))}
        </select>
        {(
          [
            [
              "Propose",
              "propose",
              { label: `Propose "${names[answer] ?? answer}" (bond ${bondText})`, ...actions.propose(BigInt(answer)) },
            ],
            ["Dispute", "dispute", { label: `Dispute the proposal (bond ${bondText})`, ...actions.dispute }],
            ["Settle", "settle", { label: "Settle the oracle answer", ...actions.settle }],
          ] as const
        ).map(([name, action, request]) => (
          <TxButton key={name} className="secondary" disabledReason={why(action)} run={run} request={request}>
            {name}
          </TxButton>
        ))}
        <TxButton
          data-testid="pool-resolve"
          disabledReason={why("resolve")}
          run={run}
          request={{
            label: "Resolve the pool market from the oracle's answer",
            call: {
              address: pool,
              abi: iBettingPoolAbi,
              functionName: "resolveCondition",
              args: [condition.conditionId],
            },
          }}
        >
          Resolve pool market
        </TxButton>
      </div>
    </details>
  );
}

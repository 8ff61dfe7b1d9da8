/** A pool market's resolution: its oracle question's state and the next step (propose, dispute, settle, resolve). */
import { ConditionState, enumName } from "@forkcast/shared";
import { iBettingPoolAbi, optimisticOracleAbi } from "@forkcast/deployments";
import { useState } from "react";
import { useConnection } from "wagmi";

import { useOracleQuestion } from "../data/catalog.ts";
import { type PoolCondition } from "../data/pool.ts";
import { useDeployment } from "../hooks/useDeployment.ts";
import { useTx } from "../hooks/useTx.ts";
import { formatAmount } from "../lib/amount.ts";
import { outcomeLabel } from "../lib/poolBets.ts";
import { poolResolutionStep } from "../lib/poolResolution.ts";
import { isBusy } from "../lib/tx.ts";
import { Button } from "./Button.tsx";

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
  const bondApproval = { token: collateral, spender: oracle, amount: bond };
  const qid = condition.questionId;
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
        <Button
          className="secondary"
          disabledReason={why("propose")}
          onClick={() =>
            void run({
              label: `Propose "${names[answer] ?? answer}" (bond ${formatAmount(bond, { unit: "tUSD" })})`,
              call: { address: oracle, abi: optimisticOracleAbi, functionName: "propose", args: [qid, BigInt(answer)] },
              approval: bondApproval,
            })
          }
        >
          Propose
        </Button>
        <Button
          className="secondary"
          disabledReason={why("dispute")}
          onClick={() =>
            void run({
              label: `Dispute the proposal (bond ${formatAmount(bond, { unit: "tUSD" })})`,
              call: { address: oracle, abi: optimisticOracleAbi, functionName: "dispute", args: [qid] },
              approval: bondApproval,
            })
          }
        >
          Dispute
        </Button>
        <Button
          className="secondary"
          disabledReason={why("settle")}
          onClick={() =>
            void run({
              label: "Settle the oracle answer",
              call: { address: oracle, abi: optimisticOracleAbi, functionName: "settle", args: [qid] },
            })
          }
        >
          Settle
        </Button>
        <Button
          data-testid="pool-resolve"
          disabledReason={why("resolve")}
          onClick={() =>
            void run({
              label: "Resolve the pool market from the oracle's answer",
              call: {
                address: pool,
                abi: iBettingPoolAbi,
                functionName: "resolveCondition",
                args: [condition.conditionId],
              },
            })
          }
        >
          Resolve pool market
        </Button>
      </div>
    </details>
  );
}

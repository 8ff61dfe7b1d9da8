import { OracleState, enumName } from "@forkcast/shared";
import { committeeArbitratorAbi, marketFactoryAbi } from "@forkcast/deployments";
import { useConnection, useReadContract } from "wagmi";

import { type Market, useOracleQuestion } from "../../data/catalog.ts";
import { useDeployment } from "../../hooks/useDeployment.ts";
import { useTx } from "../../hooks/useTx.ts";
import { formatAmount } from "../../lib/amount.ts";
import { oracleActions } from "../../lib/oracleActions.ts";
import { formatDuration, formatUtc } from "../../lib/time.ts";
import { isBusy } from "../../lib/tx.ts";
import { TxButton } from "../TxButton.tsx";

/** The oracle's state for a market, the challenge-window countdown, propose/dispute/settle, resolve. */
export function ResolutionPanel({ market, now }: { market: Market; now: number }) {
  const { address: account } = useConnection();
  const { address, chainId } = useDeployment();
  const oracle = address("oracle");
  const factory = address("marketFactory");
  const arbitrator = address("arbitrator");
  const collateral = address("collateral");
  const question = useOracleQuestion(market.marketId);
  const member = useReadContract({
    address: arbitrator,
    abi: committeeArbitratorAbi,
    functionName: "isMember",
    args: account ? [account] : undefined,
    query: { enabled: Boolean(arbitrator && account) },
  });
  const { run, state } = useTx();
  if (!oracle || !factory || !collateral)
    return <aside className="panel">The oracle is not deployed on this chain.</aside>;
  const q = question.data;
  const stateName = q ? (enumName(OracleState, q.state) ?? "None") : "…";
  const busy = isBusy(state) ? "Transaction in progress" : undefined;
  const noWallet = account ? undefined : "Connect a wallet first.";
  const bond = q?.bond ?? market.bond;
  const bondText = formatAmount(bond, { unit: "tUSD" });
  const actions = oracleActions(oracle, collateral, market.marketId, bond);
  const answerName = (a: bigint | undefined) =>
    a === undefined ? "—" : a >= BigInt(market.outcomes.length) ? "Invalid" : (market.outcomes[Number(a)] ?? String(a));

  const proposeReason =
    noWallet ??
    busy ??
    (stateName !== "Open"
      ? stateName === "Proposed"
        ? "An answer is already proposed: dispute it or wait for settlement."
        : `The question is ${stateName.toLowerCase()}.`
      : now < market.endTime
        ? `Proposals open when the market ends, in ${formatDuration(market.endTime - now)}.`
        : undefined);
  const expiresAt = q ? Number(q.expiresAt) : 0;
  const disputeReason =
    noWallet ??
    busy ??
    (stateName !== "Proposed"
      ? "There is no proposal to dispute."
      : now >= expiresAt
        ? "The challenge window has closed."
        : undefined);
  const settleReason =
    busy ??
    (stateName !== "Proposed"
      ? stateName === "Settled"
        ? "Already settled."
        : "Nothing proposed yet."
      : now < expiresAt
        ? `The challenge window closes in ${formatDuration(expiresAt - now)}.`
        : undefined) ??
    noWallet;
  const resolveReason =
    noWallet ??
    busy ??
    (market.resolved
      ? "The market is already resolved."
      : stateName !== "Settled"
        ? "The oracle has no final answer yet."
        : undefined);

  return (
    <aside className="panel" data-testid="resolution">
      <h2>Resolution</h2>
      <p>
        Oracle state: <strong data-testid="oracle-state">{stateName}</strong>
      </p>
      {stateName === "Proposed" && q && (
        <p>
          Proposed answer <strong>{answerName(q.proposedAnswer)}</strong>; challenge window{" "}
          {now < expiresAt ? `closes in ${formatDuration(expiresAt - now)}` : "closed"} ({formatUtc(expiresAt)}).
        </p>
      )}
      {stateName === "Settled" && q && (
        <p>
          Final answer: <strong data-testid="final-answer">{answerName(q.finalAnswer)}</strong>
        </p>
      )}
      <p className="muted">
        Bond to propose or dispute: {bondText}. Reward for a correct undisputed proposal:{" "}
        {formatAmount(q?.reward ?? market.reward, { unit: "tUSD" })}.
      </p>
      <div className="row">
        {market.outcomes.map((o, i) => (
          <TxButton
            key={o}
            disabledReason={proposeReason}
            run={run}
            request={{ label: `Propose "${o}" (bond ${bondText})`, ...actions.propose(BigInt(i)) }}
          >
            Propose {o}
          </TxButton>
        ))}
      </div>
      <div className="row">
        {(
          [
            ["Dispute", disputeReason, { label: `Dispute (bond ${bondText})`, ...actions.dispute }],
            ["Settle", settleReason, { label: "Settle the answer", ...actions.settle }],
            [
              "Resolve market",
              resolveReason,
              {
                label: "Resolve the market",
                call: {
                  address: factory,
                  abi: marketFactoryAbi,
                  functionName: "resolveMarket",
                  args: [market.marketId],
                },
              },
            ],
          ] as const
        ).map(([name, reason, request]) => (
          <TxButton key={name} className="secondary" disabledReason={reason} run={run} request={request}>
            {name}
          </TxButton>
        ))}
      </div>
      {chainId === 31337 && arbitrator && stateName === "Escalated" && (
        <div className="panel" data-testid="arbitrator">
          <h3>Arbitrator (local chain)</h3>
          {market.outcomes.map((o, i) => (
            <TxButton
              key={o}
              disabledReason={member.data ? busy : "Your account is not on the arbitration committee."}
              run={run}
              request={{
                label: `Arbitrate: ${o}`,
                call: {
                  address: arbitrator,
                  abi: committeeArbitratorAbi,
                  functionName: "vote",
                  args: [oracle, market.marketId, BigInt(i)],
                },
              }}
            >
              Rule {o}
            </TxButton>
          ))}
        </div>
      )}
    </aside>
  );
}

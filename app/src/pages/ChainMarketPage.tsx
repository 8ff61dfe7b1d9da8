import {
  committeeArbitratorAbi,
  conditionalTokensAbi,
  marketFactoryAbi,
  optimisticOracleAbi,
} from "@forkcast/deployments";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { type Hex, zeroHash } from "viem";
import { useBlock, useConnection, useReadContract, useReadContracts } from "wagmi";

import { Button } from "../components/Button.tsx";
import { MultiOutcomePositions } from "../components/MultiOutcomePositions.tsx";
import { type Market, ORACLE_STATES, useMarketDetail, useOracleQuestion } from "../data/catalog.ts";
import { OPERATOR_URL } from "../data/operator.ts";
import { useDeployment } from "../hooks/useDeployment.ts";
import { useTx } from "../hooks/useTx.ts";
import { formatAmount, parseAmount } from "../lib/amount.ts";
import { formatDuration, formatUtc } from "../lib/time.ts";
import { isBusy } from "../lib/tx.ts";

/** A market from the factory: details, full-set split, resolution (oracle + arbitrator) and redemption. */
export default function ChainMarketPage() {
  const { marketId } = useParams();
  const market = useMarketDetail(marketId);
  if (market.isLoading) return <p className="muted">Loading market…</p>;
  if (!market.data) return <p data-testid="chain-market-page">No market {marketId} on this chain.</p>;
  return <MarketView market={market.data} />;
}

function useChainTime(): number {
  const block = useBlock({ query: { refetchInterval: 2_000 } });
  return block.data ? Number(block.data.timestamp) : Math.floor(Date.now() / 1000);
}

function MarketView({ market }: { market: Market }) {
  const now = useChainTime();
  const conditionId = market.conditionIds[0];
  return (
    <section data-testid="chain-market-page" className="grid">
      <div>
        <div className="panel">
          <small className="muted">
            {market.category} · {market.kind === "multi" ? "multi-outcome" : "binary"} · ends{" "}
            {formatUtc(market.endTime)}
            {market.endTime > now ? ` (in ${formatDuration(market.endTime - now)})` : ""}
          </small>
          <h1>{market.question}</h1>
          <div className="row">
            {market.outcomes.map((o) => (
              <span key={o} className="panel">
                {o}
              </span>
            ))}
          </div>
          <h3>Rules</h3>
          <p style={{ whiteSpace: "pre-wrap" }}>{market.rules}</p>
        </div>
        <div className="panel">
          <h2>Order book</h2>
          {OPERATOR_URL && conditionId ? (
            <Link to={`/market/${conditionId}`}>Open the order book and trade ticket</Link>
          ) : (
            <p className="muted">
              The live order book needs the operator API (VITE_OPERATOR_URL); until then you can mint full sets below.
            </p>
          )}
        </div>
        {market.kind === "binary" && conditionId ? (
          <Positions market={market} conditionId={conditionId} />
        ) : (
          <MultiOutcomePositions market={market} />
        )}
      </div>
      <Resolution market={market} now={now} />
    </section>
  );
}

function Positions({ market, conditionId }: { market: Market; conditionId: Hex }) {
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
          Mint full sets (tUSD){" "}
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

function Resolution({ market, now }: { market: Market; now: number }) {
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
  const stateName = q ? (ORACLE_STATES[q.state] ?? "None") : "…";
  const busy = isBusy(state) ? "Transaction in progress" : undefined;
  const noWallet = account ? undefined : "Connect a wallet first.";
  const bond = q?.bond ?? market.bond;
  const bondText = formatAmount(bond, { unit: "tUSD" });
  const bondApproval = { token: collateral, spender: oracle, amount: bond };
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
          <Button
            key={o}
            disabledReason={proposeReason}
            onClick={() =>
              void run({
                label: `Propose "${o}" (bond ${bondText})`,
                call: {
                  address: oracle,
                  abi: optimisticOracleAbi,
                  functionName: "propose",
                  args: [market.marketId, BigInt(i)],
                },
                approval: bondApproval,
              })
            }
          >
            Propose {o}
          </Button>
        ))}
      </div>
      <div className="row">
        <Button
          className="secondary"
          disabledReason={disputeReason}
          onClick={() =>
            void run({
              label: `Dispute (bond ${bondText})`,
              call: { address: oracle, abi: optimisticOracleAbi, functionName: "dispute", args: [market.marketId] },
              approval: bondApproval,
            })
          }
        >
          Dispute
        </Button>
        <Button
          className="secondary"
          disabledReason={settleReason}
          onClick={() =>
            void run({
              label: "Settle the answer",
              call: { address: oracle, abi: optimisticOracleAbi, functionName: "settle", args: [market.marketId] },
            })
          }
        >
          Settle
        </Button>
        <Button
          className="secondary"
          disabledReason={resolveReason}
          onClick={() =>
            void run({
              label: "Resolve the market",
              call: { address: factory, abi: marketFactoryAbi, functionName: "resolveMarket", args: [market.marketId] },
            })
          }
        >
          Resolve market
        </Button>
      </div>
      {chainId === 31337 && arbitrator && stateName === "Escalated" && (
        <div className="panel" data-testid="arbitrator">
          <h3>Arbitrator (local chain)</h3>
          {market.outcomes.map((o, i) => (
            <Button
              key={o}
              disabledReason={member.data ? busy : "Your account is not on the arbitration committee."}
              onClick={() =>
                void run({
                  label: `Arbitrate: ${o}`,
                  call: {
                    address: arbitrator,
                    abi: committeeArbitratorAbi,
                    functionName: "vote",
                    args: [oracle, market.marketId, BigInt(i)],
                  },
                })
              }
            >
              Rule {o}
            </Button>
          ))}
        </div>
      )}
    </aside>
  );
}

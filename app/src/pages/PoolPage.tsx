import { ODDS_SCALE, ConditionState, enumName } from "@forkcast/shared";
import { iBettingPoolAbi } from "@forkcast/deployments";
import { useMemo, useState } from "react";
import { useConnection, useReadContract } from "wagmi";

import { Button } from "../components/Button.tsx";
import { PoolBets } from "../components/PoolBets.tsx";
import { PoolResolution } from "../components/PoolResolution.tsx";
import { useCollateral } from "../data/collateral.ts";
import { type PoolCondition, usePoolConditions, usePoolOdds, usePoolOutcomeBook } from "../data/pool.ts";
import { useChainTime } from "../hooks/useChainTime.ts";
import { useDeployment } from "../hooks/useDeployment.ts";
import { useTx } from "../hooks/useTx.ts";
import { formatAmount, parseAmount } from "../lib/amount.ts";
import { maxSingleStake, slipReason } from "../lib/betSlip.ts";
import { decodeRevert } from "../lib/errors.ts";
import { comboOdds, formatDecimalOdds, minOddsWithSlippage, possibleWin } from "../lib/odds.ts";
import { DEFAULT_TOLERANCE_BPS, conditionTitle, outcomeLabel } from "../lib/poolBets.ts";
import { poolConditionLine } from "../lib/poolResolution.ts";
import { isBusy } from "../lib/tx.ts";

interface Leg {
  conditionId: bigint;
  outcome: number;
  odds: bigint;
  /** The outcome's name. */
  label: string;
  /** The condition's question. */
  title: string;
}

const BET_DEADLINE_SECONDS = 600n;

/** Pool (bookmaker) markets: conditions with live odds, the bet slip, and the user's bets. */
export default function PoolPage() {
  const { address: account } = useConnection();
  const { address } = useDeployment();
  const pool = address("pool");
  const collateral = address("collateral");
  const conditions = usePoolConditions();
  const poolOdds = usePoolOdds(conditions.data);
  const chainTime = useChainTime();
  const now = chainTime ?? 0;
  const { run, state } = useTx();
  const [legs, setLegs] = useState<Leg[]>([]);
  const [stake, setStake] = useState("10");
  const [toleranceBps, setToleranceBps] = useState(DEFAULT_TOLERANCE_BPS);
  const parsed = parseAmount(stake);
  const { balance } = useCollateral(account);
  // A single bet is quoted at its real stake (bigger stakes move the odds); a combo multiplies the legs' odds.
  const single = legs.length === 1 ? legs[0] : undefined;
  const stakeQuote = useReadContract({
    address: pool,
    abi: iBettingPoolAbi,
    functionName: "quote",
    args:
      single && parsed.ok && parsed.value > 0n ? [single.conditionId, BigInt(single.outcome), parsed.value] : undefined,
    query: { enabled: Boolean(pool && single && parsed.ok && parsed.value > 0n), refetchInterval: 3_000 },
  });
  const comboQuote = useReadContract({
    address: pool,
    abi: iBettingPoolAbi,
    functionName: "quoteParlay",
    args:
      legs.length > 1 && parsed.ok && parsed.value > 0n
        ? [legs.map((l) => ({ conditionId: l.conditionId, outcome: BigInt(l.outcome) })), parsed.value]
        : undefined,
    query: { enabled: Boolean(pool && legs.length > 1 && parsed.ok && parsed.value > 0n), refetchInterval: 3_000 },
  });
  const outcomeBook = usePoolOutcomeBook(single?.conditionId, single?.outcome);
  const maxStake = outcomeBook ? maxSingleStake(outcomeBook) : undefined;
  // Leg odds are re-read from the live conditions, never the odds at the time of the click.
  const live = useMemo(
    () =>
      legs.map((l) => ({
        ...l,
        odds: poolOdds.get(l.conditionId)?.[l.outcome] ?? l.odds,
      })),
    [legs, conditions.data],
  );
  const legOdds = useMemo(() => (live.length ? comboOdds(live.map((l) => l.odds)) : ODDS_SCALE), [live]);
  const quoted = single ? stakeQuote : legs.length > 1 ? comboQuote : undefined;
  const odds = quoted?.data ? quoted.data[0] : legOdds;
  const slipProblem = slipReason({
    picks: legs.length,
    stake: parsed,
    balance,
    maxStake: single ? maxStake : undefined,
    odds: quoted?.data?.[0],
    quoteError: quoted?.error ? decodeRevert(quoted.error).sentence : undefined,
  });
  const names = (c: PoolCondition) => ({
    title: conditionTitle(c),
    outcome: (i: number) => outcomeLabel(c, i),
  });
  const toggle = (leg: Leg) =>
    setLegs((all) =>
      all.some((l) => l.conditionId === leg.conditionId && l.outcome === leg.outcome)
        ? all.filter((l) => !(l.conditionId === leg.conditionId && l.outcome === leg.outcome))
        : [...all.filter((l) => l.conditionId !== leg.conditionId), leg],
    );
  const reason = !pool
    ? "The betting pool is not deployed on this chain yet"
    : !account
      ? "Connect a wallet first."
      : isBusy(state)
        ? "Transaction in progress"
        : slipProblem;
  const place = () => {
    if (!pool || !collateral || !parsed.ok || legs.length === 0) return;
    const minOdds = minOddsWithSlippage(odds, toleranceBps);
    const deadline = BigInt(now) + BET_DEADLINE_SECONDS;
    const [first] = legs;
    void run({
      label: `Bet ${formatAmount(parsed.value, { unit: "tUSD" })} on ${legs.map((l) => l.label).join(" + ")}`,
      call:
        legs.length === 1 && first
          ? {
              address: pool,
              abi: iBettingPoolAbi,
              functionName: "bet",
              args: [first.conditionId, BigInt(first.outcome), parsed.value, minOdds, deadline],
            }
          : {
              address: pool,
              abi: iBettingPoolAbi,
              functionName: "betParlay",
              args: [
                legs.map((l) => ({ conditionId: l.conditionId, outcome: BigInt(l.outcome) })),
                parsed.value,
                minOdds,
                deadline,
              ],
            },
      approval: { token: collateral, spender: pool, amount: parsed.value },
    }).then((result) => {
      // A placed bet leaves the slip: the next pick starts a new single, never a silent combo.
      if (result.ok) setLegs([]);
    });
  };
  return (
    <section data-testid="pool-page" className="grid">
      <div>
        <h1>Pool markets</h1>
        {!pool && <p className="panel muted">No betting pool in this chain's address book.</p>}
        {conditions.data?.length === 0 && (
          <p className="panel muted">No pool markets yet (the market-creator role opens them).</p>
        )}
        {(conditions.data ?? []).map((c) => {
          const n = names(c);
          const stateName = enumName(ConditionState, c.state) ?? "None";
          const open = stateName === "Active" && chainTime !== undefined && now < c.startsAt;
          return (
            <div className="panel" key={c.conditionId.toString()} data-testid="pool-condition">
              <strong>{n.title}</strong>{" "}
              <small className="muted" data-testid="pool-condition-state">
                {poolConditionLine(c, stateName, chainTime, n.outcome)}
              </small>
              {c.rules && (
                <details>
                  <summary className="muted">Rules</summary>
                  <p style={{ whiteSpace: "pre-line" }}>{c.rules}</p>
                </details>
              )}
              <div className="row">
                {Array.from({ length: c.outcomeCount }, (_, i) => {
                  const o = poolOdds.get(c.conditionId)?.[i];
                  const picked = legs.some((l) => l.conditionId === c.conditionId && l.outcome === i);
                  return (
                    <Button
                      key={i}
                      className={picked ? "primary" : "secondary"}
                      disabledReason={!open ? "Betting is closed" : o === undefined ? "No odds" : undefined}
                      onClick={() =>
                        o !== undefined &&
                        toggle({ conditionId: c.conditionId, outcome: i, odds: o, label: n.outcome(i), title: n.title })
                      }
                    >
                      {n.outcome(i)} {o !== undefined ? formatDecimalOdds(o) : "—"}
                    </Button>
                  );
                })}
              </div>
              {chainTime !== undefined && <PoolResolution condition={c} now={chainTime} />}
            </div>
          );
        })}
        <div className="panel">
          <h2>My bets</h2>
          <PoolBets account={account} conditions={conditions.data} toleranceBps={toleranceBps} />
        </div>
      </div>
      <aside className="panel" data-testid="bet-slip">
        <h2>Bet slip {legs.length > 1 ? "(combo)" : "(single)"}</h2>
        {legs.length === 0 && <p className="muted">Your picks appear here.</p>}
        {live.map((l) => (
          <p key={`${l.conditionId}-${l.outcome}`} data-testid="slip-leg">
            <small className="muted">{l.title}</small>
            <br />
            {l.label} @ {formatDecimalOdds(l.odds)}
          </p>
        ))}
        <label className="field">
          Stake (tUSD)
          <input value={stake} onChange={(e) => setStake(e.target.value)} inputMode="decimal" aria-label="Stake" />
        </label>
        <label className="field">
          Odds slippage tolerance
          <select value={toleranceBps.toString()} onChange={(e) => setToleranceBps(BigInt(e.target.value))}>
            <option value="50">0.5%</option>
            <option value="100">1%</option>
            <option value="300">3%</option>
          </select>
        </label>
        {single && maxStake !== undefined && (
          <p className="muted" data-testid="max-stake">
            Max stake {formatAmount(maxStake, { unit: "tUSD" })}
          </p>
        )}
        {legs.length > 0 && (
          <>
            <p data-testid="slip-odds">
              Odds {formatDecimalOdds(odds)} (accepting ≥ {formatDecimalOdds(minOddsWithSlippage(odds, toleranceBps))})
            </p>
            <p data-testid="possible-win">
              Possible win:{" "}
              {parsed.ok && slipProblem === undefined
                ? formatAmount(possibleWin(parsed.value, odds), { unit: "tUSD" })
                : "—"}
            </p>
          </>
        )}
        <Button disabledReason={reason} onClick={place}>
          Place bet
        </Button>
      </aside>
    </section>
  );
}

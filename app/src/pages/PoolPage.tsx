import { useMemo, useState } from "react";

import { Button } from "../components/Button.tsx";
import { useDeployment } from "../hooks/useDeployment.ts";
import { formatAmount, parseAmount } from "../lib/amount.ts";
import { ODDS_SCALE, comboOdds, formatDecimalOdds, minOddsWithSlippage, possibleWin } from "../lib/odds.ts";

interface Leg {
  market: string;
  outcome: string;
  odds: bigint;
}

/** Pool (bookmaker) markets: the bet slip. Odds and markets come from the betting pool once it is deployed. */
export default function PoolPage() {
  const { address } = useDeployment();
  const pool = address("pool");
  const [legs] = useState<Leg[]>([]);
  const [stake, setStake] = useState("");
  const [toleranceBps, setToleranceBps] = useState(100n);
  const parsed = parseAmount(stake);
  const odds = useMemo(() => (legs.length ? comboOdds(legs.map((l) => l.odds)) : ODDS_SCALE), [legs]);
  const reason = !pool
    ? "The betting pool is not deployed on this chain yet"
    : legs.length === 0
      ? "Pick an outcome first"
      : !parsed.ok
        ? parsed.reason
        : undefined;
  return (
    <section data-testid="pool-page" className="grid">
      <div className="panel">
        <h1>Pool markets</h1>
        <p className="muted">
          {pool
            ? "Loading pool conditions…"
            : "No betting pool in this chain's address book: pool markets appear here when it is deployed."}
        </p>
      </div>
      <aside className="panel">
        <h2>Bet slip {legs.length > 1 ? "(combo)" : "(single)"}</h2>
        {legs.length === 0 && <p className="muted">Your picks appear here.</p>}
        <label className="field">
          Stake (tUSD)
          <input value={stake} onChange={(e) => setStake(e.target.value)} inputMode="decimal" />
        </label>
        <label className="field">
          Odds slippage tolerance
          <select value={toleranceBps.toString()} onChange={(e) => setToleranceBps(BigInt(e.target.value))}>
            <option value="50">0.5%</option>
            <option value="100">1%</option>
            <option value="300">3%</option>
          </select>
        </label>
        <p>
          Odds {formatDecimalOdds(odds)} (accepting ≥ {formatDecimalOdds(minOddsWithSlippage(odds, toleranceBps))})
        </p>
        <p>Possible win: {formatAmount(parsed.ok ? possibleWin(parsed.value, odds) : 0n, { unit: "tUSD" })}</p>
        <Button disabledReason={reason}>Place bet</Button>
      </aside>
    </section>
  );
}

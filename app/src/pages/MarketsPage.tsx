import { useMemo, useState } from "react";
import { Link } from "react-router";
import { useBlock } from "wagmi";

import { type ChainMarket, useChainMarkets } from "../data/chainMarkets.ts";
import { useMarkets } from "../data/markets.ts";
import { OPERATOR_URL } from "../data/operator.ts";
import { useDeployment } from "../hooks/useDeployment.ts";
import { formatAmount } from "../lib/amount.ts";
import { formatRelativeEnd, formatUtc } from "../lib/time.ts";

type Status = "all" | "open" | "ended" | "resolved";

export function marketStatus(m: ChainMarket, now: number): Exclude<Status, "all"> {
  return m.resolved ? "resolved" : m.endTime <= now ? "ended" : "open";
}

export default function MarketsPage() {
  const { address } = useDeployment();
  const markets = useChainMarkets();
  const operatorMarkets = useMarkets();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<Status>("all");
  const [category, setCategory] = useState("");
  // Chain time decides whether a market has ended (a local node's clock may run ahead).
  const block = useBlock({ query: { refetchInterval: 5_000 } });
  const now = block.data ? Number(block.data.timestamp) : Math.floor(Date.now() / 1000);
  const categories = useMemo(() => [...new Set((markets.data ?? []).map((m) => m.category))].sort(), [markets.data]);
  const shown = useMemo(
    () =>
      (markets.data ?? []).filter(
        (m) =>
          m.question.toLowerCase().includes(search.trim().toLowerCase()) &&
          (category === "" || m.category === category) &&
          (status === "all" || marketStatus(m, now) === status),
      ),
    [markets.data, search, category, status, now],
  );
  const factory = address("marketFactory");
  return (
    <section data-testid="markets-page">
      <h1>Markets</h1>
      <div className="row panel">
        <input
          placeholder="Search questions"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          aria-label="Search"
        />
        <label>
          Status{" "}
          <select value={status} onChange={(e) => setStatus(e.target.value as Status)} aria-label="Status">
            <option value="all">All</option>
            <option value="open">Open</option>
            <option value="ended">Ended, awaiting answer</option>
            <option value="resolved">Resolved</option>
          </select>
        </label>
        <label>
          Category{" "}
          <select value={category} onChange={(e) => setCategory(e.target.value)} aria-label="Category">
            <option value="">All</option>
            {categories.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        {!OPERATOR_URL && (
          <small className="muted">
            Prices and volume appear when the operator API is configured (VITE_OPERATOR_URL).
          </small>
        )}
      </div>
      {!factory && <p className="panel muted">No market factory in this chain's address book yet.</p>}
      {markets.error && <p className="error">Could not load markets: {markets.error.message}</p>}
      {markets.isSuccess && shown.length === 0 && (
        <p className="muted">No markets match. Create one from the Create tab.</p>
      )}
      <div className="cards" data-testid="market-cards">
        {shown.map((m) => (
          <Link key={m.marketId} to={`/m/${m.marketId}`} className="panel" data-testid="market-card">
            <small className="muted">
              {m.category} · {m.kind === "multi" ? `${m.outcomes.length} outcomes` : "Yes / No"}
            </small>
            <p>
              <strong>{m.question}</strong>
            </p>
            <p className="muted" title={formatUtc(m.endTime)}>
              {marketStatus(m, now) === "resolved" ? "resolved" : formatRelativeEnd(m.endTime, now)} · bond{" "}
              {formatAmount(m.bond, { fractionDigits: 0, unit: "tUSD" })}
            </p>
          </Link>
        ))}
        {(operatorMarkets.data ?? []).map((m) => (
          <Link key={m.conditionId} to={`/market/${m.conditionId}`} className="panel">
            <small className="muted">operator book</small>
            <p>
              <strong>{m.question}</strong>
            </p>
          </Link>
        ))}
      </div>
    </section>
  );
}

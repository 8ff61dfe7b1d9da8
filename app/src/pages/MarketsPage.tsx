import { useMemo, useState } from "react";
import { Link } from "react-router";
import { useBlock } from "wagmi";

import { type Market, useMarketList } from "../data/catalog.ts";
import { indexerProblem } from "../data/indexer.ts";
import { useDeployment } from "../hooks/useDeployment.ts";
import { formatAmount } from "../lib/amount.ts";
import { formatProbability } from "../lib/price.ts";
import { formatRelativeEnd, formatUtc } from "../lib/time.ts";

type Status = "all" | "open" | "ended" | "resolved";

export function marketStatus(m: Market, now: number): Exclude<Status, "all"> {
  return m.resolved ? "resolved" : m.endTime <= now ? "ended" : "open";
}

export default function MarketsPage() {
  const { address } = useDeployment();
  const markets = useMarketList();
  const problem = indexerProblem();
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
      </div>
      {!factory && <p className="panel muted">No market factory in this chain's address book yet.</p>}
      {problem && <p className="panel why">{problem}</p>}
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
            <MarketPrices market={m} />
            <p className="muted" title={formatUtc(m.endTime)}>
              {marketStatus(m, now) === "resolved" ? "resolved" : formatRelativeEnd(m.endTime, now)} ·{" "}
              <span data-testid="market-volume">{formatAmount(m.volume, { fractionDigits: 0, unit: "tUSD" })} vol</span>
            </p>
          </Link>
        ))}
      </div>
    </section>
  );
}

/** Each outcome's implied probability from its last trade; "—" until it trades. */
function MarketPrices({ market }: { market: Market }) {
  const rows =
    market.kind === "binary"
      ? [{ name: market.outcomes[0] ?? "Yes", price: market.conditions[0]?.lastPrice }]
      : market.conditions.map((c) => ({ name: c.name, price: c.lastPrice }));
  return (
    <ul className="prices" data-testid="market-prices">
      {rows.slice(0, 4).map((r) => (
        <li key={r.name}>
          {r.name} <strong>{r.price === undefined ? "—" : formatProbability(r.price)}</strong>
        </li>
      ))}
      {rows.length > 4 && <li className="muted">+{rows.length - 4} more</li>}
    </ul>
  );
}

import { useMemo, useState } from "react";
import { Link } from "react-router";

import { marketSourceProblem, useMarkets } from "../data/markets.ts";

type Status = "all" | "open" | "closed";

export default function MarketsPage() {
  const markets = useMarkets();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<Status>("open");
  const problem = marketSourceProblem();
  const shown = useMemo(
    () =>
      (markets.data ?? []).filter(
        (m) =>
          m.question.toLowerCase().includes(search.trim().toLowerCase()) &&
          (status === "all" || (status === "open") === m.open),
      ),
    [markets.data, search, status],
  );
  return (
    <section data-testid="markets-page">
      <h1>Markets</h1>
      <div className="row panel">
        <input placeholder="Search questions" value={search} onChange={(e) => setSearch(e.target.value)} aria-label="Search" />
        <label>
          Status{" "}
          <select value={status} onChange={(e) => setStatus(e.target.value as Status)}>
            <option value="open">Open</option>
            <option value="closed">Closed</option>
            <option value="all">All</option>
          </select>
        </label>
        <label>
          Category{" "}
          <select disabled title="Categories come from market metadata in the indexer (not yet running)">
            <option>All</option>
          </select>
        </label>
        <small className="why">Categories, volume and end times come from the indexer, which is not running yet.</small>
      </div>
      {problem && <p className="panel muted">{problem}</p>}
      {markets.error && <p className="error">Could not load markets: {markets.error.message}</p>}
      {markets.isSuccess && shown.length === 0 && <p className="muted">No markets match.</p>}
      <div className="cards">
        {shown.map((m) => (
          <Link key={m.conditionId} to={`/market/${m.conditionId}`} className="panel">
            <strong>{m.question}</strong>
            <p className="muted">
              {m.tokens.map((t) => t.outcome).join(" / ")} · {m.open ? "open" : "closed"} · fee {m.feeRateBps / 100}%
            </p>
          </Link>
        ))}
      </div>
    </section>
  );
}

import { ConditionState, enumName } from "@forkcast/shared";
import { useMemo, useState } from "react";
import { Link } from "react-router";

import { type Market, useMarketList } from "../data/catalog.ts";
import { indexerProblem } from "../data/indexer.ts";
import { useChainNow, useOutcomeQuotes } from "../data/marketView.ts";
import { type PoolCondition, usePoolConditions, usePoolOdds } from "../data/pool.ts";
import { lastTradeOf } from "../data/portfolio.ts";
import { useDeployment } from "../hooks/useDeployment.ts";
import { formatAmount } from "../lib/amount.ts";
import { outcomeLabel } from "../lib/poolBets.ts";
import { poolConditionLine, poolListStatus } from "../lib/poolResolution.ts";
import { formatCents } from "../lib/price.ts";
import { cardTimeLine, marketListStatus } from "../lib/resolution.ts";
import { formatUtc } from "../lib/time.ts";

type Status = "all" | "open" | "ended" | "resolved";
type Kind = "all" | "book" | "pool";

export default function MarketsPage() {
  const { address } = useDeployment();
  const markets = useMarketList();
  const problem = indexerProblem();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<Status>("all");
  const [category, setCategory] = useState("");
  const [kind, setKind] = useState<Kind>("all");
  const poolConditions = usePoolConditions();
  // Chain time decides whether a market has ended (a local node's clock may run ahead).
  const now = useChainNow();
  const categories = useMemo(() => [...new Set((markets.data ?? []).map((m) => m.category))].sort(), [markets.data]);
  const shown = useMemo(
    () =>
      (markets.data ?? []).filter(
        (m) =>
          m.question.toLowerCase().includes(search.trim().toLowerCase()) &&
          (category === "" || m.category === category) &&
          (status === "all" || marketListStatus(m, now) === status),
      ),
    [markets.data, search, category, status, now],
  );
  const factory = address("marketFactory");
  return (
    <section data-testid="markets-page">
      <h1>Markets</h1>
      <div className="row panel">
        <label>
          Kind{" "}
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} aria-label="Kind">
            <option value="all">All</option>
            <option value="book">Order book</option>
            <option value="pool">Pool</option>
          </select>
        </label>
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
        {kind !== "pool" &&
          shown.map((m) => (
            <Link key={m.marketId} to={`/markets/${m.marketId}`} className="panel" data-testid="market-card">
              <small className="muted">
                {m.category} · {m.kind === "multi" ? `${m.outcomes.length} outcomes` : "Yes / No"}
              </small>
              <p>
                <strong>{m.question}</strong>
              </p>
              <MarketPrices market={m} now={now} />
              <p className="muted" title={`Ends ${formatUtc(m.endTime)}`}>
                <span data-testid="market-time">{cardTimeLine(m, now)}</span> ·{" "}
                <span data-testid="market-volume">
                  {formatAmount(m.volume, { fractionDigits: 0, unit: "tUSD" })} vol
                </span>
              </p>
            </Link>
          ))}
        {kind !== "book" && (
          <PoolCards
            conditions={(poolConditions.data ?? []).filter(
              (c) =>
                c.question.toLowerCase().includes(search.trim().toLowerCase()) &&
                category === "" &&
                (status === "all" ||
                  poolListStatus(enumName(ConditionState, c.state) ?? "", c.startsAt, now) === status),
            )}
            now={now}
          />
        )}
      </div>
    </section>
  );
}

/**
 * Each outcome's price in ¢ (the midpoint while the spread is tight, else the last trade; see
 * lib/marketPrice.ts) and the market's 24 h volume, from the book and the indexer's candles.
 */
function MarketPrices({ market, now }: { market: Market; now: number }) {
  const names = market.kind === "binary" ? [market.outcomes[0] ?? "Yes"] : market.conditions.map((c) => c.name);
  const yesTokens = market.conditions.map((c) => c.yesTokenId);
  const quotes = useOutcomeQuotes(
    yesTokens.map((t) => ({ tokenId: t, lastTrade: lastTradeOf(market, t) })),
    now,
  );
  // A YES token's candles carry its NO trades too, so the condition's volume is its YES volume.
  const volume = quotes.reduce((sum, q) => sum + q.volume24h, 0n);
  return (
    <>
      <ul className="prices" data-testid="market-prices">
        {names.slice(0, 4).map((name, i) => {
          const q = quotes[i]?.price;
          return (
            <li key={name} title={q?.explanation ?? "No bids, asks or trades yet."}>
              {name} <strong>{q ? formatCents(q.price) : "—"}</strong>
            </li>
          );
        })}
        {names.length > 4 && <li className="muted">+{names.length - 4} more</li>}
      </ul>
      <small className="muted" data-testid="market-volume-24h">
        {formatAmount(volume, { fractionDigits: 0, unit: "tUSD" })} in 24 h
      </small>
    </>
  );
}

/** Pool markets (fixed-odds betting) in the same list: question, outcomes with their odds, state and close time. */
function PoolCards({ conditions, now }: { conditions: readonly PoolCondition[]; now: number }) {
  const odds = usePoolOdds(conditions);
  return conditions.map((c) => (
    <Link key={c.conditionId.toString()} to="/pool" className="panel" data-testid="pool-card">
      <small className="muted">Pool · {enumName(ConditionState, c.state) ?? "Unknown"}</small>
      <p>
        <strong>{c.question || `Pool condition #${c.conditionId}`}</strong>
      </p>
      <ul className="prices">
        {Array.from({ length: c.outcomeCount }, (_, i) => {
          const payout = odds.get(c.conditionId)?.[i];
          return (
            <li key={i}>
              {c.outcomeNames[i] ?? `#${i}`}{" "}
              <strong>{payout === undefined ? "—" : `×${formatAmount(payout, { fractionDigits: 2 })}`}</strong>
            </li>
          );
        })}
      </ul>
      <p className="muted" title={`Betting closes ${formatUtc(c.startsAt)}`} data-testid="pool-card-time">
        {poolConditionLine(c, enumName(ConditionState, c.state) ?? "", now, (i) => outcomeLabel(c, i))}
      </p>
    </Link>
  ));
}

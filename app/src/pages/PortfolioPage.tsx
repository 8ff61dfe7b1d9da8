import { useMemo, useState } from "react";
import { Link } from "react-router";
import type { Address, Hex } from "viem";
import { useConnection } from "wagmi";

import { OrderCells } from "../components/OrderCells.tsx";
import { RedeemableWinnings } from "../components/RedeemableWinnings.tsx";
import { type Market, useMarketList } from "../data/catalog.ts";
import { indexerProblem } from "../data/indexer.ts";
import { OPERATOR_URL } from "../data/operator.ts";
import { usePoolConditions } from "../data/pool.ts";
import { useLpValues, usePoolAccount } from "../data/poolIndex.ts";
import { buildActivity, costPositions, useMarks, usePortfolio } from "../data/portfolio.ts";
import { useAllOpenOrders, useCancelOrders } from "../hooks/useOrders.ts";
import { formatAmount, formatSigned } from "../lib/amount.ts";
import { formatDecimalOdds } from "../lib/odds.ts";
import { marketValue, unrealizedPnl } from "../lib/pnl.ts";
import { betOutcome, betSummary, pickLabel, singleBetOutcome } from "../lib/poolBets.ts";
import { formatCents } from "../lib/price.ts";
import { labelPositions, tokenLabels } from "../lib/positions.ts";
import { formatUtc } from "../lib/time.ts";
import { TableHead } from "../components/TableHead.tsx";

const signedClass = (v: bigint) => (v > 0n ? "num pnl-up" : v < 0n ? "num pnl-down" : "num");

export default function PortfolioPage() {
  const { address } = useConnection();
  const portfolio = usePortfolio(address);
  const markets = useMarketList();
  const data = portfolio.data;
  const positions = useMemo(
    () => labelPositions(data?.positions ?? [], markets.data ?? []),
    [data?.positions, markets.data],
  );
  const costs = useMemo(
    () => costPositions(data?.fills ?? [], data?.changes ?? [], markets.data ?? []),
    [data?.fills, data?.changes, markets.data],
  );
  const open = positions.filter((p) => !p.market?.resolved);
  const marks = useMarks(open.map((p) => ({ tokenId: p.tokenId, market: p.market })));
  const activity = useMemo(() => {
    if (!data) return [];
    const byId = new Map((markets.data ?? []).map((m) => [m.marketId.toLowerCase(), m]));
    const labels = tokenLabels(markets.data ?? []);
    const tokenName = (tokenId: bigint) => {
      const l = labels.get(tokenId);
      return l ? `${l.outcome} · ${l.market.question}` : `token ${tokenId.toString().slice(0, 10)}…`;
    };
    return buildActivity(data, tokenName, (id) => (id ? (byId.get(id.toLowerCase())?.question ?? id) : ""));
  }, [data, markets.data]);
  const problem = indexerProblem();
  if (!address) return <p data-testid="portfolio-page">Connect a wallet to see your portfolio.</p>;
  let totalValue = 0n;
  let totalUnrealized = 0n;
  let totalRealized = 0n;
  for (const c of costs.values()) totalRealized += c.realized;
  const rows = positions.map((p) => {
    const cost = costs.get(p.tokenId);
    const mark = p.market?.resolved ? undefined : marks.data?.get(p.tokenId);
    const value =
      mark === undefined
        ? undefined
        : marketValue({ ...(cost ?? { averagePrice: 0n, costBasis: 0n, realized: 0n }), shares: p.balance }, mark);
    const unrealized = cost && cost.shares > 0n && mark !== undefined ? unrealizedPnl(cost, mark) : undefined;
    totalValue += value ?? 0n;
    totalUnrealized += unrealized ?? 0n;
    return { p, cost, mark, value, unrealized };
  });
  return (
    <section data-testid="portfolio-page">
      <h1>Portfolio</h1>
      {problem && <p className="panel why">{problem}</p>}
      {portfolio.error && <p className="error">Could not load your portfolio: {portfolio.error.message}</p>}
      <div className="panel">
        <h2>Positions</h2>
        <p className="row">
          <span>
            Value <strong data-testid="portfolio-value">{formatAmount(totalValue, { unit: "tUSD" })}</strong>
          </span>
          <SignedTotal label="Unrealized P&L" value={totalUnrealized} testId="portfolio-unrealized" />
          <SignedTotal label="Realized P&L" value={totalRealized} testId="portfolio-realized" />
        </p>
        {data && positions.length === 0 && <p className="muted">No positions yet.</p>}
        <table data-testid="positions-table">
          <TableHead
            columns={[
              "Market",
              "Outcome",
              { num: "Shares" },
              { num: "Avg price" },
              { num: "Price" },
              { num: "Value" },
              { num: "Unrealized P&L" },
              { num: "Realized P&L" },
            ]}
          />
          <tbody>
            {rows.map(({ p, cost, mark, value, unrealized }) => (
              <tr key={p.tokenId.toString()} data-testid="position-row">
                <td>
                  {p.market ? (
                    <Link to={`/m/${p.market.marketId}`}>{p.market.question}</Link>
                  ) : (
                    <code>{p.tokenId.toString().slice(0, 14)}…</code>
                  )}
                </td>
                <td>{p.outcome ?? "—"}</td>
                <td className="num">{formatAmount(p.balance, { unit: "shares" })}</td>
                <td className="num" data-testid="position-avg">
                  {cost && cost.averagePrice > 0n ? formatCents(cost.averagePrice) : "—"}
                </td>
                <td className="num" data-testid="position-mark">
                  {p.market?.resolved ? "resolved" : mark === undefined ? "—" : formatCents(mark)}
                </td>
                <td className="num">{value === undefined ? "—" : formatAmount(value, { unit: "tUSD" })}</td>
                <td className={signedClass(unrealized ?? 0n)} data-testid="position-unrealized">
                  {unrealized === undefined ? "—" : formatSigned(unrealized, { unit: "tUSD" })}
                </td>
                <td className={signedClass(cost?.realized ?? 0n)}>
                  {cost ? formatSigned(cost.realized, { unit: "tUSD" }) : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">
          Average price and P&amp;L follow your exchange fills (average cost, fees included). Shares minted as full sets
          or received by transfer have no price; prices are the order book's midpoint, or the last trade when the spread
          is wider than 10¢.
        </p>
      </div>
      <RedeemableWinnings positions={positions} />
      <OpenOrders markets={markets.data ?? []} />
      <PoolHoldings account={address} />
      <div className="panel">
        <h2>Activity</h2>
        {portfolio.isLoading && <p className="muted">Loading…</p>}
        {data && activity.length === 0 && <p className="muted">Nothing yet.</p>}
        <table data-testid="activity">
          <thead>
            <tr>
              <th>When</th>
              <th>What</th>
              <th className="num">Amount</th>
              <th>Detail</th>
            </tr>
          </thead>
          <tbody>
            {activity.map((a) => (
              <tr key={a.key}>
                <td title={`block ${a.block}`}>{formatUtc(a.timestamp)}</td>
                <td>{a.kind}</td>
                <td className="num">{formatAmount(a.amount, { unit: a.unit })}</td>
                <td>{a.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A P&L total in the positions header: green up, red down, with its sign. */
function SignedTotal({ label, value, testId }: { label: string; value: bigint; testId: string }) {
  return (
    <span>
      {label}{" "}
      <strong className={signedClass(value)} data-testid={testId}>
        {formatSigned(value, { unit: "tUSD" })}
      </strong>
    </span>
  );
}

const formatLpValue = (value: bigint | undefined) =>
  value === undefined ? "—" : formatAmount(value, { unit: "tUSD" });

/** The account's pool bets and LP positions (claims and cash-outs happen on the Pool page). */
function PoolHoldings({ account }: { account: Address }) {
  const pool = usePoolAccount(account);
  const conditions = usePoolConditions();
  const selection = (l: { conditionId: bigint; outcome: number }) => {
    const c = conditions.data?.find((x) => x.conditionId === l.conditionId);
    return c ? pickLabel(c, l.outcome) : `#${l.conditionId} → ${l.outcome + 1}`;
  };
  const bets = pool.data?.bets ?? [];
  const lps = pool.data?.lps ?? [];
  const values = useLpValues(pool.data?.lps);
  return (
    <div className="panel" data-testid="portfolio-pool">
      <h2>Bets</h2>
      {pool.error && <p className="error">Could not load your bets: {pool.error.message}</p>}
      {pool.isSuccess && bets.length === 0 && <p className="muted">No bets yet.</p>}
      {bets.length > 0 && (
        <table>
          <TableHead columns={["Bet", "Selection", { num: "Stake" }, { num: "Odds" }, { num: "Result" }, "Status"]} />
          <tbody>
            {bets.map((b) => {
              const outcome = betOutcome(
                b.kind === "parlay",
                b.legs.map((l) =>
                  singleBetOutcome(
                    l.outcome,
                    conditions.data?.find((x) => x.conditionId === l.conditionId),
                  ),
                ),
              );
              const summary = betSummary(b, outcome, (v) => formatAmount(v, { unit: "tUSD" }));
              return (
                <tr key={b.betId.toString()} data-testid="portfolio-bet">
                  <td>#{b.betId.toString()}</td>
                  <td>
                    {b.legs.map(selection).join(" + ")}
                    {b.kind === "parlay" ? " (combo)" : ""}
                  </td>
                  <td className="num">{formatAmount(b.amount, { unit: "tUSD" })}</td>
                  <td className="num">{formatDecimalOdds(b.odds)}</td>
                  <td className="num">{summary.result}</td>
                  <td>{summary.status}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p className="muted">
        Cash out and claim on the <Link to="/pool">Pool</Link> page.
      </p>
      <h2>LP positions</h2>
      {pool.isSuccess && lps.length === 0 && <p className="muted">No open LP positions.</p>}
      {lps.length > 0 && (
        <table>
          <TableHead columns={["Position", { num: "Deposited" }, { num: "Withdrawn" }, { num: "Value now" }]} />
          <tbody>
            {lps.map((l) => (
              <tr key={l.lpId.toString()} data-testid="portfolio-lp">
                <td>LP #{l.lpId.toString()}</td>
                <td className="num">{formatAmount(l.deposited, { unit: "tUSD" })}</td>
                <td className="num">{formatAmount(l.withdrawn, { unit: "tUSD" })}</td>
                <td className="num">{formatLpValue(values.get(l.lpId))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">
        Deposit and withdraw on the <Link to="/liquidity">Liquidity</Link> page.
      </p>
    </div>
  );
}

/** Every open order of the account, in all markets, with cancel. */
function OpenOrders({ markets }: { markets: readonly Market[] }) {
  const orders = useAllOpenOrders();
  const { cancel, busy } = useCancelOrders();
  const [result, setResult] = useState<{ ok: boolean; message: string } | undefined>();
  const list = orders.data ?? [];
  const labels = useMemo(() => tokenLabels(markets), [markets]);
  return (
    <div className="panel" data-testid="portfolio-orders">
      <h2>Open orders</h2>
      {!OPERATOR_URL && <p className="why">Open orders need the operator API (VITE_OPERATOR_URL).</p>}
      {orders.error && <p className="error">Could not load your orders: {orders.error.message}</p>}
      {orders.isSuccess && list.length === 0 && <p className="muted">No open orders.</p>}
      {list.length > 0 && (
        <table>
          <TableHead columns={["Market", "Side", { num: "Price" }, { num: "Size" }, "Type", ""]} />
          <tbody>
            {list.map((o) => {
              const l = labels.get(o.tokenId);
              return (
                <tr key={o.id} data-testid="portfolio-order">
                  <td>
                    <Link to={`/market/${o.market}`}>{l?.market.question ?? o.market.slice(0, 12)}</Link>
                  </td>
                  <OrderCells
                    order={o}
                    outcome={l?.outcome ?? ""}
                    busy={busy}
                    onCancel={() =>
                      void (async () => {
                        setResult(undefined);
                        setResult(await cancel(o.market as Hex, [o.id]));
                      })()
                    }
                  />
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {result && (
        <p className={result.ok ? "ok-text" : "error"} role="status">
          {result.message}
        </p>
      )}
    </div>
  );
}

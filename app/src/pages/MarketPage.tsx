import { Suspense, lazy, useMemo, useState } from "react";
import { useParams } from "react-router";

import { Button } from "../components/Button.tsx";
import { useBook, useMarket, usePriceHistory, useTrades, marketSourceProblem } from "../data/markets.ts";
import { useDeployment } from "../hooks/useDeployment.ts";
import { formatAmount } from "../lib/amount.ts";
import { type Level, displayPrice, formatCents, formatProbability, spread, withDepth } from "../lib/price.ts";
import { type OrderType, type Side, type TimeInForce, quoteTicket, sizePresets } from "../lib/ticket.ts";
import { CHART_RANGES, type ChartRange } from "../lib/time.ts";
import { useConnection } from "wagmi";

const PriceChart = lazy(() => import("../components/PriceChart.tsx"));

export default function MarketPage() {
  const { conditionId } = useParams();
  const market = useMarket(conditionId);
  const [outcomeIndex, setOutcomeIndex] = useState(0);
  const token = market.data?.tokens[outcomeIndex];
  const book = useBook(token?.tokenId);
  const [range, setRange] = useState<ChartRange>("1D");
  const history = usePriceHistory(token?.tokenId, range);
  const trades = useTrades(conditionId);
  const problem = marketSourceProblem();
  if (problem)
    return (
      <p className="panel" data-testid="market-page">
        {problem}
      </p>
    );
  if (market.error) return <p className="error">Could not load the market: {market.error.message}</p>;
  if (!market.data) return <p className="muted">Loading market…</p>;
  const bids = book.data?.bids ?? [];
  const asks = book.data?.asks ?? [];
  const lastTrade = trades.data?.[0]?.price;
  const price = displayPrice(bids, asks, lastTrade);
  const currentSpread = spread(bids, asks);
  return (
    <section data-testid="market-page" className="grid">
      <div>
        <div className="panel">
          <h1>{market.data.question}</h1>
          <div className="row">
            {market.data.tokens.map((t, i) => (
              <button
                key={t.tokenId.toString()}
                className={i === outcomeIndex ? "primary" : "secondary"}
                onClick={() => setOutcomeIndex(i)}
              >
                {t.outcome} {i === outcomeIndex && price !== undefined ? `${formatProbability(price)}` : ""}
              </button>
            ))}
          </div>
          {market.data.tokens.length > 2 && (
            <p className="muted">Multi-outcome market: convert NO shares via the neg-risk adapter.</p>
          )}
        </div>
        <div className="panel">
          <div className="row tabs">
            {CHART_RANGES.map((r) => (
              <button key={r} className={r === range ? "active" : ""} onClick={() => setRange(r)}>
                {r}
              </button>
            ))}
          </div>
          <Suspense fallback={<p className="muted">Loading chart…</p>}>
            <PriceChart points={history.data ?? []} />
          </Suspense>
        </div>
        <div className="panel">
          <h2>
            Order book{" "}
            {currentSpread !== undefined && <small className="muted">spread {formatCents(currentSpread)}</small>}
          </h2>
          <OrderBookTable bids={bids} asks={asks} />
        </div>
        <div className="panel">
          <h2>Recent trades</h2>
          <table>
            <tbody>
              {(trades.data ?? []).map((t) => (
                <tr key={t.id}>
                  <td className={t.side === "BUY" ? "yes" : "no"}>{t.side}</td>
                  <td className="num">{formatCents(t.price)}</td>
                  <td className="num">{formatAmount(t.size, { unit: "shares" })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <TradeTicket bids={bids} asks={asks} outcome={token?.outcome ?? ""} />
    </section>
  );
}

function OrderBookTable({ bids, asks }: { bids: readonly Level[]; asks: readonly Level[] }) {
  const askDepth = withDepth(asks);
  const bidDepth = withDepth(bids);
  const max = [...askDepth, ...bidDepth].reduce((m, l) => (l.cumulative > m ? l.cumulative : m), 1n);
  const pct = (c: bigint) => `${Number((c * 100n) / max)}%`;
  return (
    <table data-testid="order-book">
      <thead>
        <tr>
          <th>Price</th>
          <th className="num">Shares</th>
          <th className="num">Total</th>
        </tr>
      </thead>
      <tbody>
        {[...askDepth].reverse().map((l) => (
          <tr key={`a${l.price}`} className="depth-ask" style={{ ["--d" as string]: pct(l.cumulative) }}>
            <td className="no">{formatCents(l.price)}</td>
            <td className="num">{formatAmount(l.size)}</td>
            <td className="num">{formatAmount(l.cumulative)}</td>
          </tr>
        ))}
        {bidDepth.map((l) => (
          <tr key={`b${l.price}`} className="depth-bid" style={{ ["--d" as string]: pct(l.cumulative) }}>
            <td className="yes">{formatCents(l.price)}</td>
            <td className="num">{formatAmount(l.size)}</td>
            <td className="num">{formatAmount(l.cumulative)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TradeTicket({ bids, asks, outcome }: { bids: readonly Level[]; asks: readonly Level[]; outcome: string }) {
  const { isConnected } = useConnection();
  const { address } = useDeployment();
  const [side, setSide] = useState<Side>("buy");
  const [type, setType] = useState<OrderType>("market");
  const [tif, setTif] = useState<TimeInForce>("GTC");
  const [amount, setAmount] = useState("");
  const [limitCents, setLimitCents] = useState("");
  const quote = useMemo(
    () => quoteTicket({ side, type, amount, limitCents, tif, bids, asks }),
    [side, type, amount, limitCents, tif, bids, asks],
  );
  const reason = !isConnected
    ? "Connect a wallet"
    : !quote.ok
      ? quote.reason
      : !address("exchange")
        ? "The exchange is not deployed on this chain yet, so orders cannot be signed"
        : "Order signing ships with @forkcast/shared (operator branch), not merged yet";
  return (
    <aside className="panel" data-testid="trade-ticket">
      <div className="row tabs">
        <button className={side === "buy" ? "active" : ""} onClick={() => setSide("buy")}>
          Buy
        </button>
        <button className={side === "sell" ? "active" : ""} onClick={() => setSide("sell")}>
          Sell
        </button>
        <select value={type} onChange={(e) => setType(e.target.value as OrderType)} aria-label="Order type">
          <option value="market">Market</option>
          <option value="limit">Limit</option>
        </select>
        <select value={tif} onChange={(e) => setTif(e.target.value as TimeInForce)} aria-label="Time in force">
          {(type === "market" ? ["FOK", "FAK"] : ["GTC", "GTD", "FOK", "FAK"]).map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </div>
      <p className="muted">Outcome: {outcome}</p>
      {type === "limit" && (
        <label className="field">
          Limit price (¢)
          <input value={limitCents} onChange={(e) => setLimitCents(e.target.value)} inputMode="decimal" />
        </label>
      )}
      <label className="field">
        {side === "buy" && type === "market" ? "Amount (tUSD)" : "Shares"}
        <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" />
      </label>
      <div className="row">
        {sizePresets(side, type).map((p) => (
          <button key={p} className="secondary" onClick={() => setAmount(p)}>
            {p}
          </button>
        ))}
      </div>
      <table>
        <tbody>
          <tr>
            <td>Avg price</td>
            <td className="num">{quote.ok ? formatCents(quote.price) : "—"}</td>
          </tr>
          <tr>
            <td>Shares</td>
            <td className="num">{formatAmount(quote.shares, { unit: "shares" })}</td>
          </tr>
          <tr>
            <td>{side === "buy" ? "Cost" : "You receive"}</td>
            <td className="num">{formatAmount(quote.collateral, { unit: "tUSD" })}</td>
          </tr>
          {side === "buy" && (
            <tr>
              <td>Payout if right</td>
              <td className="num">{formatAmount(quote.payoutIfRight, { unit: "tUSD" })}</td>
            </tr>
          )}
        </tbody>
      </table>
      {quote.impactWarning && (
        <p className="warn-text">
          Price impact {Number(quote.priceImpactBps) / 100}%: this order moves the price a lot.
        </p>
      )}
      <Button disabledReason={reason}>
        {side === "buy" ? "Buy" : "Sell"} {outcome}
      </Button>
    </aside>
  );
}

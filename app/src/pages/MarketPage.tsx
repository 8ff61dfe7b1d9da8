import { Suspense, lazy, useMemo, useState } from "react";
import { useParams } from "react-router";

import { Button } from "../components/Button.tsx";
import { OrderCells } from "../components/OrderCells.tsx";
import { findMarketByCondition, useMarketList } from "../data/catalog.ts";
import { useMarketSocket } from "../data/marketSocket.ts";
import { useBook, useMarket, usePriceHistory, useTrades, marketSourceProblem } from "../data/markets.ts";
import { useDeployment } from "../hooks/useDeployment.ts";
import { useCancelOrders, useOpenOrders, usePlaceOrder } from "../hooks/useOrders.ts";
import { buildOrder, roundToLot } from "../lib/order.ts";
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
  const live = useMarketSocket(conditionId, market.data?.tokens.map((t) => t.tokenId) ?? []);
  const book = useBook(token?.tokenId, live);
  const [range, setRange] = useState<ChartRange>("1D");
  const history = usePriceHistory(token?.tokenId, range);
  const trades = useTrades(conditionId, live);
  // The operator learns markets from the exchange's TokenRegistered events, which carry no
  // question: the indexed factory market that owns this condition names it.
  const catalog = useMarketList();
  const chainQuestion = findMarketByCondition(catalog.data, conditionId)?.question;
  const problem = marketSourceProblem();
  if (problem)
    return (
      <p className="panel" data-testid="market-page">
        {problem}
      </p>
    );
  if (market.error)
    return (
      <p className="error" data-testid="market-page">
        Could not load the market: {market.error.message}
      </p>
    );
  if (!market.data)
    return (
      <p className="muted" data-testid="market-page">
        Loading market…
      </p>
    );
  const bids = book.data?.bids ?? [];
  const asks = book.data?.asks ?? [];
  const lastTrade = trades.data?.[0]?.price;
  const price = displayPrice(bids, asks, lastTrade);
  const currentSpread = spread(bids, asks);
  return (
    <section data-testid="market-page" className="grid">
      <div>
        <div className="panel">
          <h1>{market.data.question || chainQuestion || "Untitled market"}</h1>
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
            <small className="muted" data-testid="live-status">
              {live ? "live" : "polling"}
            </small>{" "}
            {currentSpread !== undefined && <small className="muted">spread {formatCents(currentSpread)}</small>}
          </h2>
          <OrderBookTable bids={bids} asks={asks} />
        </div>
        <div className="panel">
          <h2>Recent trades</h2>
          <table data-testid="recent-trades">
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
      <div>
        <TradeTicket
          bids={bids}
          asks={asks}
          outcome={token?.outcome ?? ""}
          tokenId={token?.tokenId}
          tickSize={market.data.tickSize}
          feeRateBps={BigInt(market.data.feeRateBps)}
          open={market.data.open}
        />
        <OpenOrders conditionId={market.data.conditionId} outcomes={market.data.tokens} />
      </div>
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

interface TicketProps {
  bids: readonly Level[];
  asks: readonly Level[];
  outcome: string;
  tokenId: bigint | undefined;
  tickSize: bigint;
  feeRateBps: bigint;
  open: boolean;
}

function TradeTicket({ bids, asks, outcome, tokenId, tickSize, feeRateBps, open }: TicketProps) {
  const { isConnected } = useConnection();
  const { address } = useDeployment();
  const { place, busy } = usePlaceOrder();
  const [side, setSide] = useState<Side>("buy");
  const [type, setType] = useState<OrderType>("market");
  const [tif, setTif] = useState<TimeInForce>("FOK");
  const [postOnly, setPostOnly] = useState(false);
  const [amount, setAmount] = useState("");
  const [limitCents, setLimitCents] = useState("");
  const [result, setResult] = useState<{ ok: boolean; message: string } | undefined>();
  const quote = useMemo(
    () => quoteTicket({ side, type, amount, limitCents, tif, bids, asks }),
    [side, type, amount, limitCents, tif, bids, asks],
  );
  const draft =
    quote.ok && tokenId !== undefined
      ? { side, tif, price: quote.worstPrice, shares: roundToLot(quote.shares), tokenId, tickSize }
      : undefined;
  const draftProblem = draft && quote.ok ? buildOrder(draft, DRY_RUN_CONTEXT) : undefined;
  const reason = !isConnected
    ? "Connect a wallet"
    : !open
      ? "The market is closed: it no longer accepts orders"
      : !quote.ok
        ? quote.reason
        : !address("exchange")
          ? "The exchange is not deployed on this chain yet, so orders cannot be signed"
          : draftProblem && !draftProblem.ok
            ? draftProblem.reason
            : busy
              ? "Placing the order…"
              : undefined;
  const changeType = (next: OrderType) => {
    setType(next);
    setTif(next === "market" ? "FOK" : "GTC");
  };
  const submit = async () => {
    if (!draft) return;
    setResult(undefined);
    const label = `${side === "buy" ? "Buy" : "Sell"} ${formatAmount(draft.shares)} ${outcome}`;
    setResult(await place(draft, feeRateBps, postOnly, label));
  };
  return (
    <aside className="panel" data-testid="trade-ticket">
      <div className="row tabs">
        <button className={side === "buy" ? "active" : ""} onClick={() => setSide("buy")}>
          Buy
        </button>
        <button className={side === "sell" ? "active" : ""} onClick={() => setSide("sell")}>
          Sell
        </button>
        <select value={type} onChange={(e) => changeType(e.target.value as OrderType)} aria-label="Order type">
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
      {type === "limit" && (tif === "GTC" || tif === "GTD") && (
        <label className="row">
          <input type="checkbox" checked={postOnly} onChange={(e) => setPostOnly(e.target.checked)} /> Post only (maker
          only, never trades on arrival)
        </label>
      )}
      {tif === "GTD" && <p className="muted">GTD orders expire one hour after signing.</p>}
      {type === "market" && quote.ok && (
        <p className="muted">
          {tif} at worst price {formatCents(quote.worstPrice)} for {formatAmount(roundToLot(quote.shares))} shares.
        </p>
      )}
      <Button disabledReason={reason} onClick={() => void submit()} data-testid="place-order">
        {side === "buy" ? "Buy" : "Sell"} {outcome}
      </Button>
      {result && (
        <p className={result.ok ? "ok-text" : "error"} data-testid="ticket-message" role="status">
          {result.message}
        </p>
      )}
    </aside>
  );
}

/** Only to validate a draft for the disabled reason; the real context is read when placing. */
const DRY_RUN_CONTEXT = {
  maker: "0x0000000000000000000000000000000000000001",
  nonce: 0n,
  feeRateBps: 0n,
  salt: 0n,
  now: 0n,
} as const;

function OpenOrders({
  conditionId,
  outcomes,
}: {
  conditionId: `0x${string}`;
  outcomes: { tokenId: bigint; outcome: string }[];
}) {
  const { isConnected } = useConnection();
  const orders = useOpenOrders(conditionId);
  const { cancel, busy } = useCancelOrders();
  const [result, setResult] = useState<{ ok: boolean; message: string } | undefined>();
  if (!isConnected) return null;
  const list = orders.data ?? [];
  const name = (tokenId: bigint) => outcomes.find((o) => o.tokenId === tokenId)?.outcome ?? "?";
  const run = async (hashes: `0x${string}`[]) => {
    setResult(undefined);
    setResult(await cancel(conditionId, hashes));
  };
  return (
    <div className="panel" data-testid="open-orders">
      <h2>My open orders</h2>
      {orders.error && <p className="error">Could not load your orders: {orders.error.message}</p>}
      {list.length === 0 ? (
        <p className="muted">No open orders in this market.</p>
      ) : (
        <table>
          <tbody>
            {list.map((o) => (
              <tr key={o.id} data-testid="open-order">
                <OrderCells order={o} outcome={name(o.tokenId)} busy={busy} onCancel={() => void run([o.id])} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Button
        className="secondary"
        disabledReason={list.length === 0 ? "No open orders to cancel" : busy ? "Cancelling…" : undefined}
        onClick={() => void run([])}
      >
        Cancel all in this market
      </Button>
      {result && (
        <p className={result.ok ? "ok-text" : "error"} data-testid="cancel-message" role="status">
          {result.message}
        </p>
      )}
    </div>
  );
}

/**
 * The market page, one for every market kind at `/markets/:marketId`: header (question,
 * category, end countdown, each outcome's price and 24 h change), an outcome selector, the chart,
 * the book, the trade ticket, the account's position and open orders, recent trades, split /
 * merge (or the multi-outcome adapter), and the resolution panel. `?o=<k>&t=yes|no` selects the
 * outcome and the token the ticket trades. The old routes redirect here (see MarketRedirects).
 */
import { useMemo } from "react";
import { useParams, useSearchParams } from "react-router";
import { useConnection } from "wagmi";

import { BinaryShares } from "../components/market/BinaryShares.tsx";
import { MarketChart } from "../components/market/MarketChart.tsx";
import { OpenOrders } from "../components/market/OpenOrders.tsx";
import { OrderBook } from "../components/market/OrderBook.tsx";
import { RecentTrades } from "../components/market/RecentTrades.tsx";
import { ResolutionPanel } from "../components/market/ResolutionPanel.tsx";
import { TradeTicket } from "../components/market/TradeTicket.tsx";
import { YourPosition } from "../components/market/YourPosition.tsx";
import { MultiOutcomePositions } from "../components/MultiOutcomePositions.tsx";
import { type Market, useMarketDetail } from "../data/catalog.ts";
import { useCollateral } from "../data/collateral.ts";
import { indexerProblem } from "../data/indexer.ts";
import { useMarketSocket } from "../data/marketSocket.ts";
import { type OutcomeQuote, useChainNow, useOutcomeQuotes } from "../data/marketView.ts";
import { marketSourceProblem, useBook, useMarket, useTrades } from "../data/markets.ts";
import { lastTradeOf } from "../data/portfolio.ts";
import { useShareBalances } from "../data/shares.ts";
import { useOpenOrders } from "../hooks/useOrders.ts";
import { formatAmount } from "../lib/amount.ts";
import { formatChange } from "../lib/marketPrice.ts";
import { formatCents, spread } from "../lib/price.ts";
import { ownLevels } from "../lib/ticket.ts";
import { formatDuration, formatUtc } from "../lib/time.ts";

export default function MarketPage() {
  const { marketId } = useParams();
  const market = useMarketDetail(marketId);
  const problem = indexerProblem();
  if (problem)
    return (
      <p className="panel" data-testid="market-page">
        {problem}
      </p>
    );
  if (market.isLoading)
    return (
      <p className="muted" data-testid="market-page">
        Loading market…
      </p>
    );
  if (!market.data)
    return (
      <p data-testid="market-page" className="panel">
        No market {marketId} on this chain.
      </p>
    );
  return <MarketView market={market.data} />;
}

/** Display name of outcome k's token: a binary market's "Yes"/"No", a multi-outcome market's "Benfica · Yes". */
function tokenName(market: Market, k: number, side: "yes" | "no"): string {
  if (market.kind === "binary") return market.outcomes[side === "yes" ? 0 : 1] ?? (side === "yes" ? "Yes" : "No");
  return `${market.conditions[k]?.name ?? market.outcomes[k] ?? `#${k}`} · ${side === "yes" ? "Yes" : "No"}`;
}

function MarketView({ market }: { market: Market }) {
  const now = useChainNow();
  const [params, setParams] = useSearchParams();
  const k = Math.min(Math.max(Number(params.get("o") ?? 0) || 0, 0), market.conditions.length - 1);
  const side: "yes" | "no" = params.get("t") === "no" ? "no" : "yes";
  const select = (next: number, nextSide: "yes" | "no") =>
    setParams({ o: String(next), t: nextSide }, { replace: true });
  const condition = market.conditions[k];
  const conditionId = condition?.conditionId;
  const tokenId = side === "yes" ? condition?.yesTokenId : condition?.noTokenId;
  const outcome = tokenName(market, k, side);

  // Every outcome's price for the header (binary: YES and NO; multi: each outcome's YES).
  const headerTokens =
    market.kind === "binary"
      ? [condition?.yesTokenId, condition?.noTokenId].filter((t): t is bigint => t !== undefined)
      : market.conditions.map((c) => c.yesTokenId);
  const quotes = useOutcomeQuotes(
    headerTokens.map((t) => ({ tokenId: t, lastTrade: lastTradeOf(market, t) })),
    now,
  );
  const operatorMarket = useMarket(conditionId);
  const live = useMarketSocket(conditionId, operatorMarket.data?.tokens.map((t) => t.tokenId) ?? []);
  const book = useBook(tokenId, live);
  const trades = useTrades(conditionId, live);
  const bids = book.data?.bids ?? [];
  const asks = book.data?.asks ?? [];
  const selectedQuote = useOutcomeQuotes(
    tokenId === undefined ? [] : [{ tokenId, lastTrade: lastTradeOf(market, tokenId) }],
    now,
  )[0];
  const shares = useShares(market, k);
  const held = side === "yes" ? shares[0] : shares[1];
  const { address: account } = useConnection();
  const collateral = useCollateral(account);
  const openOrders = useOpenOrders(conditionId);
  const own = useMemo(() => ownLevels(openOrders.data ?? [], tokenId), [openOrders.data, tokenId]);
  const currentSpread = spread(bids, asks);
  // A YES token's candles carry its NO trades too: count each condition once, by its YES token.
  const volume24h =
    market.kind === "binary" ? (quotes[0]?.volume24h ?? 0n) : quotes.reduce((sum, q) => sum + q.volume24h, 0n);
  const sourceProblem = marketSourceProblem();
  const tradable = market.conditions.map((c, i) => ({ i, c }));

  return (
    <section data-testid="market-page" className="market-page">
      <header className="panel market-head" data-testid="market-header">
        <small className="muted">
          {market.category} · {market.kind === "multi" ? `${market.conditions.length} outcomes` : "Yes / No"} ·{" "}
          <span title={formatUtc(market.endTime)} data-testid="market-end">
            {market.resolved
              ? "resolved"
              : market.endTime > now
                ? `ends in ${formatDuration(market.endTime - now)}`
                : `ended ${formatUtc(market.endTime)}`}
          </span>
        </small>
        <h1>{market.question}</h1>
        <div className="outcome-prices" data-testid="outcome-prices">
          {headerTokens.map((t, i) => {
            const q = quotes[i];
            const k2 = market.kind === "binary" ? 0 : i;
            const s2 = market.kind === "binary" && i === 1 ? "no" : "yes";
            const name = market.kind === "binary" ? tokenName(market, 0, s2) : (market.conditions[i]?.name ?? "");
            const active = k2 === k && s2 === side;
            return (
              <button
                key={t.toString()}
                className={`outcome ${active ? "primary" : "secondary"}`}
                data-testid="outcome-price"
                onClick={() => select(k2, s2)}
                title={q?.price?.explanation ?? "No bids, asks or trades yet."}
              >
                <span>{name}</span> <strong>{q?.price ? formatCents(q.price.price) : "—"}</strong>{" "}
                <ChangeBadge quote={q} />
              </button>
            );
          })}
        </div>
        <p className="muted">
          {formatAmount(market.volume, { fractionDigits: 0, unit: "tUSD" })} volume ·{" "}
          {formatAmount(volume24h, { fractionDigits: 0, unit: "tUSD" })} in 24 h · prices in ¢ per share of the outcome
          (hover for midpoint or last trade)
        </p>
      </header>

      {market.kind === "multi" && (
        <div className="panel" data-testid="outcome-selector">
          <h2>Outcomes</h2>
          <table>
            <tbody>
              {tradable.map(({ i, c }) => (
                <tr key={c.conditionId} className={i === k ? "selected" : ""}>
                  <td>{c.name}</td>
                  <td className="num">{quotes[i]?.price ? formatCents(quotes[i].price.price) : "—"}</td>
                  <td>
                    <button
                      className={i === k && side === "yes" ? "primary" : "secondary"}
                      onClick={() => select(i, "yes")}
                      aria-label={`Trade ${c.name} Yes`}
                    >
                      Yes
                    </button>{" "}
                    <button
                      className={i === k && side === "no" ? "primary" : "secondary"}
                      onClick={() => select(i, "no")}
                      aria-label={`Trade ${c.name} No`}
                    >
                      No
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <div className="market-grid">
        <div className="market-main">
          <MarketChart
            tokenId={tokenId}
            outcome={outcome}
            now={now}
            fallback={selectedQuote?.price?.source === "midpoint" ? selectedQuote.price.price : undefined}
          />
          <div className="panel">
            <h2>
              Order book · {outcome}{" "}
              <small className="muted" data-testid="live-status">
                {sourceProblem ? "no operator" : live ? "live" : "polling"}
              </small>{" "}
              {currentSpread !== undefined && <small className="muted">spread {formatCents(currentSpread)}</small>}
            </h2>
            {sourceProblem ? (
              <p className="muted">{sourceProblem}</p>
            ) : operatorMarket.error ? (
              <p className="muted">The operator does not list this market yet: {operatorMarket.error.message}</p>
            ) : (
              <OrderBook bids={bids} asks={asks} />
            )}
          </div>
          <RecentTrades trades={trades.data ?? []} market={market} k={k} tokenName={tokenName} />
          <div className="panel">
            <h3>Rules</h3>
            <p style={{ whiteSpace: "pre-wrap" }}>{market.rules}</p>
          </div>
        </div>
        <div className="market-side">
          <TradeTicket
            bids={bids}
            asks={asks}
            outcome={outcome}
            tokenId={operatorMarket.data ? tokenId : undefined}
            tickSize={operatorMarket.data?.tickSize ?? 10_000n}
            feeRateBps={BigInt(operatorMarket.data?.feeRateBps ?? 0)}
            open={Boolean(operatorMarket.data?.open) && !market.resolved}
            collateralBalance={collateral.balance}
            sharesHeld={held}
            own={own}
          />
          <ResolutionPanel market={market} now={now} />
          <YourPosition market={market} k={k} shares={shares} quotes={quotes} tokenName={tokenName} />
          {conditionId && <OpenOrders conditionId={conditionId} outcomes={operatorMarket.data?.tokens ?? []} />}
          {market.kind === "binary" && conditionId ? (
            <BinaryShares market={market} conditionId={conditionId} shares={shares} />
          ) : (
            <MultiOutcomePositions market={market} />
          )}
        </div>
      </div>
    </section>
  );
}

function ChangeBadge({ quote }: { quote: OutcomeQuote | undefined }) {
  if (quote?.change === undefined)
    return (
      <small className="muted" data-testid="change-24h">
        24h —
      </small>
    );
  return (
    <small className={quote.change >= 0n ? "yes" : "no"} data-testid="change-24h">
      24h {formatChange(quote.change)}
    </small>
  );
}

/** The account's YES and NO shares of outcome k, live from the chain. */
function useShares(market: Market, k: number): [bigint | undefined, bigint | undefined] {
  const [yes, no] = useShareBalances([market.yesTokenIds[k], market.noTokenIds[k]]);
  return [yes, no];
}

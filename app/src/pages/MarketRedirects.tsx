/**
 * The market page's old routes: `/m/:marketId` (the factory market) and `/market/:conditionId`
 * (one condition's order book) both land on `/markets/:marketId`, the condition selected.
 */
import { Navigate, useParams } from "react-router";

import { findMarketByCondition, useMarketList } from "../data/catalog.ts";
import { indexerProblem } from "../data/indexer.ts";

export function MarketIdRedirect() {
  const { marketId } = useParams();
  return <Navigate to={`/markets/${marketId ?? ""}`} replace />;
}

export function ConditionRedirect() {
  const { conditionId } = useParams();
  const markets = useMarketList();
  const market = findMarketByCondition(markets.data, conditionId);
  const problem = indexerProblem();
  if (market) {
    const k = market.conditionIds.findIndex((c) => c.toLowerCase() === conditionId?.toLowerCase());
    return <Navigate to={`/markets/${market.marketId}?o=${Math.max(k, 0)}&t=yes`} replace />;
  }
  return (
    <p className="panel" data-testid="market-page">
      {problem ??
        (markets.isLoading || !markets.data
          ? "Loading market…"
          : markets.error
            ? `Could not load markets: ${markets.error.message}`
            : `No market with condition ${conditionId ?? ""} on this chain.`)}
    </p>
  );
}

import { Suspense, lazy, useState } from "react";

import { useCandles } from "../../data/candles.ts";
import { chartPoints } from "../../lib/marketPrice.ts";
import { CHART_RANGES, type ChartRange, rangeStart } from "../../lib/time.ts";

const PriceChart = lazy(() => import("../PriceChart.tsx"));

/** Candle interval per range, so each range has enough points to draw a line. */
const INTERVAL_SECONDS: Record<ChartRange, number> = { "1H": 60, "6H": 300, "1D": 900, "1W": 3_600, All: 3_600 };

/**
 * One outcome's price history on the chain's clock: the indexer's candles (closes), with range
 * buttons; before any trade, the current midpoint as a flat line and "no trades yet".
 */
export function MarketChart({
  tokenId,
  outcome,
  now,
  fallback,
}: {
  tokenId: bigint | undefined;
  outcome: string;
  now: number;
  fallback: bigint | undefined;
}) {
  const [range, setRange] = useState<ChartRange>("1W");
  const interval = INTERVAL_SECONDS[range];
  // All candles up to now (the previous close carries into the range).
  const candles = useCandles(tokenId, interval, 0);
  const { points, noTrades } = chartPoints(candles.data ?? [], rangeStart(range, now), now, fallback);
  return (
    <div className="panel" data-testid="market-chart">
      <div className="row tabs">
        <strong>{outcome}</strong>
        {CHART_RANGES.map((r) => (
          <button key={r} className={r === range ? "active" : ""} onClick={() => setRange(r)}>
            {r}
          </button>
        ))}
      </div>
      {candles.error && <p className="error">Could not load the price history: {candles.error.message}</p>}
      {noTrades && (
        <p className="muted" data-testid="no-trades">
          No trades yet{fallback === undefined ? "." : ": the line is the book's midpoint."}
        </p>
      )}
      <Suspense fallback={<p className="muted">Loading chart…</p>}>
        <PriceChart points={points} />
      </Suspense>
    </div>
  );
}

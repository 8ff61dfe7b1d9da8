/** OHLC aggregation of price points into fixed intervals (pure; unit-tested). */

export interface PricePoint {
  timestamp: bigint;
  priceE6: bigint;
  size: bigint;
  collateral: bigint;
}

export interface Candle {
  /** Interval start, unix seconds (a multiple of the interval). */
  start: bigint;
  open: bigint;
  high: bigint;
  low: bigint;
  close: bigint;
  /** Collateral traded. */
  volume: bigint;
  /** Outcome tokens traded. */
  size: bigint;
  trades: number;
}

/** Points must be in chain order; intervals with no trade are omitted. */
export function buildCandles(points: readonly PricePoint[], intervalSeconds: bigint): Candle[] {
  if (intervalSeconds <= 0n) throw new RangeError("interval must be positive");
  const candles: Candle[] = [];
  for (const p of points) {
    const start = (p.timestamp / intervalSeconds) * intervalSeconds;
    const last = candles.at(-1);
    if (last && last.start === start) {
      if (p.priceE6 > last.high) last.high = p.priceE6;
      if (p.priceE6 < last.low) last.low = p.priceE6;
      last.close = p.priceE6;
      last.volume += p.collateral;
      last.size += p.size;
      last.trades += 1;
    } else {
      candles.push({
        start,
        open: p.priceE6,
        high: p.priceE6,
        low: p.priceE6,
        close: p.priceE6,
        volume: p.collateral,
        size: p.size,
        trades: 1,
      });
    }
  }
  return candles;
}

import { AreaSeries, ColorType, createChart, type UTCTimestamp } from "lightweight-charts";
import { useEffect, useRef } from "react";

import type { ChartPoint } from "../lib/marketPrice.ts";

/**
 * Price history as an area chart in ¢ (0–100) on chain timestamps. Loaded lazily with its page.
 * `data-points` carries how many points it drew (the e2e suite checks there is more than one).
 */
export default function PriceChart({ points }: { points: readonly ChartPoint[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const chart = createChart(el, {
      height: 240,
      layout: { background: { type: ColorType.Solid, color: "transparent" }, textColor: "#8b93a7" },
      grid: { vertLines: { visible: false }, horzLines: { color: "#262b37" } },
      timeScale: { timeVisible: true },
      localization: { priceFormatter: (v: number) => `${v.toFixed(0)}¢` },
    });
    const series = chart.addSeries(AreaSeries, {
      lineColor: "#4f8cff",
      topColor: "rgba(79,140,255,.3)",
      bottomColor: "transparent",
    });
    series.setData(uniquePoints(points).map((p) => ({ time: p.t as UTCTimestamp, value: p.p * 100 })));
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [points]);
  return <div ref={ref} data-testid="price-chart" data-points={uniquePoints(points).length} />;
}

/** Ascending, one point per second (the chart library refuses duplicates); the later one wins. */
function uniquePoints(points: readonly ChartPoint[]): ChartPoint[] {
  const byTime = new Map<number, ChartPoint>();
  for (const p of points) byTime.set(p.t, p);
  return [...byTime.values()].sort((a, b) => a.t - b.t);
}

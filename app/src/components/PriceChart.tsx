import { AreaSeries, ColorType, createChart, type UTCTimestamp } from "lightweight-charts";
import { useEffect, useRef } from "react";

import type { PricePoint } from "../data/operator.ts";

/** Price history as an area chart (probability 0–100). Loaded lazily with its page. */
export default function PriceChart({ points }: { points: readonly PricePoint[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const chart = createChart(el, {
      height: 240,
      layout: { background: { type: ColorType.Solid, color: "transparent" }, textColor: "#8b93a7" },
      grid: { vertLines: { visible: false }, horzLines: { color: "#262b37" } },
      timeScale: { timeVisible: true },
    });
    const series = chart.addSeries(AreaSeries, {
      lineColor: "#4f8cff",
      topColor: "rgba(79,140,255,.3)",
      bottomColor: "transparent",
    });
    const seen = new Set<number>();
    series.setData(
      points
        .filter((p) => (seen.has(p.t) ? false : (seen.add(p.t), true)))
        .sort((a, b) => a.t - b.t)
        .map((p) => ({ time: p.t as UTCTimestamp, value: p.p * 100 })),
    );
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [points]);
  return <div ref={ref} data-testid="price-chart" />;
}

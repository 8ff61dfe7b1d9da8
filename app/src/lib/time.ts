/** Time display. Inputs are unix seconds (chain time) unless a name says otherwise. */

/** A compact countdown: 90061 → "1d 1h", 3725 → "1h 2m", 65 → "1m 05s", 0 or less → "0s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  const sec = s % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${sec.toString().padStart(2, "0")}s`;
  return `${sec}s`;
}

/** "ends in 3d 4h" or "ended 2h 5m ago", relative to `now`. */
export function formatRelativeEnd(endTime: number, now: number): string {
  return endTime > now ? `ends in ${formatDuration(endTime - now)}` : `ended ${formatDuration(now - endTime)} ago`;
}

/** A UTC timestamp people can compare across time zones: "2026-11-24 03:00 UTC". */
export function formatUtc(unixSeconds: number): string {
  const iso = new Date(unixSeconds * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export type ChartRange = "1H" | "6H" | "1D" | "1W" | "All";
export const CHART_RANGES: readonly ChartRange[] = ["1H", "6H", "1D", "1W", "All"];

/** Start of a chart range in unix seconds (0 for All). */
export function rangeStart(range: ChartRange, now: number): number {
  const span = { "1H": 3_600, "6H": 21_600, "1D": 86_400, "1W": 604_800, All: Number.POSITIVE_INFINITY }[range];
  return Number.isFinite(span) ? now - span : 0;
}

/**
 * The chain's clock now, from the latest block seen: its timestamp plus the wall time elapsed since
 * it was seen. The chain may run ahead of the wall clock (a dev chain after `evm_increaseTime`), so
 * countdowns and form checks use this, never `Date.now()` alone.
 */
export function chainNow(blockTimestamp: number, seenAtMs: number, nowMs: number): number {
  return blockTimestamp + Math.max(0, Math.floor((nowMs - seenAtMs) / 1000));
}

/**
 * Outcome prices. A price is collateral base units per whole share, scaled like collateral
 * (PRICE_SCALE = 1e6 means 1.00 tUSD, i.e. certainty). Shares also carry 6 decimals.
 */
import { PRICE_SCALE, BPS_DENOMINATOR } from "@forkcast/shared";

/** Above this spread (10¢) the displayed price is the last trade, not the midpoint. */
export const WIDE_SPREAD = 100_000n;

export interface Level {
  price: bigint;
  size: bigint;
}

export interface DepthLevel extends Level {
  /** Cumulative shares from the best price to this level. */
  cumulative: bigint;
}

/** Price as cents: 550000n → "55¢"; 5000n → "0.5¢". */
export function formatCents(price: bigint): string {
  const tenthsOfCent = (price * 1000n) / PRICE_SCALE;
  const whole = tenthsOfCent / 10n;
  const tenth = tenthsOfCent % 10n;
  return tenth === 0n ? `${whole}¢` : `${whole}.${tenth}¢`;
}

/** Implied probability as a percentage string: 550000n → "55%". */
export function formatProbability(price: bigint): string {
  const tenths = (price * 1000n) / PRICE_SCALE;
  if (tenths > 0n && tenths < 10n) return "<1%";
  return `${(tenths + 5n) / 10n}%`;
}

/** The exchange's default tick (1¢), used until the operator says otherwise. */
export const DEFAULT_TICK = 10_000n;

/** The one wording for a price off the market's tick: "Price must be a multiple of 1¢ (the market's tick)". */
export function offTickMessage(tickSize: bigint): string {
  return `Price must be a multiple of ${formatCents(tickSize)} (the market's tick)`;
}

/**
 * Parses a limit price typed in cents ("55", "55.5") into price units for a market with tick
 * `tickSize`: it must be on the tick and between one tick and 100¢ less one tick. Every message
 * names this market's tick, so the format hint, the range and the tick check never disagree.
 */
export function parseCents(
  input: string,
  tickSize: bigint = DEFAULT_TICK,
): { ok: true; value: bigint } | { ok: false; reason: string } {
  const text = input.trim();
  const tickInCents = tickSize < PRICE_SCALE / 100n;
  const example = tickInCents ? `e.g. 55 or ${formatCents(550_000n + tickSize).replace("¢", "")}` : "e.g. 55";
  if (!/^\d+(\.\d{1,4})?$/.test(text)) return { ok: false, reason: `Price in cents, ${example}` };
  const [w = "0", f = ""] = text.split(".");
  // One cent is 10^4 price units: "55.5" → 55 × 10^4 + 5 × 10^3.
  const value = BigInt(w) * (PRICE_SCALE / 100n) + BigInt(f.padEnd(4, "0"));
  if (value < tickSize || value > PRICE_SCALE - tickSize)
    return {
      ok: false,
      reason: `Price must be between ${formatCents(tickSize)} and ${formatCents(PRICE_SCALE - tickSize)}`,
    };
  if (value % tickSize !== 0n) return { ok: false, reason: offTickMessage(tickSize) };
  return { ok: true, value };
}

export function spread(bids: readonly Level[], asks: readonly Level[]): bigint | undefined {
  const bid = bids[0];
  const ask = asks[0];
  return bid && ask ? ask.price - bid.price : undefined;
}

/** Adds cumulative depth to book levels ordered best first. */
export function withDepth(levels: readonly Level[]): DepthLevel[] {
  let cumulative = 0n;
  return levels.map((l) => {
    cumulative += l.size;
    return { ...l, cumulative };
  });
}

export interface MarketFill {
  /** Shares received (buy) or sold (sell). */
  shares: bigint;
  /** Collateral paid (buy) or received (sell), before fees. */
  collateral: bigint;
  /** Average price in price units; 0 when nothing fills. */
  averagePrice: bigint;
  /** The last (worst) price level touched: the limit a market order should carry. */
  worstPrice: bigint;
  /** Collateral (buy) or shares (sell) the book could not absorb. */
  unfilled: bigint;
  /** (average − best) / best in basis points, ≥ 0. */
  priceImpactBps: bigint;
}

/** Walks the asks (best first) spending `budget` collateral. Shares per level round down (the buyer never overpays). */
export function simulateMarketBuy(asks: readonly Level[], budget: bigint): MarketFill {
  let remaining = budget;
  let shares = 0n;
  let worstPrice = 0n;
  for (const level of asks) {
    if (remaining <= 0n) break;
    const affordable = (remaining * PRICE_SCALE) / level.price;
    const take = affordable < level.size ? affordable : level.size;
    if (take === 0n) break;
    const cost = (take * level.price + PRICE_SCALE - 1n) / PRICE_SCALE;
    shares += take;
    remaining -= cost > remaining ? remaining : cost;
    worstPrice = level.price;
  }
  const spent = budget - remaining;
  return finish(shares, spent, worstPrice, remaining, asks[0]?.price, true);
}

/** Walks the bids (best first) selling `amount` shares. Proceeds per level round down. */
export function simulateMarketSell(bids: readonly Level[], amount: bigint): MarketFill {
  let remaining = amount;
  let proceeds = 0n;
  let worstPrice = 0n;
  for (const level of bids) {
    if (remaining <= 0n) break;
    const take = remaining < level.size ? remaining : level.size;
    proceeds += (take * level.price) / PRICE_SCALE;
    remaining -= take;
    worstPrice = level.price;
  }
  return finish(amount - remaining, proceeds, worstPrice, remaining, bids[0]?.price, false);
}

function finish(
  shares: bigint,
  collateral: bigint,
  worstPrice: bigint,
  unfilled: bigint,
  best: bigint | undefined,
  buying: boolean,
): MarketFill {
  const averagePrice = shares > 0n ? (collateral * PRICE_SCALE) / shares : 0n;
  let priceImpactBps = 0n;
  if (best && shares > 0n) {
    const diff = buying ? averagePrice - best : best - averagePrice;
    priceImpactBps = diff > 0n ? (diff * BPS_DENOMINATOR) / best : 0n;
  }
  return { shares, collateral, averagePrice, worstPrice, unfilled, priceImpactBps };
}

/** Cost of a limit buy: shares × price, rounded up (what the exchange may lock). */
export function limitCost(shares: bigint, price: bigint): bigint {
  return (shares * price + PRICE_SCALE - 1n) / PRICE_SCALE;
}

/** What winning shares pay: one collateral unit per share. */
export function payoutIfRight(shares: bigint): bigint {
  return shares;
}

/** Warn above this price impact (5%). */
export const PRICE_IMPACT_WARNING_BPS = 500n;

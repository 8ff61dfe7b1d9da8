/**
 * Pool (bookmaker) odds. Decimal odds are carried as bigint with ODDS_DECIMALS decimals
 * (2.5 → 2_500_000_000_000n at 12 decimals) to match on-chain fixed point.
 */
import { ODDS_SCALE, BPS_DENOMINATOR } from "@forkcast/shared";

/** Decimal odds with two decimals: "2.50". Rounds down (never flatters the bettor). */
export function formatDecimalOdds(odds: bigint): string {
  const hundredths = (odds * 100n) / ODDS_SCALE;
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, "0")}`;
}

/** American odds: 2.50 → "+150", 1.50 → "-200". */
export function formatAmericanOdds(odds: bigint): string {
  if (odds <= ODDS_SCALE) return "—";
  const profit = odds - ODDS_SCALE;
  if (profit >= ODDS_SCALE) return `+${(profit * 100n) / ODDS_SCALE}`;
  return `-${(ODDS_SCALE * 100n + profit - 1n) / profit}`;
}

/** Implied probability of decimal odds as a percent string: 2.0 → "50%". */
export function impliedProbability(odds: bigint): string {
  if (odds === 0n) return "—";
  return `${(ODDS_SCALE * 100n + odds / 2n) / odds}%`;
}

/** Stake × odds: the total returned on a win (stake included). Rounded down. */
export function possibleWin(stake: bigint, odds: bigint): bigint {
  return (stake * odds) / ODDS_SCALE;
}

/** Combined odds of a parlay: the product of its legs' odds. */
export function comboOdds(legs: readonly bigint[]): bigint {
  return legs.reduce((acc, o) => (acc * o) / ODDS_SCALE, ODDS_SCALE);
}

/**
 * The least odds a bet accepts given a slippage tolerance in basis points: the payout part
 * (odds − 1) shrinks by the tolerance, the stake part does not.
 */
export function minOddsWithSlippage(odds: bigint, toleranceBps: bigint): bigint {
  if (odds <= ODDS_SCALE) return odds;
  const profit = odds - ODDS_SCALE;
  return ODDS_SCALE + (profit * (BPS_DENOMINATOR - toleranceBps)) / BPS_DENOMINATOR;
}

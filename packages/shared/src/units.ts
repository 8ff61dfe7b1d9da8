/**
 * The protocol's fixed-point units, one name per quantity. Every package imports these instead
 * of writing `1_000_000n` or `10n ** 6n`; the Solidity names they mirror are in docs/protocol.md.
 *
 * - Collateral (tUSD) has 6 decimals; one outcome share has the same 6 decimals because it is
 *   split from one collateral unit.
 * - An order-book price is collateral per share scaled by PRICE_SCALE: 0.55 = 550_000.
 * - Pool odds and probabilities are 12-decimal fixed point (Solidity `PoolOdds.ODDS_ONE`,
 *   `PoolOdds.PROBABILITY_ONE`): decimal odds 2.5 = 2_500_000_000_000.
 * - Fee rates, margins and fractions are basis points over BPS_DENOMINATOR.
 */

export const COLLATERAL_DECIMALS = 6;
/** Base units in one whole collateral token (1 tUSD). */
export const COLLATERAL_UNIT = 10n ** BigInt(COLLATERAL_DECIMALS);
/** Base units in one whole outcome share (split from one collateral token). */
export const SHARE_UNIT = COLLATERAL_UNIT;

/** A price of 1.0 (one collateral per share, certainty) in price units. */
export const PRICE_SCALE = 1_000_000n;
/**
 * PRICE_SCALE as a JS number, for code that keeps prices in `number` (the operator's matching
 * engine and its int4 price columns). Prices fit in 2^31, so the conversion is exact.
 */
export const PRICE_SCALE_NUMBER = Number(PRICE_SCALE);

/** Denominator of every basis-point quantity (fee rates, margins, withdrawal fractions). */
export const BPS_DENOMINATOR = 10_000n;

export const ODDS_DECIMALS = 12;
/** Decimal odds of 1.0 (stake back, no profit) in the pool's fixed point. */
export const ODDS_SCALE = 10n ** BigInt(ODDS_DECIMALS);
/** A probability of 1 (certainty) in the pool's fixed point; a market's outcome probabilities sum to it. */
export const PROBABILITY_SCALE = 10n ** 12n;

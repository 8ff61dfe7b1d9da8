/**
 * Market (FOK/FAK) orders as Polymarket's client signs them: `createMarketOrder` rounds the
 * amounts to its decimals, so `makerAmount / takerAmount` is rarely an exact tick price. Such an
 * order never rests, so it is booked at its limit price rounded to the tick against the taker
 * (a BUY never pays more, a SELL never gets less than it signed) and its size rounded down to
 * the lot. The exchange checks a taker's fill against the signed ratio (cross-multiplied), which
 * these terms never beat, and lot sizes at a tick price give exact collateral.
 */
import { LOT_SIZE_UNITS, PRICE_SCALE, Side } from "@forkcast/shared";

export interface MarketOrderTerms {
  readonly price: bigint;
  readonly shares: bigint;
  readonly collateral: bigint;
}

export function marketOrderTerms(
  side: number,
  makerAmount: bigint,
  takerAmount: bigint,
  tick: bigint,
): MarketOrderTerms | undefined {
  const buy = side === Side.BUY;
  const signedShares = buy ? takerAmount : makerAmount;
  const signedCollateral = buy ? makerAmount : takerAmount;
  if (signedShares === 0n) return undefined;
  const shares = signedShares - (signedShares % LOT_SIZE_UNITS);
  const scaled = signedCollateral * PRICE_SCALE;
  // BUY: the highest tick price not above the signed ratio; SELL: the lowest not below it.
  const price = buy
    ? (scaled / signedShares / tick) * tick
    : ((scaled + signedShares * tick - 1n) / (signedShares * tick)) * tick;
  if (shares === 0n || price <= 0n || price >= PRICE_SCALE) return undefined;
  return { price, shares, collateral: (shares * price) / PRICE_SCALE };
}

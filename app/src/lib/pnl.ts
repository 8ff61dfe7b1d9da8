/** Position accounting with the average-cost method. Amounts and prices in 6-decimal base units. */
import { PRICE_SCALE, BPS_DENOMINATOR } from "@forkcast/shared";

export interface Fill {
  side: "buy" | "sell";
  shares: bigint;
  price: bigint;
}

export interface Position {
  shares: bigint;
  /** Average entry price of the shares still held; 0 when flat. */
  averagePrice: bigint;
  /** Collateral paid for the shares still held. */
  costBasis: bigint;
  /** Gains already locked in by sells (and redemptions recorded as sells at the payout price). */
  realized: bigint;
}

export const FLAT: Position = { shares: 0n, averagePrice: 0n, costBasis: 0n, realized: 0n };

/** Applies one fill. A sell larger than the holding is capped at the holding (positions never go short). */
export function applyFill(position: Position, fill: Fill): Position {
  if (fill.shares <= 0n) return position;
  if (fill.side === "buy") {
    const shares = position.shares + fill.shares;
    const costBasis = position.costBasis + (fill.shares * fill.price) / PRICE_SCALE;
    return { shares, costBasis, averagePrice: (costBasis * PRICE_SCALE) / shares, realized: position.realized };
  }
  const sold = fill.shares < position.shares ? fill.shares : position.shares;
  if (sold === 0n) return position;
  const costOfSold = (position.costBasis * sold) / position.shares;
  const proceeds = (sold * fill.price) / PRICE_SCALE;
  const shares = position.shares - sold;
  const costBasis = position.costBasis - costOfSold;
  return {
    shares,
    costBasis,
    averagePrice: shares > 0n ? position.averagePrice : 0n,
    realized: position.realized + proceeds - costOfSold,
  };
}

export function positionFromFills(fills: readonly Fill[]): Position {
  return fills.reduce(applyFill, FLAT);
}

/** Value of the held shares at a mark price. */
export function marketValue(position: Position, markPrice: bigint): bigint {
  return (position.shares * markPrice) / PRICE_SCALE;
}

/** Unrealized P&L at a mark price: value − cost basis. */
export function unrealizedPnl(position: Position, markPrice: bigint): bigint {
  return marketValue(position, markPrice) - position.costBasis;
}

/** P&L as basis points of cost basis (0 when flat). */
export function pnlPercentBps(pnl: bigint, costBasis: bigint): bigint {
  return costBasis > 0n ? (pnl * BPS_DENOMINATOR) / costBasis : 0n;
}

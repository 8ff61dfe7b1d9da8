/**
 * Independent reference for the exchange's fee rule, written from the formula rather than from
 * the contract: the fee's value is `feeRateBps / 10_000 * min(p, 1 - p) * shares` in collateral,
 * with p the order's signed price (collateral per token). A SELL pays it in collateral; a BUY
 * pays it in tokens at its own price, i.e. the value divided by p. Rounded up to a base unit.
 */
import { BPS_DENOMINATOR } from "@forkcast/shared";
import { Side } from "./orders.js";

export interface FeeInput {
  side: number;
  makerAmount: bigint;
  takerAmount: bigint;
  feeRateBps: bigint;
}

/** A non-negative rational number. */
interface Fraction {
  num: bigint;
  den: bigint;
}

const mul = (a: Fraction, b: Fraction): Fraction => ({ num: a.num * b.num, den: a.den * b.den });
const div = (a: Fraction, b: Fraction): Fraction => ({ num: a.num * b.den, den: a.den * b.num });
const min = (a: Fraction, b: Fraction): Fraction => (a.num * b.den <= b.num * a.den ? a : b);
const ceil = (a: Fraction): bigint => (a.num + a.den - 1n) / a.den;

/** The order's signed price, collateral per token. */
export function orderPrice(order: FeeInput): Fraction {
  return order.side === Side.BUY
    ? { num: order.makerAmount, den: order.takerAmount }
    : { num: order.takerAmount, den: order.makerAmount };
}

/**
 * Fee for a fill that trades `shares` tokens (received on a BUY, given on a SELL), in the asset
 * the order receives (tokens on a BUY, collateral on a SELL).
 */
export function expectedFee(order: FeeInput, shares: bigint): bigint {
  if (order.feeRateBps === 0n || shares === 0n) return 0n;
  const p = orderPrice(order);
  const oneMinusP: Fraction = { num: p.den - p.num, den: p.den };
  const rate: Fraction = { num: order.feeRateBps, den: BPS_DENOMINATOR };
  const valueInCollateral = mul(mul(rate, min(p, oneMinusP)), { num: shares, den: 1n });
  if (valueInCollateral.num === 0n) return 0n;
  return ceil(order.side === Side.BUY ? div(valueInCollateral, p) : valueInCollateral);
}

/** What an order receives for giving `making`, before its fee: at least its signed price, rounded up. */
export function expectedTaking(order: FeeInput, making: bigint): bigint {
  return ceil({ num: making * order.takerAmount, den: order.makerAmount });
}

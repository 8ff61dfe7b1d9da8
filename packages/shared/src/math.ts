/**
 * Price, amount and fee math for the order book. All values are bigint base units:
 * - collateral and shares: 6 decimals (1 share = 1_000_000 units, redeemable for at most 1 collateral unit-dollar);
 * - prices: collateral per share scaled by PRICE_SCALE (1.0 = 1_000_000), so 0.55 = 550_000.
 */
import { Side, type Order } from "./order.js";
import { BPS_DENOMINATOR, COLLATERAL_DECIMALS, PRICE_SCALE, SHARE_UNIT } from "./units.js";

/** The exchange rejects orders signed with a higher fee rate. */
export const MAX_FEE_RATE_BPS = 1_000n;

/** Tick sizes Polymarket uses, in price units. */
export const TICK_SIZES = {
  "0.1": 100_000n,
  "0.01": 10_000n,
  "0.001": 1_000n,
  "0.0001": 100n,
} as const;
export type TickSize = keyof typeof TICK_SIZES;

/** Share amounts must be a multiple of this lot (0.01 share), which keeps collateral exact at any tick ≥ 0.0001. */
export const LOT_SIZE_UNITS = 10_000n;

export interface OrderTerms {
  /** Limit price in price units. Exact only when `exact` is true. */
  readonly price: bigint;
  /** Shares bought (BUY) or sold (SELL), in base units. */
  readonly shares: bigint;
  /** Collateral paid (BUY) or asked (SELL), in base units. */
  readonly collateral: bigint;
  /** True when collateral × PRICE_SCALE = price × shares with no remainder. */
  readonly exact: boolean;
}

/** Price, size and collateral an order's amounts imply. BUY gives collateral for shares; SELL gives shares for collateral. */
export function orderTerms(order: Pick<Order, "side" | "makerAmount" | "takerAmount">): OrderTerms {
  const shares = order.side === Side.BUY ? order.takerAmount : order.makerAmount;
  const collateral = order.side === Side.BUY ? order.makerAmount : order.takerAmount;
  if (shares === 0n) return { price: 0n, shares, collateral, exact: false };
  const scaled = collateral * PRICE_SCALE;
  return { price: scaled / shares, shares, collateral, exact: scaled % shares === 0n };
}

export function isOnTick(price: bigint, tick: bigint): boolean {
  return price > 0n && price < PRICE_SCALE && price % tick === 0n;
}

/** Collateral for `shares` at `price`, rounded down (pays the smaller side; use for what the protocol gives out). */
export function collateralFloor(shares: bigint, price: bigint): bigint {
  return (shares * price) / PRICE_SCALE;
}

/** Collateral for `shares` at `price`, rounded up (use for what the protocol takes in). */
export function collateralCeil(shares: bigint, price: bigint): bigint {
  return (shares * price + PRICE_SCALE - 1n) / PRICE_SCALE;
}

/**
 * makerAmount/takerAmount for a limit order of `shares` at `price`.
 * Throws when the collateral would not be exact (shares not a multiple of LOT_SIZE_UNITS at a fine tick).
 */
export function orderAmounts(side: Side, price: bigint, shares: bigint): { makerAmount: bigint; takerAmount: bigint } {
  if (price <= 0n || price > PRICE_SCALE) throw new RangeError(`price must be in (0, 1]: ${price}`);
  if (shares <= 0n) throw new RangeError(`shares must be positive: ${shares}`);
  const scaled = shares * price;
  if (scaled % PRICE_SCALE !== 0n)
    throw new RangeError(`collateral for ${shares} shares at ${price} is not a whole unit`);
  const collateral = scaled / PRICE_SCALE;
  return side === Side.BUY
    ? { makerAmount: collateral, takerAmount: shares }
    : { makerAmount: shares, takerAmount: collateral };
}

/** The price of the complementary outcome: 1 − p. */
export function complementPrice(price: bigint): bigint {
  return PRICE_SCALE - price;
}

/**
 * Fee an order pays on a fill, in the asset it receives, rounded UP (the fee recipient's favour,
 * at most one base unit), exactly as the exchange computes it.
 * Value in collateral: feeRateBps × min(p, 1 − p) × shares / 10_000, p the order's signed price.
 * A SELL receives collateral and pays that; a BUY receives shares and pays it in shares at its
 * price (÷ p). Both reduce to feeRateBps × min(C, S − C) × shares / (makerAmount × 10_000), with C
 * the order's collateral leg and S its share leg, so no rounded price is involved.
 * `shares` are the shares this fill trades (received on a BUY, given on a SELL).
 */
export function feeAmount(
  order: Pick<Order, "side" | "makerAmount" | "takerAmount" | "feeRateBps">,
  shares: bigint,
): bigint {
  if (order.feeRateBps === 0n || shares === 0n) return 0n;
  const buy = order.side === Side.BUY;
  const collateralLeg = buy ? order.makerAmount : order.takerAmount;
  const shareLeg = buy ? order.takerAmount : order.makerAmount;
  const complementLeg = shareLeg - collateralLeg;
  const minLeg = collateralLeg < complementLeg ? collateralLeg : complementLeg;
  const numerator = order.feeRateBps * minLeg * shares;
  const denominator = order.makerAmount * BPS_DENOMINATOR;
  return (numerator + denominator - 1n) / denominator;
}

/** The fee's value in collateral for `shares` at `price` (display): feeRateBps × min(p, 1 − p) × shares / 10_000, rounded up. */
export function feeValue(feeRateBps: bigint, price: bigint, shares: bigint): bigint {
  const edge = price < PRICE_SCALE - price ? price : PRICE_SCALE - price;
  const denominator = BPS_DENOMINATOR * PRICE_SCALE;
  return (feeRateBps * edge * shares + denominator - 1n) / denominator;
}

/** "0.55" for 550_000n: shortest decimal form of a price (or any 6-decimal amount). */
export function formatUnits6(value: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / SHARE_UNIT;
  const fraction = (abs % SHARE_UNIT).toString().padStart(COLLATERAL_DECIMALS, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

/** Parses "0.55" into 550_000n; rejects more than 6 decimals. */
export function parseUnits6(text: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!match) throw new RangeError(`not a decimal with at most 6 places: ${text}`);
  const whole = BigInt(match[1] ?? "0");
  const fraction = BigInt((match[2] ?? "").padEnd(COLLATERAL_DECIMALS, "0"));
  return whole * SHARE_UNIT + fraction;
}

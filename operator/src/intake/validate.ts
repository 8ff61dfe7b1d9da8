/**
 * Stateless order checks: everything decidable from the order, the market and the clock.
 * Chain-dependent checks (signature, nonce, funds) live in the intake pipeline.
 */
import {
  isOnTick,
  LOT_SIZE_UNITS,
  orderTerms,
  SignatureType,
  ZERO_ADDRESS,
  type SignedOrder,
  PRICE_SCALE,
} from "@forkcast/shared";

import { ApiError } from "../errors.js";
import { marketOrderTerms } from "../polymarket/market-orders.js";
import type { OrderType } from "../engine/types.js";

export interface MarketRules {
  readonly marketId: string;
  readonly outcome: 0 | 1;
  readonly tickSize: number;
  readonly minSize: bigint;
  readonly feeRateBps: number;
  readonly open: boolean;
}

export interface CheckedTerms {
  readonly price: number;
  readonly shares: bigint;
  readonly collateral: bigint;
}

/** Orders expiring sooner than this are refused: they could not settle in time. */
export const MIN_EXPIRY_HEADROOM_SECONDS = 10;

export function checkOrder(
  order: SignedOrder,
  orderType: OrderType,
  postOnly: boolean,
  rules: MarketRules | undefined,
  nowSeconds: number,
): CheckedTerms {
  if (
    order.signatureType === SignatureType.POLY_PROXY ||
    order.signatureType === SignatureType.POLY_GNOSIS_SAFE ||
    order.signatureType > SignatureType.POLY_1271
  ) {
    throw new ApiError(
      "UNSUPPORTED_SIGNATURE_TYPE",
      `signatureType ${order.signatureType} is not supported: use 0 (EOA) or 3 (EIP-1271 wallet)`,
    );
  }
  if (order.signer.toLowerCase() !== order.maker.toLowerCase()) {
    throw new ApiError(
      "SIGNER_NOT_MAKER",
      "signer must equal maker (the exchange accepts EOA and EIP-1271 makers signing for themselves)",
    );
  }
  if (order.taker.toLowerCase() !== ZERO_ADDRESS) {
    throw new ApiError(
      "PRIVATE_ORDER_UNSUPPORTED",
      "taker must be the zero address: the operator only books public orders",
    );
  }
  if (
    order.makerAmount === 0n ||
    order.takerAmount === 0n ||
    order.makerAmount >= 1n << 128n ||
    order.takerAmount >= 1n << 128n
  ) {
    throw new ApiError("INVALID_AMOUNTS", "makerAmount and takerAmount must be positive and below 2^128");
  }
  if (!rules) throw new ApiError("TOKEN_NOT_REGISTERED", `token ${order.tokenId} is not traded on this operator`);
  if (!rules.open) throw new ApiError("MARKET_CLOSED", `market ${rules.marketId} is closed for trading`);
  if (BigInt(rules.feeRateBps) !== order.feeRateBps) {
    throw new ApiError(
      "FEE_RATE_MISMATCH",
      `feeRateBps must be ${rules.feeRateBps} for this market (got ${order.feeRateBps})`,
    );
  }
  const exactTerms = orderTerms(order);
  const tick = BigInt(rules.tickSize);
  // FOK/FAK amounts from Polymarket's client need not imply an exact tick price: see market-orders.ts.
  const roundable =
    (orderType === "FOK" || orderType === "FAK") &&
    (!exactTerms.exact || !isOnTick(exactTerms.price, tick) || exactTerms.shares % LOT_SIZE_UNITS !== 0n);
  const rounded = roundable ? marketOrderTerms(order.side, order.makerAmount, order.takerAmount, tick) : undefined;
  if (roundable && !rounded)
    throw new ApiError(
      "INVALID_PRICE",
      "makerAmount/takerAmount of this market order round to no tick price strictly between 0 and 1 or to no whole lot",
    );
  const terms = rounded ? { ...rounded, exact: true } : exactTerms;
  if (!terms.exact || terms.price <= 0n || terms.price >= PRICE_SCALE) {
    throw new ApiError("INVALID_PRICE", "makerAmount/takerAmount must imply an exact price strictly between 0 and 1");
  }
  if (!isOnTick(terms.price, BigInt(rules.tickSize))) {
    throw new ApiError(
      "INVALID_TICK_SIZE",
      `price ${terms.price} is not a multiple of the tick size ${rules.tickSize} (price units of 1e-6)`,
    );
  }
  if (terms.shares % LOT_SIZE_UNITS !== 0n) {
    throw new ApiError("INVALID_SIZE", `size must be a multiple of ${LOT_SIZE_UNITS} base units (0.01 share)`);
  }
  if (terms.shares < rules.minSize) {
    throw new ApiError(
      "BELOW_MIN_SIZE",
      `size ${terms.shares} is below the market minimum ${rules.minSize} base units`,
    );
  }
  if (orderType === "GTD" && order.expiration === 0n)
    throw new ApiError("INVALID_EXPIRATION", "GTD orders need a non-zero expiration");
  if (order.expiration !== 0n && order.expiration < BigInt(nowSeconds + MIN_EXPIRY_HEADROOM_SECONDS)) {
    throw new ApiError("ORDER_EXPIRED", `expiration must be at least ${MIN_EXPIRY_HEADROOM_SECONDS} s in the future`);
  }
  if (order.expiration > BigInt(Number.MAX_SAFE_INTEGER))
    throw new ApiError("INVALID_EXPIRATION", "expiration is too far in the future");
  if (postOnly && (orderType === "FOK" || orderType === "FAK")) {
    throw new ApiError("INVALID_ORDER", "postOnly applies to resting orders (GTC, GTD) only");
  }
  return { price: Number(terms.price), shares: terms.shares, collateral: terms.collateral };
}

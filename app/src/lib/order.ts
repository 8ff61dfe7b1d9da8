/**
 * Turns a trade-ticket quote into the exchange Order the operator accepts, and the operator's
 * order and cancel request bodies. Pure: the caller supplies maker, nonce, fee, salt and clock.
 */
import {
  LOT_SIZE_UNITS,
  type Order,
  type OrderJson,
  Side as OrderSide,
  ZERO_ADDRESS,
  SignatureType,
  isOnTick,
  orderAmounts,
  orderToJson,
  PRICE_SCALE,
} from "@forkcast/shared";
import type { Address, Hex } from "viem";

import { offTickMessage } from "./price.ts";
import type { Side, TimeInForce } from "./ticket.ts";

/** GTD orders placed from the ticket expire this long after signing. */
export const GTD_LIFETIME_SECONDS = 3_600n;

export interface OrderDraft {
  side: Side;
  tif: TimeInForce;
  /** Limit price (for market orders: the worst acceptable price from the book), 6 decimals. */
  price: bigint;
  /** Shares in base units (10^6 = one share). */
  shares: bigint;
  tokenId: bigint;
  tickSize: bigint;
}

export interface OrderContext {
  maker: Address;
  nonce: bigint;
  feeRateBps: bigint;
  salt: bigint;
  /** Unix seconds, for GTD expiration. */
  now: bigint;
}

export type BuildResult = { ok: true; order: Order } | { ok: false; reason: string };

/** Rounds shares down to the exchange's lot (0.01 share). */
export function roundToLot(shares: bigint): bigint {
  return shares - (shares % LOT_SIZE_UNITS);
}

export function buildOrder(draft: OrderDraft, ctx: OrderContext): BuildResult {
  if (draft.price <= 0n || draft.price >= PRICE_SCALE)
    return { ok: false, reason: "Price must be between 0¢ and 100¢" };
  if (!isOnTick(draft.price, draft.tickSize)) return { ok: false, reason: offTickMessage(draft.tickSize) };
  if (draft.shares <= 0n) return { ok: false, reason: "Enter an amount above zero" };
  if (draft.shares % LOT_SIZE_UNITS !== 0n) return { ok: false, reason: "Shares must be a multiple of 0.01" };
  const side = draft.side === "buy" ? OrderSide.BUY : OrderSide.SELL;
  let amounts: { makerAmount: bigint; takerAmount: bigint };
  try {
    amounts = orderAmounts(side, draft.price, draft.shares);
  } catch {
    return { ok: false, reason: "This size at this price is not a whole tUSD amount; adjust the size" };
  }
  return {
    ok: true,
    order: {
      salt: ctx.salt,
      maker: ctx.maker,
      signer: ctx.maker,
      taker: ZERO_ADDRESS,
      tokenId: draft.tokenId,
      ...amounts,
      expiration: draft.tif === "GTD" ? ctx.now + GTD_LIFETIME_SECONDS : 0n,
      nonce: ctx.nonce,
      feeRateBps: ctx.feeRateBps,
      side,
      signatureType: SignatureType.EOA,
    },
  };
}

/** A random 64-bit salt (the operator's hasher takes salts below 2^64 fastest; any uint256 is valid). */
export function randomSalt(): bigint {
  const words = crypto.getRandomValues(new Uint32Array(2));
  return (BigInt(words[0] ?? 0) << 32n) | BigInt(words[1] ?? 0);
}

export interface PostOrderBody {
  order: OrderJson;
  orderType: TimeInForce;
  postOnly: boolean;
}

export function postOrderBody(order: Order, signature: Hex, orderType: TimeInForce, postOnly: boolean): PostOrderBody {
  return {
    order: orderToJson({ ...order, signature }),
    orderType,
    // Post-only applies to resting orders only; the operator rejects it on FOK/FAK.
    postOnly: postOnly && (orderType === "GTC" || orderType === "GTD"),
  };
}

/**
 * The signed order an orders row stores, both ways: `orderColumns` writes a `SignedOrder` into
 * the row's columns and `orderFromColumns` reads it back. The one place that knows how the
 * exchange's fields map to columns (decimal text for uint256s, int4 for the small ones).
 */
import { type SignedOrder, ZERO_ADDRESS } from "@forkcast/shared";
import type { Address, Hex } from "viem";

import type { OrderRow } from "./rows.js";

/** The columns of an orders row that hold the signed order. */
export type SignedOrderColumns = Pick<
  OrderRow,
  | "maker"
  | "signer"
  | "token_id"
  | "side"
  | "expiration"
  | "salt"
  | "maker_amount"
  | "taker_amount"
  | "nonce"
  | "fee_rate_bps"
  | "signature_type"
  | "signature"
>;

/** The row columns of `order`. The taker is not stored: the operator books public orders only. */
export function orderColumns(order: SignedOrder): SignedOrderColumns {
  return {
    maker: order.maker,
    signer: order.signer,
    token_id: order.tokenId.toString(),
    side: order.side,
    expiration: Number(order.expiration),
    salt: order.salt.toString(),
    maker_amount: order.makerAmount.toString(),
    taker_amount: order.takerAmount.toString(),
    nonce: order.nonce.toString(),
    fee_rate_bps: Number(order.feeRateBps),
    signature_type: order.signatureType,
    signature: order.signature,
  };
}

/** The signed order a row stores (its taker is the zero address, as intake required). */
export function orderFromColumns(row: SignedOrderColumns): SignedOrder {
  return {
    salt: BigInt(row.salt),
    maker: row.maker as Address,
    signer: row.signer as Address,
    taker: ZERO_ADDRESS,
    tokenId: BigInt(row.token_id),
    makerAmount: BigInt(row.maker_amount),
    takerAmount: BigInt(row.taker_amount),
    expiration: BigInt(row.expiration),
    nonce: BigInt(row.nonce),
    feeRateBps: BigInt(row.fee_rate_bps),
    side: row.side as SignedOrder["side"],
    signatureType: row.signature_type as SignedOrder["signatureType"],
    signature: row.signature as Hex,
  };
}

/**
 * How a signed order crosses to a signature-check worker thread and back: a flat array with the
 * uint256s as decimal strings (one structured clone of a few strings, no object per field), and
 * the worker's answer. `orderToWire` and `orderFromWire` are the one mapping each way.
 */
import type { SignedOrder } from "@forkcast/shared";
import type { Address, Hex } from "viem";

export type WireOrder = [
  id: number,
  salt: string,
  maker: string,
  signer: string,
  taker: string,
  tokenId: string,
  makerAmount: string,
  takerAmount: string,
  expiration: string,
  nonce: string,
  feeRateBps: string,
  side: number,
  signatureType: number,
  signature: string,
];
export type WireResult = [id: number, hash: string, valid: boolean];

/** Request `id` to check `order`'s signature. */
export function orderToWire(id: number, order: SignedOrder): WireOrder {
  return [
    id,
    order.salt.toString(),
    order.maker,
    order.signer,
    order.taker,
    order.tokenId.toString(),
    order.makerAmount.toString(),
    order.takerAmount.toString(),
    order.expiration.toString(),
    order.nonce.toString(),
    order.feeRateBps.toString(),
    order.side,
    order.signatureType,
    order.signature,
  ];
}

/** The order a request carries (the main thread built it with `orderToWire`). */
export function orderFromWire(w: WireOrder): SignedOrder {
  return {
    salt: BigInt(w[1]),
    maker: w[2] as Address,
    signer: w[3] as Address,
    taker: w[4] as Address,
    tokenId: BigInt(w[5]),
    makerAmount: BigInt(w[6]),
    takerAmount: BigInt(w[7]),
    expiration: BigInt(w[8]),
    nonce: BigInt(w[9]),
    feeRateBps: BigInt(w[10]),
    side: w[11] as SignedOrder["side"],
    signatureType: w[12] as SignedOrder["signatureType"],
    signature: w[13] as Hex,
  };
}

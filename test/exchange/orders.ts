/**
 * Order model of the exchange for TypeScript callers: the EIP-712 types (Polymarket CTF Exchange
 * V1, field for field), a builder with defaults and a signer that works with any viem account or
 * wallet client.
 */
import { ORDER_TYPES, SignatureType } from "@forkcast/shared";
import type { Address, Hex, TypedDataDomain } from "viem";

// The EIP-712 types and enums are the shared package's, the one definition the app and the
// operator sign with; the exchange's own tests pin its typehash to the literal type string.
export { ORDER_TYPES, Side, SignatureType } from "@forkcast/shared";

export interface UnsignedOrder {
  salt: bigint;
  maker: Address;
  signer: Address;
  taker: Address;
  tokenId: bigint;
  makerAmount: bigint;
  takerAmount: bigint;
  expiration: bigint;
  nonce: bigint;
  feeRateBps: bigint;
  side: number;
  signatureType: number;
}

export interface SignedOrder extends UnsignedOrder {
  signature: Hex;
}

export const ZERO_ADDRESS: Address = "0x0000000000000000000000000000000000000000";

/** An EOA order with Polymarket-like defaults: public, no expiry, nonce 0, no fee. */
export function buildOrder(
  fields: Pick<UnsignedOrder, "maker" | "tokenId" | "makerAmount" | "takerAmount" | "side"> & Partial<UnsignedOrder>,
): UnsignedOrder {
  return {
    salt: fields.salt ?? 1n,
    signer: fields.signer ?? fields.maker,
    taker: fields.taker ?? ZERO_ADDRESS,
    expiration: fields.expiration ?? 0n,
    nonce: fields.nonce ?? 0n,
    feeRateBps: fields.feeRateBps ?? 0n,
    signatureType: fields.signatureType ?? SignatureType.EOA,
    ...fields,
  };
}

export function exchangeDomain(
  chainId: number,
  verifyingContract: Address,
  name = "Forkcast",
  version = "1",
): TypedDataDomain {
  return { name, version, chainId, verifyingContract };
}

/** Anything with viem's `signTypedData` shape: a LocalAccount, or a wallet client bound to an account. */
export type TypedDataSigner = (args: {
  domain: TypedDataDomain;
  types: typeof ORDER_TYPES;
  primaryType: "Order";
  message: UnsignedOrder;
}) => Promise<Hex>;

export async function signOrder(
  sign: TypedDataSigner,
  domain: TypedDataDomain,
  order: UnsignedOrder,
): Promise<SignedOrder> {
  const signature = await sign({ domain, types: ORDER_TYPES, primaryType: "Order", message: order });
  return { ...order, signature };
}

/**
 * The exchange's signed limit order, wire-compatible with Polymarket's CTF Exchange V1.
 * Amounts are bigint base units end to end (collateral has 6 decimals; one outcome share is
 * 10^6 base units because positions are split from 6-decimal collateral).
 */
import type { Address, Hex } from "viem";

export const Side = { BUY: 0, SELL: 1 } as const;
export type Side = (typeof Side)[keyof typeof Side];

/** 0 = EOA (ECDSA, signer == maker); 3 = EIP-1271 smart-contract wallet. 1 and 2 are Polymarket's proxy types, unsupported. */
export const SignatureType = { EOA: 0, POLY_PROXY: 1, POLY_GNOSIS_SAFE: 2, POLY_1271: 3 } as const;
export type SignatureType = (typeof SignatureType)[keyof typeof SignatureType];

export interface Order {
  readonly salt: bigint;
  readonly maker: Address;
  readonly signer: Address;
  readonly taker: Address;
  readonly tokenId: bigint;
  readonly makerAmount: bigint;
  readonly takerAmount: bigint;
  readonly expiration: bigint;
  readonly nonce: bigint;
  readonly feeRateBps: bigint;
  readonly side: Side;
  readonly signatureType: SignatureType;
}

export interface SignedOrder extends Order {
  readonly signature: Hex;
}

export const ZERO_ADDRESS: Address = "0x0000000000000000000000000000000000000000";

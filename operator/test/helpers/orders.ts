/** Builds and signs orders for tests and benchmarks; signing uses native secp256k1 on the fast hash. */
import {
  OrderHasher,
  orderAmounts,
  exchangeDomain,
  Side,
  SignatureType,
  ZERO_ADDRESS,
  type Order,
  type SignedOrder,
} from "@forkcast/shared";
import { orderToJson } from "@forkcast/shared/protocol";
import secp256k1 from "secp256k1";
import { hexToBytes, toHex, type Address, type Hex } from "viem";

export interface OrderSpec {
  readonly tokenId: bigint;
  readonly side: 0 | 1;
  /** Price units (0.55 = 550_000). */
  readonly price: bigint;
  /** Shares in base units. */
  readonly shares: bigint;
  readonly nonce?: bigint;
  readonly expiration?: bigint;
  readonly feeRateBps?: bigint;
  readonly salt?: bigint;
}

let saltCounter = BigInt(Date.now()) * 1000n;

/** A public EOA order of `maker` (its own signer); a fresh salt unless the spec names one. */
export function buildOrder(maker: Address, spec: OrderSpec): Order {
  return {
    salt: spec.salt ?? ++saltCounter,
    maker,
    signer: maker,
    taker: ZERO_ADDRESS,
    tokenId: spec.tokenId,
    ...orderAmounts(spec.side, spec.price, spec.shares),
    expiration: spec.expiration ?? 0n,
    nonce: spec.nonce ?? 0n,
    feeRateBps: spec.feeRateBps ?? 0n,
    side: spec.side === 0 ? Side.BUY : Side.SELL,
    signatureType: SignatureType.EOA,
  };
}

/** ECDSA over the order's EIP-712 digest under `hasher`, with v as 27/28 (what the exchange takes). */
export function signOrder(hasher: OrderHasher, key: Hex, order: Order): SignedOrder {
  const { signature, recid } = secp256k1.ecdsaSign(hasher.hashBytes(order), hexToBytes(key));
  const bytes = new Uint8Array(65);
  bytes.set(signature, 0);
  bytes[64] = 27 + recid;
  return { ...order, signature: toHex(bytes) };
}

export class OrderSigner {
  readonly hasher: OrderHasher;
  constructor(chainId: number, exchange: Address) {
    this.hasher = new OrderHasher(exchangeDomain(chainId, exchange));
  }

  build(maker: Address, spec: OrderSpec): Order {
    return buildOrder(maker, spec);
  }

  sign(key: Hex, order: Order): SignedOrder {
    return signOrder(this.hasher, key, order);
  }

  signed(key: Hex, maker: Address, spec: OrderSpec): SignedOrder {
    return this.sign(key, this.build(maker, spec));
  }
}

/** The POST /order body for a signed order. */
export function orderBody(
  order: SignedOrder,
  orderType: "GTC" | "GTD" | "FOK" | "FAK" = "GTC",
  postOnly = false,
): Record<string, unknown> {
  return { order: orderToJson(order), orderType, postOnly };
}

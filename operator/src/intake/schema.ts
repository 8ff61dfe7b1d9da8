/**
 * Wire schemas for order intake and cancels: Polymarket's CLOB body shapes where they fit
 * (`{ order, owner, orderType }`, side as "BUY"/"SELL" or 0/1, integers as decimal strings).
 */
import { z } from "zod";

import type { SignedOrder } from "@forkcast/shared";

const uint = z
  .union([
    z.string().regex(/^\d{1,78}$/, "must be a non-negative integer string"),
    z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  ])
  .transform((v) => BigInt(v))
  .refine((v) => v < 1n << 256n, "must fit in uint256");
const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "must be a 20-byte hex address")
  .transform((a) => a.toLowerCase() as `0x${string}`);
const side = z
  .union([z.literal("BUY"), z.literal("SELL"), z.literal(0), z.literal(1)])
  .transform((s) => (s === "BUY" || s === 0 ? 0 : 1) as 0 | 1);

export const orderSchema = z.object({
  salt: uint,
  maker: address,
  signer: address,
  taker: address,
  tokenId: uint,
  makerAmount: uint,
  takerAmount: uint,
  expiration: uint,
  nonce: uint,
  feeRateBps: uint,
  side,
  signatureType: z.number().int().min(0).max(255),
  signature: z
    .string()
    .regex(/^0x([0-9a-fA-F]{2})+$/, "must be 0x-prefixed hex bytes")
    .max(2 + 2 * 4096),
});

export const orderTypeSchema = z.enum(["GTC", "GTD", "FOK", "FAK"]);

export const postOrderSchema = z.object({
  order: orderSchema,
  owner: z.string().max(100).optional(),
  orderType: orderTypeSchema.default("GTC"),
  postOnly: z.boolean().default(false),
});
export type PostOrderBody = z.infer<typeof postOrderSchema>;

export const MAX_BATCH_ORDERS = 50;
export const postOrdersSchema = z.array(postOrderSchema).min(1).max(MAX_BATCH_ORDERS);

export function toSignedOrder(order: z.infer<typeof orderSchema>): SignedOrder {
  return {
    salt: order.salt,
    maker: order.maker,
    signer: order.signer,
    taker: order.taker,
    tokenId: order.tokenId,
    makerAmount: order.makerAmount,
    takerAmount: order.takerAmount,
    expiration: order.expiration,
    nonce: order.nonce,
    feeRateBps: order.feeRateBps,
    side: order.side,
    signatureType: order.signatureType as SignedOrder["signatureType"],
    signature: order.signature.toLowerCase() as `0x${string}`,
  };
}

const bytes32 = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, "must be 32-byte hex")
  .transform((h) => h.toLowerCase() as `0x${string}`);

/** What the maker signs to cancel: scope 0 = the listed hashes, 1 = all, 2 = all in `market`. */
export const cancelSchema = z.object({
  maker: address,
  scope: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  orderHashes: z.array(bytes32).max(500).default([]),
  market: bytes32.default(`0x${"0".repeat(64)}`),
  timestamp: uint,
  signature: z
    .string()
    .regex(/^0x([0-9a-fA-F]{2})+$/)
    .max(2 + 2 * 4096),
});
export type CancelBody = z.infer<typeof cancelSchema>;

/**
 * The signed order on the wire, and the bodies that carry orders and cancels to the operator.
 * The JSON form is Polymarket's (every integer a decimal string, side "BUY"/"SELL"); parsing it
 * yields the exchange's `SignedOrder` directly (bigint amounts, lower-cased hex), and
 * `orderToJson` is the way back: the one pair of mappings between the two forms.
 */
import type { Address, Hex } from "viem";
import { z } from "zod/v4";

import { Side, type SignatureType, type SignedOrder } from "../order.js";
import { address, bytes32, signatureHex, uint256 } from "./fields.js";

/** Orders per `POST /orders`. */
export const MAX_BATCH_ORDERS = 50;
/** Hashes per scope-0 cancel. */
export const MAX_CANCEL_HASHES = 500;

const side = z
  .union([z.literal("BUY"), z.literal("SELL"), z.literal(0), z.literal(1)])
  .transform((s): Side => (s === "BUY" || s === 0 ? Side.BUY : Side.SELL));

/**
 * Any uint8 parses, so that intake can answer the unsupported ones (1, 2, 4–255) with
 * UNSUPPORTED_SIGNATURE_TYPE rather than a schema error; the type names the supported set.
 */
const signatureType = z
  .number()
  .int()
  .min(0)
  .max(255)
  .transform((n) => n as SignatureType);

/** A signed order as JSON; parses into a `SignedOrder`. */
export const orderJsonSchema = z.object({
  salt: uint256,
  maker: address,
  signer: address,
  taker: address,
  tokenId: uint256,
  makerAmount: uint256,
  takerAmount: uint256,
  expiration: uint256,
  nonce: uint256,
  feeRateBps: uint256,
  side,
  signatureType,
  signature: signatureHex,
}) satisfies z.ZodType<SignedOrder, unknown>;

/** The canonical JSON form of a signed order (what `orderToJson` writes). */
export interface OrderJson {
  readonly salt: string;
  readonly maker: Address;
  readonly signer: Address;
  readonly taker: Address;
  readonly tokenId: string;
  readonly makerAmount: string;
  readonly takerAmount: string;
  readonly expiration: string;
  readonly nonce: string;
  readonly feeRateBps: string;
  readonly side: "BUY" | "SELL";
  readonly signatureType: SignatureType;
  readonly signature: Hex;
}

export function orderToJson(order: SignedOrder): OrderJson {
  return {
    salt: order.salt.toString(),
    maker: order.maker,
    signer: order.signer,
    taker: order.taker,
    tokenId: order.tokenId.toString(),
    makerAmount: order.makerAmount.toString(),
    takerAmount: order.takerAmount.toString(),
    expiration: order.expiration.toString(),
    nonce: order.nonce.toString(),
    feeRateBps: order.feeRateBps.toString(),
    side: order.side === Side.BUY ? "BUY" : "SELL",
    signatureType: order.signatureType,
    signature: order.signature,
  };
}

/** Parses an order's JSON; throws a ZodError naming each bad field. */
export function orderFromJson(json: unknown): SignedOrder {
  return orderJsonSchema.parse(json);
}

export const orderTypeSchema = z.enum(["GTC", "GTD", "FOK", "FAK"]);
export type OrderType = z.infer<typeof orderTypeSchema>;

/** `POST /order`: the signed order, its time in force, and post-only for resting orders. */
export const postOrderSchema = z.object({
  order: orderJsonSchema,
  /** Polymarket's API key id, sent by its client; optional for wallets. */
  owner: z.string().max(100).optional(),
  orderType: orderTypeSchema.default("GTC"),
  postOnly: z.boolean().default(false),
});
/** What a client sends to `POST /order`. */
export type PostOrderBody = z.input<typeof postOrderSchema>;
/** The same body once parsed: a `SignedOrder` and every default filled in. */
export type PostOrder = z.output<typeof postOrderSchema>;

export const postOrdersSchema = z.array(postOrderSchema).min(1).max(MAX_BATCH_ORDERS);

/** What the maker signs to cancel: scope 0 = the listed hashes, 1 = all, 2 = all in `market`. */
export const cancelSchema = z.object({
  maker: address,
  scope: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  orderHashes: z.array(bytes32).max(MAX_CANCEL_HASHES).default([]),
  market: bytes32.default(`0x${"0".repeat(64)}`),
  timestamp: uint256,
  signature: signatureHex,
});
/** What a client sends to the cancel routes. */
export type CancelRequestBody = z.input<typeof cancelSchema>;
/** The same body once parsed. */
export type CancelBody = z.output<typeof cancelSchema>;

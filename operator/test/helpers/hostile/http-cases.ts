/**
 * The shared ground of the hostile HTTP request generators: the case types, the deployed
 * stack's facts, and `HostileOrders`, which builds and signs well-formed orders from a seeded
 * PRNG so one seed always yields the same requests. The generators live next to this file by
 * concern (parsing, request shape, signatures, raw sockets). Every request must be refused with
 * a 4xx JSON error (`expect: "reject"`) unless it is a read whose parameters may happen to be
 * valid (`expect: "any"`).
 */
import { OrderHasher, exchangeDomain, Side, type Order, type SignedOrder } from "@forkcast/shared";
import { orderToJson } from "@forkcast/shared/protocol";
import { toHex, type Address, type Hex } from "viem";

import { buildOrder, signOrder } from "../orders.js";
import type { Prng } from "../prng.js";

export interface HttpCase {
  readonly category: string;
  readonly method: string;
  /** Path with query string, sent verbatim. */
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
  readonly expect: "reject" | "any";
  /** Hash of the order this request carries, when it parses as one: it must never be stored. */
  readonly orderHash?: Hex;
  /** What is wrong with it, when the category alone does not say. */
  readonly note?: string;
  /** Send on its own connection (a server may close it after refusing), not a shared keep-alive one. */
  readonly ownConnection?: boolean;
}

/** Bytes sent as they are on a fresh TCP connection (lying lengths, broken request lines). */
export interface RawCase {
  readonly category: string;
  readonly bytes: Buffer;
  /** The request is incomplete on purpose: no answer before the client gives up is fine. */
  readonly mayStayUnanswered: boolean;
  readonly note: string;
}

export interface Fixture {
  readonly chainId: number;
  readonly exchange: Address;
  readonly yes: bigint;
  readonly no: bigint;
  readonly conditionId: Hex;
  /** Funded and approved makers: [key, address]. */
  readonly funded: readonly (readonly [Hex, Address])[];
  /** Keys of accounts with no collateral and no approvals. */
  readonly unfunded: readonly (readonly [Hex, Address])[];
  /** An account holding collateral that never approved the exchange. */
  readonly unapproved: readonly [Hex, Address];
}

export const TWO_256 = 1n << 256n;
export const ORDER_FIELDS = [
  "salt",
  "maker",
  "signer",
  "taker",
  "tokenId",
  "makerAmount",
  "takerAmount",
  "expiration",
  "nonce",
  "feeRateBps",
  "side",
  "signatureType",
  "signature",
] as const;
/** The uint256 fields (decimal strings on the wire): all but addresses, enums and the signature. */
export const NUMERIC_FIELDS = ORDER_FIELDS.filter(
  (field) => !["maker", "signer", "taker", "side", "signatureType", "signature"].includes(field),
);
export const JSON_HEADERS = { "content-type": "application/json" };

let saltCounter = 7_000_000_000n;

export class HostileOrders {
  readonly hasher: OrderHasher;
  constructor(
    readonly fx: Fixture,
    readonly rng: Prng,
  ) {
    this.hasher = new OrderHasher(exchangeDomain(fx.chainId, fx.exchange));
  }

  /**
   * A well-formed order that would rest far from the action if accepted: BUY at 0.01–0.05
   * (or SELL at 0.95–0.99), never crossing the control orders the suite places at the end.
   */
  order(maker: Address, overrides: Partial<Order> = {}): Order {
    const side = this.rng.int(2) === 0 ? Side.BUY : Side.SELL;
    const price = side === Side.BUY ? BigInt(10_000 * (1 + this.rng.int(5))) : BigInt(10_000 * (95 + this.rng.int(5)));
    const shares = BigInt(1 + this.rng.int(20)) * 1_000_000n;
    const tokenId = this.rng.int(2) === 0 ? this.fx.yes : this.fx.no;
    return { ...buildOrder(maker, { tokenId, side, price, shares, salt: ++saltCounter }), ...overrides };
  }

  /** ECDSA over the order's EIP-712 digest under `hasher` (default: the real exchange domain). */
  sign(key: Hex, order: Order, hasher: OrderHasher = this.hasher): SignedOrder {
    return signOrder(hasher, key, order);
  }

  hash(order: Order): Hex {
    return toHex(this.hasher.hashBytes(order));
  }

  funded(): readonly [Hex, Address] {
    return this.rng.pick(this.fx.funded);
  }

  /** A validly signed, well-formed order of a funded maker, as a JSON body object. */
  signedBody(overrides: Partial<Order> = {}): { body: Record<string, unknown>; hash: Hex; order: SignedOrder } {
    const [key, maker] = this.funded();
    const order = this.sign(key, this.order(maker, overrides));
    return { body: { order: { ...orderToJson(order) }, orderType: "GTC" }, hash: this.hash(order), order };
  }
}

export function orderCase(category: string, body: unknown, orderHash?: Hex, note?: string, path = "/order"): HttpCase {
  return {
    note,
    category,
    method: "POST",
    path,
    headers: JSON_HEADERS,
    body: typeof body === "string" ? body : JSON.stringify(body),
    expect: "reject",
    orderHash,
  };
}

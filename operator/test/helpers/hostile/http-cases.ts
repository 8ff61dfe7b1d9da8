/**
 * Generators of hostile HTTP requests for the hostile-input suite. Each generator is a pure
 * function of a seeded PRNG and the deployed stack's facts, so one seed always yields the same
 * requests. Every request here must be refused with a 4xx JSON error (`expect: "reject"`)
 * unless it is a read whose parameters may happen to be valid (`expect: "any"`).
 */
import {
  OrderHasher,
  exchangeDomain,
  orderAmounts,
  Side,
  SignatureType,
  ZERO_ADDRESS,
  type Order,
  type SignedOrder,
} from "@forkcast/shared";
import { orderToJson } from "@forkcast/shared/protocol";
import secp256k1 from "secp256k1";
import { hexToBytes, toHex, type Address, type Hex } from "viem";

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

const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const TWO_256 = 1n << 256n;
const ORDER_FIELDS = [
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
const NUMERIC_FIELDS = ["salt", "tokenId", "makerAmount", "takerAmount", "expiration", "nonce", "feeRateBps"] as const;
const JSON_HEADERS = { "content-type": "application/json" };

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
    return {
      salt: ++saltCounter,
      maker,
      signer: maker,
      taker: ZERO_ADDRESS,
      tokenId: this.rng.int(2) === 0 ? this.fx.yes : this.fx.no,
      ...orderAmounts(side, price, shares),
      expiration: 0n,
      nonce: 0n,
      feeRateBps: 0n,
      side,
      signatureType: SignatureType.EOA,
      ...overrides,
    };
  }

  /** ECDSA over the order's EIP-712 digest under `hasher` (default: the real exchange domain). */
  sign(key: Hex, order: Order, hasher: OrderHasher = this.hasher): SignedOrder {
    const { signature, recid } = secp256k1.ecdsaSign(hasher.hashBytes(order), hexToBytes(key));
    const bytes = new Uint8Array(65);
    bytes.set(signature, 0);
    bytes[64] = 27 + recid;
    return { ...order, signature: toHex(bytes) };
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

function orderCase(category: string, body: unknown, orderHash?: Hex, note?: string, path = "/order"): HttpCase {
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

/** A random value of some JSON type, never a decimal-string integer. */
function wrongValue(rng: Prng): unknown {
  return rng.pick<() => unknown>([
    () => null,
    () => true,
    () => false,
    () => ({}),
    () => [],
    () => [1, 2, 3],
    () => ({ $gt: "" }),
    () => rng.next() * 1e6,
    () => -rng.int(1_000_000),
    () => "",
    () => "abc",
    () => "0x",
    () => {
      return { toString: "1" };
    },
    () => [["nested"]],
  ])();
}

/** Numbers the schema must refuse or bound: out of range, signed, fractional, other notations. */
const ODD_NUMBERS: readonly unknown[] = [
  TWO_256.toString(),
  (TWO_256 + 1n).toString(),
  "9".repeat(79),
  "9".repeat(400),
  "-1",
  "-0",
  "+1",
  "1.5",
  "0.000001",
  "1e6",
  "1E18",
  "0x10",
  "0b101",
  "0o17",
  " 1",
  "1 ",
  "1_000",
  "Infinity",
  "NaN",
  "١٢٣",
  1e308,
  -1,
  1.5,
  2 ** 53 + 1,
  Number.MAX_VALUE,
];

/** Uint256 values that parse but the operator must still refuse for a signed order (price math, ranges). */
const HUGE_UINTS: readonly bigint[] = [TWO_256 - 1n, TWO_256 / 2n, 2n ** 128n, 2n ** 64n + 1n];
/** Fields where a huge value makes the order invalid (a huge salt is a legitimate salt). */
const BOUNDED_FIELDS = ["tokenId", "makerAmount", "takerAmount", "nonce", "feeRateBps"] as const;

export function malformedJson(o: HostileOrders, n: number): HttpCase[] {
  const { rng } = o;
  const routes: readonly [string, string][] = [
    ["POST", "/order"],
    ["POST", "/orders"],
    ["POST", "/books"],
    ["DELETE", "/order"],
    ["DELETE", "/orders"],
    ["DELETE", "/cancel-all"],
    ["DELETE", "/cancel-market-orders"],
  ];
  const garbage = [
    "",
    "{",
    "}",
    "[",
    "{{}}",
    '{"order":',
    '{"order": {"salt": }',
    "undefined",
    "NaN",
    "'single'",
    '{"a":1,}',
    "[1,2,,3]",
    '{"a" 1}',
    '"unterminated',
    "\u0000",
    "\uFEFF{}",
    "/* comment */ {}",
    "{'order': 1}",
  ];
  return Array.from({ length: n }, (_, i) => {
    const [method, path] = rng.pick(routes);
    let body: string;
    if (i % 3 === 0) body = rng.pick(garbage);
    else if (i % 3 === 1) {
      const full = JSON.stringify(o.signedBody().body);
      body = full.slice(0, 1 + rng.int(full.length - 1)); // truncated at a random byte
    } else body = rng.bytes(1 + rng.int(512)).toString("latin1");
    return { category: "malformed-json", method, path, headers: JSON_HEADERS, body, expect: "reject" };
  });
}

export function wrongTypes(o: HostileOrders, n: number): HttpCase[] {
  const { rng } = o;
  return Array.from({ length: n }, (_, i) => {
    const { body } = o.signedBody();
    const order = body["order"] as Record<string, unknown>;
    const where = i % 4;
    if (where === 0) order[rng.pick(ORDER_FIELDS)] = wrongValue(rng);
    else if (where === 1) body["orderType"] = wrongValue(rng);
    else if (where === 2) body["postOnly"] = rng.pick(["true", 1, null, {}, "false"]);
    else body["order"] = wrongValue(rng);
    return orderCase("wrong-types", i % 10 === 9 ? [body, body] : body);
  });
}

export function missingExtraFields(o: HostileOrders, n: number): HttpCase[] {
  const { rng } = o;
  return Array.from({ length: n }, (_, i) => {
    const { body, hash } = o.signedBody();
    const order = body["order"] as Record<string, unknown>;
    if (i % 3 === 0) {
      // One or more required fields missing.
      const drop = new Set(Array.from({ length: 1 + rng.int(3) }, () => rng.pick(ORDER_FIELDS)));
      body["order"] = Object.fromEntries(Object.entries(order).filter(([field]) => !drop.has(field as never)));
      return orderCase("missing-extra-fields", body);
    }
    if (i % 3 === 1) {
      // Everything missing but a few fields, or the wrapper missing.
      return orderCase("missing-extra-fields", rng.int(2) === 0 ? order : { orderType: "GTC" });
    }
    // Extra fields next to a broken signature: must be refused for the signature, and the extras must not leak anywhere.
    order[rng.pick(["__proto__", "constructor", "prototype", "x".repeat(200), "status", "remaining", "id"])] = {
      polluted: true,
    };
    order["signature"] = rng.hex(65);
    body[rng.pick(["owner", "status", "__proto__", "extra"])] = rng.pick([{ a: 1 }, "x".repeat(500), [1]]);
    return orderCase("missing-extra-fields", body, hash);
  });
}

export function oddNumbers(o: HostileOrders, n: number): HttpCase[] {
  const { rng } = o;
  return Array.from({ length: n }, (_, i) => {
    if (i % 4 === 3) {
      // Signed with a real key over uint256 extremes: the schema passes, the order rules must refuse.
      const field = rng.pick(BOUNDED_FIELDS);
      const [key, maker] = o.funded();
      const value = rng.pick(HUGE_UINTS);
      const order = o.order(maker, { [field]: value });
      const signed = o.sign(key, order);
      return orderCase(
        "odd-numbers",
        { order: orderToJson(signed), orderType: "GTC" },
        o.hash(order),
        `signed ${field}=${value}`,
      );
    }
    const { body } = o.signedBody();
    const order = body["order"] as Record<string, unknown>;
    order[i % 4 === 2 ? "signatureType" : rng.pick(NUMERIC_FIELDS)] = rng.pick(ODD_NUMBERS);
    if (i % 4 === 1) order["side"] = rng.pick([2, -1, 0.5, "buy", "BUY ", "B", 1e308]);
    // Number.MAX_VALUE and 1e308 serialise as numbers; keep them as JSON numbers, not strings.
    return orderCase("odd-numbers", body);
  });
}

export function oversizedBodies(o: HostileOrders, n: number): HttpCase[] {
  const { rng } = o;
  const routes: readonly [string, string, number][] = [
    ["POST", "/order", 16 * 1024],
    ["POST", "/orders", 200 * 1024],
    ["POST", "/books", 64 * 1024],
    ["DELETE", "/order", 64 * 1024],
    ["DELETE", "/cancel-all", 64 * 1024],
    ["DELETE", "/cancel-market-orders", 64 * 1024],
  ];
  return Array.from({ length: n }, () => {
    const [method, path, limit] = rng.pick(routes);
    const size = rng.pick([limit + 1, limit * 2, 1024 * 1024]);
    // A valid JSON prefix padded with whitespace inside a string, so only the size is wrong.
    const body = `{"order":{"salt":"1","pad":"${"a".repeat(size)}"}}`;
    return {
      category: "oversized-bodies",
      method,
      path,
      headers: JSON_HEADERS,
      body,
      expect: "reject" as const,
      ownConnection: true,
    };
  });
}

export function deepNesting(o: HostileOrders, n: number): HttpCase[] {
  const { rng } = o;
  return Array.from({ length: n }, (_, i) => {
    const route = rng.pick([
      ["POST", "/order", 15_000],
      ["POST", "/orders", 190_000],
      ["POST", "/books", 60_000],
      ["DELETE", "/cancel-all", 60_000],
    ] as const);
    const depth = Math.floor(route[2] / 2) - 20;
    const body =
      i % 2 === 0
        ? `{"order":${"[".repeat(depth)}${"]".repeat(depth)}}`
        : `${'{"a":'.repeat(Math.floor(depth / 3))}1${"}".repeat(Math.floor(depth / 3))}`;
    return {
      category: "deep-nesting",
      method: route[0],
      path: route[1],
      headers: JSON_HEADERS,
      body,
      expect: "reject",
    };
  });
}

export function controlCharacters(o: HostileOrders, n: number): HttpCase[] {
  const { rng } = o;
  const nasty = ["\u0000", "\u0001", "\u001b[31m", "\r\n", "\u2028", "\u202e", "\ud800", "\uffff", "%00", "\t"];
  return Array.from({ length: n }, (_, i) => {
    const bad = rng.pick(nasty);
    // Percent-encode byte by byte: lone surrogates become U+FFFD's bytes instead of throwing.
    const enc = [...Buffer.from(bad, "utf8")].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("");
    if (i % 3 === 0) {
      const { body } = o.signedBody();
      const order = body["order"] as Record<string, unknown>;
      const field = rng.pick(ORDER_FIELDS);
      order[field] = `${String(order[field])}${bad}`;
      return orderCase("control-characters", body);
    }
    if (i % 3 === 1) {
      // In the query string and path (percent-encoded), including header-injection attempts.
      const path = rng.pick([
        `/book?token_id=${o.fx.yes}${enc}`,
        `/data/order/0x${"ab".repeat(32)}${enc}`,
        `/data/orders?maker=0x${"12".repeat(20)}${enc}`,
        `/markets/${enc}${o.fx.conditionId}`,
        `/trades?market=${o.fx.conditionId}&next_cursor=${enc}`,
        `/price?token_id=${o.fx.yes}&side=BUY${enc}Set-Cookie:%20x=1`,
      ]);
      return { category: "control-characters", method: "GET", path, expect: "reject" };
    }
    // Raw control bytes inside JSON strings (invalid JSON).
    const text = JSON.stringify(o.signedBody().body).replace('"GTC"', `"GT${bad}C"`);
    return orderCase("control-characters", text);
  });
}

export function wrongMethodsAndTypes(o: HostileOrders, n: number): HttpCase[] {
  const { rng } = o;
  const paths = ["/order", "/orders", "/book", "/markets", "/trades", "/cancel-all", "/health", "/data/orders"];
  const contentTypes = [
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/xml",
    "application/json-patch+json",
    "text/html",
    "application/octet-stream",
  ];
  return Array.from({ length: n }, (_, i): HttpCase => {
    if (i % 2 === 0) {
      const method = rng.pick(["PUT", "PATCH", "TRACE", "PROPFIND", "LINK"]);
      return { category: "wrong-methods-content-types", method, path: rng.pick(paths), expect: "reject" };
    }
    // A validly signed order under a content type that is not JSON: refused (415), never booked.
    const { body, hash } = o.signedBody();
    const contentType = i % 6 === 1 ? undefined : rng.pick(contentTypes);
    return {
      category: "wrong-methods-content-types",
      note: `content-type ${contentType ?? "missing"}`,
      method: "POST",
      path: rng.pick(["/order", "/orders"]),
      headers: contentType ? { "content-type": contentType } : ({} as Record<string, string>),
      body: JSON.stringify(body),
      expect: "reject",
      orderHash: hash,
    };
  });
}

export function forgedSignatures(o: HostileOrders, n: number): HttpCase[] {
  const { rng, fx } = o;
  return Array.from({ length: n }, (_, i) => {
    const [key, maker] = o.funded();
    const otherMaker = fx.funded.find(([, a]) => a !== maker)?.[1] ?? ZERO_ADDRESS;
    const order = o.order(maker);
    const signed = o.sign(key, order);
    const sig = Buffer.from(hexToBytes(signed.signature));
    let signature: string;
    let overrides: Partial<Record<string, unknown>> = {};
    const notes = [
      "random bytes",
      "another key's signature",
      "v as 0/1",
      "high-s twin",
      "short signature",
      "signature with trailing bytes",
      "v out of range",
      "valid signature, maker swapped",
      "signature type not EOA",
      "r or s zero",
    ];
    switch (i % 10) {
      case 0: // random bytes
        signature = rng.hex(65);
        break;
      case 1: {
        // signed by someone else's key for this maker
        const stranger = rng.pick(fx.unfunded)[0];
        signature = o.sign(stranger, order).signature;
        break;
      }
      case 2: // v as 0/1 (the exchange accepts only 27/28)
        sig[64] = (sig[64] ?? 27) - 27;
        signature = toHex(sig);
        break;
      case 3: {
        // high-s twin of a valid signature (malleated)
        const s = BigInt(toHex(sig.subarray(32, 64)));
        sig.set(hexToBytes(toHex(SECP256K1_N - s, { size: 32 })), 32);
        sig[64] = sig[64] === 27 ? 28 : 27;
        signature = toHex(sig);
        break;
      }
      case 4: // wrong lengths
        signature = toHex(sig.subarray(0, rng.pick([1, 32, 64])));
        break;
      case 5:
        signature = toHex(Buffer.concat([sig, rng.bytes(rng.pick([1, 31, 100]))]));
        break;
      case 6: // v out of any range
        sig[64] = rng.pick([2, 26, 29, 35, 255]);
        signature = toHex(sig);
        break;
      case 7: // valid signature, another maker named
        signature = signed.signature;
        overrides = { maker: otherMaker, signer: otherMaker };
        break;
      case 8: // signature types the exchange does not take from an EOA
        signature = signed.signature;
        overrides = { signatureType: rng.pick([1, 2, 3, 4, 255]) };
        break;
      default: // r or s zero
        if (rng.int(2) === 0) sig.fill(0, 0, 32);
        else sig.fill(0, 32, 64);
        signature = toHex(sig);
        break;
    }
    const json = { ...orderToJson(signed), ...overrides, signature };
    return orderCase("forged-signatures", { order: json, orderType: "GTC" }, o.hash(order), notes[i % 10]);
  });
}

export function crossDomainSignatures(o: HostileOrders, n: number): HttpCase[] {
  const { rng, fx } = o;
  const other = `0x${"5a".repeat(20)}` as Address;
  const hashers = [
    new OrderHasher(exchangeDomain(1, fx.exchange)),
    new OrderHasher(exchangeDomain(137, fx.exchange)),
    new OrderHasher(exchangeDomain(fx.chainId, other)),
    new OrderHasher(exchangeDomain(fx.chainId, fx.exchange, "Polymarket CTF Exchange", "1")),
    new OrderHasher(exchangeDomain(fx.chainId, fx.exchange, "Forkcast", "2")),
    new OrderHasher(exchangeDomain(fx.chainId, fx.exchange, "Forkcast Operator", "1")), // the cancel domain
  ];
  return Array.from({ length: n }, () => {
    const [key, maker] = o.funded();
    const order = o.order(maker);
    const signed = o.sign(key, order, rng.pick(hashers));
    return orderCase("cross-domain-signatures", { order: orderToJson(signed), orderType: "GTC" }, o.hash(order));
  });
}

const EXPIRY_NOTES = [
  "unfunded maker",
  "unfunded maker",
  "unapproved maker",
  "expired GTD",
  "GTD expiring now",
  "more than the balance",
  "wrong nonce",
  "unregistered token",
  "fee rate mismatch",
  "price 0, 1 or off tick",
  "below minimum or off lot",
  "private order",
];

export function expiredUnfundedUnapproved(o: HostileOrders, n: number, nowS: bigint): HttpCase[] {
  const { rng, fx } = o;
  return Array.from({ length: n }, (_, i) => {
    let key: Hex;
    let maker: Address;
    let overrides: Partial<Order> = {};
    let orderType = "GTC";
    switch (i % 12) {
      case 0:
      case 1:
        [key, maker] = rng.pick(fx.unfunded);
        break;
      case 2:
        [key, maker] = fx.unapproved;
        break;
      case 3:
        [key, maker] = o.funded();
        overrides = { expiration: nowS - BigInt(1 + rng.int(100_000)) };
        orderType = "GTD";
        break;
      case 4:
        [key, maker] = o.funded();
        overrides = { expiration: nowS }; // expires this second
        orderType = "GTD";
        break;
      case 5: {
        // far more than the maker holds
        [key, maker] = o.funded();
        overrides = { side: Side.BUY, ...orderAmounts(Side.BUY, 10_000n, 10n ** 15n) };
        break;
      }
      case 6:
        [key, maker] = o.funded();
        overrides = { nonce: BigInt(1 + rng.int(1000)) };
        break;
      case 7:
        [key, maker] = o.funded();
        overrides = { tokenId: BigInt(rng.hex(32)) }; // not registered
        break;
      case 8:
        [key, maker] = o.funded();
        overrides = { feeRateBps: BigInt(1 + rng.int(1000)) };
        break;
      case 9: {
        [key, maker] = o.funded();
        const price = rng.pick([0n, 1_000_000n, 15_000n, 999_999n]); // 0, 1, off tick
        overrides = { side: Side.BUY, makerAmount: (price * 10_000_000n) / 1_000_000n, takerAmount: 10_000_000n };
        break;
      }
      case 10: {
        [key, maker] = o.funded();
        const shares = rng.pick([10_000n, 1_500n, 0n]); // below min / off lot / zero
        overrides = { side: Side.BUY, makerAmount: shares / 100n, takerAmount: shares };
        break;
      }
      default:
        [key, maker] = o.funded();
        overrides = { taker: rng.pick(fx.funded)[1] }; // private order
        break;
    }
    const order = o.order(maker, overrides);
    const signed = o.sign(key, order);
    return orderCase(
      "expired-unfunded-unapproved",
      { order: orderToJson(signed), orderType, postOnly: rng.int(4) === 0 },
      o.hash(order),
      EXPIRY_NOTES[i % 12],
    );
  });
}

export function absurdCursors(o: HostileOrders, n: number): HttpCase[] {
  const { rng, fx } = o;
  const [, maker] = fx.funded[0] ?? ["0x", ZERO_ADDRESS];
  const b64 = (s: string): string => Buffer.from(s).toString("base64url");
  const cursors = [
    "1e308",
    "9999999999999999999999",
    "-1",
    "0x10",
    "NaN",
    "Infinity",
    "1.5",
    "",
    "LTE=",
    "MA==",
    "%00",
    "x".repeat(5000),
    b64("1e308|x"),
    b64("NaN|x"),
    b64("|"),
    b64("-1|0x00"),
    b64(`${Number.MAX_SAFE_INTEGER}|${"f".repeat(300)}`),
    b64("1|'; DROP TABLE trades; --"),
    Buffer.from("1e308").toString("base64"),
    Buffer.from("-5").toString("base64"),
    Buffer.from("99999999999999999999").toString("base64"),
    "!!!not-base64!!!",
  ];
  const limits = ["0", "-1", "1e308", "501", "1.5", "abc", "99999999999999999999", "0x10", "", "1e2", "100"];
  const routes = [
    () => `/data/orders?maker=${maker}&next_cursor=${encodeURIComponent(rng.pick(cursors))}`,
    () => `/data/orders?maker=${maker}&limit=${encodeURIComponent(rng.pick(limits))}`,
    () => `/data/orders?maker=${maker}&all=${rng.pick(["yes", "1", "TRUE", ""])}`,
    () => `/trades?market=${fx.conditionId}&next_cursor=${encodeURIComponent(rng.pick(cursors))}`,
    () => `/trades?limit=${encodeURIComponent(rng.pick(limits))}`,
    () => `/data/trades?user=${maker}&next_cursor=${encodeURIComponent(rng.pick(cursors))}`,
    () => `/markets?next_cursor=${encodeURIComponent(rng.pick(cursors))}`,
    () =>
      `/prices-history?market=${fx.yes}&startTs=${encodeURIComponent(rng.pick(limits))}&endTs=${encodeURIComponent(rng.pick(limits))}&fidelity=${encodeURIComponent(rng.pick(limits))}`,
    () => `/prices-history?market=${fx.yes}&interval=${encodeURIComponent(rng.pick(["1y", "", "max ", "-1m"]))}`,
    () =>
      `/book?token_id=${encodeURIComponent(rng.pick([TWO_256.toString(), "9".repeat(79), "-1", "0x1", "1e5", ""]))}`,
    () => `/price?token_id=${fx.yes}&side=${rng.pick(["HOLD", "", "0", "Buy"])}`,
    () => `/data/order/${rng.pick(["0x", "0x" + "g".repeat(64), "1e308", "0x" + "a".repeat(63), "%00"])}`,
    () => `/markets/${rng.pick(["0x" + "0".repeat(64), "1e308", "-1", "0x" + "z".repeat(64)])}`,
  ];
  return Array.from({ length: n }, () => ({
    category: "absurd-cursors-limits",
    method: "GET",
    path: rng.pick(routes)(),
    expect: "any" as const,
  }));
}

/** Malformed HTTP on raw sockets: lying or broken Content-Length, broken request lines, header floods. */
export function rawRequests(o: HostileOrders, n: number, host: string): RawCase[] {
  const { rng } = o;
  return Array.from({ length: n }, (_, i) => {
    const body = JSON.stringify(o.signedBody().body);
    const path = rng.pick(["/order", "/orders", "/cancel-all", "/books"]);
    const method = path === "/cancel-all" ? "DELETE" : "POST";
    const head = (cl: string, extra = ""): string =>
      `${method} ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${cl}\r\n${extra}\r\n`;
    switch (i % 8) {
      case 0: // declares more than it sends, then half-closes
        return {
          category: "lying-content-length",
          bytes: Buffer.from(head(String(body.length + 1 + rng.int(10_000))) + body),
          mayStayUnanswered: true,
          note: "content-length larger than the body",
        };
      case 1: // declares less than it sends: the rest is a garbage second request
        return {
          category: "lying-content-length",
          bytes: Buffer.from(head(String(1 + rng.int(body.length - 1))) + body),
          mayStayUnanswered: false,
          note: "content-length smaller than the body",
        };
      case 2:
        return {
          category: "lying-content-length",
          bytes: Buffer.from(head(rng.pick(["-1", "abc", "1e3", "0x10", "99999999999999999999999"])) + body),
          mayStayUnanswered: false,
          note: "content-length not a decimal",
        };
      case 3: // two different content-lengths
        return {
          category: "lying-content-length",
          bytes: Buffer.from(head(String(body.length), `Content-Length: ${body.length + 5}\r\n`) + body),
          mayStayUnanswered: false,
          note: "duplicate content-length",
        };
      case 4: // content-length and chunked together (request smuggling shape)
        return {
          category: "lying-content-length",
          bytes: Buffer.from(head(String(body.length), "Transfer-Encoding: chunked\r\n") + body),
          mayStayUnanswered: false,
          note: "content-length with transfer-encoding",
        };
      case 5: // huge declared length, small body
        return {
          category: "lying-content-length",
          bytes: Buffer.from(head(String(1024 * 1024 * 1024)) + body),
          mayStayUnanswered: true,
          note: "1 GiB declared",
        };
      case 6: // broken request line / header
        return {
          category: "lying-content-length",
          bytes: Buffer.from(
            rng.pick([
              `POST /order HTTP/9.9\r\nHost: ${host}\r\n\r\n`,
              `POST  /order\r\n\r\n`,
              `GET /book?token_id=1 HTTP/1.1\r\nHost: ${host}\r\nBad Header\r\n\r\n`,
              `\x00\x01\x02 / HTTP/1.1\r\n\r\n`,
              `GET / HTTP/1.1\r\nHost: ${host}\r\nX: ${"a".repeat(20_000)}\r\n\r\n`,
            ]),
            "latin1",
          ),
          mayStayUnanswered: false,
          note: "broken request line or header",
        };
      default: // chunked body with bad chunk sizes
        return {
          category: "lying-content-length",
          bytes: Buffer.from(
            `${method} ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${rng.pick(["zz", "-5", "ffffffffffffffff", "5"])}\r\n${body.slice(0, 20)}\r\n0\r\n\r\n`,
          ),
          mayStayUnanswered: true,
          note: "bad chunk size",
        };
    }
  });
}

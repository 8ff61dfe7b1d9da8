import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { Side, SignatureType, ZERO_ADDRESS, type SignedOrder } from "@forkcast/shared";
import secp256k1 from "secp256k1";
import { hexToBytes, toHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";

import { ApiError } from "../../src/errors.js";
import { postOrderSchema } from "../../src/intake/schema.js";
import { recoverAddress } from "../../src/intake/signature.js";
import { checkOrder, type MarketRules } from "../../src/intake/validate.js";
import { RateLimiter } from "../../src/ratelimit.js";
import { OrderSigner } from "../helpers/orders.js";

const KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const account = privateKeyToAccount(KEY);
const signer = new OrderSigner(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3");
const { hasher } = signer;
const NOW = 1_800_000_000;
const RULES: MarketRules = {
  marketId: "0xm",
  outcome: 0,
  tickSize: 10_000,
  minSize: 1_000_000n,
  feeRateBps: 0,
  open: true,
};

/** A BUY of 10 shares of token 5 at 0.55 by `account` (unsigned unless `signature` is given). */
function order(overrides: Partial<SignedOrder> = {}): SignedOrder {
  const built = signer.build(account.address, { tokenId: 5n, side: 0, price: 550_000n, shares: 10_000_000n, salt: 1n });
  return { ...built, signature: "0x", ...overrides };
}

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error.code;
    throw error;
  }
  return "OK";
}

describe("checkOrder", () => {
  it("accepts a valid order and returns its terms", () => {
    assert.deepEqual(checkOrder(order(), "GTC", false, RULES, NOW), {
      price: 550_000,
      shares: 10_000_000n,
      collateral: 5_500_000n,
    });
  });

  it("rejects each rule with its stable code", () => {
    const cases: [string, () => unknown][] = [
      [
        "UNSUPPORTED_SIGNATURE_TYPE",
        () => checkOrder(order({ signatureType: SignatureType.POLY_PROXY }), "GTC", false, RULES, NOW),
      ],
      [
        "UNSUPPORTED_SIGNATURE_TYPE",
        () => checkOrder(order({ signatureType: 9 as SignedOrder["signatureType"] }), "GTC", false, RULES, NOW),
      ],
      ["SIGNER_NOT_MAKER", () => checkOrder(order({ signer: ZERO_ADDRESS }), "GTC", false, RULES, NOW)],
      ["PRIVATE_ORDER_UNSUPPORTED", () => checkOrder(order({ taker: account.address }), "GTC", false, RULES, NOW)],
      ["INVALID_AMOUNTS", () => checkOrder(order({ makerAmount: 0n }), "GTC", false, RULES, NOW)],
      ["INVALID_AMOUNTS", () => checkOrder(order({ takerAmount: 1n << 128n }), "GTC", false, RULES, NOW)],
      ["TOKEN_NOT_REGISTERED", () => checkOrder(order(), "GTC", false, undefined, NOW)],
      ["MARKET_CLOSED", () => checkOrder(order(), "GTC", false, { ...RULES, open: false }, NOW)],
      ["FEE_RATE_MISMATCH", () => checkOrder(order({ feeRateBps: 10n }), "GTC", false, RULES, NOW)],
      ["INVALID_PRICE", () => checkOrder(order({ makerAmount: 1n, takerAmount: 3n }), "GTC", false, RULES, NOW)],
      ["INVALID_PRICE", () => checkOrder(order({ makerAmount: 10_000_000n }), "GTC", false, RULES, NOW)],
      ["INVALID_TICK_SIZE", () => checkOrder(order({ makerAmount: 5_550_000n }), "GTC", false, RULES, NOW)],
      [
        "INVALID_SIZE",
        () =>
          checkOrder(
            order({ makerAmount: 502_500n, takerAmount: 1_005_000n }),
            "GTC",
            false,
            { ...RULES, minSize: 1n },
            NOW,
          ),
      ],
      ["BELOW_MIN_SIZE", () => checkOrder(order(), "GTC", false, { ...RULES, minSize: 20_000_000n }, NOW)],
      ["INVALID_EXPIRATION", () => checkOrder(order(), "GTD", false, RULES, NOW)],
      ["ORDER_EXPIRED", () => checkOrder(order({ expiration: BigInt(NOW + 5) }), "GTD", false, RULES, NOW)],
      ["INVALID_ORDER", () => checkOrder(order(), "FOK", true, RULES, NOW)],
    ];
    for (const [expected, fn] of cases) assert.equal(code(fn), expected);
  });

  it("accepts a GTD order expiring far enough ahead", () => {
    assert.equal(
      code(() => checkOrder(order({ expiration: BigInt(NOW + 60) }), "GTD", false, RULES, NOW)),
      "OK",
    );
  });
});

describe("recoverAddress (native secp256k1)", () => {
  const digest = hasher.hashBytes(order());

  it("recovers the signer of a viem signature", async () => {
    const signature = await account.signTypedData({
      domain: hasher.domain,
      types: (await import("@forkcast/shared")).ORDER_TYPES,
      primaryType: "Order",
      message: order(),
    });
    assert.equal(recoverAddress(digest, signature), account.address.toLowerCase());
  });

  it("refuses v as 0/1, which the exchange's ecrecover refuses (only 27/28 settle)", () => {
    const { signature, recid } = secp256k1.ecdsaSign(digest, hexToBytes(KEY));
    assert.equal(recoverAddress(digest, toHex(Uint8Array.from([...signature, recid]))), undefined);
    assert.equal(
      recoverAddress(digest, toHex(Uint8Array.from([...signature, 27 + recid]))),
      account.address.toLowerCase(),
    );
  });

  it("rejects high-s (malleable), bad v, wrong length and bad hex", () => {
    const { signature, recid } = secp256k1.ecdsaSign(digest, hexToBytes(KEY));
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const s = BigInt(toHex(signature.subarray(32)));
    const highS = hexToBytes(toHex(n - s, { size: 32 }));
    const malleable = Uint8Array.from([...signature.subarray(0, 32), ...highS, 27 + (recid ^ 1)]);
    assert.equal(
      recoverAddress(digest, toHex(malleable)),
      undefined,
      "high-s must be rejected like OpenZeppelin's ECDSA",
    );
    assert.equal(recoverAddress(digest, toHex(Uint8Array.from([...signature, 29]))), undefined);
    assert.equal(recoverAddress(digest, toHex(signature)), undefined);
    assert.equal(recoverAddress(digest, "0xzz"), undefined);
  });
});

describe("order body schema", () => {
  /** An order as Polymarket's clients send it: integers as strings, the side by name. */
  const jsonOrder = {
    salt: "1",
    maker: account.address,
    signer: account.address,
    taker: ZERO_ADDRESS,
    tokenId: "5",
    makerAmount: "1",
    takerAmount: "2",
    expiration: "0",
    nonce: "0",
    feeRateBps: "0",
    side: "BUY",
    signatureType: 0,
    signature: "0xab",
  };

  it("parses Polymarket's body shape with string integers and side names", () => {
    const body = postOrderSchema.parse({ order: { ...jsonOrder, salt: 7, side: "SELL" } });
    assert.equal(body.orderType, "GTC");
    assert.equal(body.postOnly, false);
    const signed = body.order;
    assert.equal(signed.side, Side.SELL);
    assert.equal(signed.salt, 7n);
    assert.equal(signed.maker, account.address.toLowerCase());
  });

  it("rejects negative, non-integer and oversized numbers", () => {
    const base = jsonOrder;
    assert.equal(postOrderSchema.safeParse({ order: { ...base, makerAmount: "-1" } }).success, false);
    assert.equal(postOrderSchema.safeParse({ order: { ...base, makerAmount: "1.5" } }).success, false);
    assert.equal(postOrderSchema.safeParse({ order: { ...base, tokenId: (1n << 256n).toString() } }).success, false);
    assert.equal(postOrderSchema.safeParse({ order: { ...base, side: "HOLD" } }).success, false);
  });
});

describe("RateLimiter", () => {
  it("allows the burst, refuses beyond it and refills over time", () => {
    const limiter = new RateLimiter(10, 3);
    assert.deepEqual(
      [1, 2, 3, 4].map(() => limiter.take("a", 1, 0)),
      [true, true, true, false],
    );
    assert.equal(limiter.take("b", 1, 0), true, "buckets are per key");
    assert.equal(limiter.take("a", 1, 100), true, "100 ms at 10/s refills one token");
    assert.equal(limiter.take("a", 1, 100), false);
  });
});

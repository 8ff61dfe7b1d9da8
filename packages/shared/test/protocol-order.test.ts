import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { privateKeyToAccount } from "viem/accounts";

import { ORDER_TYPES, Side, SignatureType, ZERO_ADDRESS, exchangeDomain, type SignedOrder } from "../src/index.js";
import {
  cancelSchema,
  orderFromJson,
  orderToJson,
  parseWire,
  postOrderSchema,
  postOrdersSchema,
  type PostOrderBody,
} from "../src/protocol/index.js";

// Hardhat's first dev account, the key the operator's integration tests sign with.
const account = privateKeyToAccount("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
const EXCHANGE = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

const ORDER: SignedOrder = {
  salt: 123n,
  maker: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
  signer: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
  taker: ZERO_ADDRESS,
  tokenId: 2n ** 255n + 7n,
  makerAmount: 5_500_000n,
  takerAmount: 10_000_000n,
  expiration: 0n,
  nonce: 4n,
  feeRateBps: 100n,
  side: Side.SELL,
  signatureType: SignatureType.EOA,
  signature: "0xabcd",
};

/** A body as the operator tests' `orderBody` helper builds it: a real EIP-712 signature over the order. */
async function signedBody(): Promise<PostOrderBody> {
  const order = {
    ...ORDER,
    maker: account.address,
    signer: account.address,
    tokenId: 7193n,
    side: Side.BUY,
    feeRateBps: 0n,
  };
  const signature = await account.signTypedData({
    domain: exchangeDomain(31337, EXCHANGE),
    types: ORDER_TYPES,
    primaryType: "Order",
    message: order,
  });
  return { order: orderToJson({ ...order, signature }), orderType: "GTC", postOnly: false };
}

describe("order JSON (the POST /order wire form)", () => {
  it("writes integers as decimal strings and the side as BUY/SELL", () => {
    const json = orderToJson(ORDER);
    assert.equal(json.tokenId, (2n ** 255n + 7n).toString(), "uint256 survives as a decimal string");
    assert.equal(json.side, "SELL", "side is spelled out");
    assert.equal(orderToJson({ ...ORDER, side: Side.BUY }).side, "BUY");
    assert.equal(json.signature, "0xabcd");
  });

  it("reads back exactly what it wrote", () => {
    assert.deepEqual(orderFromJson(orderToJson(ORDER)), ORDER);
    assert.equal(orderFromJson(orderToJson({ ...ORDER, side: Side.BUY })).side, Side.BUY);
  });

  it("lower-cases addresses and the signature when it reads", () => {
    const order = orderFromJson({ ...orderToJson(ORDER), maker: account.address, signature: "0xABCD" });
    assert.equal(order.maker, account.address.toLowerCase());
    assert.equal(order.signature, "0xabcd");
  });
});

describe("POST /order body", () => {
  it("accepts a signed body as the operator tests send it, defaults filled in", async () => {
    const body = await signedBody();
    const parsed = parseWire(postOrderSchema, JSON.parse(JSON.stringify(body)));
    assert.ok(parsed.ok, parsed.ok ? "" : parsed.message);
    assert.equal(parsed.value.order.tokenId, 7193n);
    assert.equal(parsed.value.order.side, Side.BUY);
    assert.equal(parsed.value.orderType, "GTC");
    const bare = parseWire(postOrderSchema, { order: body.order });
    assert.ok(
      bare.ok && bare.value.orderType === "GTC" && bare.value.postOnly === false,
      "defaults: GTC, not post-only",
    );
  });

  it("accepts Polymarket's client spelling: numeric salt, side 0/1, an owner", async () => {
    const { order } = await signedBody();
    const parsed = parseWire(postOrderSchema, {
      order: { ...order, salt: 7, side: 1 },
      owner: "key-id",
      orderType: "FAK",
    });
    assert.ok(parsed.ok, parsed.ok ? "" : parsed.message);
    assert.equal(parsed.value.order.salt, 7n);
    assert.equal(parsed.value.order.side, Side.SELL);
    assert.equal(parsed.value.owner, "key-id");
  });

  it("refuses malformed fields, naming each one", async () => {
    const { order } = await signedBody();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ order: { ...order, makerAmount: "-1" } }, /^order\.makerAmount: /],
      [{ order: { ...order, makerAmount: "1.5" } }, /^order\.makerAmount: /],
      [{ order: { ...order, tokenId: (1n << 256n).toString() } }, /^order\.tokenId: must fit in uint256$/],
      [{ order: { ...order, side: "HOLD" } }, /^order\.side: /],
      [{ order: { ...order, maker: "0x1234" } }, /^order\.maker: must be a 0x-prefixed 20-byte hex address$/],
      [{ order: { ...order, signature: "0xabc" } }, /^order\.signature: must be 0x-prefixed hex bytes$/],
      [{ order: { ...order, signatureType: 256 } }, /^order\.signatureType: /],
      [{ order, orderType: "IOC" }, /^orderType: /],
      [{ order, postOnly: "yes" }, /^postOnly: /],
    ];
    for (const [body, message] of cases) {
      const parsed = parseWire(postOrderSchema, body);
      assert.equal(parsed.ok, false, `accepted ${JSON.stringify(body)}`);
      if (!parsed.ok) assert.match(parsed.message, message);
    }
    const missing = parseWire(postOrderSchema, { order: { ...order, nonce: undefined, salt: undefined } });
    assert.ok(!missing.ok && /order\.salt: .*; order\.nonce: /.test(missing.message), "lists every missing field");
    const notObject = parseWire(postOrderSchema, "order", "body");
    assert.ok(!notObject.ok && notObject.message.startsWith("body: "), "a bad root is named by `where`");
  });

  it("parses any uint8 signature type so intake can name the unsupported ones", async () => {
    const { order } = await signedBody();
    const parsed = parseWire(postOrderSchema, { order: { ...order, signatureType: 9 } });
    assert.ok(parsed.ok && Number(parsed.value.order.signatureType) === 9);
  });

  it("takes batches of 1 to 50 bodies", async () => {
    const body = await signedBody();
    assert.equal(postOrdersSchema.safeParse([body]).success, true);
    assert.equal(postOrdersSchema.safeParse([]).success, false, "empty batch");
    assert.equal(postOrdersSchema.safeParse(Array(51).fill(body)).success, false, "51 orders");
  });
});

describe("cancel body", () => {
  const base = {
    maker: account.address,
    scope: 0,
    orderHashes: [`0x${"AB".repeat(32)}`],
    timestamp: "1764000000",
    signature: "0x1234",
  };

  it("parses the signed cancel, lower-cased, with the market defaulted", () => {
    const parsed = parseWire(cancelSchema, base);
    assert.ok(parsed.ok, parsed.ok ? "" : parsed.message);
    assert.equal(parsed.value.orderHashes[0], `0x${"ab".repeat(32)}`);
    assert.equal(parsed.value.market, `0x${"0".repeat(64)}`);
    assert.equal(parsed.value.timestamp, 1_764_000_000n);
  });

  it("refuses an unknown scope and more than 500 hashes", () => {
    const scope = parseWire(cancelSchema, { ...base, scope: 3 });
    assert.ok(!scope.ok && scope.message.startsWith("scope: "));
    const many = parseWire(cancelSchema, { ...base, orderHashes: Array(501).fill(base.orderHashes[0]) });
    assert.ok(!many.ok && many.message.startsWith("orderHashes: "));
  });
});

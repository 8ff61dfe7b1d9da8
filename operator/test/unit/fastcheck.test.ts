import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { orderToJson } from "@forkcast/shared/protocol";
import { generatePrivateKey, privateKeyToAddress } from "viem/accounts";

import { ApiError } from "../../src/errors.js";
import { fastPostOrder, readPostOrder } from "../../src/intake/fastcheck.js";
import { postOrderSchema } from "../../src/intake/schema.js";
import { OrderSigner } from "../helpers/orders.js";

const signer = new OrderSigner(31337, "0x00000000000000000000000000000000000e0c4a");
const key = generatePrivateKey();
const maker = privateKeyToAddress(key);
const orderJson = (n: number): Record<string, unknown> =>
  orderToJson(
    signer.signed(key, maker, {
      tokenId: 10n ** 70n + BigInt(n),
      side: n % 2 === 0 ? 0 : 1,
      price: 400_000n,
      shares: 1_000_000n,
    }),
  ) as unknown as Record<string, unknown>;

/** Bodies of the common shape, with every optional field present or absent. */
const valid: Record<string, unknown>[] = [
  { order: orderJson(0) },
  { order: orderJson(1), orderType: "FOK" },
  { order: orderJson(2), owner: "api-key-owner", orderType: "GTD", postOnly: true },
  { order: { ...orderJson(3), side: "SELL", maker: maker.toUpperCase().replace("0X", "0x") }, postOnly: false },
  { order: { ...orderJson(4), side: 0, signatureType: 2 }, extra: "ignored", orderType: "FAK" },
  { order: { ...orderJson(5), salt: "0", expiration: "1".padEnd(77, "0") } },
];

/** Each differs from a valid body in one field; the schema refuses or reshapes every one. */
const unusual: [string, unknown][] = [
  ["integer as a JSON number", { order: { ...orderJson(0), nonce: 0 } }],
  ["integer above uint256", { order: { ...orderJson(0), salt: "9".repeat(78) } }],
  ["negative integer", { order: { ...orderJson(0), salt: "-1" } }],
  ["short address", { order: { ...orderJson(0), taker: "0x1234" } }],
  ["side as a word in lower case", { order: { ...orderJson(0), side: "buy" } }],
  ["fractional signature type", { order: { ...orderJson(0), signatureType: 1.5 } }],
  ["signature type above 255", { order: { ...orderJson(0), signatureType: 256 } }],
  ["odd-length signature", { order: { ...orderJson(0), signature: "0xabc" } }],
  ["oversized signature", { order: { ...orderJson(0), signature: `0x${"ab".repeat(4097)}` } }],
  ["owner too long", { order: orderJson(0), owner: "x".repeat(101) }],
  ["owner null", { order: orderJson(0), owner: null }],
  ["unknown order type", { order: orderJson(0), orderType: "IOC" }],
  ["order type null", { order: orderJson(0), orderType: null }],
  ["postOnly as a string", { order: orderJson(0), postOnly: "true" }],
  ["postOnly null", { order: orderJson(0), postOnly: null }],
  ["missing field", { order: { ...orderJson(0), feeRateBps: undefined } }],
  ["order as an array", { order: [orderJson(0)] }],
  ["body as an array", [{ order: orderJson(0) }]],
  ["body null", null],
];

describe("intake/fastcheck: POST /order without zod", () => {
  it("gives exactly what the schema gives for bodies of the common shape", () => {
    for (const body of valid) {
      const fast = fastPostOrder(body);
      assert.ok(fast, `fast check took ${JSON.stringify(body).slice(0, 80)}`);
      assert.deepStrictEqual(fast, postOrderSchema.parse(body));
    }
  });

  it("leaves every other body to the schema", () => {
    for (const [what, body] of unusual) assert.equal(fastPostOrder(body), undefined, what);
  });

  it("answers unusual bodies as the schema does: accepted the same, or refused with the schema's message", () => {
    for (const [what, body] of unusual) {
      const expected = postOrderSchema.safeParse(body);
      if (expected.success) assert.deepStrictEqual(readPostOrder(body), expected.data, what);
      else
        assert.throws(
          () => readPostOrder(body),
          (error: unknown) =>
            error instanceof ApiError &&
            error.code === "INVALID_REQUEST" &&
            error.message.includes(expected.error.issues[0]?.message ?? "?"),
          what,
        );
    }
  });
});

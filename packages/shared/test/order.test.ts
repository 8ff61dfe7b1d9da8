import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { type SignedOrder, Side, SignatureType, ZERO_ADDRESS, orderFromJson, orderToJson } from "../src/index.js";

const ORDER: SignedOrder = {
  salt: 123n,
  maker: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  signer: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
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
    assert.deepEqual(orderFromJson(orderToJson({ ...ORDER, side: Side.BUY })).side, Side.BUY);
  });
});

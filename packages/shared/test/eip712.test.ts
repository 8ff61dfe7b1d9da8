import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { hashTypedData, keccak256, recoverTypedDataAddress, stringToBytes } from "viem";
import { privateKeyToAccount } from "viem/accounts";

import {
  exchangeDomain,
  ORDER_TYPE_STRING,
  ORDER_TYPEHASH,
  ORDER_TYPES,
  OrderHasher,
  Side,
  SignatureType,
  structTypes,
  ZERO_ADDRESS,
  type Order,
} from "../src/index.js";

const account = privateKeyToAccount("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
const domain = exchangeDomain(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3");

function sampleOrder(overrides: Partial<Order> = {}): Order {
  return {
    salt: 123456789n,
    maker: account.address,
    signer: account.address,
    taker: ZERO_ADDRESS,
    tokenId: (1n << 255n) + 77n,
    makerAmount: 55_000_000n,
    takerAmount: 100_000_000n,
    expiration: 0n,
    nonce: 3n,
    feeRateBps: 100n,
    side: Side.BUY,
    signatureType: SignatureType.EOA,
    ...overrides,
  };
}

describe("EIP-712 order hash", () => {
  it("uses the exact Polymarket CTF Exchange type string", () => {
    assert.equal(ORDER_TYPE_STRING.startsWith("Order(uint256 salt,address maker,address signer,address taker,"), true);
    assert.equal(ORDER_TYPEHASH, keccak256(stringToBytes(ORDER_TYPE_STRING)));
  });

  it("equals viem's hashTypedData for a BUY and a SELL", () => {
    const hasher = new OrderHasher(domain);
    for (const order of [
      sampleOrder(),
      sampleOrder({ side: Side.SELL, salt: 2n ** 200n, expiration: 1_900_000_000n }),
    ]) {
      const expected = hashTypedData({ domain, types: ORDER_TYPES, primaryType: "Order", message: order });
      assert.equal(hasher.hash(order), expected);
    }
  });

  it("equals viem for a custom domain name and version", () => {
    const custom = exchangeDomain(137, "0x4bFb41d5B3570DeFd03C39a9A4D8dE6Bd8B8982E", "Polymarket CTF Exchange", "1");
    const order = sampleOrder({
      signatureType: SignatureType.POLY_1271,
      taker: "0x00000000000000000000000000000000000000aa",
    });
    assert.equal(
      new OrderHasher(custom).hash(order),
      hashTypedData({ domain: custom, types: ORDER_TYPES, primaryType: "Order", message: order }),
    );
  });

  it("changes when any field changes", () => {
    const hasher = new OrderHasher(domain);
    const base = hasher.hash(sampleOrder());
    assert.notEqual(hasher.hash(sampleOrder({ nonce: 4n })), base, "nonce must be hashed");
    assert.notEqual(hasher.hash(sampleOrder({ side: Side.SELL })), base, "side must be hashed");
    assert.notEqual(
      new OrderHasher(exchangeDomain(1, domain.verifyingContract)).hash(sampleOrder()),
      base,
      "chain id must be hashed",
    );
  });

  it("signatures from viem's signTypedData recover to the maker", async () => {
    const order = sampleOrder();
    const signature = await account.signTypedData({ domain, types: ORDER_TYPES, primaryType: "Order", message: order });
    const recovered = await recoverTypedDataAddress({
      domain,
      types: ORDER_TYPES,
      primaryType: "Order",
      message: order,
      signature,
    });
    assert.equal(recovered, account.address);
  });

  it("rejects malformed addresses", () => {
    const hasher = new OrderHasher(domain);
    assert.throws(() => hasher.hash(sampleOrder({ maker: "0x12" })), RangeError);
    assert.throws(() => hasher.hash(sampleOrder({ maker: "0xzz00000000000000000000000000000000000000" })), RangeError);
  });
});

describe("EIP-712 struct types from a type string", () => {
  it("lists each member as viem's { name, type }, in order, array types included", () => {
    assert.deepEqual(structTypes("Cancel(address maker,bytes32[] orderHashes,uint256 timestamp)"), {
      Cancel: [
        { name: "maker", type: "address" },
        { name: "orderHashes", type: "bytes32[]" },
        { name: "timestamp", type: "uint256" },
      ],
    });
  });

  it("gives the order's twelve members in the type string's order", () => {
    assert.equal(ORDER_TYPES.Order.length, 12);
    const written = ORDER_TYPES.Order.map((m) => `${m.type} ${m.name}`).join(",");
    assert.equal(`Order(${written})`, ORDER_TYPE_STRING);
  });

  it("refuses a string that is not one flat struct", () => {
    assert.throws(() => structTypes("Cancel(address maker"), /not an EIP-712 struct type/);
    assert.throws(() => structTypes("Cancel(address maker,uint256)"), /not a "type name" member/);
    assert.throws(() => structTypes("Outer(Inner inner)Inner(uint256 x)"), /not an EIP-712 struct type/);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { keccak_256 } from "@noble/hashes/sha3.js";
import { exchangeDomain, ORDER_TYPES, OrderHasher, Side, SignatureType, type Order } from "@forkcast/shared";
import { hashTypedData } from "viem";

import { wasmKeccak256 } from "../../src/intake/keccak.js";
import { Prng } from "../helpers/prng.js";

describe("intake/keccak: the signature worker's WebAssembly keccak-256", () => {
  it("equals noble's keccak-256 at every length around the 136-byte block, and for empty input", async () => {
    const keccak = await wasmKeccak256();
    const rng = new Prng(20261206);
    for (const length of [0, 1, 31, 32, 64, 66, 135, 136, 137, 271, 272, 273, 416, 1000, 4096]) {
      const bytes = new Uint8Array(rng.bytes(length));
      assert.deepEqual(keccak(bytes), keccak_256(bytes), `${length} bytes`);
    }
    assert.equal(
      Buffer.from(keccak(new Uint8Array())).toString("hex"),
      "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
    );
  });

  it("gives the EIP-712 order digest viem computes, across many orders", async () => {
    const domain = exchangeDomain(31337, "0x00000000000000000000000000000000000e0c4a");
    const fast = new OrderHasher(domain, await wasmKeccak256());
    const rng = new Prng(20261206);
    const uint = (bits: number): bigint => BigInt(rng.hex(bits / 8));
    const address = (): `0x${string}` => rng.hex(20);
    for (let i = 0; i < 200; i++) {
      const order: Order = {
        salt: uint(256),
        maker: address(),
        signer: address(),
        taker: address(),
        tokenId: uint(256),
        makerAmount: uint(rng.pick([64, 128, 256])),
        takerAmount: uint(64),
        expiration: uint(32),
        nonce: uint(rng.pick([8, 256])),
        feeRateBps: uint(16),
        side: rng.pick([Side.BUY, Side.SELL]),
        signatureType: rng.pick(Object.values(SignatureType)),
      };
      const expected = hashTypedData({
        domain,
        types: ORDER_TYPES,
        primaryType: "Order",
        message: order,
      });
      assert.equal(fast.hash(order), expected);
    }
  });
});

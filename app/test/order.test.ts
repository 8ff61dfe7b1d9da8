import { ORDER_TYPES, Side, exchangeDomain, orderStructHash } from "@forkcast/shared";
import { bytesToHex, hashStruct } from "viem";
import { describe, expect, it } from "vitest";

import { GTD_LIFETIME_SECONDS, buildOrder, postOrderBody, randomSalt, roundToLot } from "../src/lib/order.ts";

const MAKER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" as const;
const CTX = { maker: MAKER, nonce: 3n, feeRateBps: 100n, salt: 42n, now: 1_000n };
const DRAFT = {
  side: "buy" as const,
  tif: "GTC" as const,
  price: 550_000n,
  shares: 10_000_000n,
  tokenId: 7n,
  tickSize: 10_000n,
};

describe("buildOrder", () => {
  it("a limit BUY gives collateral (makerAmount) for shares (takerAmount)", () => {
    const r = buildOrder(DRAFT, CTX);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.order).toMatchObject({
      makerAmount: 5_500_000n,
      takerAmount: 10_000_000n,
      side: Side.BUY,
      maker: MAKER,
      signer: MAKER,
      nonce: 3n,
      feeRateBps: 100n,
      salt: 42n,
      expiration: 0n,
      signatureType: 0,
    });
  });
  it("a SELL gives shares for collateral", () => {
    const r = buildOrder({ ...DRAFT, side: "sell" }, CTX);
    expect(r.ok && r.order).toMatchObject({ makerAmount: 10_000_000n, takerAmount: 5_500_000n, side: Side.SELL });
  });
  it("GTD orders expire one hour after now; others never", () => {
    const r = buildOrder({ ...DRAFT, tif: "GTD" }, CTX);
    expect(r.ok && r.order.expiration).toBe(1_000n + GTD_LIFETIME_SECONDS);
    const fok = buildOrder({ ...DRAFT, tif: "FOK" }, CTX);
    expect(fok.ok && fok.order.expiration).toBe(0n);
  });
  it("rejects a price off the market's tick with the tick in cents", () => {
    expect(buildOrder({ ...DRAFT, price: 555_000n }, CTX)).toEqual({
      ok: false,
      reason: "Price must be a multiple of 1¢ (the market's tick)",
    });
  });
  it("rejects sizes that are not a multiple of 0.01 share, and prices outside (0, 1)", () => {
    expect(buildOrder({ ...DRAFT, shares: 10_005_000n }, CTX)).toEqual({
      ok: false,
      reason: "Shares must be a multiple of 0.01",
    });
    expect(buildOrder({ ...DRAFT, price: 1_000_000n }, CTX).ok).toBe(false);
    expect(buildOrder({ ...DRAFT, price: 0n }, CTX).ok).toBe(false);
    expect(buildOrder({ ...DRAFT, shares: 0n }, CTX).ok).toBe(false);
  });
  it("the built order hashes like viem's EIP-712 struct hash", () => {
    const r = buildOrder(DRAFT, CTX);
    if (!r.ok) throw new Error(r.reason);
    expect(bytesToHex(orderStructHash(r.order))).toBe(
      hashStruct({ data: r.order, primaryType: "Order", types: ORDER_TYPES }),
    );
    expect(exchangeDomain(31337, MAKER)).toMatchObject({ name: "Forkcast", version: "1", chainId: 31337 });
  });
});

describe("roundToLot / randomSalt", () => {
  it("rounds shares down to 0.01", () => {
    expect(roundToLot(12_345_678n)).toBe(12_340_000n);
    expect(roundToLot(10_000n)).toBe(10_000n);
    expect(roundToLot(9_999n)).toBe(0n);
  });
  it("salts are random 64-bit values", () => {
    const a = randomSalt();
    const b = randomSalt();
    expect(a).not.toBe(b);
    expect(a < 2n ** 64n && a >= 0n).toBe(true);
  });
});

describe("postOrderBody", () => {
  it("encodes integers as decimal strings and the side as BUY/SELL", () => {
    const r = buildOrder({ ...DRAFT, side: "sell" }, CTX);
    if (!r.ok) throw new Error(r.reason);
    const body = postOrderBody(r.order, "0xabcd", "GTC", true);
    expect(body).toEqual({
      order: {
        salt: "42",
        maker: MAKER,
        signer: MAKER,
        taker: "0x0000000000000000000000000000000000000000",
        tokenId: "7",
        makerAmount: "10000000",
        takerAmount: "5500000",
        expiration: "0",
        nonce: "3",
        feeRateBps: "100",
        side: "SELL",
        signatureType: 0,
        signature: "0xabcd",
      },
      orderType: "GTC",
      postOnly: true,
    });
  });
  it("drops post-only on FOK/FAK (the operator rejects it there)", () => {
    const r = buildOrder(DRAFT, CTX);
    if (!r.ok) throw new Error(r.reason);
    expect(postOrderBody(r.order, "0x", "FOK", true).postOnly).toBe(false);
    expect(postOrderBody(r.order, "0x", "GTD", true).postOnly).toBe(true);
  });
});

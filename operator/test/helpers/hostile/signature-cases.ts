/** Orders that are well-formed but must be refused: forged or cross-domain signatures, expired, unfunded or unapproved makers. */
import { OrderHasher, exchangeDomain, orderAmounts, Side, ZERO_ADDRESS, type Order } from "@forkcast/shared";
import { orderToJson } from "@forkcast/shared/protocol";
import { hexToBytes, toHex, type Address, type Hex } from "viem";

import { orderCase, type HostileOrders, type HttpCase } from "./http-cases.js";

const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

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

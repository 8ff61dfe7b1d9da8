/**
 * In-process micro-benchmarks: signature verification per core (fast hash + native recovery,
 * next to viem's pure-JS recovery for reference) and the matching engine on a realistic mix.
 */
import { ORDER_TYPES, exchangeDomain, type SignedOrder, SHARE_UNIT, PRICE_SCALE_NUMBER } from "@forkcast/shared";
import { recoverTypedDataAddress, type Address, type Hex } from "viem";

import { MatchingEngine } from "../../operator/src/engine/engine.js";
import type { EngineOrder, OrderType } from "../../operator/src/engine/types.js";
import { InlineVerifier } from "../../operator/src/core/context.js";
import { devKey } from "../../operator/test/helpers/chain.js";
import { OrderSigner } from "../../operator/test/helpers/orders.js";
import { privateKeyToAccount } from "viem/accounts";

const EXCHANGE: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

function signedOrders(count: number): SignedOrder[] {
  const signer = new OrderSigner(31337, EXCHANGE);
  const keys = Array.from({ length: 8 }, (_, i) => devKey(2 + i));
  const makers = keys.map((k) => privateKeyToAccount(k).address);
  return Array.from({ length: count }, (_, i) =>
    signer.signed(keys[i % 8] as Hex, makers[i % 8] as Address, {
      tokenId: 123456789n,
      side: (i % 2) as 0 | 1,
      price: BigInt(100_000 + (i % 80) * 10_000),
      shares: BigInt(1 + (i % 50)) * SHARE_UNIT,
    }),
  );
}

export async function benchSignatures(): Promise<{ nativePerSec: number; viemPerSec: number }> {
  const orders = signedOrders(20_000);
  const verifier = new InlineVerifier(new OrderSigner(31337, EXCHANGE).hasher);
  for (const order of orders.slice(0, 2_000)) await verifier.verifyEoa(order); // warm up
  let valid = 0;
  const start = performance.now();
  for (const order of orders) if ((await verifier.verifyEoa(order)).valid) valid++;
  const nativePerSec = orders.length / ((performance.now() - start) / 1000);
  if (valid !== orders.length) throw new Error(`only ${valid} of ${orders.length} signatures verified`);

  const domain = exchangeDomain(31337, EXCHANGE);
  const sample = orders.slice(0, 300);
  const viemStart = performance.now();
  for (const order of sample)
    await recoverTypedDataAddress({
      domain,
      types: ORDER_TYPES,
      primaryType: "Order",
      message: order,
      signature: order.signature,
    });
  const viemPerSec = sample.length / ((performance.now() - viemStart) / 1000);
  return { nativePerSec, viemPerSec };
}

/**
 * Realistic mix on 4 markets: 60% passive limit orders around the mid, 25% marketable limit
 * orders (crossing 1-3 levels), 5% FAK, 10% cancels of a random open order; prices on a 0.01 tick
 * drifting with a random walk; 20 makers.
 */
export function benchEngine(total = 300_000): { ordersPerSec: number; fills: number } {
  let seed = 12345;
  const random = (): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4_294_967_296;
  };
  const makers = Array.from({ length: 20 }, (_, i) => `0x${(i + 1).toString(16).padStart(40, "0")}` as Address);
  const mids = [500_000, 300_000, 700_000, 550_000];
  type Op = { kind: "submit"; order: EngineOrder } | { kind: "cancel"; index: number };
  const ops: Op[] = [];
  for (let i = 0; i < total; i++) {
    const market = Math.floor(random() * 4);
    mids[market] = Math.min(
      900_000,
      Math.max(100_000, (mids[market] as number) + (random() < 0.5 ? -10_000 : 10_000) * (random() < 0.1 ? 1 : 0)),
    );
    const mid = mids[market] as number;
    const r = random();
    if (r < 0.1) {
      ops.push({ kind: "cancel", index: Math.floor(random() * i) });
      continue;
    }
    const outcome = (random() < 0.5 ? 0 : 1) as 0 | 1;
    const side = (random() < 0.5 ? 0 : 1) as 0 | 1;
    const ownMid = outcome === 0 ? mid : PRICE_SCALE_NUMBER - mid;
    const aggressive = r > 0.65;
    const offset = (1 + Math.floor(random() * 5)) * 10_000;
    const cross = Math.floor(random() * 3) * 10_000;
    let price =
      side === 0 ? (aggressive ? ownMid + cross : ownMid - offset) : aggressive ? ownMid - cross : ownMid + offset;
    price = Math.min(990_000, Math.max(10_000, price));
    const orderType: OrderType = r > 0.95 ? "FAK" : "GTC";
    ops.push({
      kind: "submit",
      order: {
        hash: `0x${i.toString(16).padStart(64, "0")}` as Hex,
        marketId: `m${market}`,
        maker: makers[Math.floor(random() * makers.length)] as Address,
        outcome,
        side,
        price,
        remaining: BigInt(1 + Math.floor(random() * 100)) * SHARE_UNIT,
        orderType,
        postOnly: false,
        expiration: 0,
        seq: i + 1,
      },
    });
  }
  const hashes = ops.map((op, i) =>
    op.kind === "submit" ? op.order.hash : (`0x${i.toString(16).padStart(64, "0")}` as Hex),
  );
  const engine = new MatchingEngine();
  let fills = 0;
  const start = performance.now();
  for (const op of ops) {
    if (op.kind === "submit") fills += engine.submit(op.order, 1_000).fills.length;
    else engine.cancel(hashes[op.index] as Hex);
  }
  const seconds = (performance.now() - start) / 1000;
  return { ordersPerSec: ops.length / seconds, fills };
}

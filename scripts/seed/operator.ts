/**
 * Orders through the operator (signed like the app signs them), and a trade history mined at
 * chosen chain times so charts and 24 h changes have something to show.
 */
import type { Address, Hex } from "viem";

import { ORDER_TYPES, Side, SignatureType, exchangeDomain, orderAmounts, orderToJson } from "@forkcast/shared";

import { HOUR, PRICE, type SeedContext, USD, type Wallet } from "./context.ts";

const ZERO: Address = "0x0000000000000000000000000000000000000000";

/** One trade batch of the history: what trades, and how many hours after the history starts. */
export interface TimedTrade {
  atHour: number;
  seller: Wallet;
  buyer: Wallet;
  tokenId: bigint;
  price: string;
  shares: string;
  /** A MINT: `seller` bids for this complement token at 1 − price (and takes `buyer`'s resting YES bid). */
  complement?: bigint;
}

/** A seed trader against the operator at `url`; salts count up from 1,001 so every run signs the same orders. */
export function operatorSeeder(ctx: SeedContext, url: string) {
  const { chainId, address, testClient, now } = ctx;
  let salt = 1_000n;

  /** Signs and posts a GTC order; throws with the operator's error when it is refused. */
  async function order(who: Wallet, tokenId: bigint, side: Side, price: string, shares: string): Promise<string> {
    const amounts = orderAmounts(side, PRICE(price), USD(shares));
    salt += 1n;
    const message = {
      salt,
      maker: who.account.address,
      signer: who.account.address,
      taker: ZERO,
      tokenId,
      makerAmount: amounts.makerAmount,
      takerAmount: amounts.takerAmount,
      expiration: 0n,
      nonce: 0n,
      feeRateBps: 0n,
      side,
      signatureType: SignatureType.EOA,
    } as const;
    const signature = await who.signTypedData({
      domain: exchangeDomain(chainId, address("exchange")),
      types: ORDER_TYPES,
      primaryType: "Order",
      message,
    });
    const body = { order: orderToJson({ ...message, signature }), orderType: "GTC" };
    const response = await fetch(`${url}/order`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as { success?: boolean; status?: string; error?: string; message?: string };
    if (!response.ok || answer.success !== true) {
      throw new Error(
        `operator rejected a seed order (${response.status}): ${answer.error ?? ""} ${answer.message ?? ""}`,
      );
    }
    return answer.status ?? "";
  }

  /** The operator learns markets from the exchange's registration events; wait until it has. */
  async function waitForMarkets(conditionIds: readonly Hex[]): Promise<void> {
    for (const conditionId of conditionIds) {
      const deadlineMs = Date.now() + 30_000;
      for (;;) {
        const response = await fetch(`${url}/markets/${conditionId}`);
        if (response.ok) break;
        if (Date.now() > deadlineMs) throw new Error(`the operator did not list market ${conditionId} within 30 s`);
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  async function waitForTrades(count: number): Promise<void> {
    const deadlineMs = Date.now() + 60_000;
    while (Date.now() < deadlineMs) {
      const response = await fetch(`${url}/trades?limit=100`);
      const page = (await response.json()) as { data?: { status: string }[] };
      const confirmed = (page.data ?? []).filter((t) => t.status === "CONFIRMED" || t.status === "MINED").length;
      if (confirmed >= count) return;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`the operator did not settle ${count} seed trades within 60 s`);
  }

  /**
   * Mines each batch at its own chain time (start + atHour), then lets the operator match and
   * settle it before the next one, so every trade lands in a block of its own timestamp.
   */
  async function tradeHistory(batches: readonly TimedTrade[], spanHours: number): Promise<number> {
    const start = await now();
    const mineAt = async (at: bigint) => {
      if (at <= (await now())) return;
      await testClient.setNextBlockTimestamp({ timestamp: at });
      await testClient.mine({ blocks: 1 });
    };
    let settled = 0;
    for (const t of [...batches].sort((a, b) => a.atHour - b.atHour)) {
      await mineAt(start + BigInt(t.atHour) * HOUR);
      if (t.complement === undefined) {
        await order(t.seller, t.tokenId, Side.SELL, t.price, t.shares);
        await order(t.buyer, t.tokenId, Side.BUY, t.price, t.shares);
      } else {
        // The YES bid rests; the NO bid takes it (the trade tape shows it as a NO trade).
        await order(t.buyer, t.tokenId, Side.BUY, t.price, t.shares);
        await order(t.seller, t.complement, Side.BUY, (1 - Number(t.price)).toFixed(2), t.shares);
      }
      settled += 1;
      await waitForTrades(settled);
    }
    // The history ends "now": the chain's clock moves to the end of the span.
    await mineAt(start + BigInt(spanHours) * HOUR);
    return settled;
  }

  return { order, waitForMarkets, tradeHistory };
}

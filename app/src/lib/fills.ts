/**
 * Turns the exchange's OrderFilled events of one maker into position fills. Asset id 0 is the
 * collateral; the maker gave `makerAmountFilled` of `makerAssetId` and received
 * `takerAmountFilled − fee` of `takerAssetId`. Fees are part of the cost (buys) or come off the
 * proceeds (sells), so average prices are what the user really paid or got. Pure.
 */
import { PRICE_SCALE } from "@forkcast/shared";
import type { Fill } from "./pnl.ts";

export interface OrderFilledArgs {
  makerAssetId: bigint;
  takerAssetId: bigint;
  makerAmountFilled: bigint;
  takerAmountFilled: bigint;
  fee: bigint;
}

export function fillFromOrderFilled(e: OrderFilledArgs): { tokenId: bigint; fill: Fill } | undefined {
  const received = e.takerAmountFilled - e.fee;
  if (e.makerAssetId === 0n) {
    if (received <= 0n) return undefined;
    return {
      tokenId: e.takerAssetId,
      fill: { side: "buy", shares: received, price: (e.makerAmountFilled * PRICE_SCALE) / received },
    };
  }
  if (e.makerAmountFilled <= 0n) return undefined;
  return {
    tokenId: e.makerAssetId,
    fill: { side: "sell", shares: e.makerAmountFilled, price: (received * PRICE_SCALE) / e.makerAmountFilled },
  };
}

/** Groups fills per outcome token, in event order. */
export function fillsByToken(events: readonly OrderFilledArgs[]): Map<bigint, Fill[]> {
  const out = new Map<bigint, Fill[]>();
  for (const e of events) {
    const f = fillFromOrderFilled(e);
    if (!f) continue;
    out.set(f.tokenId, [...(out.get(f.tokenId) ?? []), f.fill]);
  }
  return out;
}

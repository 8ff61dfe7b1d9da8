import { describe, expect, it } from "vitest";

import { fillFromOrderFilled, fillsByToken } from "../src/lib/fills.ts";
import { positionFromFills } from "../src/lib/pnl.ts";

/** An `OrderFilled` event's amounts: asset 0 is collateral, 7 an outcome token. */
const filled = (
  makerAssetId: bigint,
  takerAssetId: bigint,
  makerAmountFilled: bigint,
  takerAmountFilled: bigint,
  fee: bigint,
) => ({
  makerAssetId,
  takerAssetId,
  makerAmountFilled,
  takerAmountFilled,
  fee,
});

describe("exchange fills", () => {
  it("reads a buy: collateral given, shares received net of fee", () => {
    expect(fillFromOrderFilled(filled(0n, 7n, 5_000_000n, 10_100_000n, 100_000n))).toEqual({
      tokenId: 7n,
      fill: { side: "buy", shares: 10_000_000n, price: 500_000n },
    });
  });
  it("reads a sell: shares given, collateral received net of fee", () => {
    expect(fillFromOrderFilled(filled(7n, 0n, 10_000_000n, 6_100_000n, 100_000n))).toEqual({
      tokenId: 7n,
      fill: { side: "sell", shares: 10_000_000n, price: 600_000n },
    });
  });
  it("ignores empty fills and groups per token into positions", () => {
    expect(fillFromOrderFilled(filled(0n, 7n, 1n, 1n, 1n))).toBeUndefined();
    const grouped = fillsByToken([
      filled(0n, 7n, 4_000_000n, 10_000_000n, 0n),
      filled(7n, 0n, 5_000_000n, 3_000_000n, 0n),
    ]);
    const position = positionFromFills(grouped.get(7n) ?? []);
    expect(position).toMatchObject({ shares: 5_000_000n, averagePrice: 400_000n, realized: 1_000_000n });
  });
});

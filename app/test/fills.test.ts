import { describe, expect, it } from "vitest";

import { fillFromOrderFilled, fillsByToken } from "../src/lib/fills.ts";
import { positionFromFills } from "../src/lib/pnl.ts";

describe("exchange fills", () => {
  it("reads a buy: collateral given, shares received net of fee", () => {
    expect(
      fillFromOrderFilled({
        makerAssetId: 0n,
        takerAssetId: 7n,
        makerAmountFilled: 5_000_000n,
        takerAmountFilled: 10_100_000n,
        fee: 100_000n,
      }),
    ).toEqual({ tokenId: 7n, fill: { side: "buy", shares: 10_000_000n, price: 500_000n } });
  });
  it("reads a sell: shares given, collateral received net of fee", () => {
    expect(
      fillFromOrderFilled({
        makerAssetId: 7n,
        takerAssetId: 0n,
        makerAmountFilled: 10_000_000n,
        takerAmountFilled: 6_100_000n,
        fee: 100_000n,
      }),
    ).toEqual({ tokenId: 7n, fill: { side: "sell", shares: 10_000_000n, price: 600_000n } });
  });
  it("ignores empty fills and groups per token into positions", () => {
    expect(
      fillFromOrderFilled({
        makerAssetId: 0n,
        takerAssetId: 7n,
        makerAmountFilled: 1n,
        takerAmountFilled: 1n,
        fee: 1n,
      }),
    ).toBeUndefined();
    const grouped = fillsByToken([
      { makerAssetId: 0n, takerAssetId: 7n, makerAmountFilled: 4_000_000n, takerAmountFilled: 10_000_000n, fee: 0n },
      { makerAssetId: 7n, takerAssetId: 0n, makerAmountFilled: 5_000_000n, takerAmountFilled: 3_000_000n, fee: 0n },
    ]);
    const position = positionFromFills(grouped.get(7n) ?? []);
    expect(position).toMatchObject({ shares: 5_000_000n, averagePrice: 400_000n, realized: 1_000_000n });
  });
});

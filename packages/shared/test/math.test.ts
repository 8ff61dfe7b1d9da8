import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  collateralCeil,
  collateralFloor,
  complementPrice,
  feeAmount,
  feeValue,
  formatUnits6,
  isOnTick,
  orderAmounts,
  orderTerms,
  parseUnits6,
  Side,
  TICK_SIZES,
} from "../src/index.js";

describe("order terms", () => {
  it("reads a BUY as collateral given for shares", () => {
    const terms = orderTerms({ side: Side.BUY, makerAmount: 55_000_000n, takerAmount: 100_000_000n });
    assert.deepEqual(terms, { price: 550_000n, shares: 100_000_000n, collateral: 55_000_000n, exact: true });
  });

  it("reads a SELL as shares given for collateral", () => {
    const terms = orderTerms({ side: Side.SELL, makerAmount: 10_000_000n, takerAmount: 4_000_000n });
    assert.deepEqual(terms, { price: 400_000n, shares: 10_000_000n, collateral: 4_000_000n, exact: true });
  });

  it("flags an inexact price", () => {
    assert.equal(orderTerms({ side: Side.BUY, makerAmount: 1n, takerAmount: 3n }).exact, false);
    assert.equal(orderTerms({ side: Side.BUY, makerAmount: 1n, takerAmount: 0n }).exact, false);
  });

  it("round-trips orderAmounts", () => {
    const amounts = orderAmounts(Side.SELL, 330_000n, 12_340_000n);
    assert.deepEqual(amounts, { makerAmount: 12_340_000n, takerAmount: 4_072_200n });
    assert.equal(orderTerms({ side: Side.SELL, ...amounts }).price, 330_000n);
  });

  it("refuses prices outside (0, 1] and inexact collateral", () => {
    assert.throws(() => orderAmounts(Side.BUY, 0n, 1_000_000n), RangeError);
    assert.throws(() => orderAmounts(Side.BUY, 1_000_001n, 1_000_000n), RangeError);
    assert.throws(() => orderAmounts(Side.BUY, 333_333n, 1n), RangeError);
  });
});

describe("ticks and rounding", () => {
  it("accepts prices on the tick strictly between 0 and 1", () => {
    assert.equal(isOnTick(550_000n, TICK_SIZES["0.01"]), true);
    assert.equal(isOnTick(555_000n, TICK_SIZES["0.01"]), false);
    assert.equal(isOnTick(555_000n, TICK_SIZES["0.001"]), true);
    assert.equal(isOnTick(0n, TICK_SIZES["0.01"]), false);
    assert.equal(isOnTick(1_000_000n, TICK_SIZES["0.01"]), false);
  });

  it("rounds collateral down and up", () => {
    assert.equal(collateralFloor(3n, 333_333n), 0n);
    assert.equal(collateralCeil(3n, 333_333n), 1n);
    assert.equal(collateralFloor(2_000_000n, 500_000n), 1_000_000n);
    assert.equal(collateralCeil(2_000_000n, 500_000n), 1_000_000n);
  });

  it("complements a price", () => {
    assert.equal(complementPrice(300_000n), 700_000n);
  });
});

describe("fee", () => {
  const sell = { side: Side.SELL, makerAmount: 100_000_000n, takerAmount: 30_000_000n, feeRateBps: 100n } as const; // 100 @ 0.30
  const buy = { side: Side.BUY, makerAmount: 30_000_000n, takerAmount: 100_000_000n, feeRateBps: 100n } as const; // 100 @ 0.30

  it("charges a SELL feeRateBps × min(p, 1 − p) × shares / 10_000 in collateral", () => {
    // 0.01 × 0.30 × 100 shares = 0.30 collateral
    assert.equal(feeAmount(sell, 100_000_000n), 300_000n);
    assert.equal(feeValue(100n, 300_000n, 100_000_000n), 300_000n);
  });

  it("charges a BUY the same value in shares at its price (÷ p)", () => {
    // 0.30 collateral of value at 0.30 per share = 1 share
    assert.equal(feeAmount(buy, 100_000_000n), 1_000_000n);
  });

  it("is symmetric around 0.5: a price of 0.70 charges like 0.30", () => {
    const sellHigh = {
      side: Side.SELL,
      makerAmount: 100_000_000n,
      takerAmount: 70_000_000n,
      feeRateBps: 100n,
    } as const;
    assert.equal(feeAmount(sellHigh, 100_000_000n), 300_000n);
    assert.equal(feeValue(100n, 700_000n, 100_000_000n), 300_000n);
  });

  it("rounds up in the fee recipient's favour and is zero at zero rate", () => {
    assert.equal(feeAmount(sell, 1n), 1n);
    assert.equal(feeAmount({ ...sell, feeRateBps: 0n }, 100_000_000n), 0n);
    assert.equal(feeAmount(sell, 0n), 0n);
  });

  it("matches independent vectors", () => {
    // 250 bps BUY 12.34 shares at 0.55: value = 0.025 × 0.45 × 12.34 = 0.138825 collateral → / 0.55 = 0.252409… shares → 252_410 (up)
    const order = { side: Side.BUY, makerAmount: 6_787_000n, takerAmount: 12_340_000n, feeRateBps: 250n } as const;
    assert.equal(feeAmount(order, 12_340_000n), 252_410n);
  });
});

describe("decimal strings", () => {
  it("formats and parses 6-decimal values", () => {
    assert.equal(formatUnits6(550_000n), "0.55");
    assert.equal(formatUnits6(12_000_000n), "12");
    assert.equal(formatUnits6(1n), "0.000001");
    assert.equal(parseUnits6("0.55"), 550_000n);
    assert.equal(parseUnits6("12"), 12_000_000n);
    assert.throws(() => parseUnits6("0.1234567"), RangeError);
    assert.throws(() => parseUnits6("abc"), RangeError);
  });
});

describe("fee agrees with the exchange's independent reference", () => {
  it("matches test/exchange/fees.ts on 2,000 random orders and fills", async () => {
    const { expectedFee } = await import("../../../test/exchange/fees.js");
    let seed = 7;
    const next = (n: bigint): bigint => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return BigInt(seed >>> 0) % n;
    };
    for (let i = 0; i < 2_000; i++) {
      const shares = 1n + next(10n ** 12n);
      const price = 1n + next(999_999n);
      const collateral = (shares * price) / 1_000_000n + 1n;
      const side = next(2n) === 0n ? Side.BUY : Side.SELL;
      const order = {
        side,
        makerAmount: side === Side.BUY ? collateral : shares,
        takerAmount: side === Side.BUY ? shares : collateral,
        feeRateBps: next(1_001n),
      };
      if (order.makerAmount > order.takerAmount && side === Side.BUY) continue; // price above one: rejected anyway
      const fill = 1n + next(shares);
      assert.equal(
        feeAmount(order, fill),
        expectedFee(order, fill),
        `order ${JSON.stringify(order, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}, fill ${fill}`,
      );
    }
  });
});

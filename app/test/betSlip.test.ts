import { ODDS_SCALE, COLLATERAL_UNIT } from "@forkcast/shared";
import { describe, expect, it } from "vitest";

import { parseAmount } from "../src/lib/amount.ts";
import {
  MIN_USEFUL_ODDS,
  POOL_MAX_AMOUNT,
  type SlipInput,
  depositReason,
  freeForNewMarkets,
  maxSingleStake,
  singleOdds,
  slipReason,
} from "../src/lib/betSlip.ts";

const usd = (n: number) => BigInt(n) * COLLATERAL_UNIT;
// A 50/50 condition with 10,000 tUSD of virtual liquidity and a 5% margin.
const even = { fund: usd(5_000), totalFund: usd(10_000), marginBps: 500n };

describe("pool odds at a stake", () => {
  it("matches PoolOdds.quote: 1 + (fair - 1)(1 - margin)", () => {
    // fair = 10,010 / 5,010 = 1.99800399…; fair − 1 = 0.998003992015 (floored), × 0.95 = 0.948103792414 (floored)
    expect(singleOdds(even, usd(10))).toBe(1_948_103_792_414n);
  });
  it("falls toward 1.00 as the stake grows", () => {
    expect(singleOdds(even, usd(1_000_000))).toBeLessThan(MIN_USEFUL_ODDS);
    expect(singleOdds(even, usd(1_000_000))).toBeGreaterThan(ODDS_SCALE);
  });
});

describe("max stake from the pool's limits", () => {
  it("is the largest stake still priced at 1.01 or more", () => {
    const max = maxSingleStake(even);
    // (T − f)(1 − m)/0.01 − f = 5,000 × 0.95 × 100 − 5,000 = 470,000 tUSD
    expect(max).toBeGreaterThan(usd(469_999));
    expect(max).toBeLessThanOrEqual(usd(470_000));
    expect(singleOdds(even, max)).toBeGreaterThanOrEqual(MIN_USEFUL_ODDS);
    expect(singleOdds(even, max + 1n)).toBeLessThan(MIN_USEFUL_ODDS);
  });
  it("is zero when no stake gets 1.01 (a near-certain outcome)", () => {
    expect(maxSingleStake({ fund: usd(9_995), totalFund: usd(10_000), marginBps: 500n })).toBe(0n);
  });
  it("never exceeds the pool's MAX_AMOUNT", () => {
    expect(maxSingleStake({ fund: 1n, totalFund: POOL_MAX_AMOUNT * 1000n, marginBps: 0n })).toBe(POOL_MAX_AMOUNT);
  });
});

describe("bet slip refusals", () => {
  const ready: SlipInput = {
    picks: 1,
    stake: parseAmount("10"),
    balance: usd(974),
    maxStake: usd(470_000),
    odds: 1_948_103_792_414n,
    quoteError: undefined,
  };
  it("accepts a stake within balance and max stake", () => {
    expect(slipReason(ready)).toBeUndefined();
  });
  it("asks for a pick before anything else", () => {
    expect(slipReason({ ...ready, picks: 0, stake: parseAmount("") })).toBe("Pick an outcome first");
  });
  it("refuses 99,999,999,999 tUSD on a 10k condition with the max stake", () => {
    expect(slipReason({ ...ready, stake: parseAmount("99,999,999,999") })).toBe(
      "Max stake 470,000.00 tUSD: above it the odds fall below 1.01",
    );
  });
  it("refuses a stake above the balance with both amounts formatted", () => {
    expect(slipReason({ ...ready, stake: parseAmount("1000") })).toBe(
      "Not enough tUSD: you have 974.00 tUSD, the stake is 1,000.00 tUSD",
    );
  });
  it("refuses a stake above the pool's MAX_AMOUNT even with no max stake known (combos)", () => {
    expect(slipReason({ ...ready, maxStake: undefined, stake: { ok: true, value: POOL_MAX_AMOUNT + 1n } })).toMatch(
      /^The pool takes at most /,
    );
  });
  it("passes on the pool's own refusal of the quote", () => {
    expect(slipReason({ ...ready, quoteError: "The pool cannot take more combo risk on this market right now." })).toBe(
      "The pool cannot take more combo risk on this market right now.",
    );
  });
  it("refuses odds below 1.01", () => {
    expect(slipReason({ ...ready, odds: ODDS_SCALE + 1n })).toBe("The odds at this stake (1.00) are below 1.01");
  });
});

describe("LP deposit refusals", () => {
  it("refuses a deposit above the balance before any approval", () => {
    expect(depositReason(parseAmount("5000"), usd(974))).toBe(
      "Not enough tUSD: you have 974.00 tUSD, the deposit is 5,000.00 tUSD",
    );
  });
  it("accepts a deposit within the balance and refuses zero", () => {
    expect(depositReason(parseAmount("500"), usd(974))).toBeUndefined();
    expect(depositReason(parseAmount("0"), usd(974))).toBe("Enter an amount above zero");
  });
});

describe("free liquidity for new markets", () => {
  it("rises with a deposit: pool size minus locked reserve", () => {
    expect(freeForNewMarkets(usd(70_000), usd(1_200))).toBe(usd(68_800));
    expect(freeForNewMarkets(usd(70_500), usd(1_200))).toBe(usd(69_300));
  });
  it("is never negative", () => {
    expect(freeForNewMarkets(usd(10), usd(20))).toBe(0n);
  });
});

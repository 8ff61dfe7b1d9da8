import { ODDS_SCALE } from "@forkcast/shared";
import { describe, expect, it } from "vitest";

import {
  comboOdds,
  formatAmericanOdds,
  formatDecimalOdds,
  impliedProbability,
  minOddsWithSlippage,
  possibleWin,
} from "../src/lib/odds.ts";

const o = (x: number) => BigInt(Math.round(x * 1000)) * (ODDS_SCALE / 1000n);

describe("odds", () => {
  it("formats decimal and American odds", () => {
    expect(formatDecimalOdds(o(2.5))).toBe("2.50");
    expect(formatAmericanOdds(o(2.5))).toBe("+150");
    expect(formatAmericanOdds(o(1.5))).toBe("-200");
    expect(formatAmericanOdds(o(1))).toBe("—");
  });
  it("gives implied probability", () => {
    expect(impliedProbability(o(2))).toBe("50%");
    expect(impliedProbability(0n)).toBe("—");
  });
  it("computes the possible win including the stake", () => {
    expect(possibleWin(10_000_000n, o(2.5))).toBe(25_000_000n);
  });
  it("multiplies parlay legs", () => {
    expect(comboOdds([o(2), o(1.5)])).toBe(o(3));
    expect(comboOdds([])).toBe(ODDS_SCALE);
  });
  it("shrinks only the profit part by the slippage tolerance", () => {
    expect(minOddsWithSlippage(o(3), 100n)).toBe(o(2.98));
    expect(minOddsWithSlippage(o(1), 100n)).toBe(o(1));
  });
});

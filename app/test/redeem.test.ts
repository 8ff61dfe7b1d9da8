import { describe, expect, it } from "vitest";

import { redeemAction, redeemPayout } from "../src/lib/redeem.ts";

const s = (shares: number) => BigInt(shares) * 1_000_000n;

describe("redeem payout", () => {
  it("pays winning shares one tUSD each and losing shares nothing", () => {
    expect(redeemPayout([1n, 0n], [s(12), s(5)])).toBe(s(12));
    expect(redeemPayout([0n, 1n], [s(12), 0n])).toBe(0n);
  });
  it("splits an invalid (50/50) answer evenly", () => {
    expect(redeemPayout([1n, 1n], [s(10), s(4)])).toBe(s(7));
  });
  it("pays nothing before resolution (no numerators)", () => {
    expect(redeemPayout(undefined, [s(10), 0n])).toBe(0n);
  });
});

describe("redeem button", () => {
  it("is enabled for a holder of only losing shares and says it pays 0", () => {
    const a = redeemAction(true, [1n, 0n], [0n, s(20)]);
    expect(a.reason).toBeUndefined();
    expect(a.note).toBe("Your shares lost: redeeming pays 0 (0.00 tUSD) and burns them, clearing the position.");
  });
  it("says what winning shares pay", () => {
    expect(redeemAction(true, [1n, 0n], [s(3), s(20)]).note).toBe("Redeeming pays 3.00 tUSD and burns your shares.");
  });
  it("is disabled with the reason before resolution or without shares", () => {
    expect(redeemAction(false, undefined, [s(3), 0n]).reason).toBe("The market is not resolved yet.");
    expect(redeemAction(true, [1n, 0n], [0n, 0n]).reason).toBe("You hold no shares of this market.");
  });
});

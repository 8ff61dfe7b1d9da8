import { ConditionState } from "@forkcast/shared";
import { describe, expect, it } from "vitest";

import {
  type CashOutInput,
  betOutcome,
  betSummary,
  cashOutState,
  conditionTitle,
  minCashOut,
  outcomeLabel,
  pickLabel,
  singleBetOutcome,
} from "../src/lib/poolBets.ts";

const me = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const other = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const open: CashOutInput = {
  isCombo: false,
  conditionState: "Active",
  startsAt: 2_000,
  now: 1_000,
  account: me,
  holder: me,
  stake: 10_000_000n,
  quote: 9_200_000n,
};

describe("pool bet names", () => {
  const derby = { conditionId: 7n, question: "Lisbon derby: who wins?", outcomeNames: ["Benfica", "Draw", "Sporting"] };
  it("uses the question text and outcome names", () => {
    expect(conditionTitle(derby)).toBe("Lisbon derby: who wins?");
    expect(outcomeLabel(derby, 2)).toBe("Sporting");
  });
  it("falls back to ids when the question carries no names", () => {
    const bare = { conditionId: 7n, question: "", outcomeNames: [] };
    expect(conditionTitle(bare)).toBe("Pool condition #7");
    expect(outcomeLabel(bare, 0)).toBe("Outcome 1");
    expect(outcomeLabel(derby, 5)).toBe("Outcome 6");
  });
  it("names a pick as question and outcome, with the same fallbacks", () => {
    expect(pickLabel(derby, 0)).toBe("Lisbon derby: who wins?: Benfica");
    expect(pickLabel({ conditionId: 7n, question: "", outcomeNames: [] }, 1)).toBe("Pool condition #7: Outcome 2");
  });
});

describe("cash-out availability", () => {
  it("offers the quoted amount for an open single bet before the start", () => {
    expect(cashOutState(open)).toEqual({ ok: true, amount: 9_200_000n });
  });
  it("accepts the holder whatever the address case", () => {
    expect(cashOutState({ ...open, holder: me.toLowerCase() as `0x${string}` }).ok).toBe(true);
  });
  it.each<[string, Partial<CashOutInput>, string | RegExp]>([
    ["combos", { isCombo: true }, "Combo bets cannot be cashed out"],
    ["burnt NFTs", { holder: null }, "Already cashed out"],
    ["no wallet", { account: undefined }, "Connect a wallet first."],
    ["another holder", { holder: other }, "Not yours: the bet NFT is held by 0x3C44…93BC"],
    ["claimed bets", { stake: 0n }, "Already claimed"],
    ["resolved markets", { conditionState: "Resolved" }, "The market is resolved: cash-out is closed"],
    ["cancelled markets", { conditionState: "Cancelled" }, "The market was cancelled: claim your stake back"],
    ["paused markets", { conditionState: "Paused" }, "The market is paused"],
    ["started events", { now: 2_000 }, /^The event started at 1970-01-01 00:33 UTC: cash-out is closed$/],
    ["missing quotes", { quote: undefined }, "Quoting the cash-out…"],
    ["loading bets", { holder: undefined }, "Loading the bet…"],
  ])("refuses %s and says why", (_, change, reason) => {
    const state = cashOutState({ ...open, ...change });
    expect(state.ok).toBe(false);
    if (!state.ok) expect(state.reason).toMatch(reason);
  });
  it("applies the slippage tolerance to the minimum amount, rounding down", () => {
    expect(minCashOut(9_200_000n, 100n)).toBe(9_108_000n);
    expect(minCashOut(999n, 50n)).toBe(994n);
    expect(minCashOut(9_200_000n, 0n)).toBe(9_200_000n);
  });
});

describe("bet list lines", () => {
  const fmt = (v: bigint) => `${Number(v) / 1e6} tUSD`;
  const bet = { status: "open", amount: 10_000_000n, payout: 42_520_000n, paidOut: 0n };
  it("an open bet on a running market says what it wins", () => {
    expect(betSummary(bet, "pending", fmt)).toEqual({ status: "open", result: "to win 42.52 tUSD", claimable: true });
  });
  it("a cashed-out bet reads 'cashed out' with what it paid, no 'to win' and no Claim", () => {
    expect(betSummary({ ...bet, status: "cashedOut", paidOut: 9_200_000n }, "pending", fmt)).toEqual({
      status: "cashed out",
      result: "cashed out for 9.2 tUSD",
      claimable: false,
    });
  });
  it("a won single awaiting its claim offers the payout; a lost one offers nothing", () => {
    expect(betSummary(bet, "won", fmt)).toEqual({ status: "won", result: "42.52 tUSD to claim", claimable: true });
    expect(betSummary(bet, "lost", fmt)).toEqual({ status: "lost", result: "—", claimable: false });
    expect(betSummary(bet, "void", fmt).result).toBe("stake 10 tUSD to claim back");
  });
  it("never prints a raw indexer status", () => {
    expect(betSummary({ ...bet, status: "someNewState" }, "pending", fmt).status).toBe("some new state");
  });
});

describe("how a single bet's pick ended", () => {
  it("follows the condition's state and winning outcome", () => {
    expect(singleBetOutcome(1, { state: ConditionState.Active, winningOutcome: undefined })).toBe("pending");
    expect(singleBetOutcome(1, { state: ConditionState.Resolved, winningOutcome: 1 })).toBe("won");
    expect(singleBetOutcome(0, { state: ConditionState.Resolved, winningOutcome: 1 })).toBe("lost");
    expect(singleBetOutcome(0, { state: ConditionState.Cancelled, winningOutcome: undefined })).toBe("void");
    expect(singleBetOutcome(0, undefined)).toBe("pending");
  });
});

describe("how a bet ended from its legs", () => {
  it("a single follows its one leg", () => {
    for (const leg of ["pending", "won", "lost", "void"] as const) expect(betOutcome(false, [leg])).toBe(leg);
    expect(betOutcome(false, [])).toBe("pending");
  });
  it("a combo loses with any losing leg and is otherwise pending until the pool settles it", () => {
    expect(betOutcome(true, ["won", "lost"])).toBe("lost");
    expect(betOutcome(true, ["won", "won"])).toBe("pending");
    expect(betOutcome(true, ["void", "pending"])).toBe("pending");
  });
});

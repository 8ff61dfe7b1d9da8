import { OracleState } from "@forkcast/shared";
import { describe, expect, it } from "vitest";

import {
  type PoolResolutionInput,
  poolConditionLine,
  poolListStatus,
  poolResolutionStep,
} from "../src/lib/poolResolution.ts";

const ZERO = "0x0000000000000000000000000000000000000000";
const DAVE = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
const q = {
  state: OracleState.Open,
  endTime: 15_000n,
  expiresAt: 0n,
  bond: 50_000_000n,
  proposedAnswer: 0n,
  disputer: ZERO,
  firstDisputer: ZERO,
  finalAnswer: 0n,
};
const base: PoolResolutionInput = {
  conditionState: "Active",
  startsAt: 10_000,
  outcomeNames: ["Benfica", "Draw", "Sporting"],
  now: 20_000,
  question: q,
};

describe("pool market resolution path", () => {
  it("before the oracle's end time nothing can be proposed, and says from when", () => {
    const step = poolResolutionStep({ ...base, now: 14_000 });
    expect(step.blocked.propose).toMatch(/^Answers can be proposed from /);
    expect(step.status).toMatch(/in 16m 40s\)$/);
  });
  it("after the end time a proposal is the next step, with the bond", () => {
    const step = poolResolutionStep(base);
    expect(step.status).toBe("awaiting a proposal (bond 50.00 tUSD)");
    expect(step.blocked.propose).toBeUndefined();
    expect(step.blocked.resolve).toBe("The oracle has no final answer yet");
  });
  it("a dispute stays on record with its bond after the question reopens", () => {
    const step = poolResolutionStep({ ...base, question: { ...q, firstDisputer: DAVE } });
    expect(step.status).toBe("disputed once (bond 50.00 tUSD on record): awaiting a new proposal");
  });
  it("during the challenge window: dispute possible, settle says when", () => {
    const step = poolResolutionStep({
      ...base,
      question: { ...q, state: OracleState.Proposed, proposedAnswer: 2n, expiresAt: 20_600n },
    });
    expect(step.status).toBe('proposed "Sporting" (bond 50.00 tUSD); challenge window open, ends in 10m 00s');
    expect(step.blocked.dispute).toBeUndefined();
    expect(step.blocked.settle).toBe("The challenge window closes in 10m 00s");
  });
  it("after the window: settle, then resolve the pool market", () => {
    const proposed = poolResolutionStep({
      ...base,
      question: { ...q, state: OracleState.Proposed, expiresAt: 19_000n },
    });
    expect(proposed.blocked.settle).toBeUndefined();
    expect(proposed.blocked.resolve).toBe("Settle the oracle question first");
    const settled = poolResolutionStep({ ...base, question: { ...q, state: OracleState.Settled, finalAnswer: 0n } });
    expect(settled.status).toBe('answer "Benfica" final: ready to resolve the pool market');
    expect(settled.blocked.resolve).toBeUndefined();
  });
  it("a resolved pool market offers no more oracle steps", () => {
    const step = poolResolutionStep({ ...base, conditionState: "Resolved" });
    expect(Object.keys(step.blocked).sort()).toEqual(["dispute", "propose", "resolve", "settle"]);
  });
});

describe("pool market state line", () => {
  const name = (i: number) => ["Benfica", "Draw", "Sporting"][i] ?? "?";
  const c = { startsAt: 1_800_000_000, winningOutcome: undefined };
  it("shows when betting closes with a countdown on the chain's clock", () => {
    expect(poolConditionLine(c, "Active", 1_800_000_000 - 3_725, name)).toBe(
      "taking bets · closes 2027-01-15 08:00 UTC (in 1h 2m)",
    );
  });
  it("after the start says betting closed and how long ago", () => {
    expect(poolConditionLine(c, "Active", 1_800_000_600, name)).toBe(
      "betting closed 2027-01-15 08:00 UTC (10m 00s ago): awaiting the result",
    );
  });
  it("a resolved market says which outcome won", () => {
    expect(poolConditionLine({ ...c, winningOutcome: 2 }, "Resolved", 1_900_000_000, name)).toBe(
      "resolved: Sporting won",
    );
  });
});

describe("pool market list status", () => {
  it("is open until betting closes, then ended until the result, like an order-book market", () => {
    expect(poolListStatus("Active", 10_000, 9_999)).toBe("open");
    expect(poolListStatus("Paused", 10_000, 9_999)).toBe("open");
    expect(poolListStatus("Active", 10_000, 10_000)).toBe("ended");
  });
  it("counts resolved and cancelled markets as final", () => {
    expect(poolListStatus("Resolved", 10_000, 9_000)).toBe("resolved");
    expect(poolListStatus("Cancelled", 10_000, 9_000)).toBe("resolved");
  });
});

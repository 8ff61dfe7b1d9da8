import { describe, expect, it } from "vitest";

import { cardTimeLine, marketListStatus, resolutionStatus } from "../src/lib/resolution.ts";
import { makeMarket } from "./fixtures.ts";

const END = 1_000;
const question = (over: object) => ({
  state: "open" as const,
  proposedAnswer: undefined,
  expiresAt: undefined,
  disputeCount: 0,
  ...over,
});

describe("resolution status", () => {
  it("walks trading → awaiting a proposal → proposed with countdown → ready → settled → resolved", () => {
    const m = (over: object) => makeMarket({ endTime: END, oracle: question(over) });
    expect(resolutionStatus(m({}), END - 1)).toBe("trading");
    expect(resolutionStatus(m({}), END)).toBe("awaiting a proposal");
    expect(resolutionStatus(m({ state: "proposed", proposedAnswer: 1n, expiresAt: END + 3_600 }), END)).toBe(
      'proposed "No", challenge window ends in 1h 0m',
    );
    expect(resolutionStatus(m({ state: "proposed", proposedAnswer: 0n, expiresAt: END }), END + 1)).toBe(
      'proposed "Yes", ready to settle',
    );
    expect(resolutionStatus(m({ state: "settled" }), END)).toBe("answer settled: ready to resolve");
    expect(resolutionStatus(makeMarket({ endTime: END, resolved: true }), END)).toBe("resolved");
    expect(resolutionStatus(makeMarket({ endTime: END, resolved: true, answer: 1n }), END)).toBe("resolved: No won");
  });

  it("names disputes and the invalid answer", () => {
    const m = (over: object) => makeMarket({ endTime: END, oracle: question(over) });
    expect(resolutionStatus(m({ disputeCount: 1 }), END)).toMatch(
      /^disputed once \(dispute bond [\d,]+\.\d\d tUSD on record\): awaiting a new proposal$/,
    );
    expect(resolutionStatus(m({ state: "escalated", disputeCount: 2 }), END)).toBe(
      "disputed twice: with the arbitrator",
    );
    expect(resolutionStatus(m({ state: "proposed", proposedAnswer: 2n ** 255n, expiresAt: END + 60 }), END)).toMatch(
      /^proposed "invalid"/,
    );
  });
});

describe("market card time line", () => {
  const m = (over: object) => makeMarket({ endTime: END, oracle: question(over) });
  it("counts down to the end while trading", () => {
    expect(cardTimeLine(m({}), END - 90)).toBe("ends in 1m 30s");
  });
  it("says the challenge window is open instead of 'ended … ago'", () => {
    expect(cardTimeLine(m({ state: "proposed", proposedAnswer: 0n, expiresAt: END + 7_200 }), END + 360)).toBe(
      "challenge window open, ends in 1h 54m",
    );
  });
  it("says which outcome won once resolved", () => {
    expect(cardTimeLine(makeMarket({ endTime: END, resolved: true, answer: 0n }), END + 10)).toBe("resolved: Yes won");
  });
  it("an ended market with nothing proposed says so", () => {
    expect(cardTimeLine(m({}), END + 360)).toBe("ended 6m 00s ago, awaiting a proposal");
  });
});

describe("market list status filter", () => {
  it("is open before the end, ended after it, resolved once resolved, on the chain's clock", () => {
    expect(marketListStatus({ endTime: END, resolved: false }, END - 1)).toBe("open");
    expect(marketListStatus({ endTime: END, resolved: false }, END)).toBe("ended");
    expect(marketListStatus({ endTime: END, resolved: true }, END - 1)).toBe("resolved");
  });
});

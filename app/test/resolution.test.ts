import { describe, expect, it } from "vitest";

import { resolutionStatus } from "../src/lib/resolution.ts";
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
  });

  it("names disputes and the invalid answer", () => {
    const m = (over: object) => makeMarket({ endTime: END, oracle: question(over) });
    expect(resolutionStatus(m({ disputeCount: 1 }), END)).toBe("disputed once: awaiting a new proposal");
    expect(resolutionStatus(m({ state: "escalated", disputeCount: 2 }), END)).toBe(
      "disputed twice: with the arbitrator",
    );
    expect(resolutionStatus(m({ state: "proposed", proposedAnswer: 2n ** 255n, expiresAt: END + 60 }), END)).toMatch(
      /^proposed "invalid"/,
    );
  });
});

import { describe, expect, it } from "vitest";

import { decodeQuestionData, encodeQuestionData, PROBABILITY_SCALE } from "@forkcast/shared";

import {
  type MarketDraft,
  type PoolFields,
  evenProbabilities,
  formatPercent,
  parseProbability,
  toPoolParams,
  validatePoolDraft,
} from "../src/lib/marketForm.ts";

const now = Date.parse("2026-01-01T00:00:00Z") / 1000;
const draft: MarketDraft = {
  kind: "pool",
  question: "Lisbon derby: who wins?",
  outcomes: ["Benfica", "Draw", "Sporting"],
  endTime: "2026-03-01T20:00",
  rules: "Result after 90 minutes plus stoppage time.",
  resolutionSource: "Liga Portugal",
  category: "Sports",
  reward: "5",
  bond: "50",
};
const fields: PoolFields = {
  probabilities: ["45", "27", "28"],
  margin: "5",
  reinforcement: "10000",
  closesAt: "2026-03-01T18:00",
};

describe("pool market form", () => {
  it("accepts a complete three-outcome pool market", () => {
    expect(validatePoolDraft(draft, fields, now)).toEqual({});
  });

  it("builds the openQuestion and createCondition arguments", () => {
    const params = toPoolParams(draft, fields, now);
    expect(params).toEqual({
      questionData: {
        question: "Lisbon derby: who wins?",
        outcomeNames: ["Benfica", "Draw", "Sporting"],
        rules: "Result after 90 minutes plus stoppage time.\n\nResolution source: Liga Portugal\nCategory: Sports",
        endTime: BigInt(Date.parse("2026-03-01T20:00:00Z") / 1000),
      },
      outcomeCount: 3n,
      endTime: BigInt(Date.parse("2026-03-01T20:00:00Z") / 1000),
      reward: 5_000_000n,
      bond: 50_000_000n,
      probabilities: [450_000_000_000n, 270_000_000_000n, 280_000_000_000n],
      reinforcement: 10_000_000_000n,
      marginBps: 500n,
      startsAt: BigInt(Date.parse("2026-03-01T18:00:00Z") / 1000),
    });
    expect(params?.probabilities.reduce((a, b) => a + b, 0n)).toBe(PROBABILITY_SCALE);
  });

  it("the question data round-trips through the shared encoding", () => {
    const params = toPoolParams(draft, fields, now);
    if (!params) throw new Error("the draft should be valid");
    expect(decodeQuestionData(encodeQuestionData(params.questionData))).toEqual(params.questionData);
  });

  it("requires probabilities that add up to exactly 100%", () => {
    expect(validatePoolDraft(draft, { ...fields, probabilities: ["45", "27", "23"] }, now).probabilities).toBe(
      "The probabilities add up to 95%; they must add up to exactly 100%.",
    );
    expect(validatePoolDraft(draft, { ...fields, probabilities: ["60", "40", "0"] }, now).probabilities).toBe(
      "Outcome #3 needs a probability above 0%.",
    );
    expect(validatePoolDraft(draft, { ...fields, probabilities: ["45", "x", "28"] }, now).probabilities).toBe(
      "Outcome #2's probability: Use digits and one decimal point only.",
    );
    expect(validatePoolDraft(draft, { ...fields, probabilities: ["45", "", "28"] }, now).probabilities).toBe(
      "Outcome #2's probability: Enter an amount.",
    );
  });

  it("accepts fractional percentages and a trailing % sign", () => {
    const thirds = { ...fields, probabilities: ["33.3334", "33.3333", "33.3333%"] };
    expect(validatePoolDraft(draft, thirds, now)).toEqual({});
    expect(parseProbability("27.5")).toEqual({ ok: true, value: 275_000_000_000n });
  });

  it("limits pool markets to 2..20 outcomes", () => {
    const many = Array.from({ length: 21 }, (_, i) => `Team ${i + 1}`);
    expect(
      validatePoolDraft({ ...draft, outcomes: many }, { ...fields, probabilities: evenProbabilities(21) }, now)
        .outcomes,
    ).toBe("Give between 2 and 20 outcomes.");
    const twenty = many.slice(0, 20);
    expect(
      validatePoolDraft({ ...draft, outcomes: twenty }, { ...fields, probabilities: evenProbabilities(20) }, now),
    ).toEqual({});
    expect(
      validatePoolDraft({ ...draft, outcomes: ["Only"] }, { ...fields, probabilities: ["100"] }, now).outcomes,
    ).toBe("Give between 2 and 20 outcomes.");
  });

  it("checks margin, reinforcement and the creator's cap", () => {
    expect(validatePoolDraft(draft, { ...fields, margin: "20.5" }, now).margin).toBe("The margin can be at most 20%.");
    expect(validatePoolDraft(draft, { ...fields, margin: "20" }, now).margin).toBeUndefined();
    expect(validatePoolDraft(draft, { ...fields, reinforcement: "0" }, now).reinforcement).toMatch(/above zero/);
    expect(validatePoolDraft(draft, fields, now, { reinforcementAvailable: 5_000_000_000n }).reinforcement).toBe(
      "Your reinforcement cap has 5,000.00 tUSD left.",
    );
    expect(validatePoolDraft(draft, { ...fields, reinforcement: "0.000001" }, now).probabilities).toMatch(
      /rounds to zero/,
    );
  });

  it("betting must close in the future and no later than the end time", () => {
    expect(validatePoolDraft(draft, { ...fields, closesAt: "" }, now).closesAt).toBe("Pick when betting closes (UTC).");
    expect(validatePoolDraft(draft, { ...fields, closesAt: "2025-12-31T00:00" }, now).closesAt).toBe(
      "Betting must close in the future.",
    );
    expect(validatePoolDraft(draft, { ...fields, closesAt: "2026-03-02T00:00" }, now).closesAt).toBe(
      "Betting must close no later than the end time.",
    );
  });

  it("returns no parameters for an invalid draft", () => {
    expect(toPoolParams({ ...draft, question: "Derby" }, fields, now)).toBeUndefined();
  });

  it("splits 100% evenly with two decimals", () => {
    expect(evenProbabilities(2)).toEqual(["50", "50"]);
    expect(evenProbabilities(3)).toEqual(["33.34", "33.33", "33.33"]);
    expect(evenProbabilities(0)).toEqual([]);
    expect(formatPercent(950_000_000_000n)).toBe("95%");
    expect(formatPercent(333_300_000_000n)).toBe("33.33%");
  });
});

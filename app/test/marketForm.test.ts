import { describe, expect, it } from "vitest";

import {
  MARKET_CATEGORIES,
  type MarketDraft,
  firstProblem,
  parseEndTime,
  previewAmounts,
  toMarketParams,
  validateDraft,
} from "../src/lib/marketForm.ts";

const now = Date.parse("2026-01-01T00:00:00Z") / 1000;
const good: MarketDraft = {
  kind: "binary",
  question: "Will it rain in Paris on 1 June?",
  outcomes: ["", ""],
  endTime: "2026-06-01T12:00",
  rules: "Resolves Yes if Météo-France reports rain in Paris.",
  resolutionSource: "meteofrance.com",
  category: "Science",
  reward: "10",
  bond: "100",
};

describe("create-market validation", () => {
  it("accepts a complete binary market", () => {
    expect(validateDraft(good, now)).toEqual({});
  });
  it("names each bad field", () => {
    const errors = validateDraft(
      { ...good, question: "Rain", endTime: "2025-12-31T23:59", rules: "", resolutionSource: " ", category: "" },
      now,
    );
    expect(Object.keys(errors).sort()).toEqual(["category", "endTime", "question", "resolutionSource", "rules"]);
  });
  it("checks multi-outcome names", () => {
    expect(validateDraft({ ...good, kind: "multi", outcomes: ["A", ""] }, now).outcomes).toBe("Outcome #2 is empty.");
    expect(validateDraft({ ...good, kind: "multi", outcomes: ["A", "a"] }, now).outcomes).toBe(
      "Outcome names must be different.",
    );
    expect(validateDraft({ ...good, kind: "multi", outcomes: ["A"] }, now).outcomes).toMatch(/between 2/);
  });
  it("checks reward and bond amounts", () => {
    expect(validateDraft({ ...good, reward: "x", bond: "0" }, now)).toEqual({
      reward: "Use digits and one decimal point only",
      bond: "The bond must be above zero so wrong answers cost something.",
    });
  });
  it("converts a valid draft into the factory's params with the source in the rules", () => {
    expect(toMarketParams(good, now)).toEqual({
      question: good.question,
      outcomeNames: ["Yes", "No"],
      rules: `${good.rules}\n\nResolution source: meteofrance.com`,
      category: "Science",
      imageUri: "",
      endTime: BigInt(Date.parse("2026-06-01T12:00:00Z") / 1000),
      reward: 10_000_000n,
      bond: 100_000_000n,
      liveness: 0n,
    });
    expect(toMarketParams({ ...good, question: "" }, now)).toBeUndefined();
    expect(toMarketParams({ ...good, kind: "multi", outcomes: [" A ", "B", "C"] }, now)?.outcomeNames).toEqual([
      "A",
      "B",
      "C",
    ]);
  });
  it("parses the end time as UTC", () => {
    expect(parseEndTime("2026-01-01T00:10")).toBe(now + 600);
    expect(parseEndTime("tomorrow")).toBeUndefined();
  });
});

describe("create form messages", () => {
  it("the disabled button names the first problem's field, never a bare 'fix the highlighted fields'", () => {
    expect(firstProblem({ question: "Write a question of at least 10 characters." })).toBe(
      "Question: Write a question of at least 10 characters.",
    );
    expect(firstProblem({})).toBeUndefined();
  });
  it("the preview shows reward and bond from their inputs even while other fields are empty", () => {
    expect(previewAmounts({ reward: "10", bond: "100" })).toEqual({ reward: 10_000_000n, bond: 100_000_000n });
    expect(previewAmounts({ reward: "x", bond: "100" })).toEqual({ reward: undefined, bond: 100_000_000n });
  });
  it("an end time too close is measured against the chain's clock, which it names", () => {
    const chainNow = 1_800_000_000; // 2027-01-15 08:00 UTC
    const errors = validateDraft(
      {
        kind: "binary",
        question: "Will it rain in Paris on 1 June?",
        outcomes: ["", ""],
        endTime: "2027-01-15T08:05",
        rules: "Resolves YES if Météo-France reports rain.",
        resolutionSource: "Météo-France",
        category: "Weather",
        reward: "10",
        bond: "100",
      },
      chainNow,
    );
    expect(errors.endTime).toBe(
      "The end time must be at least 10 minutes after the chain's time (now 2027-01-15 08:00 UTC).",
    );
  });
  it("offers the categories the demo's markets use", () => {
    for (const c of ["Crypto", "Economics", "Sports", "Weather"]) expect(MARKET_CATEGORIES).toContain(c);
  });
});

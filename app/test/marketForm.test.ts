import { describe, expect, it } from "vitest";

import { type MarketDraft, parseEndTime, validateDraft } from "../src/lib/marketForm.ts";

const now = Date.parse("2026-01-01T00:00:00Z") / 1000;
const good: MarketDraft = {
  kind: "binary",
  question: "Will it rain in Paris on 1 June?",
  outcomes: ["", ""],
  endTime: "2026-06-01T12:00",
  rules: "Resolves Yes if Météo-France reports rain in Paris.",
  resolutionSource: "meteofrance.com",
  category: "Science",
};

describe("create-market validation", () => {
  it("accepts a complete binary market", () => {
    expect(validateDraft(good, now)).toEqual({});
  });
  it("names each bad field", () => {
    const errors = validateDraft({ ...good, question: "Rain", endTime: "2025-12-31T23:59", rules: "", resolutionSource: " ", category: "" }, now);
    expect(Object.keys(errors).sort()).toEqual(["category", "endTime", "question", "resolutionSource", "rules"]);
  });
  it("checks multi-outcome names", () => {
    expect(validateDraft({ ...good, kind: "multi", outcomes: ["A", ""] }, now).outcomes).toBe("Outcome #2 is empty.");
    expect(validateDraft({ ...good, kind: "multi", outcomes: ["A", "a"] }, now).outcomes).toBe("Outcome names must be different.");
    expect(validateDraft({ ...good, kind: "multi", outcomes: ["A"] }, now).outcomes).toMatch(/between 2/);
  });
  it("parses the end time as UTC", () => {
    expect(parseEndTime("2026-01-01T00:10")).toBe(now + 600);
    expect(parseEndTime("tomorrow")).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";

import { parsePoolConditions } from "../src/data/pool.ts";

const row = (over: Record<string, unknown>) => ({
  id: "3",
  questionId: `0x${"ab".repeat(32)}`,
  outcomeCount: 3,
  startsAt: "1700000000",
  state: "active",
  question: "Lisbon derby: Benfica vs Sporting",
  outcomeNames: ["Benfica", "Draw", "Sporting"],
  rules: "Full time result.",
  ...over,
});

describe("pool conditions from the indexer", () => {
  it("parses question text, outcome names and the state in the contract's enum order", () => {
    const [derby, paused, resolved, cancelled] = parsePoolConditions({
      poolConditions: {
        items: [
          row({}),
          row({ id: "4", state: "paused" }),
          row({ id: "5", state: "resolved", winningOutcome: "2" }),
          row({ id: "6", state: "cancelled" }),
        ],
      },
    });
    expect(derby).toEqual({
      conditionId: 3n,
      questionId: `0x${"ab".repeat(32)}`,
      question: "Lisbon derby: Benfica vs Sporting",
      outcomeNames: ["Benfica", "Draw", "Sporting"],
      rules: "Full time result.",
      outcomeCount: 3,
      startsAt: 1_700_000_000,
      state: 1,
      winningOutcome: undefined,
    });
    expect([paused?.state, resolved?.state, cancelled?.state]).toEqual([2, 3, 4]);
    expect(resolved?.winningOutcome).toBe(2);
  });

  it("a question the oracle never opened has empty text; a bad row names its field", () => {
    const [bare] = parsePoolConditions({
      poolConditions: { items: [row({ question: "", outcomeNames: [], rules: "" })] },
    });
    expect(bare).toMatchObject({ question: "", outcomeNames: [], rules: "" });
    expect(() => parsePoolConditions({ poolConditions: { items: [row({ outcomeNames: "Benfica" })] } })).toThrow(
      /condition.outcomeNames is not a list/,
    );
  });
});

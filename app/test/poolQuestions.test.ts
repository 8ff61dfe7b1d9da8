import { describe, expect, it } from "vitest";

import { encodeQuestionData } from "@forkcast/shared";
import { type Hex, toHex } from "viem";

import { readQuestionTexts, withQuestionText } from "../src/data/pool.ts";

type Client = Parameters<typeof readQuestionTexts>[0];
const ORACLE = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const DERBY = "0x" + "ab".repeat(32);
const RAIN = "0x" + "22".repeat(32);

/** A node that answers getContractEvents with these QuestionOpened logs and records the filter. */
function clientWith(events: { questionId: Hex; ancillaryData: Hex }[]) {
  const calls: unknown[] = [];
  const client = {
    getContractEvents: async (request: unknown) => {
      calls.push(request);
      return events.map((args) => ({ args }));
    },
  } as unknown as Client;
  return { client, calls };
}

const chainCondition = {
  conditionId: 3n,
  questionId: DERBY as Hex,
  outcomeCount: 3,
  startsAt: 1_000,
  odds: [undefined, undefined, undefined],
  state: 1,
};

describe("pool question texts from QuestionOpened", () => {
  it("decodes the shared encoding and plain text, keyed by lower-case question id", async () => {
    const { client, calls } = clientWith([
      {
        questionId: DERBY.toUpperCase().replace("0X", "0x") as Hex,
        ancillaryData: encodeQuestionData({
          question: "Lisbon derby: who wins?",
          outcomeNames: ["Benfica", "Draw", "Sporting"],
          rules: "90 minutes.",
          endTime: 5n,
        }),
      },
      { questionId: RAIN as Hex, ancillaryData: toHex("Will it rain?") },
    ]);
    const texts = await readQuestionTexts(client, ORACLE, [DERBY as Hex, RAIN as Hex, DERBY as Hex], 7n);
    expect(texts.get(DERBY)).toEqual({
      question: "Lisbon derby: who wins?",
      outcomeNames: ["Benfica", "Draw", "Sporting"],
      rules: "90 minutes.",
      endTime: 5n,
    });
    expect(texts.get(RAIN)).toEqual({ question: "Will it rain?", outcomeNames: [], rules: "" });
    expect(calls).toEqual([
      expect.objectContaining({
        address: ORACLE,
        eventName: "QuestionOpened",
        args: { questionId: [DERBY, RAIN] },
        fromBlock: 7n,
      }),
    ]);
  });

  it("asks nothing when there is no oracle or no condition", async () => {
    const { client, calls } = clientWith([]);
    expect((await readQuestionTexts(client, undefined, [DERBY as Hex], 0n)).size).toBe(0);
    expect((await readQuestionTexts(client, ORACLE, [], 0n)).size).toBe(0);
    expect(calls).toEqual([]);
  });

  it("fills a condition's text, or leaves it empty when the question is unknown", () => {
    expect(
      withQuestionText(chainCondition, { question: "Q?", outcomeNames: ["A", "B", "C"], rules: "R" }),
    ).toMatchObject({ conditionId: 3n, question: "Q?", outcomeNames: ["A", "B", "C"], rules: "R" });
    expect(withQuestionText(chainCondition, undefined)).toMatchObject({ question: "", outcomeNames: [], rules: "" });
  });
});

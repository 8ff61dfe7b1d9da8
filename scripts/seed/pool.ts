/** Pool markets: an oracle question with the pool condition on it, and one run to resolution. */
import { parseEventLogs } from "viem";

import { PROBABILITY_SCALE, encodeQuestionData } from "@forkcast/shared";

import { HOUR, type SeedContext, USD } from "./context.ts";

export interface PoolQuestion {
  question: string;
  /** Outcome names with their initial probabilities, in outcome order. */
  outcomes: [name: string, probability: string][];
  rules: string;
  endsIn: bigint;
}

/** Opens the oracle question (ancillary data in the shared question encoding) and the pool condition on it. */
export async function poolCondition(
  { oracle, pool, people, receipt, now }: SeedContext,
  { question: text, outcomes, rules, endsIn }: PoolQuestion,
): Promise<bigint> {
  const endTime = (await now()) + endsIn;
  const ancillaryData = encodeQuestionData({ question: text, outcomeNames: outcomes.map(([n]) => n), rules, endTime });
  const opened = await receipt(
    oracle.write.openQuestion([ancillaryData, BigInt(outcomes.length), endTime, USD("5"), USD("50"), 0n], {
      account: people.deployer.account,
    }),
  );
  const [question] = parseEventLogs({ abi: oracle.abi, eventName: "QuestionOpened", logs: opened.logs });
  if (!question) throw new Error(`QuestionOpened missing for "${text}"`);
  const created = await receipt(
    pool.write.createCondition(
      [
        question.args.questionId,
        outcomes.map(([, p]) => (PROBABILITY_SCALE * BigInt(Math.round(Number(p) * 1_000))) / 1_000n),
        USD("10000"),
        500n,
        endTime - 2n * HOUR,
      ],
      { account: people.deployer.account },
    ),
  );
  const [condition] = parseEventLogs({ abi: pool.abi, eventName: "ConditionCreated", logs: created.logs });
  if (!condition) throw new Error(`ConditionCreated missing for "${text}"`);
  console.log(`seed: pool condition "${text}"`);
  return condition.args.conditionId;
}

/**
 * A pool market that has run its whole course, so the demo has a won bet to claim: alice bets on
 * the winner, betting closes, carol proposes the answer, the challenge window (the oracle's minimum,
 * 5 minutes) passes, the answer settles and the pool resolves the condition. Moves the chain's clock
 * by about 8 minutes, well inside every other demo market's windows.
 */
export async function resolvedPoolMarket({ oracle, pool, people, receipt, now, advance }: SeedContext): Promise<void> {
  const { deployer, alice, bob, carol } = people;
  const opensFor = 2n * 60n;
  const liveness = 5n * 60n;
  const endTime = (await now()) + opensFor;
  const outcomes = ["Porto", "Draw", "Braga"];
  const ancillaryData = encodeQuestionData({
    question: "Taça da Liga semi-final: Porto vs Braga, who wins?",
    outcomeNames: outcomes,
    rules: "Result after 90 minutes plus stoppage time.\n\nResolution source: Liga Portugal",
    endTime,
  });
  const opened = await receipt(
    oracle.write.openQuestion([ancillaryData, BigInt(outcomes.length), endTime, USD("5"), USD("50"), liveness], {
      account: deployer.account,
    }),
  );
  const [question] = parseEventLogs({ abi: oracle.abi, eventName: "QuestionOpened", logs: opened.logs });
  if (!question) throw new Error("QuestionOpened missing for the resolved pool market");
  const questionId = question.args.questionId;
  const created = await receipt(
    pool.write.createCondition(
      [
        questionId,
        [
          PROBABILITY_SCALE / 2n,
          PROBABILITY_SCALE / 4n,
          PROBABILITY_SCALE - PROBABILITY_SCALE / 2n - PROBABILITY_SCALE / 4n,
        ],
        USD("5000"),
        500n,
        endTime,
      ],
      { account: deployer.account },
    ),
  );
  const [condition] = parseEventLogs({ abi: pool.abi, eventName: "ConditionCreated", logs: created.logs });
  if (!condition) throw new Error("ConditionCreated missing for the resolved pool market");
  const conditionId = condition.args.conditionId;
  await receipt(pool.write.bet([conditionId, 0n, USD("40"), 1n, endTime], { account: alice.account }));
  await receipt(pool.write.bet([conditionId, 2n, USD("25"), 1n, endTime], { account: bob.account }));
  await advance(opensFor + 1n);
  await receipt(oracle.write.propose([questionId, 0n], { account: carol.account }));
  await advance(liveness + 1n);
  await receipt(oracle.write.settle([questionId], { account: carol.account }));
  await receipt(pool.write.resolveCondition([conditionId], { account: carol.account }));
  console.log("seed: pool market resolved (Porto won: alice has a bet to claim, bob's lost)");
}

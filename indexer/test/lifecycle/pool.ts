/**
 * Betting-pool lifecycle: an LP deposit, two conditions on oracle questions (one in the shared
 * question encoding, one plain text with an oracle reward), two singles and a parlay, undisputed
 * settlements, resolutions, a claim, the lost parlay settled, half the LP position withdrawn; the
 * conditions, odds, bets and liquidity the indexer derives from them.
 */
import assert from "node:assert/strict";
import { it } from "node:test";

import { abis } from "@forkcast/deployments";
import { COLLATERAL_UNIT, encodeQuestionData } from "@forkcast/shared";
import { type Hex, keccak256, parseEventLogs, toHex, zeroHash } from "viem";

import type { lpEvent, lpPosition, poolBet, poolCondition, poolOutcome } from "../../ponder.schema.ts";
import type { Items, Row } from "../harness.ts";
import { HOUR, type World, who } from "./world.ts";

export const MATCH_QUESTION = {
  question: "Lisbon derby: who wins?",
  outcomeNames: ["Benfica", "Draw", "Sporting"],
  rules: "Result after 90 minutes.",
};
export const RAIN_REWARD = 5n * COLLATERAL_UNIT;

export async function drivePool(w: World): Promise<void> {
  const { oracle, pool, poolLens } = w.contracts;
  const { ids, txs } = w;
  await w.wait(
    await pool.write.grantRole([keccak256(toHex("MARKET_CREATOR_ROLE")), who.creator.address], {
      account: who.admin,
    }),
  );
  await w.wait(
    await pool.write.setReinforcementCap([who.creator.address, 1_000_000n * COLLATERAL_UNIT], { account: who.admin }),
  );
  const depositReceipt = await w.wait(await pool.write.deposit([200_000n * COLLATERAL_UNIT], { account: who.lp }));
  const [deposited] = parseEventLogs({
    abi: abis.IBettingPool,
    logs: depositReceipt.logs,
    eventName: "LiquidityDeposited",
  });
  ids.lpId = deposited?.args.lpId ?? 0n;
  const startsAt = (await w.now()) + BigInt(HOUR);
  const poolCondition = async (ancillaryData: Hex, probabilities: bigint[], reward: bigint) => {
    const openTx = await oracle.write.openQuestion(
      [ancillaryData, BigInt(probabilities.length), startsAt, reward, 100n * COLLATERAL_UNIT, 0n],
      { account: who.creator },
    );
    const opened = await w.wait(openTx);
    const [question] = parseEventLogs({ abi: abis.OptimisticOracle, logs: opened.logs, eventName: "QuestionOpened" });
    if (!question) throw new Error("QuestionOpened not emitted");
    const createdReceipt = await w.wait(
      await pool.write.createCondition(
        [question.args.questionId, probabilities, 20_000n * COLLATERAL_UNIT, 500n, startsAt],
        {
          account: who.creator,
        },
      ),
    );
    const [condition] = parseEventLogs({
      abi: abis.IBettingPool,
      logs: createdReceipt.logs,
      eventName: "ConditionCreated",
    });
    if (!condition) throw new Error("ConditionCreated not emitted");
    return { id: condition.args.conditionId, questionId: question.args.questionId, openTx };
  };
  const PROB_ONE = 10n ** 12n;
  // The match question in the shared encoding, the rain question as plain text (the fallback).
  const match = await poolCondition(
    encodeQuestionData({ ...MATCH_QUESTION, endTime: startsAt }),
    [PROB_ONE / 2n, PROB_ONE / 4n, PROB_ONE / 4n],
    0n,
  );
  // The rain question carries an oracle reward, paid by its creator.
  const rain = await poolCondition(toHex("rain tomorrow?"), [PROB_ONE / 2n, PROB_ONE / 2n], RAIN_REWARD);
  ids.match = match.id;
  ids.matchQuestion = match.questionId;
  ids.rain = rain.id;
  ids.rainQuestion = rain.questionId;
  txs.rainOpened = rain.openTx;
  const deadline = startsAt;
  const betOf = async (hash: Hex) => {
    const [placed] = parseEventLogs({
      abi: abis.IBettingPool,
      logs: (await w.wait(hash)).logs,
      eventName: "BetPlaced",
    });
    if (!placed) throw new Error("BetPlaced not emitted");
    return placed.args;
  };
  const aliceBet = await betOf(
    await pool.write.bet([match.id, 0n, 1_000n * COLLATERAL_UNIT, 0n, deadline], { account: who.alice }),
  );
  ids.aliceBet = aliceBet.betId;
  ids.aliceBetPayout = aliceBet.payout;
  ids.bobBet = (
    await betOf(await pool.write.bet([match.id, 2n, 600n * COLLATERAL_UNIT, 0n, deadline], { account: who.bob }))
  ).betId;
  const parlayReceipt = await w.wait(
    await pool.write.betParlay(
      [
        [
          { conditionId: match.id, outcome: 1n },
          { conditionId: rain.id, outcome: 0n },
        ],
        50n * COLLATERAL_UNIT,
        0n,
        deadline,
      ],
      { account: who.bob },
    ),
  );
  const [parlay] = parseEventLogs({ abi: abis.IBettingPool, logs: parlayReceipt.logs, eventName: "ParlayPlaced" });
  ids.parlay = parlay?.args.betId ?? 0n;
  for (let k = 0n; k < 3n; k++) ids.matchFunds.push((await poolLens.read.getOutcome([pool.address, match.id, k]))[0]);

  await w.advance(HOUR);
  for (const c of [match, rain]) {
    txs.poolProposals.push(await oracle.write.propose([c.questionId, 0n], { account: who.proposer }));
    await w.wait(txs.poolProposals.at(-1) ?? zeroHash);
  }
  await w.advance(2 * HOUR);
  for (const c of [match, rain]) {
    txs.poolSettlements.push(await oracle.write.settle([c.questionId], { account: who.bob }));
    await w.wait(txs.poolSettlements.at(-1) ?? zeroHash);
    await w.wait(await pool.write.resolveCondition([c.id], { account: who.bob }));
  }
  await w.wait(await pool.write.settleParlay([ids.parlay], { account: who.bob }));
  await w.wait(await pool.write.claim([ids.aliceBet], { account: who.alice }));
  const withdrawReceipt = await w.wait(await pool.write.withdraw([ids.lpId, 5_000n], { account: who.lp }));
  const [withdrawn] = parseEventLogs({
    abi: abis.IBettingPool,
    logs: withdrawReceipt.logs,
    eventName: "LiquidityWithdrawn",
  });
  ids.lpWithdrawn = withdrawn?.args.amount ?? 0n;
}

type ConditionRow = Row<
  typeof poolCondition,
  | "id"
  | "state"
  | "outcomeCount"
  | "winningOutcome"
  | "betCount"
  | "turnover"
  | "lpResult"
  | "question"
  | "outcomeNames"
  | "rules"
>;

export function poolChecks(world: () => World): void {
  it("indexes pool conditions, odds, bets, the parlay and LP liquidity", async () => {
    const { stack, ids } = world();
    const data = await stack.graphql<{
      poolConditions: Items<ConditionRow>;
      poolOutcomes: Items<Row<typeof poolOutcome, "outcome" | "fund">>;
      oddsChanges: { totalCount: number };
      poolBets: Items<Row<typeof poolBet, "id" | "kind" | "status" | "amount" | "paidOut" | "legs">>;
      lpPosition: Row<typeof lpPosition, "deposited" | "withdrawn" | "closed"> & {
        events: Items<Row<typeof lpEvent, "kind">>;
      };
    }>(
      `query ($match: BigInt!, $lp: BigInt!) {
        poolConditions(orderBy: "id", orderDirection: "asc") {
          items { id state outcomeCount winningOutcome betCount turnover lpResult question outcomeNames rules }
        }
        poolOutcomes(where: { conditionId: $match }, orderBy: "outcome", orderDirection: "asc") { items { outcome fund } }
        oddsChanges(where: { conditionId: $match }) { totalCount }
        poolBets(orderBy: "id", orderDirection: "asc") { items { id kind status amount paidOut legs } }
        lpPosition(id: $lp) { deposited withdrawn closed events(orderBy: "blockNumber") { items { kind } } }
      }`,
      { match: String(ids.match), lp: String(ids.lpId) },
    );
    const [match, rain] = data.poolConditions.items;
    assert.equal(data.poolConditions.items.length, 2);
    assert.deepEqual(match, {
      id: String(ids.match),
      state: "resolved",
      outcomeCount: 3,
      winningOutcome: "0",
      betCount: 2,
      turnover: String(1_600n * COLLATERAL_UNIT),
      lpResult: match?.lpResult,
      ...MATCH_QUESTION,
    });
    assert.deepEqual(
      { question: rain?.question, outcomeNames: rain?.outcomeNames, rules: rain?.rules },
      { question: "rain tomorrow?", outcomeNames: [], rules: "" },
      "plain-text ancillary data falls back to its text with no names or rules",
    );
    assert.ok(match?.lpResult !== null, "the LP result is recorded");
    assert.equal(rain?.state, "resolved");
    assert.deepEqual(
      data.poolOutcomes.items.map((o) => o.fund),
      ids.matchFunds.map(String),
      "outcome funds equal the pool's view after the last bet",
    );
    assert.ok(data.oddsChanges.totalCount >= 3, "odds history recorded");
    const bets = Object.fromEntries(data.poolBets.items.map((b) => [b.id, b]));
    assert.equal(bets[String(ids.aliceBet)]?.status, "claimed");
    assert.equal(bets[String(ids.aliceBet)]?.paidOut, String(ids.aliceBetPayout), "claimed the quoted payout");
    assert.equal(bets[String(ids.bobBet)]?.status, "open", "a losing single is never claimed");
    assert.equal(bets[String(ids.parlay)]?.kind, "parlay");
    assert.equal(bets[String(ids.parlay)]?.status, "lost", "the draw leg lost");
    assert.equal((bets[String(ids.parlay)]?.legs as unknown[]).length, 2);
    assert.deepEqual(data.lpPosition, {
      deposited: String(200_000n * COLLATERAL_UNIT),
      withdrawn: String(ids.lpWithdrawn),
      closed: false,
      events: { items: [{ kind: "deposit" }, { kind: "withdraw" }] },
    });
    assert.ok(ids.lpWithdrawn > 0n, "half the position was withdrawn");
  });
}

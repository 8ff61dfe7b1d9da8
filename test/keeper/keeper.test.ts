/**
 * The keeper against the real contracts on an in-process chain: it settles an undisputed answer
 * once liveness is over, resolves the market, does nothing twice, and skips what it may not do.
 */
import { COLLATERAL_DECIMALS, PROBABILITY_SCALE } from "@forkcast/shared";
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import { maxUint256, parseEventLogs, parseUnits, toHex } from "viem";

import { Keeper } from "@forkcast/keeper";

import { buildForkcastModule } from "../../ignition/modules/Forkcast.js";

const LIVENESS_SECONDS = 300n;
const BOND = parseUnits("10", COLLATERAL_DECIMALS);
const REWARD = parseUnits("5", COLLATERAL_DECIMALS);

async function setup() {
  const connection = await network.create();
  const { viem, ignition, networkHelpers } = connection;
  const deployed = await ignition.deploy(buildForkcastModule({ testCollateral: true }));
  const { collateral, oracle, marketFactory, conditionalTokens, pool } = deployed;
  const publicClient = await viem.getPublicClient();
  const [deployer, proposer, keeperAccount] = await viem.getWalletClients();
  if (!deployer || !proposer || !keeperAccount) throw new Error("need three dev accounts");

  for (const who of [deployer, proposer]) {
    await collateral.write.mint([who.account.address, parseUnits("1000000", COLLATERAL_DECIMALS)]);
    await collateral.write.approve([marketFactory.address, maxUint256], { account: who.account });
    await collateral.write.approve([oracle.address, maxUint256], { account: who.account });
    await collateral.write.approve([pool.address, maxUint256], { account: who.account });
  }

  const endTime = (await publicClient.getBlock()).timestamp + 3_600n;
  const params = {
    question: "Will the keeper settle this?",
    outcomeNames: ["Yes", "No"],
    rules: "Resolves YES if the keeper settles it.",
    category: "Test",
    imageUri: "",
    endTime,
    reward: REWARD,
    bond: BOND,
    liveness: LIVENESS_SECONDS,
  };
  const marketId = await marketFactory.read.marketIdFor([params]);
  await marketFactory.write.createMarket([params]);

  const lines: string[] = [];
  const newKeeper = () =>
    new Keeper({
      publicClient,
      walletClient: keeperAccount,
      contracts: { oracle: oracle.address, marketFactory: marketFactory.address, pool: pool.address },
      fromBlock: 0n,
      log: (line) => lines.push(line),
    });
  return {
    networkHelpers,
    publicClient,
    pool,
    oracle,
    marketFactory,
    conditionalTokens,
    proposer,
    deployer,
    marketId,
    endTime,
    newKeeper,
    lines,
  };
}

describe("keeper", () => {
  it("settles an undisputed answer after liveness and resolves its market, once", async () => {
    const { networkHelpers, oracle, marketFactory, conditionalTokens, proposer, marketId, endTime, newKeeper } =
      await setup();
    const keeper = newKeeper();
    assert.deepEqual(await keeper.tick(), [], "nothing is due before anyone proposes");

    await networkHelpers.time.increaseTo(endTime);
    await oracle.write.propose([marketId, 0n], { account: proposer.account });
    assert.deepEqual(await keeper.tick(), [], "nothing is due while liveness runs");

    await networkHelpers.time.increase(LIVENESS_SECONDS);
    const actions = await keeper.tick();
    assert.deepEqual(
      actions.map((a) => [a.kind, a.id]),
      [
        ["settleQuestion", marketId],
        ["resolveMarket", marketId],
      ],
      "settles the question, then resolves the market",
    );
    assert.equal(await oracle.read.finalAnswer([marketId]), 0n, "YES is final");
    const conditionId = await marketFactory.read.binaryConditionId([marketId]);
    assert.deepEqual(await conditionalTokens.read.getPayoutNumerators([conditionId]), [1n, 0n], "YES pays");

    assert.deepEqual(await keeper.tick(), [], "a second tick does nothing");
    assert.deepEqual(await newKeeper().tick(), [], "a second keeper finds nothing left to do");
  });

  it("skips a flagged question and says why", async () => {
    const { networkHelpers, oracle, proposer, deployer, marketId, endTime, newKeeper, lines } = await setup();
    await networkHelpers.time.increaseTo(endTime);
    await oracle.write.propose([marketId, 1n], { account: proposer.account });
    await oracle.write.flag([marketId], { account: deployer.account });
    await networkHelpers.time.increase(LIVENESS_SECONDS);

    assert.deepEqual(await newKeeper().tick(), [], "a flagged question is not settled");
    assert.ok(
      lines.some((l) => l.includes("skipped settle") && l.includes("QuestionFlagged")),
      `the log names the reason; got:\n${lines.join("\n")}`,
    );
    assert.equal(await oracle.read.isAnswerFinal([marketId]), false, "still not final");
  });

  it("resolves pool conditions and settles a parlay as soon as a leg lost", async () => {
    const { networkHelpers, publicClient, oracle, pool, proposer, deployer, endTime, newKeeper } = await setup();
    await pool.write.deposit([parseUnits("100000", COLLATERAL_DECIMALS)], { account: deployer.account });

    const conditions: { questionId: `0x${string}`; conditionId: bigint }[] = [];
    for (const label of ["Home team wins?", "Over 2.5 goals?"]) {
      const hash = await oracle.write.openQuestion([toHex(label), 2n, endTime, REWARD, BOND, LIVENESS_SECONDS]);
      const [opened] = parseEventLogs({
        abi: oracle.abi,
        eventName: "QuestionOpened",
        logs: (await publicClient.waitForTransactionReceipt({ hash })).logs,
      });
      if (!opened) throw new Error("QuestionOpened not emitted");
      const created = await pool.write.createCondition([
        opened.args.questionId,
        [PROBABILITY_SCALE / 2n, PROBABILITY_SCALE / 2n],
        parseUnits("10000", COLLATERAL_DECIMALS),
        500n,
        endTime - 60n,
      ]);
      const [event] = parseEventLogs({
        abi: pool.abi,
        eventName: "ConditionCreated",
        logs: (await publicClient.waitForTransactionReceipt({ hash: created })).logs,
      });
      if (!event) throw new Error("ConditionCreated not emitted");
      conditions.push({ questionId: opened.args.questionId, conditionId: event.args.conditionId });
    }
    const [first, second] = conditions;
    if (!first || !second) throw new Error("two conditions expected");

    const legs = conditions.map((c) => ({ conditionId: c.conditionId, outcome: 0n }));
    const placed = await pool.write.betParlay([legs, parseUnits("10", COLLATERAL_DECIMALS), 0n, endTime], {
      account: proposer.account,
    });
    const [parlay] = parseEventLogs({
      abi: pool.abi,
      eventName: "ParlayPlaced",
      logs: (await publicClient.waitForTransactionReceipt({ hash: placed })).logs,
    });
    if (!parlay) throw new Error("ParlayPlaced not emitted");

    await networkHelpers.time.increaseTo(endTime);
    // The first leg loses (outcome 1 wins); the second question stays unanswered.
    await oracle.write.propose([first.questionId, 1n], { account: deployer.account });
    await networkHelpers.time.increase(LIVENESS_SECONDS);

    const { lockedReserve: lockedBefore } = await pool.read.totals().then(([lockedReserve]) => ({ lockedReserve }));
    const actions = await newKeeper().tick();
    assert.deepEqual(
      actions.map((a) => a.kind),
      ["settleQuestion", "resolveCondition", "settleParlays"],
      "settles the answer, resolves the condition, settles the lost parlay",
    );
    assert.equal(await pool.read.parlayStatus([parlay.args.betId]).catch(() => "settled"), "settled", "parlay gone");
    const [lockedAfter] = await pool.read.totals();
    assert.ok(lockedAfter < lockedBefore, `the parlay's reserve returned to LPs (${lockedBefore} → ${lockedAfter})`);
  });
});

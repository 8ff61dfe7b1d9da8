/**
 * Integration: the public surface the app and the indexer use, end to end on a Hardhat network:
 * LP deposit -> condition -> single bets + a parlay -> resolve -> claim -> settle -> withdraw.
 */
import { COLLATERAL_UNIT, BPS_DENOMINATOR } from "@forkcast/shared";
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import { keccak256, maxUint256, parseEventLogs, toHex } from "viem";

import { deployMockAnswerSource } from "./helpers.js";

const PROB_ONE = 10n ** 12n;
const ODDS_ONE = 10n ** 12n;

describe("BettingPool integration", async () => {
  const { viem } = await network.create();
  const publicClient = await viem.getPublicClient();
  const [admin, lp, alice, bob, creator, keeper] = await viem.getWalletClients();
  if (!admin || !lp || !alice || !bob || !creator || !keeper) throw new Error("need six accounts");

  const usd = await viem.deployContract("TestUSD", [admin.account.address, false]);
  const oracle = await deployMockAnswerSource(viem);
  const extension = await viem.deployContract("BettingPoolExtension", [usd.address, oracle.address]);
  const deployed = await viem.deployContract("BettingPool", [
    usd.address,
    oracle.address,
    extension.address,
    admin.account.address,
    admin.account.address,
  ]);
  const pool = await viem.getContractAt("IBettingPool", deployed.address);
  const lens = await viem.deployContract("BettingPoolLens");
  const lpToken = await viem.getContractAt("IPoolLPToken", await pool.read.lpToken());

  await pool.write.grantRole([keccak256(toHex("MARKET_CREATOR_ROLE")), creator.account.address]);
  await pool.write.setReinforcementCap([creator.account.address, 1_000_000n * COLLATERAL_UNIT]);
  await pool.write.setFees([1_000n, 500n]);
  for (const who of [lp, alice, bob]) {
    await usd.write.mint([who.account.address, 1_000_000n * COLLATERAL_UNIT]);
    await usd.write.approve([pool.address, maxUint256], { account: who.account });
  }

  const now = async () => (await publicClient.getBlock()).timestamp;
  const receipt = async (hash: `0x${string}`) => publicClient.waitForTransactionReceipt({ hash });

  const createCondition = async (label: string, outcomes: number) => {
    const questionId = keccak256(toHex(label));
    await oracle.write.ask([questionId, BigInt(outcomes)]);
    const each = PROB_ONE / BigInt(outcomes);
    const probabilities = Array.from({ length: outcomes }, (_, i) =>
      i === 0 ? PROB_ONE - each * BigInt(outcomes - 1) : each,
    );
    const hash = await pool.write.createCondition(
      [questionId, probabilities, 20_000n * COLLATERAL_UNIT, 500n, (await now()) + 86_400n],
      {
        account: creator.account,
      },
    );
    const [created] = parseEventLogs({
      abi: pool.abi,
      eventName: "ConditionCreated",
      logs: (await receipt(hash)).logs,
    });
    assert.ok(created, "ConditionCreated emitted");
    assert.deepEqual(created.args.probabilities, probabilities, "event carries the probabilities");
    return { id: created.args.conditionId, questionId };
  };

  it("walks deposit -> condition -> bets + parlay -> resolve -> claim -> withdraw", async () => {
    // 1. LP deposit: an LP NFT per deposit.
    const depositHash = await pool.write.deposit([200_000n * COLLATERAL_UNIT], { account: lp.account });
    const [deposited] = parseEventLogs({
      abi: pool.abi,
      eventName: "LiquidityDeposited",
      logs: (await receipt(depositHash)).logs,
    });
    assert.ok(deposited, "LiquidityDeposited emitted");
    const lpId = deposited.args.lpId;
    assert.equal((await lpToken.read.ownerOf([lpId])).toLowerCase(), lp.account.address.toLowerCase());

    // 2. Two conditions.
    const match = await createCondition("Lisbon derby: home / draw / away", 3);
    const rain = await createCondition("Rain in Porto tomorrow?", 2);

    // 3. Single bets move the odds: the backed outcome falls, the others rise.
    const before = await lens.read.currentOdds([pool.address, match.id]);
    const [quotedOdds, quotedPayout] = await pool.read.quote([match.id, 0n, 1_000n * COLLATERAL_UNIT]);
    const deadline = (await now()) + 3_600n;
    const betHash = await pool.write.bet([match.id, 0n, 1_000n * COLLATERAL_UNIT, quotedOdds, deadline], {
      account: alice.account,
    });
    const [placed] = parseEventLogs({ abi: pool.abi, eventName: "BetPlaced", logs: (await receipt(betHash)).logs });
    assert.ok(placed, "BetPlaced emitted");
    assert.equal(placed.args.payout, quotedPayout, "paid the quoted odds");
    const after = await lens.read.currentOdds([pool.address, match.id]);
    assert.ok((after[0] ?? 0n) < (before[0] ?? 0n), "backed outcome's odds fell");
    assert.ok((after[1] ?? 0n) > (before[1] ?? 0n), "other outcome's odds rose");
    assert.ok(
      after.every((odds) => odds > ODDS_ONE),
      "all odds above 1.0x",
    );
    const aliceBet = placed.args.betId;

    await pool.write.bet([match.id, 2n, 600n * COLLATERAL_UNIT, 0n, deadline], { account: bob.account });

    // 4. A parlay on both conditions.
    const legs = [
      { conditionId: match.id, outcome: 2n },
      { conditionId: rain.id, outcome: 1n },
    ] as const;
    const [parlayOdds] = await pool.read.quoteParlay([legs, 50n * COLLATERAL_UNIT]);
    const parlayHash = await pool.write.betParlay([legs, 50n * COLLATERAL_UNIT, parlayOdds, deadline], {
      account: bob.account,
    });
    const [parlayPlaced] = parseEventLogs({
      abi: pool.abi,
      eventName: "ParlayPlaced",
      logs: (await receipt(parlayHash)).logs,
    });
    assert.ok(parlayPlaced, "ParlayPlaced emitted");
    const parlayId = parlayPlaced.args.betId;
    const [lockedBefore] = await pool.read.totals();
    assert.ok(lockedBefore > 0n, "reserve locked for open bets");

    // 5. Resolve: home wins, so bob's single and the parlay lose.
    await oracle.write.settle([match.questionId, 0n]);
    await pool.write.resolveCondition([match.id], { account: keeper.account });
    assert.equal(await pool.read.parlayStatus([parlayId]), 1, "parlay lost as soon as one leg lost");
    await pool.write.settleParlay([parlayId], { account: keeper.account });

    // 6. Claim the winning bet.
    const aliceBefore = await usd.read.balanceOf([alice.account.address]);
    await pool.write.claim([aliceBet], { account: alice.account });
    assert.equal(await usd.read.balanceOf([alice.account.address]), aliceBefore + quotedPayout, "payout received");

    // 7. Resolve the other condition as invalid: cancelled, nothing stays locked.
    await oracle.write.settle([rain.questionId, maxUint256]);
    await pool.write.resolveCondition([rain.id], { account: keeper.account });
    const [lockedAfter, claimable] = await pool.read.totals();
    assert.equal(lockedAfter, 0n, "all reserve released");
    assert.equal(claimable, 0n, "nothing owed");

    // 8. The LP withdraws everything: deposit + stakes lost by bettors - alice's payout - fees.
    const [value] = await pool.read.lpPosition([lpId]);
    const lpBefore = await usd.read.balanceOf([lp.account.address]);
    await pool.write.withdraw([lpId, BPS_DENOMINATOR], { account: lp.account });
    assert.equal(await usd.read.balanceOf([lp.account.address]), lpBefore + value, "withdrew the LP value");
    const [, , fees] = await pool.read.totals();
    const poolBalance = await usd.read.balanceOf([pool.address]);
    assert.ok(poolBalance >= fees, "the pool still holds the fees owed");
    assert.ok(poolBalance - fees < 1_000n, "and only rounding dust besides");
  });
});

/**
 * Integration: the market stack on the real exchange, driven the way the app and keeper drive it.
 * 1. A binary market walks create → propose → dispute (reset) → re-propose → dispute (escalate) →
 *    arbitrate → resolve → redeem.
 * 2. A multi-outcome market: the exchange mints a YES/NO pair of one question through the adapter
 *    (MINT match of two signed BUY orders) and merges one back (MERGE match of two SELL orders), a
 *    holder converts NO positions, the market resolves and everyone redeems; the adapter ends with
 *    exactly the collateral still owed (none).
 */
import { COLLATERAL_UNIT } from "@forkcast/shared";
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import { maxUint256, parseEventLogs, zeroHash, type Address, type Hex } from "viem";

import { buildOrder, exchangeDomain, Side, signOrder } from "../exchange/orders.js";

const HOUR = 3_600;

describe("markets integration (viem)", async () => {
  const { viem } = await network.create();
  const publicClient = await viem.getPublicClient();
  const testClient = await viem.getTestClient();
  const [admin, creator, alice, bob, proposer, disputer, arbiter, operator] = await viem.getWalletClients();
  if (!admin || !creator || !alice || !bob || !proposer || !disputer || !arbiter || !operator) {
    throw new Error("need eight funded accounts");
  }
  const chainId = await publicClient.getChainId();

  const usd = await viem.deployContract("TestUSD", [admin.account.address, false]);
  const ctf = await viem.deployContract("ConditionalTokens", [""]);
  const arbitrator = await viem.deployContract("CommitteeArbitrator", [
    admin.account.address,
    [arbiter.account.address],
    1n,
  ]);
  const treasury = admin.account.address;
  const oracle = await viem.deployContract("OptimisticOracle", [
    usd.address,
    arbitrator.address,
    admin.account.address,
    1_000n,
    treasury,
  ]);
  const adapter = await viem.deployContract("NegRiskAdapter", [ctf.address, usd.address, oracle.address]);
  const exchange = await viem.deployContract("Exchange", [
    admin.account.address,
    ctf.address,
    usd.address,
    admin.account.address,
    "Forkcast",
    "1",
    false,
  ]);
  const factory = await viem.deployContract("MarketFactory", [
    ctf.address,
    usd.address,
    oracle.address,
    exchange.address,
    adapter.address,
    32n,
  ]);
  await exchange.write.addRegistrar([factory.address]);
  await exchange.write.addOperator([operator.account.address]);

  for (const who of [creator, alice, bob, proposer, disputer]) {
    await usd.write.mint([who.account.address, 1_000_000n * COLLATERAL_UNIT]);
    for (const spender of [factory.address, oracle.address, adapter.address, ctf.address, exchange.address]) {
      await usd.write.approve([spender, maxUint256], { account: who.account });
    }
    for (const operatorOfTokens of [adapter.address, exchange.address]) {
      await ctf.write.setApprovalForAll([operatorOfTokens, true], { account: who.account });
    }
  }

  const now = async () => (await publicClient.getBlock()).timestamp;
  const advance = async (seconds: number) => {
    await testClient.increaseTime({ seconds });
    await testClient.mine({ blocks: 1 });
  };
  const balance = (who: Address) => usd.read.balanceOf([who]);

  async function createdEvent(hash: Hex) {
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    const [created] = parseEventLogs({ abi: factory.abi, logs: receipt.logs, eventName: "MarketCreated" });
    if (!created) throw new Error("MarketCreated not emitted");
    return created.args;
  }

  it("walks a binary market through two disputes, arbitration, resolution and redemption", async () => {
    const endTime = (await now()) + BigInt(HOUR);
    const params = {
      question: "Will the integration test pass?",
      outcomeNames: ["Yes", "No"],
      rules: "Resolves Yes if the assertions below hold.",
      category: "Testing",
      imageUri: "",
      endTime,
      reward: 10n * COLLATERAL_UNIT,
      bond: 100n * COLLATERAL_UNIT,
      liveness: 0n,
    };
    const created = await createdEvent(await factory.write.createMarket([params], { account: creator.account }));
    const marketId = created.marketId;
    const [conditionId] = created.conditionIds;
    const [yesId] = created.yesTokenIds;
    const [noId] = created.noTokenIds;
    assert.ok(conditionId && yesId !== undefined && noId !== undefined, "event lists the condition and tokens");
    assert.equal(created.params.question, params.question, "event carries the question text");
    assert.equal(await exchange.read.getComplement([yesId]), noId, "exchange registered YES with NO");
    assert.equal(await exchange.read.getConditionId([noId]), conditionId, "exchange knows the condition");

    await ctf.write.splitPosition([usd.address, zeroHash, conditionId, [1n, 2n], 50n * COLLATERAL_UNIT], {
      account: alice.account,
    });
    await ctf.write.safeTransferFrom([alice.account.address, bob.account.address, noId, 50n * COLLATERAL_UNIT, "0x"], {
      account: alice.account,
    });

    await advance(HOUR);
    await oracle.write.propose([marketId, 1n], { account: proposer.account });
    await oracle.write.dispute([marketId], { account: disputer.account });
    assert.equal(await oracle.read.stateOf([marketId]), 1, "first dispute resets to Open");
    await oracle.write.propose([marketId, 1n], { account: proposer.account });
    await oracle.write.dispute([marketId], { account: disputer.account });
    assert.equal(await oracle.read.stateOf([marketId]), 3, "second dispute escalates");

    const disputerBefore = await balance(disputer.account.address);
    await arbitrator.write.vote([oracle.address, marketId, 0n], { account: arbiter.account });
    assert.equal(await oracle.read.finalAnswer([marketId]), 0n, "arbitrated answer is final");
    // Disputer was right twice: each round 2 * bond - 10% fee, plus the reward once.
    assert.equal(
      (await balance(disputer.account.address)) - disputerBefore,
      2n * (200n * COLLATERAL_UNIT - 10n * COLLATERAL_UNIT) + 10n * COLLATERAL_UNIT,
      "disputer paid both rounds and the reward",
    );
    assert.equal(await balance(oracle.address), 0n, "oracle keeps nothing after a second dispute");

    await factory.write.resolveMarket([marketId], { account: bob.account });
    const aliceBefore = await balance(alice.account.address);
    await ctf.write.redeemPositions([usd.address, zeroHash, conditionId, [1n, 2n]], { account: alice.account });
    assert.equal((await balance(alice.account.address)) - aliceBefore, 50n * COLLATERAL_UNIT, "YES redeems in full");
    const bobBefore = await balance(bob.account.address);
    await ctf.write.redeemPositions([usd.address, zeroHash, conditionId, [1n, 2n]], { account: bob.account });
    assert.equal(await balance(bob.account.address), bobBefore, "NO redeems nothing");
  });

  it("trades, converts and redeems a multi-outcome market", async () => {
    const endTime = (await now()) + BigInt(HOUR);
    const params = {
      question: "Who wins the integration cup?",
      outcomeNames: ["Ada", "Grace", "Linus"],
      rules: "Resolves to the winner announced by the organisers.",
      category: "Testing",
      imageUri: "ipfs://cup",
      endTime,
      reward: 0n,
      bond: 100n * COLLATERAL_UNIT,
      liveness: 0n,
    };
    const created = await createdEvent(
      await factory.write.createMultiOutcomeMarket([params, 100n], { account: creator.account }),
    );
    const marketId = created.marketId;
    assert.equal(created.negRiskAdapter.toLowerCase(), adapter.address.toLowerCase(), "adapter in the event");
    const yes = created.yesTokenIds;
    const no = created.noTokenIds;
    const conditions = created.conditionIds;
    assert.equal(conditions.length, 3, "one condition per outcome");
    const yes0 = yes[0];
    const no0 = no[0];
    assert.ok(yes0 !== undefined && no0 !== undefined);
    assert.equal(
      (await exchange.read.getNegRiskAdapter([yes0])).toLowerCase(),
      adapter.address.toLowerCase(),
      "registered with the adapter as splitter",
    );

    // MINT through the adapter: alice buys 100 YES(Ada) at 0.40, bob buys 100 NO(Ada) at 0.60.
    const domain = exchangeDomain(chainId, exchange.address);
    const takerOrder = await signOrder(
      (args) => alice.signTypedData({ account: alice.account, ...args }),
      domain,
      buildOrder({
        maker: alice.account.address,
        tokenId: yes0,
        makerAmount: 40n * COLLATERAL_UNIT,
        takerAmount: 100n * COLLATERAL_UNIT,
        side: Side.BUY,
        salt: 11n,
      }),
    );
    const makerOrder = await signOrder(
      (args) => bob.signTypedData({ account: bob.account, ...args }),
      domain,
      buildOrder({
        maker: bob.account.address,
        tokenId: no0,
        makerAmount: 60n * COLLATERAL_UNIT,
        takerAmount: 100n * COLLATERAL_UNIT,
        side: Side.BUY,
        salt: 12n,
      }),
    );
    await exchange.write.matchOrders([takerOrder, [makerOrder], 40n * COLLATERAL_UNIT, [60n * COLLATERAL_UNIT]], {
      account: operator.account,
    });
    assert.equal(await ctf.read.balanceOf([alice.account.address, yes0]), 100n * COLLATERAL_UNIT, "alice got YES(Ada)");
    assert.equal(await ctf.read.balanceOf([bob.account.address, no0]), 100n * COLLATERAL_UNIT, "bob got NO(Ada)");

    // MERGE through the adapter: alice sells 50 YES(Ada) at 0.40, bob sells 50 NO(Ada) at 0.60.
    const sellYes = await signOrder(
      (args) => alice.signTypedData({ account: alice.account, ...args }),
      domain,
      buildOrder({
        maker: alice.account.address,
        tokenId: yes0,
        makerAmount: 50n * COLLATERAL_UNIT,
        takerAmount: 20n * COLLATERAL_UNIT,
        side: Side.SELL,
        salt: 13n,
      }),
    );
    const sellNo = await signOrder(
      (args) => bob.signTypedData({ account: bob.account, ...args }),
      domain,
      buildOrder({
        maker: bob.account.address,
        tokenId: no0,
        makerAmount: 50n * COLLATERAL_UNIT,
        takerAmount: 30n * COLLATERAL_UNIT,
        side: Side.SELL,
        salt: 14n,
      }),
    );
    const adapterBeforeMerge = await balance(adapter.address);
    await exchange.write.matchOrders([sellYes, [sellNo], 50n * COLLATERAL_UNIT, [50n * COLLATERAL_UNIT]], {
      account: operator.account,
    });
    assert.equal(await ctf.read.balanceOf([alice.account.address, yes0]), 50n * COLLATERAL_UNIT, "alice sold half");
    assert.equal(
      adapterBeforeMerge - (await balance(adapter.address)),
      50n * COLLATERAL_UNIT,
      "adapter unwrapped one set of 50",
    );

    // Bob also holds NO(Grace) and converts 50 NO(Ada) + 50 NO(Grace) into 50 collateral + 50 YES(Linus).
    const grace = conditions[1];
    assert.ok(grace);
    await adapter.write.splitPosition([grace, 100n * COLLATERAL_UNIT], { account: bob.account });
    const bobBefore = await balance(bob.account.address);
    const creatorBefore = await balance(creator.account.address);
    await adapter.write.convertPositions([marketId, 0b011n, 50n * COLLATERAL_UNIT], { account: bob.account });
    assert.equal((await balance(bob.account.address)) - bobBefore, 49_500_000n, "(m - 1) * amount minus 1% fee");
    assert.equal((await balance(creator.account.address)) - creatorBefore, 500_000n, "fee to the creator");
    const yes2 = yes[2];
    assert.ok(yes2 !== undefined);
    assert.equal(await ctf.read.balanceOf([bob.account.address, yes2]), 50n * COLLATERAL_UNIT, "YES(Linus) received");

    // Linus wins.
    await advance(HOUR);
    await oracle.write.propose([marketId, 2n], { account: proposer.account });
    await advance(2 * HOUR);
    await oracle.write.settle([marketId]);
    await factory.write.resolveMarket([marketId]);

    const redeemAll = async (who: typeof alice) => {
      const before = await balance(who.account.address);
      for (const conditionId of conditions) {
        await adapter.write.redeemPositions([conditionId], { account: who.account });
      }
      return (await balance(who.account.address)) - before;
    };
    assert.equal(await redeemAll(alice), 0n, "YES(Ada) loses");
    // bob: YES(Grace) 100 (loses), NO(Grace) 50 (wins), YES(Linus) 50 (wins).
    assert.equal(await redeemAll(bob), 100n * COLLATERAL_UNIT, "NO(Grace) and YES(Linus) pay");
    assert.equal(await balance(adapter.address), 0n, "adapter paid every claim and holds nothing more");
  });
});

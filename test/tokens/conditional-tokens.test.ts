/**
 * Integration: the public surface the app and the operator use, over viem, through a whole
 * lifecycle of a binary and a three-outcome condition.
 */
import { COLLATERAL_DECIMALS } from "@forkcast/shared";
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import { encodePacked, keccak256, maxUint256, parseUnits, toHex, zeroHash } from "viem";

const { viem } = await network.create();

async function deploy() {
  const [admin, oracle, alice, bob] = await viem.getWalletClients();
  if (!admin || !oracle || !alice || !bob) throw new Error("expected four dev accounts");
  const usd = await viem.deployContract("TestUSD", [admin.account.address, true]);
  const ctf = await viem.deployContract("ConditionalTokens", [""]);
  for (const who of [alice, bob]) {
    await usd.write.mint([who.account.address, parseUnits("1000", COLLATERAL_DECIMALS)]);
    await usd.write.approve([ctf.address, maxUint256], { account: who.account });
  }
  return { usd, ctf, oracle, alice, bob };
}

describe("ConditionalTokens over viem", () => {
  it("walks prepare → split → transfer → report → redeem for a binary market", async () => {
    const { usd, ctf, oracle, alice, bob } = await deploy();
    const publicClient = await viem.getPublicClient();
    const questionId = keccak256(toHex("Will ETH close above $5,000 on 31 Dec?"));

    await ctf.write.prepareCondition([oracle.account.address, questionId, 2n]);
    const conditionId = await ctf.read.getConditionId([oracle.account.address, questionId, 2n]);
    assert.equal(
      conditionId,
      keccak256(encodePacked(["address", "bytes32", "uint256"], [oracle.account.address, questionId, 2n])),
      "conditionId formula matches the documented one",
    );

    const yes = await ctf.read.getPositionId([
      usd.address,
      await ctf.read.getCollectionId([zeroHash, conditionId, 1n]),
    ]);
    const no = await ctf.read.getPositionId([usd.address, await ctf.read.getCollectionId([zeroHash, conditionId, 2n])]);

    const splitHash = await ctf.write.splitPosition(
      [usd.address, zeroHash, conditionId, [1n, 2n], parseUnits("40", COLLATERAL_DECIMALS)],
      {
        account: alice.account,
      },
    );
    const receipt = await publicClient.waitForTransactionReceipt({ hash: splitHash });
    const splitEvents = await ctf.getEvents.PositionSplit({}, { blockHash: receipt.blockHash });
    assert.equal(splitEvents.length, 1, "one PositionSplit event");
    assert.equal(splitEvents[0]?.args.amount, parseUnits("40", COLLATERAL_DECIMALS), "event carries the amount");

    await ctf.write.safeTransferFrom(
      [alice.account.address, bob.account.address, no, parseUnits("40", COLLATERAL_DECIMALS), "0x"],
      {
        account: alice.account,
      },
    );
    assert.equal(
      await ctf.read.balanceOf([bob.account.address, no]),
      parseUnits("40", COLLATERAL_DECIMALS),
      "bob holds NO",
    );

    await ctf.write.reportPayouts([questionId, [0n, 1n]], { account: oracle.account });
    assert.deepEqual(await ctf.read.getPayoutNumerators([conditionId]), [0n, 1n], "NO won");
    assert.equal(await ctf.read.payoutDenominator([conditionId]), 1n, "denominator");

    await ctf.write.redeemPositions([usd.address, zeroHash, conditionId, [1n, 2n]], { account: alice.account });
    await ctf.write.redeemPositions([usd.address, zeroHash, conditionId, [1n, 2n]], { account: bob.account });
    assert.equal(
      await usd.read.balanceOf([alice.account.address]),
      parseUnits("960", COLLATERAL_DECIMALS),
      "alice lost her stake",
    );
    assert.equal(
      await usd.read.balanceOf([bob.account.address]),
      parseUnits("1040", COLLATERAL_DECIMALS),
      "bob won alice's 40",
    );
    assert.equal(await ctf.read.balanceOf([alice.account.address, yes]), 0n, "YES burned on redeem");
    assert.equal(await usd.read.balanceOf([ctf.address]), 0n, "nothing left in the contract");
  });

  it("splits a three-outcome condition coarsely, refines, merges back", async () => {
    const { usd, ctf, oracle, alice } = await deploy();
    const questionId = keccak256(toHex("Who wins: A, B or C?"));
    await ctf.write.prepareCondition([oracle.account.address, questionId, 3n]);
    const conditionId = await ctf.read.getConditionId([oracle.account.address, questionId, 3n]);
    const amount = parseUnits("9", COLLATERAL_DECIMALS);
    const position = async (indexSet: bigint) =>
      ctf.read.getPositionId([usd.address, await ctf.read.getCollectionId([zeroHash, conditionId, indexSet])]);

    await ctf.write.splitPosition([usd.address, zeroHash, conditionId, [3n, 4n], amount], { account: alice.account });
    await ctf.write.splitPosition([usd.address, zeroHash, conditionId, [1n, 2n], amount], { account: alice.account });
    assert.equal(await ctf.read.balanceOf([alice.account.address, await position(3n)]), 0n, "{A,B} refined away");
    assert.equal(await ctf.read.balanceOf([alice.account.address, await position(1n)]), amount, "{A}");

    await ctf.write.mergePositions([usd.address, zeroHash, conditionId, [1n, 2n, 4n], amount], {
      account: alice.account,
    });
    assert.equal(
      await usd.read.balanceOf([alice.account.address]),
      parseUnits("1000", COLLATERAL_DECIMALS),
      "all collateral back",
    );
  });

  it("rejects bad input with the documented custom errors", async () => {
    const { usd, ctf, oracle, alice } = await deploy();
    const questionId = keccak256(toHex("q"));
    await assert.rejects(
      ctf.write.prepareCondition([oracle.account.address, questionId, 1n]),
      /InvalidOutcomeSlotCount/,
      "one outcome slot is rejected",
    );
    await ctf.write.prepareCondition([oracle.account.address, questionId, 2n]);
    const conditionId = await ctf.read.getConditionId([oracle.account.address, questionId, 2n]);
    await assert.rejects(
      ctf.write.redeemPositions([usd.address, zeroHash, conditionId, [1n]], { account: alice.account }),
      /ConditionNotResolved/,
      "redeem before resolution is rejected",
    );
    await assert.rejects(
      ctf.write.reportPayouts([questionId, [1n, 0n]], { account: alice.account }),
      /NotConditionOracle/,
      "only the oracle reports",
    );
  });

  it("lets the faucet fund a new account once per cooldown", async () => {
    const { usd } = await deploy();
    const [, , , , newcomer] = await viem.getWalletClients();
    if (!newcomer) throw new Error("expected a fifth dev account");
    await usd.write.faucet({ account: newcomer.account });
    assert.equal(
      await usd.read.balanceOf([newcomer.account.address]),
      parseUnits("1000", COLLATERAL_DECIMALS),
      "1,000 tUSD",
    );
    await assert.rejects(usd.write.faucet({ account: newcomer.account }), /FaucetCoolingDown/, "second call waits");
  });
});

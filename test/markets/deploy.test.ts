/**
 * The Ignition wiring of the markets subsystem: a 1-of-1 committee of the deployer on the local
 * chain, the factory registered with the exchange, and a market created on the deployed stack.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import { maxUint256 } from "viem";

import MarketsLocalModule from "../../ignition/modules/Markets.js";
import { binaryMarketParams } from "../fixtures/markets.js";

describe("markets deployment (Ignition)", async () => {
  const { ignition, viem } = await network.create();
  const [deployer] = await viem.getWalletClients();
  if (!deployer) throw new Error("need a funded account");
  const publicClient = await viem.getPublicClient();

  it("deploys a 1-of-1 committee, wires the oracle and registers the factory", async () => {
    const { collateral, exchange, arbitrator, oracle, negRiskAdapter, marketFactory } =
      await ignition.deploy(MarketsLocalModule);
    const [memberCount, threshold] = await arbitrator.read.committee();
    assert.equal(memberCount, 1n, "one member");
    assert.equal(threshold, 1n, "one vote rules");
    assert.equal(await arbitrator.read.isMember([deployer.account.address]), true, "the deployer is the member");
    assert.equal(
      (await oracle.read.arbitrator()).toLowerCase(),
      arbitrator.address.toLowerCase(),
      "oracle uses the committee",
    );
    assert.equal(await exchange.read.isRegistrar([marketFactory.address]), true, "factory is a registrar");
    assert.equal(
      (await negRiskAdapter.read.collateral()).toLowerCase(),
      collateral.address.toLowerCase(),
      "adapter on the same collateral",
    );

    await collateral.write.approve([marketFactory.address, maxUint256]);
    const params = await binaryMarketParams(publicClient, {
      question: "Does the deployment work?",
      rules: "Yes if this test passes.",
      reward: 0n,
      bond: 1_000_000n,
    });
    await marketFactory.write.createMarket([params]);
    const marketId = await marketFactory.read.marketIdFor([params]);
    const [, creator] = await marketFactory.read.getMarket([marketId]);
    assert.equal(creator.toLowerCase(), deployer.account.address.toLowerCase(), "market created on the deployed stack");
  });
});

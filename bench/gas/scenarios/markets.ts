/**
 * Markets and oracle: binary market creation through the factory, oracle propose / dispute /
 * settle, and multi-outcome (neg-risk) conversion.
 *
 * - `market.create`: `MarketFactory.createMarket` for a binary market (typical text lengths:
 *   ~60-character question, ~120-character rules), including the reward transfer, the oracle
 *   question, condition preparation and exchange registration.
 * - `oracle.propose`: first proposal on an ended question. `oracle.dispute`: the first dispute of
 *   a question (the reset). `oracle.settle`: settling an undisputed proposal (bond + reward paid).
 * - `negrisk.convert.N`: `convertPositions` in a market with N questions, converting NO on
 *   m = ceil(N / 2) of them (N = 2: m = 1; N = 5: m = 3; N = 10: m = 5), at steady state: the
 *   holder already holds YES and NO on every question and the adapter already holds NO inventory
 *   from an earlier conversion. Target ≤ 100,000 gas per question of the market (N); reference:
 *   Polymarket's NegRiskAdapter.convertPositions, about 148,000 per question.
 */
import { COLLATERAL_UNIT } from "@forkcast/shared";
import { maxUint256 } from "viem";

import { gasUsed } from "../lib.js";
import type { Connection, GasScenarioModule } from "../types.js";

export const title = "Oracle, market factory, neg-risk adapter";

const perQuestion = (questions: number) => ({ reference: 148_000 * questions, target: 100_000 * questions });

export const references: GasScenarioModule["references"] = {
  "market.create": {},
  "oracle.propose": {},
  "oracle.dispute": {},
  "oracle.settle": {},
  "negrisk.convert.2": perQuestion(2),
  "negrisk.convert.5": perQuestion(5),
  "negrisk.convert.10": perQuestion(10),
};

const HOUR = 3_600n;

export async function measure(connection: Connection): Promise<Record<string, bigint>> {
  const { viem } = connection;
  const [admin, creator, proposer, disputer] = await viem.getWalletClients();
  if (!admin || !creator || !proposer || !disputer) throw new Error("need four funded accounts");
  const publicClient = await viem.getPublicClient();
  const testClient = await viem.getTestClient();

  const usd = await viem.deployContract("TestUSD", [admin.account.address, false]);
  const ctf = await viem.deployContract("ConditionalTokens", [""]);
  const arbitrator = await viem.deployContract("CommitteeArbitrator", [
    admin.account.address,
    [admin.account.address],
    1n,
  ]);
  const oracle = await viem.deployContract("OptimisticOracle", [
    usd.address,
    arbitrator.address,
    admin.account.address,
    1_000n,
    admin.account.address,
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

  for (const who of [creator, proposer, disputer]) {
    await usd.write.mint([who.account.address, 10_000_000n * COLLATERAL_UNIT]);
    for (const spender of [factory.address, oracle.address, adapter.address]) {
      await usd.write.approve([spender, maxUint256], { account: who.account });
    }
    await ctf.write.setApprovalForAll([adapter.address, true], { account: who.account });
  }

  const now = async () => (await publicClient.getBlock()).timestamp;
  let serial = 0;
  const params = async (outcomeNames: string[]) => ({
    question: `Will the benchmark question number ${++serial} resolve YES before the end time?`,
    outcomeNames,
    rules:
      "Resolves to the first outcome if the event described happens before the end time according to the named source.",
    category: "Benchmarks",
    imageUri: "",
    endTime: (await now()) + HOUR,
    reward: 5n * COLLATERAL_UNIT,
    bond: 100n * COLLATERAL_UNIT,
    liveness: 0n,
  });
  const asCreator = { account: creator.account };

  const rows: Record<string, bigint> = {};

  // Warm-up market so every contract already holds collateral (steady state).
  const warm = await params(["Yes", "No"]);
  await factory.write.createMarket([warm], asCreator);

  const binary = await params(["Yes", "No"]);
  rows["market.create"] = await gasUsed(connection, factory.write.createMarket([binary], asCreator));
  const marketId = await factory.read.marketIdFor([binary]);
  const warmId = await factory.read.marketIdFor([warm]);

  await testClient.increaseTime({ seconds: Number(2n * HOUR) });
  await testClient.mine({ blocks: 1 });
  await oracle.write.propose([warmId, 0n], { account: proposer.account });
  rows["oracle.propose"] = await gasUsed(
    connection,
    oracle.write.propose([marketId, 0n], { account: proposer.account }),
  );
  rows["oracle.dispute"] = await gasUsed(connection, oracle.write.dispute([marketId], { account: disputer.account }));
  await testClient.increaseTime({ seconds: Number(3n * HOUR) });
  await testClient.mine({ blocks: 1 });
  rows["oracle.settle"] = await gasUsed(connection, oracle.write.settle([warmId], { account: proposer.account }));

  // Multi-outcome conversions.
  for (const questions of [2, 5, 10]) {
    const names = Array.from({ length: questions }, (_, k) => `Candidate ${k + 1}`);
    const multi = await params(names);
    await factory.write.createMultiOutcomeMarket([multi, 0n], asCreator);
    const id = await factory.read.marketIdFor([multi]);
    const holder = { account: proposer.account };
    for (let k = 0; k < questions; k += 1) {
      const conditionId = await adapter.read.conditionIdOf([id, BigInt(k)]);
      await adapter.write.splitPosition([conditionId, 100n * COLLATERAL_UNIT], holder);
    }
    const converted = Math.ceil(questions / 2);
    const indexSet = (1n << BigInt(converted)) - 1n;
    await adapter.write.convertPositions([id, indexSet, 10n * COLLATERAL_UNIT], holder);
    rows[`negrisk.convert.${questions}`] = await gasUsed(
      connection,
      adapter.write.convertPositions([id, indexSet, 10n * COLLATERAL_UNIT], holder),
    );
  }
  return rows;
}

/**
 * Betting pool: single bets (2 and 10 outcomes, first and repeat bettor), parlays (2 and 3 legs),
 * LP deposit and withdraw at 10, 1,000 and 10,000 existing deposits, condition creation,
 * resolution, claim and cash-out. Reference: Azuro v2 on a local Hardhat chain with a plain
 * ERC-20 (receipt gasUsed); target: at most half of each (deposit/withdraw: half of the lower
 * reference figure, at every pool size).
 */
import { COLLATERAL_UNIT } from "@forkcast/shared";
import { keccak256, maxUint256, toHex, type Address } from "viem";

import { deployDepositBatcher, deployMockAnswerSource } from "../../../test/pool/helpers.js";
import { gasUsed } from "../lib.js";
import type { Connection, GasScenarioModule } from "../types.js";

const half = (reference: number) => ({ reference, target: Math.floor(reference / 2) });
const DEPOSIT_REFERENCE = 477_451;
const WITHDRAW_REFERENCE = 429_889;

export const title = "BettingPool (pooled-liquidity bookmaker)";

export const references: GasScenarioModule["references"] = {
  "pool.condition.create": {},
  "pool.bet.2.first": half(393_036),
  "pool.bet.2.repeat": half(341_887),
  "pool.bet.10.repeat": half(476_746),
  "pool.parlay.2": half(662_036),
  "pool.parlay.3": {},
  "pool.cashout": {},
  "pool.resolve": half(439_447),
  "pool.claim": half(108_750),
  "pool.deposit.10": half(DEPOSIT_REFERENCE),
  "pool.withdraw.10": half(WITHDRAW_REFERENCE),
  "pool.deposit.1000": half(DEPOSIT_REFERENCE),
  "pool.withdraw.1000": half(WITHDRAW_REFERENCE),
  "pool.deposit.10000": half(DEPOSIT_REFERENCE),
  "pool.withdraw.10000": half(WITHDRAW_REFERENCE),
};

const PROB_ONE = 10n ** 12n;
/** Deposits per batch transaction when filling the pool (about 100k gas each; tx gas cap 16.7M). */
const BATCH_SIZE = 100n;

export async function measure(connection: Connection): Promise<Record<string, bigint>> {
  const { viem } = connection;
  const [admin, lp, bettor, creator, keeper] = await viem.getWalletClients();
  if (!admin || !lp || !bettor || !creator || !keeper) throw new Error("need five funded accounts");
  const publicClient = await viem.getPublicClient();

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
  const batcher = await deployDepositBatcher(viem);

  await pool.write.grantRole([await deployed.read.MARKET_CREATOR_ROLE(), creator.account.address]);
  await pool.write.setReinforcementCap([creator.account.address, 10n ** 30n]);
  await pool.write.setFees([1_000n, 500n]);
  for (const who of [lp, bettor]) {
    await usd.write.mint([who.account.address, 100_000_000n * COLLATERAL_UNIT]);
    await usd.write.approve([pool.address, maxUint256], { account: who.account });
  }
  await usd.write.mint([batcher.address, 10_000_000n * COLLATERAL_UNIT]);

  const day = 24n * 3600n;
  let questionCounter = 0;
  const startsAt = async () => (await publicClient.getBlock()).timestamp + 30n * day;
  const newCondition = async (outcomes: number) => {
    questionCounter += 1;
    const questionId = keccak256(toHex(`bench question ${questionCounter}`));
    await oracle.write.ask([questionId, BigInt(outcomes)]);
    const probabilities = Array.from({ length: outcomes }, (_, i) =>
      i === 0 ? PROB_ONE - (PROB_ONE / BigInt(outcomes)) * BigInt(outcomes - 1) : PROB_ONE / BigInt(outcomes),
    );
    const hash = pool.write.createCondition(
      [questionId, probabilities, 50_000n * COLLATERAL_UNIT, 500n, await startsAt()],
      {
        account: creator.account,
      },
    );
    const gas = await gasUsed(connection, hash);
    const id = BigInt(questionCounter);
    return { id, questionId, gas };
  };
  const deadline = async () => (await publicClient.getBlock()).timestamp + day;
  const asBettor = { account: bettor.account };
  const asLp = { account: lp.account };

  const rows: Record<string, bigint> = {};
  // LP capital first (the pool's first deposit), then the markets.
  await pool.write.deposit([1_000_000n * COLLATERAL_UNIT], asLp);
  const a = await newCondition(2);
  rows["pool.condition.create"] = a.gas;
  const b = await newCondition(10);
  const c = await newCondition(2);
  const d = await newCondition(3);
  const e = await newCondition(2);

  rows["pool.bet.2.first"] = await gasUsed(
    connection,
    pool.write.bet([a.id, 0n, 100n * COLLATERAL_UNIT, 1n, await deadline()], asBettor),
  );
  rows["pool.bet.2.repeat"] = await gasUsed(
    connection,
    pool.write.bet([a.id, 1n, 100n * COLLATERAL_UNIT, 1n, await deadline()], asBettor),
  );
  rows["pool.bet.10.repeat"] = await gasUsed(
    connection,
    pool.write.bet([b.id, 3n, 100n * COLLATERAL_UNIT, 1n, await deadline()], asBettor),
  );
  rows["pool.parlay.2"] = await gasUsed(
    connection,
    pool.write.betParlay(
      [
        [
          { conditionId: a.id, outcome: 0n },
          { conditionId: c.id, outcome: 1n },
        ],
        10n * COLLATERAL_UNIT,
        1n,
        await deadline(),
      ],
      asBettor,
    ),
  );
  rows["pool.parlay.3"] = await gasUsed(
    connection,
    pool.write.betParlay(
      [
        [
          { conditionId: a.id, outcome: 1n },
          { conditionId: c.id, outcome: 0n },
          { conditionId: d.id, outcome: 2n },
        ],
        10n * COLLATERAL_UNIT,
        1n,
        await deadline(),
      ],
      asBettor,
    ),
  );
  await pool.write.bet([e.id, 0n, 100n * COLLATERAL_UNIT, 1n, await deadline()], asBettor);
  const lastBet = await betIdOf(pool.address);
  rows["pool.cashout"] = await gasUsed(connection, pool.write.cashOut([lastBet, 0n], asBettor));

  await oracle.write.settle([a.questionId, 0n]);
  rows["pool.resolve"] = await gasUsed(connection, pool.write.resolveCondition([a.id], { account: keeper.account }));
  rows["pool.claim"] = await gasUsed(connection, pool.write.claim([1n], asBettor));

  // LP deposit/withdraw as the pool grows. Before each pair a condition is created over all
  // deposits so far, bet on and resolved with a profit (factors on the tree paths), and another
  // stays open with locked reserve (the withdrawal's prefix check is exercised).
  for (const size of [10n, 1000n, 10_000n]) {
    let count = await pool.read.depositCount();
    while (count < size) {
      const n = size - count < BATCH_SIZE ? size - count : BATCH_SIZE;
      await batcher.write.depositMany([pool.address, usd.address, 1_000n * COLLATERAL_UNIT, n], { gas: 16_000_000n });
      count = await pool.read.depositCount();
    }
    const settled = await newCondition(2);
    await pool.write.bet([settled.id, 1n, 500n * COLLATERAL_UNIT, 1n, await deadline()], asBettor);
    await oracle.write.settle([settled.questionId, 0n]);
    await pool.write.resolveCondition([settled.id]);
    const open = await newCondition(2);
    await pool.write.bet([open.id, 0n, 500n * COLLATERAL_UNIT, 1n, await deadline()], asBettor);

    rows[`pool.deposit.${size}`] = await gasUsed(connection, pool.write.deposit([5_000n * COLLATERAL_UNIT], asLp));
    rows[`pool.withdraw.${size}`] = await gasUsed(connection, pool.write.withdraw([0n, 1_000n], asLp));
  }
  return rows;

  async function betIdOf(address: Address): Promise<bigint> {
    const logs = await publicClient.getContractEvents({
      address,
      abi: pool.abi,
      eventName: "BetPlaced",
      fromBlock: "latest",
    });
    const last = logs.at(-1);
    if (!last?.args.betId) throw new Error("no BetPlaced event in the latest block");
    return last.args.betId;
  }
}

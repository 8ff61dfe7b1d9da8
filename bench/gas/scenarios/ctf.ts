/**
 * Conditional tokens: prepare, split (first-time and steady-state holder), merge, report,
 * redeem on a binary condition. Reference: Gnosis CTF as deployed by Polymarket, measured the
 * same way (receipt gasUsed); target: at least 20% below each.
 */
import { COLLATERAL_UNIT } from "@forkcast/shared";
import { keccak256, maxUint256, toHex } from "viem";

import { gasUsed } from "../lib.js";
import type { Connection, GasScenarioModule } from "../types.js";

const below20 = (reference: number) => ({ reference, target: Math.floor(reference * 0.8) });

export const title = "ConditionalTokens (binary condition)";

export const references: GasScenarioModule["references"] = {
  "ctf.prepareCondition": {},
  "ctf.split.first": below20(139_621),
  "ctf.split.steady": below20(105_409),
  "ctf.merge": below20(102_546),
  "ctf.reportPayouts": below20(77_088),
  "ctf.redeem": below20(100_817),
};

export async function measure(connection: Connection): Promise<Record<string, bigint>> {
  const { viem } = connection;
  const [admin, oracle, holder, other] = await viem.getWalletClients();
  if (!admin || !oracle || !holder || !other) throw new Error("need four funded accounts");

  const usd = await viem.deployContract("TestUSD", [admin.account.address, false]);
  const ctf = await viem.deployContract("ConditionalTokens", [""]);
  const asHolder = { account: holder.account };
  const asOther = { account: other.account };
  for (const who of [holder, other]) {
    await usd.write.mint([who.account.address, 1_000_000n * COLLATERAL_UNIT]);
    await usd.write.approve([ctf.address, maxUint256], { account: who.account });
  }

  const question = (label: string) => keccak256(toHex(label));
  const binary = [1n, 2n];
  const amount = 100n * COLLATERAL_UNIT;

  // Warm-up condition so the CTF already holds collateral (steady state for the token contract).
  await ctf.write.prepareCondition([oracle.account.address, question("warm-up"), 2n]);
  const warm = await ctf.read.getConditionId([oracle.account.address, question("warm-up"), 2n]);
  await ctf.write.splitPosition([usd.address, `0x${"00".repeat(32)}`, warm, binary, amount], asOther);

  const rows: Record<string, bigint> = {};
  const qid = question("Will it rain in Lisbon tomorrow?");
  rows["ctf.prepareCondition"] = await gasUsed(
    connection,
    ctf.write.prepareCondition([oracle.account.address, qid, 2n]),
  );
  const conditionId = await ctf.read.getConditionId([oracle.account.address, qid, 2n]);
  const zero = `0x${"00".repeat(32)}` as const;

  rows["ctf.split.first"] = await gasUsed(
    connection,
    ctf.write.splitPosition([usd.address, zero, conditionId, binary, amount], asHolder),
  );
  rows["ctf.split.steady"] = await gasUsed(
    connection,
    ctf.write.splitPosition([usd.address, zero, conditionId, binary, amount], asHolder),
  );
  rows["ctf.merge"] = await gasUsed(
    connection,
    ctf.write.mergePositions([usd.address, zero, conditionId, binary, amount / 2n], asHolder),
  );
  rows["ctf.reportPayouts"] = await gasUsed(
    connection,
    ctf.write.reportPayouts([qid, [1n, 0n]], { account: oracle.account }),
  );
  rows["ctf.redeem"] = await gasUsed(
    connection,
    ctf.write.redeemPositions([usd.address, zero, conditionId, binary], asHolder),
  );
  return rows;
}

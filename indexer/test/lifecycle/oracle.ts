/**
 * Oracle lifecycle of the binary market: a proposal, a dispute (reset), a second proposal, a
 * second dispute (escalation), a ruling, the market's resolution and a redemption; the question
 * state and history the indexer derives from it.
 */
import { COLLATERAL_UNIT } from "@forkcast/shared";
import assert from "node:assert/strict";
import { it } from "node:test";

import { zeroHash } from "viem";

import { HOUR, type World, who } from "./world.ts";

export async function driveBinaryDisputes(w: World): Promise<void> {
  const { usd, ctf, oracle, arbitrator, factory } = w.contracts;
  const { ids, txs } = w;
  await w.advance(HOUR);
  for (let round = 0; round < 2; round++) {
    txs.binaryProposals.push(await oracle.write.propose([ids.binary, 1n], { account: who.proposer }));
    await w.wait(txs.binaryProposals[round] ?? zeroHash);
    txs.binaryDisputes.push(await oracle.write.dispute([ids.binary], { account: who.disputer }));
    await w.wait(txs.binaryDisputes[round] ?? zeroHash);
  }
  txs.binaryRuled = await arbitrator.write.vote([oracle.address, ids.binary, 0n], { account: who.admin });
  await w.wait(txs.binaryRuled);
  await w.wait(await factory.write.resolveMarket([ids.binary], { account: who.bob }));
  await w.wait(
    await ctf.write.redeemPositions([usd.address, zeroHash, ids.binaryCondition, [1n, 2n]], { account: who.alice }),
  );
}

export function oracleChecks(world: () => World): void {
  it("follows the oracle question through both disputes, the ruling and settlement", async () => {
    const { stack, ids } = world();
    const data = await stack.graphql<{
      oracleQuestion: {
        state: string;
        reset: boolean;
        disputeCount: number;
        ruling: string | null;
        finalAnswer: string | null;
        resolution: string | null;
        reward: string;
        bond: string;
      };
      oracleEvents: { items: { kind: string; answer: string | null }[] };
      multi: { state: string; resolution: string | null; finalAnswer: string | null; disputeCount: number };
    }>(
      `query ($q: String!, $m: String!) {
        oracleQuestion(id: $q) { state reset disputeCount ruling finalAnswer resolution reward bond }
        oracleEvents(where: { questionId: $q }, orderBy: "id", limit: 50) { items { kind answer blockNumber } }
        multi: oracleQuestion(id: $m) { state resolution finalAnswer disputeCount }
      }`,
      { q: ids.binary, m: ids.multi },
    );
    assert.deepEqual(data.oracleQuestion, {
      state: "settled",
      reset: true,
      disputeCount: 2,
      ruling: "0",
      finalAnswer: "0",
      resolution: "arbitrated",
      reward: String(10n * COLLATERAL_UNIT),
      bond: String(100n * COLLATERAL_UNIT),
    });
    const kinds = data.oracleEvents.items.map((e) => e.kind);
    for (const kind of [
      "opened",
      "proposed",
      "disputed",
      "escalated",
      "vote",
      "ruling",
      "ruled",
      "settled",
      "bondPaid",
    ]) {
      assert.ok(kinds.includes(kind), `history has a "${kind}" event`);
    }
    assert.equal(kinds.filter((k) => k === "proposed").length, 2, "two proposals");
    assert.deepEqual(data.multi, { state: "settled", resolution: "undisputed", finalAnswer: "2", disputeCount: 0 });
  });
}

/**
 * Account activity: a faucet drip, and the bonds, rewards and market-creation rewards the other
 * stages moved (each row checked for its kind, account, amount, question, market and transaction).
 */
import { COLLATERAL_UNIT } from "@forkcast/shared";
import assert from "node:assert/strict";
import { it } from "node:test";

import type { Hex } from "viem";

import { RAIN_REWARD } from "./pool.ts";
import { type World, lower, who } from "./world.ts";

const FAUCET_AMOUNT = 1_000n * COLLATERAL_UNIT;
const BOND = 100n * COLLATERAL_UNIT;
const BINARY_REWARD = 10n * COLLATERAL_UNIT;
const BPS = 10_000n;

export async function driveFaucet(w: World): Promise<void> {
  w.txs.faucet = await w.contracts.usd.write.faucet({ account: who.alice });
  await w.wait(w.txs.faucet);
}

interface ActivityRow {
  kind: string;
  account: string;
  amount: string;
  questionId: string | null;
  marketId: string | null;
  txHash: string;
}

type Expected = [kind: string, account: Hex, amount: bigint, questionId: Hex | null, marketId: Hex | null, tx: Hex];

const asRow = ([kind, account, amount, questionId, marketId, txHash]: Expected): ActivityRow => ({
  kind,
  account: lower(account),
  amount: String(amount),
  questionId,
  marketId,
  txHash,
});
const sortKey = (r: ActivityRow) => [r.txHash, r.kind, r.account, r.amount].join(" ");
const sorted = (rows: ActivityRow[]) => [...rows].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));

export function activityChecks(world: () => World): void {
  const rowsOf = async (where: string, variables: Record<string, unknown>): Promise<ActivityRow[]> => {
    const data = await world().stack.graphql<{ accountEvents: { items: ActivityRow[] } }>(
      `query ($q: String) {
        accountEvents(where: ${where}, limit: 100) { items { kind account amount questionId marketId txHash } }
      }`,
      variables,
    );
    return data.accountEvents.items.map((r) => ({ ...r, account: lower(r.account) }));
  };

  it("records the creation reward, both bond rounds and the arbitrated settlement of the binary market", async () => {
    const { ids, txs, contracts } = world();
    const [feeBps] = await contracts.oracle.read.disputeFee();
    const fee = (BOND * feeBps + BPS - 1n) / BPS; // rounded up, as the oracle does
    const q = ids.binary;
    const [p1, p2] = txs.binaryProposals;
    const [d1, d2] = txs.binaryDisputes;
    assert.ok(p1 && p2 && d1 && d2, "two proposals and two disputes were sent");
    const expected: Expected[] = [
      ["creationReward", who.creator.address, BINARY_REWARD, q, q, txs.binaryCreated],
      ["proposalBond", who.proposer.address, BOND, q, q, p1],
      ["disputeBond", who.disputer.address, BOND, q, q, d1],
      ["proposalBond", who.proposer.address, BOND, q, q, p2],
      ["disputeBond", who.disputer.address, BOND, q, q, d2],
      // The ruling (NO) proves both disputes right: the proposer loses both bonds, the disputer
      // gets each round's two bonds minus the dispute fee, and the reward.
      ["bondLost", who.proposer.address, BOND, q, q, txs.binaryRuled],
      ["bondLost", who.proposer.address, BOND, q, q, txs.binaryRuled],
      ["bondReturned", who.disputer.address, 2n * BOND - fee, q, q, txs.binaryRuled],
      ["bondReturned", who.disputer.address, 2n * BOND - fee, q, q, txs.binaryRuled],
      ["rewardPaid", who.disputer.address, BINARY_REWARD, q, q, txs.binaryRuled],
    ];
    assert.deepEqual(sorted(await rowsOf("{ questionId: $q }", { q })), sorted(expected.map(asRow)));
  });

  it("records an undisputed proposal's bond coming back, with no reward when none was offered", async () => {
    const { ids, txs } = world();
    const q = ids.multi;
    const expected: Expected[] = [
      ["proposalBond", who.proposer.address, BOND, q, q, txs.multiProposed],
      ["bondReturned", who.proposer.address, BOND, q, q, txs.multiSettled],
    ];
    assert.deepEqual(sorted(await rowsOf("{ questionId: $q }", { q })), sorted(expected.map(asRow)));
  });

  it("records pool questions' bonds and the reward their creator paid, with no order-book market", async () => {
    const { ids, txs } = world();
    const [matchProposed, rainProposed] = txs.poolProposals;
    const [matchSettled, rainSettled] = txs.poolSettlements;
    assert.ok(matchProposed && rainProposed && matchSettled && rainSettled, "both pool questions settled");
    const match: Expected[] = [
      ["proposalBond", who.proposer.address, BOND, ids.matchQuestion, null, matchProposed],
      ["bondReturned", who.proposer.address, BOND, ids.matchQuestion, null, matchSettled],
    ];
    const rain: Expected[] = [
      ["creationReward", who.creator.address, RAIN_REWARD, ids.rainQuestion, null, txs.rainOpened],
      ["proposalBond", who.proposer.address, BOND, ids.rainQuestion, null, rainProposed],
      ["bondReturned", who.proposer.address, BOND, ids.rainQuestion, null, rainSettled],
      ["rewardPaid", who.proposer.address, RAIN_REWARD, ids.rainQuestion, null, rainSettled],
    ];
    assert.deepEqual(sorted(await rowsOf("{ questionId: $q }", { q: ids.matchQuestion })), sorted(match.map(asRow)));
    assert.deepEqual(sorted(await rowsOf("{ questionId: $q }", { q: ids.rainQuestion })), sorted(rain.map(asRow)));
  });

  it("records a faucet drip for the account that called the faucet", async () => {
    const { txs } = world();
    const rows = await rowsOf(`{ kind: "faucetDrip", account: $q }`, { q: who.alice.address });
    assert.deepEqual(rows, [asRow(["faucetDrip", who.alice.address, FAUCET_AMOUNT, null, null, txs.faucet])]);
  });
}

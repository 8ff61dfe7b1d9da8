/**
 * What must survive an operator restart (same database, same chain): an order cancelled on
 * chain stays refused, a signed cancel message stays used (a replay is refused and never
 * reaches orders placed after its first use), and an order's settlement-failure count goes on
 * from where it was (the second failure drops it, also across a restart).
 */
import { SHARE_UNIT } from "@forkcast/shared";
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import type { Hex } from "viem";

import type { RunningOperator } from "../../src/app.js";
import { deployStack, startChain, type LocalChain, type Stack } from "../helpers/chain.js";
import { api, freshDataDir, signCancel, startTestOperator, waitFor } from "../helpers/operator.js";
import { OrderSigner, orderBody, type OrderSpec } from "../helpers/orders.js";
import { MAX_SETTLEMENT_FAILURES } from "../../src/lifecycle/settlement.js";

type Json = Record<string, unknown>;
const BUY = 0 as const;
const SELL = 1 as const;

describe("operator restart keeps hostile-client state", () => {
  let chain: LocalChain;
  let stack: Stack;
  let signer: OrderSigner;
  let op: RunningOperator;
  const db = { dataDir: freshDataDir() };

  before(async () => {
    chain = await startChain();
    stack = await deployStack(chain, { traders: 4 });
    signer = new OrderSigner(31337, stack.exchange);
    op = await startTestOperator(stack, db);
  });
  after(async () => {
    await op.stop();
    await chain.stop();
  });

  const restart = async (env: Record<string, string> = {}): Promise<void> => {
    await op.stop();
    op = await startTestOperator(stack, db, env);
  };

  it("refuses an order cancelled on chain, before and after a restart", async () => {
    const [alice] = stack.traders;
    assert.ok(alice);
    const order = signer.signed(alice.key, alice.address, {
      tokenId: stack.yes,
      side: SELL,
      price: 900_000n,
      shares: 1n * SHARE_UNIT,
    });
    const tx = await stack.write(alice, stack.exchange, stack.abis.exchange, "cancelOrder", [order]);
    const { blockNumber } = await chain.client.getTransactionReceipt({ hash: tx });
    await waitFor("the operator to process the cancel's block", async () => {
      const last = await op.service.store.getKv("chain.lastBlock");
      return last !== undefined && BigInt(last) >= blockNumber ? true : undefined;
    });
    const before = await api<Json>(op.url, "POST", "/order", orderBody(order));
    assert.equal(before.status, 409, JSON.stringify(before.body));
    assert.equal(before.body["error"], "ORDER_NOT_OPEN");
    await restart();
    const afterRestart = await api<Json>(op.url, "POST", "/order", orderBody(order));
    assert.equal(afterRestart.status, 409, `after a restart: ${JSON.stringify(afterRestart.body)}`);
    assert.equal(afterRestart.body["error"], "ORDER_NOT_OPEN");
  });

  it("refuses a replayed cancel message, before and after a restart, and keeps later orders live", async () => {
    const [, bob] = stack.traders;
    assert.ok(bob);
    const spec = { tokenId: stack.yes, side: SELL, price: 950_000n, shares: 1n * SHARE_UNIT };
    const first = await api<Json>(op.url, "POST", "/order", orderBody(signer.signed(bob.key, bob.address, spec)));
    assert.equal(first.status, 200);
    // Signed with a timestamp in the future (inside the validity window).
    const cancel = await signCancel(stack, bob, 1, [], undefined, BigInt(Math.floor(Date.now() / 1000) + 120));
    const used = await api<{ canceled: string[] }>(op.url, "DELETE", "/cancel-all", cancel);
    assert.equal(used.status, 200);
    assert.deepEqual(used.body.canceled, [first.body["orderID"]]);

    const later = await api<Json>(op.url, "POST", "/order", orderBody(signer.signed(bob.key, bob.address, spec)));
    assert.equal(later.status, 200);
    const replay = await api<Json>(op.url, "DELETE", "/cancel-all", cancel);
    assert.equal(replay.status, 409);
    assert.equal(replay.body["error"], "CANCEL_REPLAYED");

    await restart();
    const replayAfterRestart = await api<Json>(op.url, "DELETE", "/cancel-all", cancel);
    assert.equal(replayAfterRestart.status, 409, `after a restart: ${JSON.stringify(replayAfterRestart.body)}`);
    assert.equal(replayAfterRestart.body["error"], "CANCEL_REPLAYED");
    const order = await api<Json>(op.url, "GET", `/data/order/${String(later.body["orderID"]) as Hex}`);
    assert.equal(order.body["status"], "LIVE", "the order placed after the cancel's first use is still live");
  });

  it("keeps an order's settlement-failure count across a restart: the next failure drops it", async () => {
    const [alice, bob, carol, dave] = stack.traders;
    assert.ok(alice && bob && carol && dave);
    assert.equal(MAX_SETTLEMENT_FAILURES, 2, "this scenario fails the order's settlement twice");
    // Slow event polling: the operator does not see a maker's tokens leave before it matches.
    const slow = { OPERATOR_POLL_MS: "60000" };
    await restart(slow);
    const post = (who: typeof alice, spec: OrderSpec) =>
      api<Json>(op.url, "POST", "/order", orderBody(signer.signed(who.key, who.address, spec)));
    const view = async (hash: string) => (await api<Json>(op.url, "GET", `/data/order/${hash}`)).body;
    const yesOf = (who: typeof alice) =>
      stack.read<bigint>(stack.ctf, stack.abis.ctf, "balanceOf", [who.address, stack.yes]);
    const emptyYes = async (from: typeof alice, to: typeof alice) =>
      stack.write(from, stack.ctf, stack.abis.ctf, "safeTransferFrom", [
        from.address,
        to.address,
        stack.yes,
        await yesOf(from),
        "0x",
      ]);
    const spec = (side: 0 | 1, price: bigint): OrderSpec => ({
      tokenId: stack.yes,
      side,
      price,
      shares: 2n * SHARE_UNIT,
    });

    // First failure: carol's resting SELL is unfunded by the time dave's BUY takes it.
    const carolSell = await post(carol, spec(SELL, 500_000n));
    assert.equal(carolSell.body["status"], "live", JSON.stringify(carolSell.body));
    await emptyYes(carol, bob);
    const daveBuy = await post(dave, spec(BUY, 500_000n));
    assert.equal(daveBuy.body["status"], "matched", JSON.stringify(daveBuy.body));
    const daveHash = String(daveBuy.body["orderID"]);
    await waitFor("dave's BUY back on the book after the failed settlement", async () => {
      const v = await view(daveHash);
      return v["status"] === "LIVE" ? v : undefined;
    });
    assert.equal((await view(String(carolSell.body["orderID"])))["reason"], "INSUFFICIENT_BALANCE");
    assert.equal((await op.service.durable.failures()).get(daveHash), 1, "the failure count is stored");

    await restart(slow);
    assert.equal(op.service.ledger.get(daveHash)?.failures, 1, "the count comes back with the order");
    assert.equal((await view(daveHash))["status"], "LIVE");

    // Second failure, after the restart: alice's SELL is unfunded when it takes dave's BUY.
    const aliceHold = await post(alice, { ...spec(SELL, 990_000n), shares: 1n * SHARE_UNIT });
    assert.equal(aliceHold.body["status"], "live", "alice's holdings are read (and cached) while she has YES");
    await emptyYes(alice, bob);
    const aliceSell = await post(alice, spec(SELL, 500_000n));
    assert.equal(aliceSell.body["status"], "matched", JSON.stringify(aliceSell.body));
    const dropped = await waitFor("dave's BUY dropped after its second failed settlement", async () => {
      const v = await view(daveHash);
      return v["status"] !== "LIVE" && v["status"] !== "MATCHED" ? v : undefined;
    });
    assert.deepEqual(
      [dropped["status"], dropped["reason"], dropped["size_matched"]],
      ["INVALID", "REPEATED_SETTLEMENT_FAILURE", "0"],
      "one failure before the restart and one after make two",
    );
    assert.equal((await op.service.durable.failures()).get(daveHash), 2);
  });
});

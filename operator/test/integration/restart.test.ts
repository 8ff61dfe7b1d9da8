/**
 * What must survive an operator restart (same database, same chain): an order cancelled on
 * chain stays refused, and a signed cancel message stays used (a replay is refused and never
 * reaches orders placed after its first use).
 */
import { SHARE_UNIT } from "@forkcast/shared";
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import type { Hex } from "viem";

import type { RunningOperator } from "../../src/app.js";
import { deployStack, startChain, type LocalChain, type Stack } from "../helpers/chain.js";
import { api, freshDataDir, signCancel, startTestOperator, waitFor } from "../helpers/operator.js";
import { OrderSigner, orderBody } from "../helpers/orders.js";

type Json = Record<string, unknown>;
const SELL = 1 as const;

describe("operator restart keeps hostile-client state", () => {
  let chain: LocalChain;
  let stack: Stack;
  let signer: OrderSigner;
  let op: RunningOperator;
  const db = { dataDir: freshDataDir() };

  before(async () => {
    chain = await startChain();
    stack = await deployStack(chain, { traders: 2 });
    signer = new OrderSigner(31337, stack.exchange);
    op = await startTestOperator(stack, db);
  });
  after(async () => {
    await op.stop();
    await chain.stop();
  });

  const restart = async (): Promise<void> => {
    await op.stop();
    op = await startTestOperator(stack, db);
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
});

/**
 * Failure and restart: a settlement whose maker's funds left, a dropped transaction, the rate
 * limit and operator key checks at start, the book rebuilt after a restart, and the stored
 * order log replayed into exactly the stored trades.
 */
import assert from "node:assert/strict";
import { it } from "node:test";

import type { Hex } from "viem";

import type { OrderRow, TradeRow } from "../../../src/db/store.js";
import { replay } from "../../../src/engine/replay.js";
import { api, startTestOperator, waitFor } from "../../helpers/operator.js";
import { BUY, SELL, type OperatorRun, type Json } from "../../helpers/operator-run.js";
import { orderBody, type OrderSpec } from "../../helpers/orders.js";

export function recoveryGroup(run: OperatorRun): void {
  it("marks a settlement FAILED when the maker's funds left, drops the maker and restores the taker", async () => {
    // Slow event polling so the operator does not see the transfer before matching.
    await run.op.stop();
    run.op = await startTestOperator(run.stack, run.db, { OPERATOR_POLL_MS: "60000" });
    const resting = await run.post(run.carol, run.spec("yes", SELL, 500_000n, 2n));
    const all = await run.balanceOf(run.carol, run.stack.yes);
    await run.stack.write(run.carol, run.stack.ctf, run.stack.abis.ctf, "safeTransferFrom", [
      run.carol.address,
      run.alice.address,
      run.stack.yes,
      all,
      "0x",
    ]);
    const taker = await run.post(run.bob, run.spec("yes", BUY, 500_000n, 2n));
    assert.equal(taker.body["status"], "matched");
    const failed = await waitFor("trade FAILED", async () => {
      const { body } = await api<{ data: Json[] }>(run.op.url, "GET", `/data/order/${String(resting.body["orderID"])}`);
      return (body as unknown as Json)["status"] === "INVALID" ? (body as unknown as Json) : undefined;
    });
    assert.equal(failed["reason"], "INSUFFICIENT_BALANCE");
    const takerView = await waitFor("taker restored", async () => {
      const { body } = await api<Json>(run.op.url, "GET", `/data/order/${String(taker.body["orderID"])}`);
      return body["status"] === "LIVE" ? body : undefined;
    });
    assert.equal(takerView["remaining_size"], "2", "the taker's shares are back on the book");
    await run.stack.write(run.alice, run.stack.ctf, run.stack.abis.ctf, "safeTransferFrom", [
      run.alice.address,
      run.carol.address,
      run.stack.yes,
      all,
      "0x",
    ]);
    await run.op.stop();
    run.op = await startTestOperator(run.stack, run.db);
    await run.cancelAll();
  });

  it("rebroadcasts a settlement transaction the node dropped, with the same hash", async () => {
    await run.chain.rpc("evm_setAutomine", [false]);
    try {
      await run.post(run.alice, run.spec("yes", SELL, 600_000n, 1n));
      const taker = await run.post(run.bob, run.spec("yes", BUY, 600_000n, 1n));
      const sent = await waitFor("settlement SENT", async () => {
        await run.op.service.store.flush();
        const rows = await run.op.service.store.settlementsByStatus(["SENT"]);
        return rows.find((r) => r.taker_hash === taker.body["orderID"]);
      });
      const hash = sent.tx_hash as Hex;
      // SENT is stored before the broadcast: wait until the node has it, then drop it.
      await waitFor("broadcast", async () =>
        (await run.chain.client.getTransaction({ hash }).catch(() => undefined)) ? true : undefined,
      );
      assert.equal(
        await run.chain.rpc("hardhat_dropTransaction", [hash]),
        true,
        "the node must drop the pending transaction",
      );
      await waitFor(
        "rebroadcast",
        async () => ((await run.chain.client.getTransaction({ hash }).catch(() => undefined)) ? true : undefined),
        10_000,
      );
      await run.chain.rpc("evm_mine", []);
      const trades = await run.confirmed(String(taker.body["orderID"]));
      assert.equal(trades[0]?.["transaction_hash"], hash, "the same signed transaction is mined");
    } finally {
      await run.chain.rpc("evm_setAutomine", [true]);
    }
    await run.cancelAll();
  });

  it("rate-limits per maker address with 429 RATE_LIMITED", async () => {
    await run.op.stop();
    run.op = await startTestOperator(run.stack, run.db, {
      OPERATOR_RATE_LIMIT_PER_SEC: "1",
      OPERATOR_RATE_LIMIT_BURST: "2",
    });
    const spec: OrderSpec = run.spec("yes", SELL, 990_000n, 1n);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await run.post(run.alice, spec)).status);
    assert.deepEqual(statuses, [200, 200, 429]);
    const other = await run.post(run.carol, spec);
    assert.equal(other.status, 200, "another maker is not limited");
    await run.op.stop();
    run.op = await startTestOperator(run.stack, run.db);
    await run.cancelAll();
  });

  it("refuses to start with a key that is not an exchange operator", async () => {
    await assert.rejects(
      startTestOperator(run.stack, run.db, { OPERATOR_PRIVATE_KEY: run.dave.key }),
      /is not an operator of the exchange/,
    );
  });

  it("rebuilds the book after a restart and drops orders that became invalid meanwhile", async () => {
    const keep = await run.post(run.alice, run.spec("yes", SELL, 770_000n, 1n));
    const spec: OrderSpec = run.spec("yes", SELL, 780_000n, 1n);
    const gone = run.signed(run.carol, spec);
    const goneResult = await api<Json>(run.op.url, "POST", "/order", orderBody(gone));
    await run.op.stop();
    await run.stack.write(run.carol, run.stack.exchange, run.stack.abis.exchange, "cancelOrder", [{ ...gone }]);
    run.op = await startTestOperator(run.stack, run.db);
    const book = await api<Json>(run.op.url, "GET", `/book?token_id=${run.stack.yes}`);
    assert.deepEqual(book.body["asks"], [{ price: "0.77", size: "1" }]);
    const view = await api<Json>(run.op.url, "GET", `/data/order/${String(goneResult.body["orderID"])}`);
    assert.equal(view.body["status"], "CANCELED");
    assert.equal(view.body["reason"], "FILLED_OR_CANCELLED_ONCHAIN");
    assert.equal(
      (await api<Json>(run.op.url, "GET", `/data/order/${String(keep.body["orderID"])}`)).body["status"],
      "LIVE",
    );
    await run.cancelAll();
  });

  it("replaying the stored order log reproduces every stored trade in order", async () => {
    const store = run.op.service.store;
    await store.flush();
    const orders = new Map((await store.db.query<OrderRow>("SELECT * FROM orders")).map((row) => [row.hash, row]));
    const { fills } = replay(await store.bookEvents(), orders);
    const stored = (await store.db.query<TradeRow>("SELECT * FROM trades")).sort(
      (a, b) => a.settlement_id - b.settlement_id || Number(a.id.split(":")[1]) - Number(b.id.split(":")[1]),
    );
    assert.ok(stored.length >= 6, "the suite must have produced trades to replay");
    assert.deepEqual(
      fills.map((f) => [f.takerHash, f.makerHash, f.shares.toString(), f.type]),
      stored.map((t) => [t.taker_hash, t.maker_hash, t.shares, t.match_type]),
    );
  });
}

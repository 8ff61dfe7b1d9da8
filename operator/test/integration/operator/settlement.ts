/**
 * Settlement of every match type on chain to CONFIRMED with exact balances, in-flight shares
 * counted once, several makers in one transaction, and the market data those trades leave.
 */
import assert from "node:assert/strict";
import { it } from "node:test";

import { SHARE_UNIT } from "@forkcast/shared";

import { api, startTestOperator, waitFor, wsClient } from "../../helpers/operator.js";
import { BUY, SELL, type OperatorRun, type Json } from "../../helpers/operator-run.js";

export function settlementGroup(run: OperatorRun): void {
  it("settles a COMPLEMENTARY match on chain: MATCHED → MINED → CONFIRMED with exact balances", async () => {
    const [aliceUsd, bobUsd, bobYes, aliceYes] = [
      await run.usdOf(run.alice),
      await run.usdOf(run.bob),
      await run.balanceOf(run.bob, run.stack.yes),
      await run.balanceOf(run.alice, run.stack.yes),
    ];
    const user = await wsClient(run.op.url.replace("http", "ws") + "/ws/user", {
      type: "user",
      address: run.bob.address,
    });
    const maker = await run.post(run.alice, run.spec("yes", SELL, 550_000n, 10n));
    const taker = await run.post(run.bob, run.spec("yes", BUY, 600_000n, 10n));
    assert.equal(taker.body["status"], "matched");
    assert.equal(taker.body["takingAmount"], String(10n * SHARE_UNIT));
    const trades = await run.confirmed(String(taker.body["orderID"]));
    assert.equal(trades[0]?.["match_type"], "COMPLEMENTARY");
    assert.equal(trades[0]?.["price"], "0.55");
    assert.equal(await run.balanceOf(run.bob, run.stack.yes), bobYes + 10n * SHARE_UNIT, "taker receives the shares");
    assert.equal(
      await run.usdOf(run.bob),
      bobUsd - 5_500_000n,
      "taker pays the maker's price; improvement is refunded",
    );
    assert.equal(await run.usdOf(run.alice), aliceUsd + 5_500_000n);
    assert.equal(await run.balanceOf(run.alice, run.stack.yes), aliceYes - 10n * SHARE_UNIT);
    const statuses = await waitFor("user channel CONFIRMED", () => {
      const seen = user.messages.filter((m) => m["event_type"] === "trade").map((m) => m["status"]);
      return seen.includes("CONFIRMED") ? seen : undefined;
    });
    assert.deepEqual([...new Set(statuses)], ["MATCHED", "MINED", "CONFIRMED"]);
    assert.ok(user.messages.some((m) => m["event_type"] === "order" && m["type"] === "PLACEMENT"));
    user.close();
    void maker;
    const last = await api<Json>(run.op.url, "GET", `/last-trade-price?token_id=${run.stack.yes}`);
    assert.deepEqual(last.body, { price: "0.55", side: "BUY" });
    const lastNo = await api<Json>(run.op.url, "GET", `/last-trade-price?token_id=${run.stack.no}`);
    assert.equal(lastNo.body["price"], "0.45");
  });

  it("keeps a maker's second resting order live while the first one's settlement awaits confirmation", async () => {
    // With two confirmations the settlement stays MINED (shares in flight) while the operator
    // already sees its transfer events: the in-flight shares must not be counted twice.
    await run.op.stop();
    run.op = await startTestOperator(run.stack, run.db, { OPERATOR_CONFIRMATIONS: "2" });
    try {
      const held = await run.balanceOf(run.carol, run.stack.yes);
      const half = (held / 2n / SHARE_UNIT) * SHARE_UNIT;
      assert.ok(half >= 5n * SHARE_UNIT, "carol holds enough YES for two orders");
      await run.post(run.carol, { tokenId: run.stack.yes, side: SELL, price: 700_000n, shares: half });
      const second = await run.post(run.carol, {
        tokenId: run.stack.yes,
        side: SELL,
        price: 720_000n,
        shares: held - half,
      });
      assert.equal(second.body["status"], "live", "both orders together use exactly carol's YES");
      const taker = await run.post(run.bob, { tokenId: run.stack.yes, side: BUY, price: 700_000n, shares: half });
      const takerHash = String(taker.body["orderID"]);
      await waitFor("the settlement MINED", async () => {
        const trades = await run.tradesOf(takerHash);
        return trades.length === 1 && trades[0]?.["status"] === "MINED" ? trades : undefined;
      });
      await waitFor("carol's YES leaves her wallet", async () =>
        (await run.balanceOf(run.carol, run.stack.yes)) === held - half ? true : undefined,
      );
      // A few event polls while the trade is still only MINED.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const order = await api<Json>(run.op.url, "GET", `/data/order/${String(second.body["orderID"])}`);
      assert.equal(
        order.body["status"],
        "LIVE",
        `the funded order stays on the book (${String(order.body["reason"])})`,
      );
      await run.chain.rpc("evm_mine");
      await run.confirmed(takerHash);
      await run.cancelAll();
    } finally {
      await run.op.stop();
      run.op = await startTestOperator(run.stack, run.db);
    }
  });

  it("settles MINT (two BUYs) and MERGE (two SELLs)", async () => {
    const [carolNo, daveYes] = [
      await run.balanceOf(run.carol, run.stack.no),
      await run.balanceOf(run.dave, run.stack.yes),
    ];
    await run.post(run.carol, run.spec("no", BUY, 450_000n, 4n));
    const mint = await run.post(run.dave, run.spec("yes", BUY, 550_000n, 4n));
    const mintTrades = await run.confirmed(String(mint.body["orderID"]));
    assert.equal(mintTrades[0]?.["match_type"], "MINT");
    assert.equal(await run.balanceOf(run.carol, run.stack.no), carolNo + 4n * SHARE_UNIT);
    assert.equal(await run.balanceOf(run.dave, run.stack.yes), daveYes + 4n * SHARE_UNIT);

    const [carolUsd, daveUsd] = [await run.usdOf(run.carol), await run.usdOf(run.dave)];
    await run.post(run.carol, run.spec("yes", SELL, 500_000n, 3n));
    const merge = await run.post(run.dave, run.spec("no", SELL, 500_000n, 3n));
    const mergeTrades = await run.confirmed(String(merge.body["orderID"]));
    assert.equal(mergeTrades[0]?.["match_type"], "MERGE");
    assert.equal(await run.usdOf(run.carol), carolUsd + 1_500_000n);
    assert.equal(await run.usdOf(run.dave), daveUsd + 1_500_000n);
  });

  it("batches several makers per taker into one matchOrders and fills partially", async () => {
    const makers = [run.alice, run.carol, run.dave];
    const makerIds: string[] = [];
    for (const [i, m] of makers.entries()) {
      const placed = await run.post(m, {
        tokenId: run.stack.yes,
        side: SELL,
        price: BigInt(500_000 + i * 10_000),
        shares: 2n * SHARE_UNIT,
      });
      makerIds.push(String(placed.body["orderID"]));
    }
    const taker = await run.post(run.bob, run.spec("yes", BUY, 520_000n, 5n));
    assert.equal(taker.body["status"], "matched");
    const trades = await run.confirmed(String(taker.body["orderID"]), 3);
    assert.equal(new Set(trades.map((t) => t["transaction_hash"])).size, 1, "one transaction settles all three makers");
    const book = await api<Json>(run.op.url, "GET", `/book?token_id=${run.stack.yes}`);
    assert.deepEqual(book.body["asks"], [{ price: "0.52", size: "1" }], "the last maker keeps its unfilled share");
    await run.cancelAll();
    // size_matched is what filled: the full size of the filled makers, the filled part of the cancelled one.
    const views = await Promise.all(makerIds.map((id) => api<Json>(run.op.url, "GET", `/data/order/${id}`)));
    assert.deepEqual(
      views.map((v) => [v.body["status"], v.body["size_matched"], v.body["remaining_size"]]),
      [
        ["MATCHED", "2", "0"],
        ["MATCHED", "2", "0"],
        ["CANCELED", "1", "0"],
      ],
    );
    const listed = await api<{ data: Json[] }>(run.op.url, "GET", `/data/orders?maker=${run.dave.address}&all=true`);
    const daveView = listed.body.data.find((o) => o["id"] === makerIds[2]);
    assert.equal(daveView?.["size_matched"], "1", "the list view agrees with the single-order view");
  });

  it("serves prices, spread, midpoint, history and paginated trades", async () => {
    await run.post(run.alice, run.spec("yes", SELL, 700_000n, 2n));
    await run.post(run.bob, run.spec("yes", BUY, 300_000n, 2n));
    assert.deepEqual((await api(run.op.url, "GET", `/price?token_id=${run.stack.yes}&side=BUY`)).body, {
      price: "0.7",
    });
    assert.deepEqual((await api(run.op.url, "GET", `/price?token_id=${run.stack.yes}&side=SELL`)).body, {
      price: "0.3",
    });
    assert.deepEqual((await api(run.op.url, "GET", `/midpoint?token_id=${run.stack.yes}`)).body, { mid: "0.5" });
    assert.deepEqual((await api(run.op.url, "GET", `/spread?token_id=${run.stack.yes}`)).body, { spread: "0.4" });
    const history = await api<{ history: { t: number; p: number }[] }>(
      run.op.url,
      "GET",
      `/prices-history?market=${run.stack.yes}&interval=1d&fidelity=1`,
    );
    assert.ok(history.body.history.length >= 1);
    assert.ok(history.body.history.every((h) => h.p > 0 && h.p < 1));
    const page1 = await api<{ data: Json[]; next_cursor: string }>(
      run.op.url,
      "GET",
      `/trades?market=${run.stack.conditionId}&limit=2`,
    );
    assert.equal(page1.body.data.length, 2);
    const page2 = await api<{ data: Json[]; next_cursor: string }>(
      run.op.url,
      "GET",
      `/trades?market=${run.stack.conditionId}&limit=2&next_cursor=${page1.body.next_cursor}`,
    );
    assert.ok(page2.body.data.length >= 1);
    assert.equal(
      new Set([...page1.body.data, ...page2.body.data].map((t) => t["id"])).size,
      page1.body.data.length + page2.body.data.length,
      "pages must not overlap",
    );
    const mine = await api<{ data: Json[] }>(run.op.url, "GET", `/data/trades?user=${run.dave.address}`);
    assert.ok(mine.body.data.length >= 2);
    await run.cancelAll();
  });
}

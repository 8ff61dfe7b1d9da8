/**
 * Trading through the client: orders signed with order-utils posted, listed and priced, a trade
 * between two accounts, a market order at the client's rounding, balances and allowances.
 */
import assert from "node:assert/strict";
import { it } from "node:test";

import { SHARE_UNIT } from "@forkcast/shared";
import { AssetType, OrderType, Side, type OpenOrder, type OrderBookSummary, type Trade } from "@polymarket/clob-client";

import { waitFor, wsClient } from "../../helpers/operator.js";
import { type Json, type PolymarketRun } from "../../helpers/polymarket-run.js";

export function tradingGroup(run: PolymarketRun): void {
  it("posts orders signed with order-utils, lists best-last books and prices a market order from the end", async () => {
    const c = run.authed(run.alice);
    const yes = run.stack.yes.toString();
    await run.post(run.alice, "BUY", 450_000n, 10n * SHARE_UNIT);
    await run.post(run.alice, "BUY", 500_000n, 10n * SHARE_UNIT);
    await run.post(run.alice, "SELL", 640_000n, 10n * SHARE_UNIT);
    await run.post(run.alice, "SELL", 700_000n, 10n * SHARE_UNIT);
    const book = await c.getOrderBook(yes);
    assert.deepEqual(
      book.bids.map((l) => l.price),
      ["0.45", "0.5"],
      "bids ascending, best last",
    );
    assert.deepEqual(
      book.asks.map((l) => l.price),
      ["0.7", "0.64"],
      "asks descending, best last",
    );
    assert.equal(await c.getOrderBookHash({ ...book }), book.hash, "the client recomputes the served hash");
    assert.equal(await c.calculateMarketPrice(yes, Side.BUY, 5, OrderType.FOK), 0.64, "BUY $5 prices at the best ask");
    assert.equal(await c.calculateMarketPrice(yes, Side.SELL, 5, OrderType.FOK), 0.5, "SELL 5 prices at the best bid");
    assert.deepEqual(await c.getMidpoint(yes), { mid: "0.57" });
    assert.deepEqual(await c.getPrice(yes, Side.BUY), { price: "0.64" });
    assert.deepEqual(await c.getPrice(yes, Side.SELL), { price: "0.5" });
    assert.deepEqual(await c.getSpread(yes), { spread: "0.14" });
    assert.deepEqual(await c.getPrices([{ token_id: yes, side: Side.BUY }]), { [yes]: { BUY: "0.64" } });

    const market = await wsClient(`${run.op.url.replace("http", "ws")}/ws/market`, {
      assets_ids: [yes],
      type: "market",
    });
    try {
      const snapshot = await waitFor("book snapshot on the market channel", () =>
        market.messages.find((m) => m["event_type"] === "book"),
      );
      const wsBook = snapshot as unknown as OrderBookSummary;
      assert.deepEqual(
        [wsBook.bids.map((l) => l.price), wsBook.asks.map((l) => l.price)],
        [
          ["0.45", "0.5"],
          ["0.7", "0.64"],
        ],
        "the channel's book lists the best level last too",
      );
      assert.equal(await c.getOrderBookHash({ ...wsBook }), wsBook.hash);
      await run.post(run.alice, "BUY", 410_000n, 2n * SHARE_UNIT);
      const change = await waitFor("price_change in Polymarket's form", () =>
        market.messages.find((m) => m["event_type"] === "price_change"),
      );
      assert.deepEqual(change["price_changes"], [
        {
          asset_id: yes,
          side: "BUY",
          price: "0.41",
          size: "2",
          hash: change["hash"],
          best_bid: "0.5",
          best_ask: "0.64",
        },
      ]);
    } finally {
      market.close();
    }

    const batch = (await c.postOrders([
      { order: await run.sign(run.alice, "BUY", 200_000n, 2n * SHARE_UNIT), orderType: OrderType.GTC },
      { order: await run.sign(run.alice, "BUY", 210_000n, 2n * SHARE_UNIT), orderType: OrderType.GTC, postOnly: true },
      { order: await run.sign(run.bob, "BUY", 220_000n, 2n * SHARE_UNIT), orderType: OrderType.GTC },
    ])) as Json[];
    assert.deepEqual(
      batch.map((r) => [r["success"], r["errorCode"]]),
      [
        [true, undefined],
        [true, undefined],
        [false, "FORBIDDEN"],
      ],
      "postOrders answers per order; another address's order is refused alone",
    );
    await c.cancelOrders(batch.slice(0, 2).map((r) => String(r["orderID"])));

    const open: OpenOrder[] = await c.getOpenOrders();
    assert.equal(open.length, 5);
    const keys: (keyof OpenOrder)[] = [
      "id",
      "status",
      "owner",
      "maker_address",
      "market",
      "asset_id",
      "side",
      "original_size",
      "size_matched",
      "price",
      "associate_trades",
      "outcome",
      "created_at",
      "expiration",
      "order_type",
    ];
    for (const order of open) for (const key of keys) assert.ok(key in order, `OpenOrder lacks ${key}`);
    const first = open[0] as OpenOrder;
    assert.equal(first.owner, run.creds.get(run.alice.address)?.key);
    assert.equal(first.outcome, "Yes");
    assert.equal((await c.getOpenOrders({ market: run.stack.conditionId })).length, 5);
    assert.equal((await c.getOpenOrders({ id: first.id })).length, 1);
    assert.equal((await c.getOpenOrders({ asset_id: run.stack.no.toString() })).length, 0);
    const one = (await c.getOrder(first.id)) as unknown as OpenOrder;
    assert.equal(one.id, first.id);

    const cancelled = (await c.cancelOrder({ orderID: first.id })) as Json;
    assert.deepEqual(cancelled["canceled"], [first.id]);
    assert.equal(((await c.getOrder(first.id)) as unknown as OpenOrder).status, "CANCELED");
    const rest = (await c.getOpenOrders()).map((o) => o.id);
    const many = (await c.cancelOrders(rest.slice(0, 1))) as Json;
    assert.deepEqual(many["canceled"], rest.slice(0, 1));
    const byMarket = (await c.cancelMarketOrders({ asset_id: yes })) as Json;
    assert.equal((byMarket["canceled"] as string[]).length, 3);
    assert.deepEqual(await c.getOpenOrders(), []);
  });

  it("trades against a resting order from a second account and shows the trade to both in getTrades", async () => {
    const resting = await run.post(run.alice, "SELL", 600_000n, 10n * SHARE_UNIT);
    const taker = await run.post(run.bob, "BUY", 600_000n, 4n * SHARE_UNIT);
    const bobTrades: Trade[] = await waitFor("bob's trade confirmed", async () => {
      const trades = await run.authed(run.bob).getTrades({ market: run.stack.conditionId });
      return trades.length === 1 && trades[0]?.status === "CONFIRMED" ? trades : undefined;
    });
    const trade = bobTrades[0] as Trade;
    const fields: (keyof Trade)[] = [
      "id",
      "taker_order_id",
      "market",
      "asset_id",
      "side",
      "size",
      "fee_rate_bps",
      "price",
      "status",
      "match_time",
      "last_update",
      "outcome",
      "bucket_index",
      "owner",
      "maker_address",
      "maker_orders",
      "transaction_hash",
      "trader_side",
    ];
    for (const key of fields) assert.ok(key in trade, `Trade lacks ${key}`);
    assert.deepEqual(
      [trade.taker_order_id, trade.side, trade.size, trade.price, trade.trader_side, trade.outcome],
      [taker, "BUY", "4", "0.6", "TAKER", "Yes"],
    );
    assert.match(trade.transaction_hash, /^0x[0-9a-f]{64}$/);
    const maker = trade.maker_orders[0];
    assert.ok(maker);
    for (const key of [
      "order_id",
      "owner",
      "maker_address",
      "matched_amount",
      "price",
      "fee_rate_bps",
      "asset_id",
      "outcome",
      "side",
    ])
      assert.ok(key in maker, `MakerOrder lacks ${key}`);
    assert.equal(maker.order_id, resting);
    const aliceTrades = await run.authed(run.alice).getTrades({ asset_id: run.stack.yes.toString() });
    assert.equal(aliceTrades[0]?.trader_side, "MAKER");
    assert.equal((await run.authed(run.alice).getTrades({ id: trade.id })).length, 1);
    assert.equal(
      (await run.authed(run.alice).getTrades({ after: String(Math.floor(Date.now() / 1000) + 60) })).length,
      0,
    );
    const page = await run.authed(run.bob).getTradesPaginated({});
    assert.equal(page.trades.length, 1);
    const order = (await run.authed(run.alice).getOrder(resting)) as unknown as OpenOrder;
    assert.deepEqual([order.size_matched, order.associate_trades], ["4", [trade.id]]);
    assert.deepEqual(await run.authed(run.bob).getLastTradePrice(run.stack.yes.toString()), {
      price: "0.6",
      side: "BUY",
    });
    const book = await run.authed(run.bob).getOrderBook(run.stack.yes.toString());
    assert.equal(book.last_trade_price, "0.6");
    const all = (await run.authed(run.alice).cancelAll()) as Json;
    assert.deepEqual(all["canceled"], [resting]);
  });

  it("fills a market order signed with the client's rounding, priced by the book", async () => {
    const yes = run.stack.yes.toString();
    const ask = await run.post(run.alice, "SELL", 660_000n, 10n * SHARE_UNIT);
    const price = await run.authed(run.bob).calculateMarketPrice(yes, Side.BUY, 5, OrderType.FOK);
    assert.equal(price, 0.66);
    // What createMarketOrder({ side: BUY, amount: 5, price: 0.66 }) signs at tick 0.01: 5 collateral
    // for 5 / 0.66 = 7.5757 shares (4 decimals), which is no exact tick price.
    const order = await run.signAmounts(run.bob, "BUY", 5_000_000n, 7_575_700n);
    const result = (await run.authed(run.bob).postOrder(order, OrderType.FOK)) as Json;
    assert.deepEqual(
      [result["success"], result["status"], result["takingAmount"], result["makingAmount"]],
      [true, "matched", "7570000", "4996200"],
      JSON.stringify(result),
    );
    const trade = await waitFor("market order trade confirmed", async () => {
      const trades = await run.authed(run.bob).getTrades();
      const t = trades.find((x) => x.taker_order_id === result["orderID"]);
      return t?.status === "CONFIRMED" ? t : undefined;
    });
    assert.deepEqual([trade.price, trade.size], ["0.66", "7.57"]);
    await run.authed(run.alice).cancelOrder({ orderID: ask });
  });

  it("reads balances and allowances for collateral and outcome tokens", async () => {
    const c = run.authed(run.alice);
    const usd = await c.getBalanceAllowance({ asset_type: AssetType.COLLATERAL });
    const onChain = await run.stack.read<bigint>(run.stack.collateral, run.stack.abis.collateral, "balanceOf", [
      run.alice.address,
    ]);
    assert.equal(usd.balance, onChain.toString());
    assert.ok(BigInt(usd.allowance) > 0n);
    const yes = await c.getBalanceAllowance({ asset_type: AssetType.CONDITIONAL, token_id: run.stack.yes.toString() });
    const yesOnChain = await run.stack.read<bigint>(run.stack.ctf, run.stack.abis.ctf, "balanceOf", [
      run.alice.address,
      run.stack.yes,
    ]);
    assert.equal(yes.balance, yesOnChain.toString());
    const updated = (await c.updateBalanceAllowance({ asset_type: AssetType.COLLATERAL })) as unknown as Json;
    assert.equal(updated["balance"], onChain.toString());
    assert.deepEqual(await c.getClosedOnlyMode(), { closed_only: false });
    assert.deepEqual(await c.getOk(), { service: "forkcast-operator", docs: "docs/operator-api.md" });
  });
}

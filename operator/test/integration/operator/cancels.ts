/**
 * Cancels, signed or on chain (cancelOrder, incrementNonce), and the market channel's snapshot,
 * price changes and last trade prices.
 */
import assert from "node:assert/strict";
import { it } from "node:test";

import type { Hex } from "viem";

import { api, signCancel, waitFor, wsClient } from "../../helpers/operator.js";
import { BUY, SELL, type OperatorRun, type Json } from "../../helpers/operator-run.js";
import { orderBody, type OrderSpec } from "../../helpers/orders.js";

export function cancelGroup(run: OperatorRun): void {
  it("cancels by signed message (one, all, by market) and refuses a forged cancel", async () => {
    const a = await run.post(run.alice, run.spec("yes", SELL, 800_000n, 1n));
    const b = await run.post(run.alice, run.spec("yes", SELL, 810_000n, 1n));
    const forged = await signCancel(run.stack, run.bob, 0, [a.body["orderID"] as Hex]);
    const forgedResult = await api<Json>(run.op.url, "DELETE", "/order", { ...forged, maker: run.alice.address });
    assert.equal(forgedResult.body["error"], "INVALID_SIGNATURE");
    const one = await api<Json>(
      run.op.url,
      "DELETE",
      "/order",
      await signCancel(run.stack, run.alice, 0, [a.body["orderID"] as Hex]),
    );
    assert.deepEqual(one.body["canceled"], [a.body["orderID"]]);
    const stale = await api<Json>(
      run.op.url,
      "DELETE",
      "/cancel-all",
      await signCancel(run.stack, run.alice, 1, [], undefined, 1n),
    );
    assert.equal(stale.body["error"], "CANCEL_EXPIRED");
    const byMarket = await api<Json>(
      run.op.url,
      "DELETE",
      "/cancel-market-orders",
      await signCancel(run.stack, run.alice, 2, [], run.stack.conditionId),
    );
    assert.deepEqual(byMarket.body["canceled"], [b.body["orderID"]]);
    const view = await api<Json>(run.op.url, "GET", `/data/order/${String(a.body["orderID"])}`);
    assert.equal(view.body["status"], "CANCELED");
    assert.equal(view.body["size_matched"], "0", "a cancelled order that never filled matched nothing");
  });

  it("drops orders cancelled on chain or invalidated by incrementNonce", async () => {
    const spec: OrderSpec = run.spec("yes", SELL, 900_000n, 1n);
    const order = run.signed(run.carol, spec);
    const placed = await api<Json>(run.op.url, "POST", "/order", orderBody(order));
    const tuple = { ...order };
    await run.stack.write(run.carol, run.stack.exchange, run.stack.abis.exchange, "cancelOrder", [tuple]);
    await waitFor("on-chain cancel applied", async () =>
      (await api<Json>(run.op.url, "GET", `/data/order/${String(placed.body["orderID"])}`)).body["status"] ===
      "CANCELED"
        ? true
        : undefined,
    );
    const other = await run.post(run.dave, { ...spec, price: 910_000n });
    await run.stack.write(run.dave, run.stack.exchange, run.stack.abis.exchange, "incrementNonce", []);
    const dropped = await waitFor("nonce increment applied", async () => {
      const view = (await api<Json>(run.op.url, "GET", `/data/order/${String(other.body["orderID"])}`)).body;
      return view["status"] === "CANCELED" ? view : undefined;
    });
    assert.equal(dropped["reason"], "NONCE_INCREMENTED");
    const fresh = await run.post(run.dave, { ...spec, nonce: 1n, price: 920_000n });
    assert.equal(fresh.status, 200, "orders with the new nonce are accepted");
    await run.cancelAll();
  });

  it("sends a book snapshot, then price changes and last trade prices on the market channel", async () => {
    const market = await wsClient(run.op.url.replace("http", "ws") + "/ws/market", {
      type: "market",
      assets_ids: [run.stack.yes.toString()],
    });
    await waitFor("initial snapshot", () =>
      market.messages.some((m) => m["event_type"] === "book") ? true : undefined,
    );
    await run.post(run.alice, run.spec("yes", SELL, 650_000n, 3n));
    const change = await waitFor("price change with the new ask", () =>
      market.messages.find((m) => m["event_type"] === "price_change"),
    );
    // Each entry also carries Polymarket's per-entry fields (asset_id, hash, best_bid, best_ask).
    assert.deepEqual(change["price_changes"], [
      {
        asset_id: run.stack.yes.toString(),
        side: "SELL",
        price: "0.65",
        size: "3",
        hash: change["hash"],
        best_bid: null,
        best_ask: "0.65",
      },
    ]);
    assert.equal(change["best_ask"], "0.65");
    await run.post(run.bob, run.spec("yes", BUY, 650_000n, 1n));
    const last = await waitFor("last trade price", () =>
      market.messages.find((m) => m["event_type"] === "last_trade_price"),
    );
    assert.equal(last["price"], "0.65");
    const shrink = await waitFor("level shrinks to 2", () =>
      market.messages.find(
        (m) => m["event_type"] === "price_change" && JSON.stringify(m["price_changes"]).includes('"size":"2"'),
      ),
    );
    assert.equal(shrink["asset_id"], run.stack.yes.toString());
    market.close();
    await run.cancelAll();
  });
}

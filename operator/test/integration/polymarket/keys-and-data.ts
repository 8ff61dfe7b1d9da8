/** API keys derived with L1 auth, and every market-data call in the client's shapes. */
import assert from "node:assert/strict";
import { it } from "node:test";

import { Side, type OrderBookSummary } from "@polymarket/clob-client";

import { type Json, type PolymarketRun } from "../../helpers/polymarket-run.js";

export function keysAndMarketDataGroup(run: PolymarketRun): void {
  it("createOrDeriveApiKey and deriveApiKey give the same credentials for an address and nonce", async () => {
    for (const t of [run.alice, run.bob]) {
      const l1 = run.client(t);
      const created = await l1.createOrDeriveApiKey();
      assert.match(created.key, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.ok(created.secret.length >= 40 && created.passphrase.length >= 32);
      assert.deepEqual(await l1.deriveApiKey(), created, "derive answers the created credentials");
      assert.notEqual((await l1.deriveApiKey(1)).key, created.key, "another nonce is another key");
      run.creds.set(t.address, created);
      run.clients.set(t.address, run.client(t, created));
    }
    const keys = (await run.authed(run.alice).getApiKeys()) as unknown as { apiKeys: string[] };
    assert.ok(keys.apiKeys.includes(run.creds.get(run.alice.address)?.key ?? ""), JSON.stringify(keys));
  });

  it("answers every market-data call in the client's shapes, quiet markets with empty values", async () => {
    const c = run.authed(run.alice);
    const yes = run.stack.yes.toString();
    const q = run.quiet.yes.toString();
    assert.equal(typeof (await c.getServerTime()), "number");
    const market = (await c.getMarket(run.stack.conditionId)) as Json;
    assert.equal(market["condition_id"], run.stack.conditionId.toLowerCase());
    assert.equal(typeof market["question"], "string");
    assert.equal(market["minimum_tick_size"], "0.01");
    for (const list of [await c.getMarkets(), await c.getSamplingMarkets()]) {
      assert.equal(list.next_cursor, "LTE=");
      assert.equal(list.data.length, 2);
    }
    for (const list of [await c.getSimplifiedMarkets(), await c.getSamplingSimplifiedMarkets()]) {
      const first = list.data[0] as Json;
      assert.ok(Array.isArray(first["tokens"]) && typeof first["active"] === "boolean", JSON.stringify(first));
    }
    assert.equal(await c.getTickSize(yes), "0.01");
    assert.equal(await c.getNegRisk(yes), false);
    assert.equal(await c.getFeeRateBps(yes), 0);
    assert.deepEqual(await c.getMidpoint(q), { mid: "" });
    assert.deepEqual(await c.getPrice(q, Side.BUY), { price: "" });
    assert.deepEqual(await c.getSpread(q), { spread: "" });
    assert.deepEqual(await c.getLastTradePrice(q), { price: "", side: "" });
    assert.deepEqual(await c.getMidpoints([{ token_id: q, side: Side.BUY }]), { [q]: "" });
    assert.deepEqual(await c.getPrices([{ token_id: q, side: Side.SELL }]), { [q]: { SELL: "" } });
    assert.deepEqual(await c.getSpreads([{ token_id: q, side: Side.BUY }]), { [q]: "" });
    assert.deepEqual(await c.getLastTradesPrices([{ token_id: q, side: Side.BUY }]), [
      { token_id: q, price: "", side: "" },
    ]);
    const book = await c.getOrderBook(q);
    assert.deepEqual([book.bids, book.asks, book.neg_risk, book.tick_size], [[], [], false, "0.01"]);
    const history = (await c.getPricesHistory({ market: yes, startTs: 0, fidelity: 1 })) as unknown as Json;
    assert.ok(Array.isArray(history["history"]));
    assert.equal(((await c.getOrderBooks([{ token_id: yes, side: Side.BUY }])) as OrderBookSummary[]).length, 1);
  });
}

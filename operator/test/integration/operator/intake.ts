/**
 * Intake: the market is discovered from chain events, a valid order rests and shows in the
 * book, bad orders are refused with stable codes, and a batch is answered per order.
 */
import assert from "node:assert/strict";
import { it } from "node:test";

import { SHARE_UNIT } from "@forkcast/shared";

import { api } from "../../helpers/operator.js";
import { BUY, SELL, type OperatorRun, type Json } from "../../helpers/operator-run.js";
import { orderBody, type OrderSpec } from "../../helpers/orders.js";

export function intakeGroup(run: OperatorRun): void {
  it("discovers the registered market from chain events", async () => {
    const { status, body } = await api<{ data: Json[] }>(run.op.url, "GET", "/markets");
    assert.equal(status, 200);
    const market = body.data.find((m) => m["condition_id"] === run.stack.conditionId.toLowerCase());
    assert.ok(market, "the market registered on the exchange must be listed");
    assert.deepEqual(
      (market["tokens"] as Json[]).map((t) => t["token_id"]),
      [run.stack.yes.toString(), run.stack.no.toString()],
      "outcome 0 must be the YES position (index set 1)",
    );
  });

  it("accepts a valid order, rests it and shows it in the book", async () => {
    const { status, body } = await run.post(run.alice, run.spec("yes", SELL, 550_000n, 10n));
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body["status"], "live");
    const book = await api<Json>(run.op.url, "GET", `/book?token_id=${run.stack.yes}`);
    assert.deepEqual(book.body["asks"], [{ price: "0.55", size: "10" }]);
    assert.match(String(book.body["hash"]), /^[0-9a-f]{40}$/);
    const noBook = await api<Json>(run.op.url, "GET", `/book?token_id=${run.stack.no}`);
    assert.deepEqual(noBook.body["bids"], [{ price: "0.45", size: "10" }], "a YES ask at 0.55 is a NO bid at 0.45");
    const open = await api<{ data: Json[] }>(run.op.url, "GET", `/data/orders?maker=${run.alice.address}`);
    assert.equal(open.body.data.length, 1);
    await run.cancelAll();
  });

  it("rejects bad orders with stable codes", async () => {
    const base: OrderSpec = run.spec("yes", BUY, 400_000n, 2n);
    const good = run.signed(run.bob, base);
    const cases: [string, Json | string, number][] = [
      ["INVALID_SIGNATURE", orderBody({ ...good, signature: run.signed(run.alice, base).signature }), 401],
      ["INVALID_NONCE", orderBody(run.signed(run.bob, { ...base, nonce: 5n })), 400],
      ["INVALID_TICK_SIZE", orderBody(run.signed(run.bob, { ...base, price: 405_000n })), 400],
      ["BELOW_MIN_SIZE", orderBody(run.signed(run.bob, { ...base, shares: 500_000n })), 400],
      ["INVALID_SIZE", orderBody(run.signed(run.bob, { ...base, shares: 1_000_001n * 10n + 5n })), 400],
      ["FEE_RATE_MISMATCH", orderBody(run.signed(run.bob, { ...base, feeRateBps: 100n })), 400],
      ["TOKEN_NOT_REGISTERED", orderBody(run.signed(run.bob, { ...base, tokenId: 12345n })), 400],
      ["INSUFFICIENT_BALANCE", orderBody(run.signed(run.bob, { ...base, shares: 100_000n * SHARE_UNIT })), 400],
      ["ORDER_EXPIRED", orderBody(run.signed(run.bob, { ...base, expiration: 1n }), "GTD"), 400],
      ["INVALID_EXPIRATION", orderBody(run.signed(run.bob, base), "GTD"), 400],
      ["INVALID_REQUEST", { order: { maker: "nope" } }, 400],
      ["INVALID_REQUEST", "{not json", 400],
    ];
    for (const [code, body, status] of cases) {
      const response = await api<Json>(run.op.url, "POST", "/order", body);
      assert.equal(response.body["error"], code, `expected ${code}, got ${JSON.stringify(response.body)}`);
      assert.equal(response.status, status, `${code} must answer ${status}`);
      assert.equal(typeof response.body["message"], "string");
    }
    const first = await api<Json>(run.op.url, "POST", "/order", orderBody(good));
    assert.equal(first.status, 200);
    const again = await api<Json>(run.op.url, "POST", "/order", orderBody(good));
    assert.equal(again.body["error"], "DUPLICATE_ORDER");
    const big = await api<Json>(run.op.url, "POST", "/order", JSON.stringify({ pad: "x".repeat(20_000) }));
    assert.equal(big.status, 413);
    assert.equal(big.body["error"], "PAYLOAD_TOO_LARGE");
    const crossing = await run.post(run.alice, run.spec("yes", SELL, 400_000n, 2n), "GTC", true);
    assert.equal(crossing.body["error"], "POST_ONLY_WOULD_CROSS");
    const fok = await run.post(run.alice, run.spec("yes", SELL, 400_000n, 3n), "FOK");
    assert.equal(fok.body["error"], "FOK_NOT_FILLABLE");
    await run.cancelAll();
  });

  it("takes a batch and answers per order, in order", async () => {
    const good = run.signed(run.carol, run.spec("no", BUY, 100_000n, 1n));
    const bad = run.signed(run.carol, run.spec("no", BUY, 105_000n, 1n));
    const { status, body } = await api<Json[]>(run.op.url, "POST", "/orders", [orderBody(good), orderBody(bad)]);
    assert.equal(status, 200);
    assert.equal(body[0]?.["success"], true);
    assert.equal(body[0]?.["status"], "live");
    assert.deepEqual([body[1]?.["success"], body[1]?.["errorCode"]], [false, "INVALID_TICK_SIZE"]);
    const tooMany = await api<Json>(
      run.op.url,
      "POST",
      "/orders",
      Array.from({ length: 51 }, () => orderBody(good)),
    );
    assert.equal(tooMany.body["error"], "BATCH_TOO_LARGE");
    await run.cancelAll();
  });
}

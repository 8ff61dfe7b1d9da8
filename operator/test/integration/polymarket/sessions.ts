/**
 * Sessions: the heartbeat dead-man switch with its user-channel notice, and the refusals a bot
 * meets (bad HMAC, stale timestamp, revoked key, another address's order) as 401/403.
 */
import assert from "node:assert/strict";
import { it } from "node:test";

import { SHARE_UNIT } from "@forkcast/shared";
import { ApiError, createL2Headers, type OpenOrder } from "@polymarket/clob-client";

import { waitFor, wsClient } from "../../helpers/operator.js";
import { HEARTBEAT_TIMEOUT_MS, type Json, type PolymarketRun } from "../../helpers/polymarket-run.js";

export function sessionGroup(run: PolymarketRun): void {
  it("cancels every open order of a key whose heartbeats stop, and says so on the user channel", async () => {
    const c = run.authed(run.alice);
    const key = run.creds.get(run.alice.address);
    assert.ok(key);
    const ws = await wsClient(`${run.op.url.replace("http", "ws")}/ws/user`, {
      auth: { apiKey: key.key, secret: key.secret, passphrase: key.passphrase },
      markets: [],
      type: "user",
    });
    try {
      await waitFor("user channel subscribed", () =>
        ws.messages.some((m) => m["event_type"] === "subscribed") ? true : undefined,
      );
      const id = await run.post(run.alice, "BUY", 300_000n, 5n * SHARE_UNIT);
      const first = await c.postHeartbeat();
      assert.match(first.heartbeat_id, /^[0-9a-f-]{36}$/);
      const second = await c.postHeartbeat(first.heartbeat_id);
      assert.notEqual(second.heartbeat_id, first.heartbeat_id);
      // Still open well inside the timeout.
      assert.equal(((await c.getOrder(id)) as unknown as OpenOrder).status, "LIVE");
      const cancellation = await waitFor(
        "dead-man switch cancellation on the user channel",
        () => ws.messages.find((m) => m["event_type"] === "order" && m["id"] === id && m["type"] === "CANCELLATION"),
        HEARTBEAT_TIMEOUT_MS + 5_000,
      );
      assert.equal(cancellation["reason"], "HEARTBEAT_EXPIRED");
      assert.equal(cancellation["owner"], key.key);
      assert.equal(cancellation["outcome"], "Yes");
      const placement = ws.messages.find(
        (m) => m["event_type"] === "order" && m["id"] === id && m["type"] === "PLACEMENT",
      );
      assert.ok(placement, "the placement came over the channel too");
      const order = (await c.getOrder(id)) as unknown as Json;
      assert.deepEqual([order["status"], order["reason"]], ["CANCELED", "HEARTBEAT_EXPIRED"]);
    } finally {
      ws.close();
    }
  });

  it("refuses a bad HMAC, a stale timestamp, a revoked key and another address's order with 401/403", async () => {
    const key = run.creds.get(run.alice.address);
    assert.ok(key);
    const refusal = async (what: string, call: () => Promise<unknown>, status: number): Promise<void> => {
      await assert.rejects(call, (error: unknown) => {
        assert.ok(error instanceof ApiError, `${what}: expected the client's ApiError, got ${String(error)}`);
        assert.equal(error.status, status, `${what}: status`);
        assert.equal(typeof (error.data as Json)["error"], "string", `${what}: { error } body`);
        return true;
      });
    };
    const wrongSecret = { ...key, secret: Buffer.alloc(32, 7).toString("base64") };
    await refusal("bad HMAC", () => run.client(run.alice, wrongSecret, true).getOpenOrders(), 401);
    await refusal(
      "wrong passphrase",
      () => run.client(run.alice, { ...key, passphrase: "x".repeat(64) }, true).getTrades(),
      401,
    );

    const stale = await createL2Headers(
      run.walletOf(run.alice),
      key,
      { method: "GET", requestPath: "/data/orders" },
      Math.floor(Date.now() / 1000) - 3_600,
    );
    const response = await fetch(`${run.op.url}/data/orders`, { headers: stale as unknown as Record<string, string> });
    assert.equal(response.status, 401, "stale timestamp");
    assert.match(String(((await response.json()) as Json)["message"]), /POLY_TIMESTAMP/);

    const bobOrder = await run.sign(run.bob, "BUY", 400_000n, 2n * SHARE_UNIT);
    await refusal("another address's order", () => run.client(run.alice, key, true).postOrder(bobOrder), 403);
    const bobOpen = await run.post(run.bob, "BUY", 400_000n, 2n * SHARE_UNIT);
    await refusal("another address's order read", () => run.client(run.alice, key, true).getOrder(bobOpen), 403);
    const notMine = (await run.authed(run.alice).cancelOrder({ orderID: bobOpen })) as Json;
    assert.deepEqual(notMine["canceled"], [], "alice cannot cancel bob's order");
    await run.authed(run.bob).cancelAll();

    const carolKey = await run.client(run.carol).createOrDeriveApiKey();
    const carolClient = run.client(run.carol, carolKey, true);
    assert.equal((await carolClient.getOpenOrders()).length, 0);
    assert.equal(await carolClient.deleteApiKey(), "OK");
    await refusal("revoked key", () => carolClient.getOpenOrders(), 401);
    const fresh = await run.client(run.carol).createOrDeriveApiKey();
    assert.notEqual(fresh.key, carolKey.key, "a key created after a revoke is a new key");
    assert.equal((await run.client(run.carol, fresh, true).getOpenOrders()).length, 0);
  });
}

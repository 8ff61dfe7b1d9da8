/**
 * The WebSocket groups of the hostile-input suite (registered by hostile.test.ts on its shared
 * run): invalid frames on raw sockets, bad channel messages and subscription floods, and many
 * connections at once.
 */
import assert from "node:assert/strict";
import { it } from "node:test";

import { SHARE_UNIT, Side } from "@forkcast/shared";
import WebSocket from "ws";

import type { Trader } from "../../helpers/chain.js";
import { CONCURRENCY, ERROR_CODE, errorCode, pool, type HostileRun, type Json } from "../../helpers/hostile/harness.js";
import { rawWebSocket } from "../../helpers/hostile/wire.js";
import { badMessages, invalidFrames } from "../../helpers/hostile/ws-cases.js";
import { waitFor } from "../../helpers/operator.js";

const SUBSCRIPTION_FLOOD = 10_000;
const MANY_CONNECTIONS = 500;
/** Identical subscriptions sent at once on one socket, within any sane per-socket message burst. */
const DUPLICATE_SUBSCRIBES = 150;

export function webSocketGroups(run: HostileRun): void {
  it("closes only the offending socket on invalid WebSocket frames (reserved opcodes, masks, oversize, fragments)", async (t2) => {
    const t = run.tally("ws-invalid-frames");
    const codes = new Map<string, number>();
    await pool(invalidFrames(run.rng, 1_000, run.stack.yes), CONCURRENCY, async (c) => {
      const o = await rawWebSocket(
        run.base.hostname,
        Number(run.base.port),
        c.path,
        c.frames,
        c.expect === "either" ? 500 : 3_000,
        c.expect !== "close",
      );
      t.sent++;
      const key = o.closeCode === undefined ? (o.closedByServer ? "tcp close" : "open") : String(o.closeCode);
      codes.set(key, (codes.get(key) ?? 0) + 1);
      if (!o.upgraded) {
        if (o.refusedStatus >= 500) t.failed5xx++;
        t.unanswered++;
        return run.violate(t, `handshake not answered with 101 (status ${o.refusedStatus}) before: ${c.note}`);
      }
      if (o.closedByServer) t.closed++;
      for (const text of o.texts) {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          if (text !== "PONG") run.violate(t, `non-JSON text ${text.slice(0, 80)} after: ${c.note}`);
          continue;
        }
        const event = json && typeof json === "object" ? (json as Json) : {};
        if (event["event_type"] === "error" && !(typeof event["error"] === "string" && ERROR_CODE.test(event["error"])))
          run.violate(t, `error event without a stable code after ${c.note}: ${text.slice(0, 120)}`);
      }
      if (c.expect === "close" && !o.closedByServer) run.violate(t, `socket left open after: ${c.note}`);
      if (c.expect === "reply" && o.texts.length === 0 && !o.closedByServer) run.violate(t, `no answer to: ${c.note}`);
    });
    await run.settle("ws-frames", ["ws-invalid-frames"]);
    t2.diagnostic(`server answers to invalid frames (close code: count): ${JSON.stringify(Object.fromEntries(codes))}`);
  });

  it("answers bad channel messages with error events, deduplicates a subscription flood and caps subscriptions", async () => {
    const { wsUrl } = run;
    type Conn = { ws: WebSocket; texts: string[]; close: { code: number; reason: string } };
    const open = async (path: string): Promise<Conn> => {
      const ws = new WebSocket(`${wsUrl}${path}`);
      const texts: string[] = [];
      const close = { code: 0, reason: "" };
      ws.on("message", (data) => texts.push(data.toString()));
      ws.on("close", (code, reason) => Object.assign(close, { code, reason: reason.toString() }));
      ws.on("error", () => undefined);
      await new Promise<void>((resolve, reject) => {
        ws.once("open", () => resolve());
        ws.once("error", reject);
      });
      return { ws, texts, close };
    };
    /** Waits until the server has handled everything sent so far (PING → PONG), or has closed the socket. */
    const drained = async (conn: { ws: WebSocket; texts: string[] }): Promise<"drained" | "closed"> => {
      if (conn.ws.readyState !== WebSocket.OPEN) return "closed";
      const pongs = conn.texts.filter((x) => x === "PONG").length;
      conn.ws.send("PING");
      return waitFor(
        "PONG after the flood",
        () =>
          conn.ws.readyState !== WebSocket.OPEN
            ? "closed"
            : conn.texts.filter((x) => x === "PONG").length > pongs
              ? "drained"
              : undefined,
        20_000,
      );
    };
    const sawError = (conn: { texts: string[] }): boolean => conn.texts.some((x) => errorCode(x) !== undefined);

    // Bad messages on both channels: every answer is an error event with a stable code.
    const bad = run.tally("ws-bad-messages");
    for (const path of ["/ws/market", "/ws/user"]) {
      const conn = await open(path);
      const messages = badMessages(run.rng, 500);
      for (const m of messages) conn.ws.send(m);
      bad.sent += messages.length;
      // Closing a socket that keeps sending garbage is a fair answer too; staying silent is not.
      const state = await drained(conn).catch((e: unknown) => run.violate(bad, `${path}: ${String(e)}`));
      if (state === "closed") bad.closed++;
      for (const text of conn.texts) {
        if (text === "PONG") continue;
        const code = errorCode(text);
        if (!code) run.violate(bad, `${path}: answer without a stable error code: ${text.slice(0, 120)}`);
        else bad.rejected4xx++;
      }
      if (!sawError(conn)) run.violate(bad, `${path}: no error event for ${messages.length} bad messages`);
      conn.ws.close();
    }

    // The same subscription 10,000 times on one socket: the server may drop the socket (saying
    // why: an error event, or close code 1008 with a reason); if it keeps it, one event per order.
    const flood = run.tally("ws-subscription-flood");
    const [, , carol] = run.stack.traders as [Trader, Trader, Trader];
    const subscribe = JSON.stringify({ type: "user", address: carol.address });
    const user = await open("/ws/user");
    for (let i = 0; i < SUBSCRIPTION_FLOOD; i++) user.ws.send(subscribe);
    flood.sent += SUBSCRIPTION_FLOOD;
    const floodState = await drained(user);
    if (floodState === "closed") {
      flood.closed++;
      if (!sawError(user) && !(user.close.code === 1008 && user.close.reason.length > 0))
        run.violate(
          flood,
          `the flooding user socket was closed without saying why (close ${JSON.stringify(user.close)})`,
        );
    }
    // Duplicates within the message burst on a fresh socket must still be deduplicated.
    const dup = floodState === "drained" ? user : await open("/ws/user");
    if (dup !== user) {
      for (let i = 0; i < DUPLICATE_SUBSCRIBES; i++) dup.ws.send(subscribe);
      flood.sent += DUPLICATE_SUBSCRIBES;
      if ((await drained(dup)) === "closed")
        run.violate(flood, `a socket sending ${DUPLICATE_SUBSCRIBES} subscriptions at once was closed`);
    }
    const repeats = dup === user ? SUBSCRIPTION_FLOOD : DUPLICATE_SUBSCRIBES;
    const orderId = await run.placeControl(
      run.signer.signed(carol.key, carol.address, {
        tokenId: run.stack.yes,
        side: Side.BUY,
        price: 40_000n,
        shares: SHARE_UNIT,
      }),
    );
    const deliveries = (): number =>
      dup.texts.filter((x) => x.includes(orderId) && x.includes('"event_type":"order"')).length;
    await waitFor(
      "the order event",
      () => (deliveries() > 0 || dup.ws.readyState !== WebSocket.OPEN ? true : undefined),
      10_000,
    );
    await new Promise((r) => setTimeout(r, 500));
    if (deliveries() !== 1)
      run.violate(
        flood,
        `one order event was delivered ${deliveries()} times to a socket that subscribed ${repeats} times`,
      );
    user.ws.close();
    dup.ws.close();

    // 10,000 distinct asset ids on one market socket: past the cap, an error event says so.
    const market = await open("/ws/market");
    for (let i = 0; i < SUBSCRIPTION_FLOOD / 500; i++)
      market.ws.send(
        JSON.stringify({
          type: "market",
          assets_ids: Array.from({ length: 500 }, () => BigInt(run.rng.hex(16)).toString()),
        }),
      );
    flood.sent += SUBSCRIPTION_FLOOD / 500;
    if ((await drained(market)) === "closed") flood.closed++;
    if (!sawError(market))
      run.violate(flood, `no error event after subscribing ${SUBSCRIPTION_FLOOD} distinct asset ids on one socket`);
    market.ws.close();

    await run.settle("ws-messages", ["ws-bad-messages", "ws-subscription-flood"]);
  });

  it("survives many connections at once and serves a new one afterwards", async () => {
    const t = run.tally("many-connections");
    const { wsUrl } = run;
    const sockets: WebSocket[] = [];
    let opened = 0;
    let refused = 0;
    const errors = new Map<string, number>();
    await pool(Array.from({ length: MANY_CONNECTIONS }), 50, async () => {
      t.sent++;
      const ws = new WebSocket(`${wsUrl}/ws/market`);
      sockets.push(ws);
      await new Promise<void>((resolve) => {
        ws.once("open", () => {
          opened++;
          resolve();
        });
        ws.once("unexpected-response", (_req, res) => {
          refused++;
          if ((res.statusCode ?? 0) >= 500) {
            t.failed5xx++;
            run.violate(t, `upgrade refused with ${res.statusCode}`);
          } else t.rejected4xx++;
          resolve();
        });
        ws.once("error", (error) => {
          errors.set(error.message, (errors.get(error.message) ?? 0) + 1);
          resolve();
        });
        ws.once("close", () => resolve());
      });
    });
    // Every open socket still answers.
    const live = sockets.filter((ws) => ws.readyState === WebSocket.OPEN);
    const answered = await Promise.all(
      live.map(
        (ws) =>
          new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(ws.readyState !== WebSocket.OPEN), 10_000);
            ws.once("message", () => {
              clearTimeout(timer);
              resolve(true);
            });
            ws.send("PING");
          }),
      ),
    );
    const silent = answered.filter((a) => !a).length;
    if (silent > 0) run.violate(t, `${silent} of ${live.length} open sockets did not answer PING`);
    if (opened + refused < MANY_CONNECTIONS)
      run.violate(
        t,
        `${MANY_CONNECTIONS - opened - refused} connection attempts were neither accepted nor refused: ${JSON.stringify([...errors])}`,
      );
    t.ok2xx += opened;
    t.closed += refused;
    for (const ws of sockets) ws.terminate();
    await new Promise((r) => setTimeout(r, 300));
    const fresh = new WebSocket(`${wsUrl}/ws/market`);
    fresh.on("error", () => undefined);
    await new Promise<void>((resolve, reject) => {
      fresh.once("open", () => resolve());
      fresh.once("error", reject);
    });
    const pong = new Promise<string>((resolve) => fresh.once("message", (d) => resolve(d.toString())));
    fresh.send("PING");
    assert.equal(await pong, "PONG", "a new connection after the flood must be served");
    fresh.close();
    await run.settle("connections", ["many-connections"]);
  });
}

/**
 * Hostile input: a real operator process (PGlite) on a local Hardhat node receives a fixed,
 * seeded set of more than 20,000 hostile HTTP requests, raw TCP requests, WebSocket frames and
 * channel messages. Afterwards the process must still be the same process, have answered no
 * request with a 5xx, have answered every error with JSON carrying a stable `error` code, hold
 * no rejected order, accept and match a valid order, and stay within a memory bound.
 * Reproduce a failure with `HOSTILE_SEED=<seed printed in the output>`.
 */
import assert from "node:assert/strict";
import { Agent } from "node:http";
import { after, before, describe, it, type TestContext } from "node:test";

import { CANCEL_TYPES, cancelDomain, exchangeDomain, SHARE_UNIT, COLLATERAL_UNIT, Side } from "@forkcast/shared";
import { toHex, type Address, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import WebSocket from "ws";

import { deployStack, startChain, type LocalChain, type Stack, type Trader } from "../helpers/chain.js";
import {
  absurdCursors,
  controlCharacters,
  crossDomainSignatures,
  deepNesting,
  expiredUnfundedUnapproved,
  forgedSignatures,
  HostileOrders,
  malformedJson,
  missingExtraFields,
  oddNumbers,
  oversizedBodies,
  rawRequests,
  wrongMethodsAndTypes,
  wrongTypes,
  type Fixture,
  type HttpCase,
} from "../helpers/hostile/http-cases.js";
import { httpAgent, rawWebSocket, sendHttp, sendRaw, type HttpOutcome } from "../helpers/hostile/wire.js";
import { badMessages, invalidFrames } from "../helpers/hostile/ws-cases.js";
import { freshDataDir, operatorEnv, waitFor } from "../helpers/operator.js";
import { OrderSigner, orderBody } from "../helpers/orders.js";
import { freePort } from "../../../scripts/lib/processes.ts";
import { rssBytes, spawnOperator, stopGracefully, type OperatorProcess } from "../helpers/process.js";
import { Prng } from "../helpers/prng.js";

type Json = Record<string, unknown>;

const SEED = Number(process.env["HOSTILE_SEED"] ?? 20_261_203);
const CONCURRENCY = 16;
/** Growth of the operator's resident memory over the run, after it settles. */
const RSS_GROWTH_BOUND_BYTES = 256 * 1024 * 1024;
const ERROR_CODE = /^[A-Z][A-Z0-9_]{2,63}$/;
const SUBSCRIPTION_FLOOD = 10_000;
const MANY_CONNECTIONS = 500;
/** Identical subscriptions sent at once on one socket, within any sane per-socket message burst. */
const DUPLICATE_SUBSCRIBES = 150;

interface Tally {
  sent: number;
  ok2xx: number;
  rejected4xx: number;
  failed5xx: number;
  closed: number;
  unanswered: number;
  violations: string[];
}

async function pool<T>(items: readonly T[], concurrency: number, run: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await run(items[index] as T, index);
      }
    }),
  );
}

/** The `error` code of a JSON error body, or undefined when the body is not one. */
function errorCode(body: string): string | undefined {
  try {
    const json = JSON.parse(body) as unknown;
    if (json && typeof json === "object" && !Array.isArray(json)) {
      const code = (json as Json)["error"];
      if (typeof code === "string" && ERROR_CODE.test(code)) return code;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

function describeCase(c: { method: string; path: string; body?: string | Buffer; note?: string }): string {
  const body = c.body === undefined ? "" : ` body(${c.body.length}B)=${String(c.body).slice(0, 160)}`;
  return `${c.note ? `(${c.note}) ` : ""}${c.method} ${c.path.slice(0, 160)}${body}`;
}

describe(`hostile input against a real operator process (PGlite, seed ${SEED})`, { concurrency: false }, () => {
  let chain: LocalChain;
  let stack: Stack;
  let env: Record<string, string>;
  let op: OperatorProcess;
  let base: URL;
  let fixture: Fixture;
  let orders: HostileOrders;
  const rng = new Prng(SEED);
  const agent = httpAgent(CONCURRENCY);
  const oneShot = new Agent({ keepAlive: false });
  const tallies = new Map<string, Tally>();
  const deaths: string[] = [];
  /** Orders the suite itself placed validly and expects on the book (hash → still open). */
  const controls = new Map<string, boolean>();
  /** Hashes of orders that were refused: none may ever be stored. */
  const refusedHashes = new Set<Hex>();
  let rssBefore = 0;

  const tally = (category: string): Tally => {
    let t = tallies.get(category);
    if (!t)
      tallies.set(
        category,
        (t = { sent: 0, ok2xx: 0, rejected4xx: 0, failed5xx: 0, closed: 0, unanswered: 0, violations: [] }),
      );
    return t;
  };
  const violate = (t: Tally, text: string): void => {
    if (t.violations.length < 200) t.violations.push(text);
    else t.violations.length++;
  };

  /** Counts and judges one HTTP answer; returns it for callers that need more. */
  const judgeHttp = (t: Tally, c: HttpCase, o: HttpOutcome): void => {
    t.sent++;
    if (o.status === 0) {
      t.unanswered++;
      return violate(t, `no response (${o.failure ?? "?"}) to ${describeCase(c)}`);
    }
    if (o.status >= 500) {
      t.failed5xx++;
      return violate(t, `${o.status} ${o.body.slice(0, 200)} for ${describeCase(c)}`);
    }
    if (o.status >= 400) {
      t.rejected4xx++;
      if (c.orderHash) refusedHashes.add(c.orderHash);
      if (!errorCode(o.body) || !o.contentType.startsWith("application/json"))
        violate(
          t,
          `${o.status} without a JSON error code (${o.contentType}: ${o.body.slice(0, 200)}) for ${describeCase(c)}`,
        );
      return;
    }
    t.ok2xx++;
    if (c.expect === "reject") violate(t, `accepted with ${o.status}: ${o.body.slice(0, 200)} for ${describeCase(c)}`);
  };

  const runHttp = async (cases: readonly HttpCase[]): Promise<void> =>
    pool(cases, CONCURRENCY, async (c) => {
      const o = await sendHttp(c.ownConnection ? oneShot : agent, base, c.method, c.path, c.headers, c.body);
      judgeHttp(tally(c.category), c, o);
      // A refused request under the rate limit still has to be well-formed; wait as told, no retry.
      if (o.status === 429 && o.retryAfter === undefined)
        violate(tally(c.category), `429 without Retry-After for ${describeCase(c)}`);
    });

  /** After each group: the process must be the one we started; if it died, note it and start another. */
  const checkAlive = async (group: string): Promise<void> => {
    await new Promise((r) => setTimeout(r, 100));
    if (op.alive()) return;
    deaths.push(
      `${group}: operator exited (code ${op.process.exitCode}, signal ${op.process.signalCode}): ${op.stderr.slice(-1500)}`,
    );
    op = await spawnOperator(env);
    base = new URL(op.url);
  };

  const assertGroup = (group: string, categories: readonly string[]): void => {
    const problems = categories.flatMap((c) => (tallies.get(c)?.violations ?? []).map((v) => `[${c}] ${v}`));
    // The first few of each category, so one noisy category does not hide another.
    const shown = categories.flatMap((c) => (tallies.get(c)?.violations ?? []).slice(0, 4).map((v) => `[${c}] ${v}`));
    const died = deaths.filter((d) => d.startsWith(`${group}:`));
    assert.deepEqual(died, [], `the operator must survive ${group}`);
    assert.equal(
      problems.length,
      0,
      `${problems.length} hostile requests answered wrongly (seed ${SEED}); first ones per category:\n${shown.join("\n")}`,
    );
  };

  /**
   * The suite's own control and check requests: a rate limit that answers 429 is honoured
   * (wait Retry-After, capped at 2 s, then send again), so only the hostile traffic is judged.
   */
  const calm = async (
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: string,
  ): Promise<HttpOutcome> => {
    for (let attempt = 0; ; attempt++) {
      const o = await sendHttp(agent, base, method, path, headers, body);
      if (o.status !== 429 || attempt >= 30) return o;
      await new Promise((r) => setTimeout(r, Math.min(Number(o.retryAfter ?? "1") || 1, 2) * 1000));
    }
  };
  const post = async (route: string, body: unknown, method = "POST"): Promise<{ status: number; body: Json }> => {
    const o = await calm(method, route, { "content-type": "application/json" }, JSON.stringify(body));
    return { status: o.status, body: (o.body ? JSON.parse(o.body) : {}) as Json };
  };

  const signCancelAt = async (
    trader: Trader,
    scope: 0 | 1 | 2,
    orderHashes: Hex[],
    market: Hex,
    timestamp: bigint,
    domain = cancelDomain(31337, stack.exchange),
  ): Promise<Json> => {
    const signature = await trader.account.signTypedData({
      domain,
      types: CANCEL_TYPES,
      primaryType: "Cancel",
      message: { maker: trader.address, scope, orderHashes, market, timestamp },
    });
    return { maker: trader.address, scope, orderHashes, market, timestamp: timestamp.toString(), signature };
  };

  before(async () => {
    chain = await startChain();
    stack = await deployStack(chain, { traders: 3 });
    // An account that holds collateral but never approved the exchange.
    const unapprovedKey = toHex(rng.bytes(32));
    const unapproved = privateKeyToAccount(unapprovedKey).address;
    await stack.write(stack.admin, stack.collateral, stack.abis.collateral, "mint", [
      unapproved,
      1_000n * COLLATERAL_UNIT,
    ]);
    const unfunded = Array.from({ length: 16 }, () => {
      const key = generatePrivateKey();
      return [key, privateKeyToAccount(key).address] as const;
    });
    fixture = {
      chainId: 31337,
      exchange: stack.exchange,
      yes: stack.yes,
      no: stack.no,
      conditionId: stack.conditionId,
      funded: stack.traders.map((t) => [t.key, t.address] as const),
      unfunded,
      unapproved: [unapprovedKey, unapproved],
    };
    orders = new HostileOrders(fixture, rng);
    env = operatorEnv(
      stack,
      { dataDir: freshDataDir() },
      { OPERATOR_PORT: String(await freePort()), OPERATOR_LOG_LEVEL: "warn" },
    );
    op = await spawnOperator(env);
    base = new URL(op.url);
    // Warm up (caches, JIT) before taking the memory baseline.
    for (let i = 0; i < 50; i++) await sendHttp(agent, base, "GET", `/book?token_id=${stack.yes}`);
    rssBefore = rssBytes(op.process.pid ?? 0);
  });

  after(async () => {
    agent.destroy();
    oneShot.destroy();
    await stopGracefully(op);
    await chain?.stop();
  });

  it("answers malformed JSON, wrong types, missing and extra fields, odd numbers with 4xx JSON errors", async () => {
    await runHttp([
      ...malformedJson(orders, 1_200),
      ...wrongTypes(orders, 1_200),
      ...missingExtraFields(orders, 1_000),
      ...oddNumbers(orders, 1_300),
    ]);
    await checkAlive("parsing");
    assertGroup("parsing", ["malformed-json", "wrong-types", "missing-extra-fields", "odd-numbers"]);
  });

  it("answers oversized bodies, deep nesting, control characters, wrong methods and content types with 4xx JSON errors", async () => {
    await runHttp([
      ...oversizedBodies(orders, 300),
      ...deepNesting(orders, 400),
      ...controlCharacters(orders, 800),
      ...wrongMethodsAndTypes(orders, 800),
    ]);
    // A refused body must leave a keep-alive connection usable (or close it with `Connection: close`):
    // an oversized request and then an ordinary one on the same single keep-alive socket.
    const single = httpAgent(1);
    const t = tally("oversized-bodies");
    for (const c of oversizedBodies(orders, 60)) {
      judgeHttp(t, c, await sendHttp(single, base, c.method, c.path, c.headers, c.body));
      const next = await sendHttp(single, base, "GET", "/time");
      t.sent++;
      if (next.status === 200) t.ok2xx++;
      else {
        t.unanswered++;
        violate(
          t,
          `the request after a refused ${describeCase(c)} on the same keep-alive connection got ${next.status || next.failure}`,
        );
      }
    }
    single.destroy();
    await checkAlive("shape");
    assertGroup("shape", ["oversized-bodies", "deep-nesting", "control-characters", "wrong-methods-content-types"]);
  });

  it("refuses forged, cross-domain, expired, unfunded and unapproved orders", async () => {
    const nowS = BigInt(Math.floor(Date.now() / 1000));
    await runHttp([
      ...forgedSignatures(orders, 1_000),
      ...crossDomainSignatures(orders, 600),
      ...expiredUnfundedUnapproved(orders, 800, nowS),
    ]);
    await checkAlive("orders");
    assertGroup("orders", ["forged-signatures", "cross-domain-signatures", "expired-unfunded-unapproved"]);
  });

  it("answers absurd cursors and limits without a 5xx", async () => {
    await runHttp(absurdCursors(orders, 1_200));
    await checkAlive("cursors");
    assertGroup("cursors", ["absurd-cursors-limits"]);
  });

  it("answers lying Content-Length and broken HTTP on raw sockets with 4xx or a close", async () => {
    const t = tally("lying-content-length");
    await pool(rawRequests(orders, 400, base.host), CONCURRENCY, async (c) => {
      const o = await sendRaw(base.hostname, Number(base.port), c.bytes, c.mayStayUnanswered ? 400 : 5_000);
      t.sent++;
      if (o.status >= 500) {
        t.failed5xx++;
        return violate(t, `${o.status} for ${c.note}: ${o.body.slice(0, 200)}`);
      }
      if (o.status >= 400) {
        t.rejected4xx++;
        // Node's HTTP parser answers protocol errors with an empty 400/431; anything with a body is ours.
        if (o.body.length > 0 && !errorCode(o.body))
          violate(t, `${o.status} without a JSON error code for ${c.note}: ${o.body.slice(0, 200)}`);
        return;
      }
      if (o.status > 0) {
        t.ok2xx++;
        return violate(t, `accepted with ${o.status} for ${c.note}`);
      }
      if (o.closedByServer) t.closed++;
      else if (c.mayStayUnanswered) t.unanswered++;
      else {
        t.unanswered++;
        violate(t, `neither answered nor closed: ${c.note} (${o.failure ?? "timeout"})`);
      }
    });
    await checkAlive("raw-http");
    assertGroup("raw-http", ["lying-content-length"]);
  });

  it("refuses replayed orders and cancels, and a replayed cancel never reaches later orders", async () => {
    const t = tally("replays");
    const signer = new OrderSigner(31337, stack.exchange);
    const [alice, bob] = stack.traders as [Trader, Trader, Trader];
    const place = async (trader: Trader, price: bigint): Promise<string> => {
      const response = await post(
        "/order",
        orderBody(
          signer.signed(trader.key, trader.address, { tokenId: stack.yes, side: Side.BUY, price, shares: SHARE_UNIT }),
        ),
      );
      assert.equal(response.status, 200, `control order refused: ${JSON.stringify(response.body)}`);
      const id = String(response.body["orderID"]);
      controls.set(id, true);
      return id;
    };
    const replay = async (route: string, body: unknown, times: number, method = "POST"): Promise<void> => {
      const text = JSON.stringify(body);
      await pool(Array.from({ length: times }), 8, async () => {
        const o = await sendHttp(agent, base, method, route, { "content-type": "application/json" }, text);
        judgeHttp(t, { category: "replays", method, path: route, body: text, expect: "reject" }, o);
      });
    };

    // The same signed order again and again: one order on the book, the rest refused.
    const signedA = signer.signed(alice.key, alice.address, {
      tokenId: stack.yes,
      side: Side.BUY,
      price: 20_000n,
      shares: SHARE_UNIT,
    });
    const first = await post("/order", orderBody(signedA));
    assert.equal(first.status, 200, `control order refused: ${JSON.stringify(first.body)}`);
    const hashA = String(first.body["orderID"]) as Hex;
    controls.set(hashA, true);
    await replay("/order", orderBody(signedA), 120);

    // Cancel it, then replay the cancel and the order.
    const nowS = BigInt(Math.floor(Date.now() / 1000));
    const cancelA = await signCancelAt(alice, 0, [hashA], `0x${"0".repeat(64)}`, nowS);
    const cancelled = await post("/order", cancelA, "DELETE");
    assert.equal(cancelled.status, 200, `control cancel refused: ${JSON.stringify(cancelled.body)}`);
    controls.set(hashA, false);
    await replay("/order", cancelA, 100, "DELETE");
    await replay("/order", orderBody(signedA), 60);

    // A cancel-market signed for the future, used once, must not remove an order placed after that use.
    const future = await signCancelAt(bob, 2, [], stack.conditionId, nowS + 200n);
    const used = await post("/cancel-market-orders", future, "DELETE");
    assert.equal(used.status, 200, `control cancel-market refused: ${JSON.stringify(used.body)}`);
    const later = await place(bob, 30_000n);
    await replay("/cancel-market-orders", future, 100, "DELETE");
    const laterView = await calm("GET", `/data/order/${later}`);
    const laterStatus = laterView.status === 200 ? String((JSON.parse(laterView.body) as Json)["status"]) : "missing";
    if (laterStatus !== "LIVE")
      violate(t, `a replayed cancel-market removed order ${later} placed after its first use (now ${laterStatus})`);

    // Stale, foreign-key and wrong-domain cancels for the live order.
    const stale = await signCancelAt(bob, 0, [later as Hex], `0x${"0".repeat(64)}`, nowS - 3_600n);
    await replay("/order", stale, 40, "DELETE");
    const foreign = {
      ...(await signCancelAt(alice, 0, [later as Hex], `0x${"0".repeat(64)}`, nowS)),
      maker: bob.address,
    };
    await replay("/order", foreign, 40, "DELETE");
    const wrongDomain = await signCancelAt(
      bob,
      1,
      [],
      `0x${"0".repeat(64)}`,
      nowS,
      exchangeDomain(31337, stack.exchange),
    );
    await replay("/cancel-all", wrongDomain, 40, "DELETE");
    const stillLive = await calm("GET", `/data/order/${later}`);
    if (stillLive.status !== 200 || (JSON.parse(stillLive.body) as Json)["status"] !== "LIVE")
      violate(t, `a forged or stale cancel removed order ${later}`);

    await checkAlive("replays");
    assertGroup("replays", ["replays"]);
  });

  it("closes only the offending socket on invalid WebSocket frames (reserved opcodes, masks, oversize, fragments)", async (t2) => {
    const t = tally("ws-invalid-frames");
    const codes = new Map<string, number>();
    await pool(invalidFrames(rng, 1_000, stack.yes), CONCURRENCY, async (c) => {
      const o = await rawWebSocket(
        base.hostname,
        Number(base.port),
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
        return violate(t, `handshake not answered with 101 (status ${o.refusedStatus}) before: ${c.note}`);
      }
      if (o.closedByServer) t.closed++;
      for (const text of o.texts) {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          if (text !== "PONG") violate(t, `non-JSON text ${text.slice(0, 80)} after: ${c.note}`);
          continue;
        }
        const event = json && typeof json === "object" ? (json as Json) : {};
        if (event["event_type"] === "error" && !(typeof event["error"] === "string" && ERROR_CODE.test(event["error"])))
          violate(t, `error event without a stable code after ${c.note}: ${text.slice(0, 120)}`);
      }
      if (c.expect === "close" && !o.closedByServer) violate(t, `socket left open after: ${c.note}`);
      if (c.expect === "reply" && o.texts.length === 0 && !o.closedByServer) violate(t, `no answer to: ${c.note}`);
    });
    await checkAlive("ws-frames");
    assertGroup("ws-frames", ["ws-invalid-frames"]);
    t2.diagnostic(`server answers to invalid frames (close code: count): ${JSON.stringify(Object.fromEntries(codes))}`);
  });

  it("answers bad channel messages with error events, deduplicates a subscription flood and caps subscriptions", async () => {
    const wsUrl = base.href.replace(/^http/, "ws").replace(/\/$/, "");
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
    const bad = tally("ws-bad-messages");
    for (const path of ["/ws/market", "/ws/user"]) {
      const conn = await open(path);
      const messages = badMessages(rng, 500);
      for (const m of messages) conn.ws.send(m);
      bad.sent += messages.length;
      // Closing a socket that keeps sending garbage is a fair answer too; staying silent is not.
      const state = await drained(conn).catch((e: unknown) => violate(bad, `${path}: ${String(e)}`));
      if (state === "closed") bad.closed++;
      for (const text of conn.texts) {
        if (text === "PONG") continue;
        const code = errorCode(text);
        if (!code) violate(bad, `${path}: answer without a stable error code: ${text.slice(0, 120)}`);
        else bad.rejected4xx++;
      }
      if (!sawError(conn)) violate(bad, `${path}: no error event for ${messages.length} bad messages`);
      conn.ws.close();
    }

    // The same subscription 10,000 times on one socket: the server may drop the socket (saying
    // why: an error event, or close code 1008 with a reason); if it keeps it, one event per order.
    const flood = tally("ws-subscription-flood");
    const [, , carol] = stack.traders as [Trader, Trader, Trader];
    const subscribe = JSON.stringify({ type: "user", address: carol.address });
    const user = await open("/ws/user");
    for (let i = 0; i < SUBSCRIPTION_FLOOD; i++) user.ws.send(subscribe);
    flood.sent += SUBSCRIPTION_FLOOD;
    const floodState = await drained(user);
    if (floodState === "closed") {
      flood.closed++;
      if (!sawError(user) && !(user.close.code === 1008 && user.close.reason.length > 0))
        violate(flood, `the flooding user socket was closed without saying why (close ${JSON.stringify(user.close)})`);
    }
    // Duplicates within the message burst on a fresh socket must still be deduplicated.
    const dup = floodState === "drained" ? user : await open("/ws/user");
    if (dup !== user) {
      for (let i = 0; i < DUPLICATE_SUBSCRIBES; i++) dup.ws.send(subscribe);
      flood.sent += DUPLICATE_SUBSCRIBES;
      if ((await drained(dup)) === "closed")
        violate(flood, `a socket sending ${DUPLICATE_SUBSCRIBES} subscriptions at once was closed`);
    }
    const repeats = dup === user ? SUBSCRIPTION_FLOOD : DUPLICATE_SUBSCRIBES;
    const signer = new OrderSigner(31337, stack.exchange);
    const placed = await post(
      "/order",
      orderBody(
        signer.signed(carol.key, carol.address, {
          tokenId: stack.yes,
          side: Side.BUY,
          price: 40_000n,
          shares: SHARE_UNIT,
        }),
      ),
    );
    assert.equal(placed.status, 200, `control order refused: ${JSON.stringify(placed.body)}`);
    const orderId = String(placed.body["orderID"]);
    controls.set(orderId, true);
    const deliveries = (): number =>
      dup.texts.filter((x) => x.includes(orderId) && x.includes('"event_type":"order"')).length;
    await waitFor(
      "the order event",
      () => (deliveries() > 0 || dup.ws.readyState !== WebSocket.OPEN ? true : undefined),
      10_000,
    );
    await new Promise((r) => setTimeout(r, 500));
    if (deliveries() !== 1)
      violate(
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
          assets_ids: Array.from({ length: 500 }, () => BigInt(rng.hex(16)).toString()),
        }),
      );
    flood.sent += SUBSCRIPTION_FLOOD / 500;
    if ((await drained(market)) === "closed") flood.closed++;
    if (!sawError(market))
      violate(flood, `no error event after subscribing ${SUBSCRIPTION_FLOOD} distinct asset ids on one socket`);
    market.ws.close();

    await checkAlive("ws-messages");
    assertGroup("ws-messages", ["ws-bad-messages", "ws-subscription-flood"]);
  });

  it("survives many connections at once and serves a new one afterwards", async () => {
    const t = tally("many-connections");
    const wsUrl = base.href.replace(/^http/, "ws").replace(/\/$/, "");
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
            violate(t, `upgrade refused with ${res.statusCode}`);
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
    if (silent > 0) violate(t, `${silent} of ${live.length} open sockets did not answer PING`);
    if (opened + refused < MANY_CONNECTIONS)
      violate(
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
    await checkAlive("connections");
    assertGroup("connections", ["many-connections"]);
  });

  it("is still alive afterwards, holds no refused order, serves a valid order, and stays within its memory bound", async (t: TestContext) => {
    const total = [...tallies.values()].reduce((s, x) => s + x.sent, 0);
    const rows = [...tallies.entries()].map(
      ([category, x]) =>
        `${category.padEnd(28)} ${String(x.sent).padStart(6)} ${String(x.ok2xx).padStart(6)} ${String(x.rejected4xx).padStart(6)} ${String(x.failed5xx).padStart(5)} ${String(x.closed).padStart(6)} ${String(x.unanswered).padStart(6)} ${String(x.violations.length).padStart(6)}`,
    );
    t.diagnostic(`hostile input, seed ${SEED}`);
    t.diagnostic(
      `${"category".padEnd(28)} ${"sent".padStart(6)} ${"2xx".padStart(6)} ${"4xx".padStart(6)} ${"5xx".padStart(5)} ${"closed".padStart(6)} ${"no-ans".padStart(6)} ${"wrong".padStart(6)}`,
    );
    for (const row of rows) t.diagnostic(row);
    t.diagnostic(`${"total".padEnd(28)} ${String(total).padStart(6)}`);

    // Every check runs and reports; the test fails at the end with all that went wrong.
    const failures: string[] = [];
    const check = (ok: boolean, message: string): void => {
      if (!ok) failures.push(message);
    };
    check(op.alive(), "the operator process must be alive after the run");
    check(total >= 20_000, `the suite must send at least 20,000 hostile requests (sent ${total})`);
    const fivexx = [...tallies.values()].reduce((s, x) => s + x.failed5xx, 0);
    check(fivexx === 0, `no hostile request may get a 5xx (got ${fivexx})`);
    check(deaths.length === 0, `the operator exited ${deaths.length} times because of client input`);

    // No refused order is stored (sampled: the lookups are cheap but not free).
    const sample = [...refusedHashes].filter((h) => !controls.has(h)).slice(0, 400);
    const stored: string[] = [];
    await pool(sample, CONCURRENCY, async (hash) => {
      const o = await calm("GET", `/data/order/${hash}`);
      if (o.status !== 404) stored.push(`${hash}: ${o.status} ${o.body.slice(0, 120)}`);
    });
    check(stored.length === 0, `refused orders must not be stored: ${stored.slice(0, 5).join("; ")}`);
    // The open orders of every maker the run used are exactly the control orders still open.
    const open = new Set<string>();
    for (const [, maker] of [...fixture.funded, ...fixture.unfunded, fixture.unapproved] as (readonly [
      Hex,
      Address,
    ])[]) {
      const o = await calm("GET", `/data/orders?maker=${maker}&limit=500`);
      if (o.status !== 200) {
        failures.push(`open orders of ${maker}: ${o.status} ${o.body.slice(0, 200)}`);
        continue;
      }
      for (const row of (JSON.parse(o.body) as { data: Json[] }).data) open.add(String(row["id"]));
    }
    const expectedOpen = new Set([...controls].filter(([, isOpen]) => isOpen).map(([hash]) => hash));
    const extra = [...open].filter((h) => !expectedOpen.has(h));
    const missing = [...expectedOpen].filter((h) => !open.has(h));
    check(
      extra.length === 0,
      `${extra.length} orders on the book that the suite did not place validly: ${extra.slice(0, 5).join(", ")}`,
    );
    check(missing.length === 0, `valid control orders missing from the book: ${missing.join(", ")}`);

    // A valid order rests, a crossing one matches and settles on chain.
    const signer = new OrderSigner(31337, stack.exchange);
    const [alice, bob] = stack.traders as [Trader, Trader, Trader];
    const rest = await post(
      "/order",
      orderBody(
        signer.signed(alice.key, alice.address, {
          tokenId: stack.yes,
          side: Side.SELL,
          price: 600_000n,
          shares: 2n * SHARE_UNIT,
        }),
      ),
    );
    assert.equal(rest.status, 200, `a valid order after the run must be accepted: ${JSON.stringify(rest.body)}`);
    assert.equal(rest.body["status"], "live");
    const book = await calm("GET", `/book?token_id=${stack.yes}`);
    const asks = (JSON.parse(book.body) as { asks: { price: string; size: string }[] }).asks;
    assert.deepEqual(
      asks.find((a) => a.price === "0.6"),
      { price: "0.6", size: "2" },
      "the valid order must rest on the book",
    );
    const take = await post(
      "/order",
      orderBody(
        signer.signed(bob.key, bob.address, {
          tokenId: stack.yes,
          side: Side.BUY,
          price: 600_000n,
          shares: 2n * SHARE_UNIT,
        }),
      ),
    );
    assert.equal(take.status, 200, `a crossing order must be accepted: ${JSON.stringify(take.body)}`);
    assert.equal(take.body["status"], "matched");
    await waitFor(
      "the control trade CONFIRMED",
      async () => {
        const o = await calm("GET", `/trades?maker_address=${alice.address}`);
        if (o.status !== 200) return undefined;
        const trades = (JSON.parse(o.body) as { data: Json[] }).data;
        return trades.some((x) => x["taker_order_id"] === take.body["orderID"] && x["status"] === "CONFIRMED")
          ? true
          : undefined;
      },
      20_000,
    );

    await new Promise((r) => setTimeout(r, 1_000));
    const rssAfter = rssBytes(op.process.pid ?? 0);
    t.diagnostic(
      `operator RSS: ${(rssBefore / 2 ** 20).toFixed(0)} MiB before, ${(rssAfter / 2 ** 20).toFixed(0)} MiB after (bound: +${RSS_GROWTH_BOUND_BYTES / 2 ** 20} MiB)`,
    );
    check(
      deaths.length > 0 || rssAfter - rssBefore <= RSS_GROWTH_BOUND_BYTES,
      `operator RSS grew by ${((rssAfter - rssBefore) / 2 ** 20).toFixed(0)} MiB over the run (bound ${RSS_GROWTH_BOUND_BYTES / 2 ** 20} MiB)`,
    );
    assert.deepEqual(failures, [], `seed ${SEED}`);
  });
});

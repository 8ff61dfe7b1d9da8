/**
 * The WebSocket channels against hostile clients, on a real http + ws server with an in-memory
 * feed: raw bad frames over a net socket, oversized messages, subscription floods, connection
 * caps, slow consumers and dead peers. After each attack a normal client still works.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import { after, before, describe, it } from "node:test";

import WebSocket from "ws";

import { Bus, type Message } from "../../src/bus.js";
import { attachWebSockets, type AttachedWebSockets, type WsFeed } from "../../src/api/ws.js";
import type { WsLimits } from "../../src/api/wsguard.js";
import { frame } from "../helpers/hostile/wire.js";

const ASSET = "123";

function feed(bus: Bus): WsFeed {
  return {
    bus,
    markets: {
      byTokenId: (id: string) =>
        id === ASSET
          ? {
              market: {
                id: `0x${"1".repeat(64)}`,
                question: "",
                tokens: [BigInt(ASSET), 456n] as const,
                tickSize: 10_000,
                minSize: 1n,
                feeRateBps: 0,
                open: true,
                createdMs: 0,
              },
            }
          : undefined,
    },
    bookMessage: (tokenId: bigint) => ({ event_type: "book", asset_id: tokenId.toString(), bids: [], asks: [] }),
  };
}

interface TestServer {
  readonly url: string;
  readonly port: number;
  readonly bus: Bus;
  readonly server: Server;
  readonly sockets: AttachedWebSockets;
}

async function startServer(limits: Partial<WsLimits> = {}): Promise<TestServer> {
  const bus = new Bus();
  const server = createServer((_req, res) => res.end("ok"));
  const sockets = attachWebSockets(server, feed(bus), { limits });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `ws://127.0.0.1:${port}`, port, bus, server, sockets };
}

async function stopServer(s: TestServer): Promise<void> {
  s.sockets.close();
  s.server.closeAllConnections();
  await new Promise<void>((resolve) => s.server.close(() => resolve()));
}

/** Runs `body` against a fresh server with `limits`, and stops the server whatever happens. */
async function withServer(limits: Partial<WsLimits>, body: (s: TestServer) => Promise<void>): Promise<void> {
  const s = await startServer(limits);
  try {
    await body(s);
  } finally {
    await stopServer(s);
  }
}

interface RawClient {
  readonly socket: net.Socket;
  /** Resolves with the server's close frame (code, reason), or undefined if the socket ends without one. */
  closed: Promise<{ code: number; reason: string } | undefined>;
  /** Bytes received after the handshake. */
  readonly received: () => Buffer;
}

/** Opens a raw TCP connection and performs the WebSocket handshake by hand. */
async function rawClient(port: number, path = "/ws/market"): Promise<RawClient> {
  const socket = net.connect(port, "127.0.0.1");
  socket.on("error", () => undefined);
  let buffer = Buffer.alloc(0);
  let upgraded = false;
  const handshake = new Promise<string>((resolve, reject) => {
    socket.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!upgraded) {
        const end = buffer.indexOf("\r\n\r\n");
        if (end < 0) return;
        upgraded = true;
        const head = buffer.subarray(0, end).toString();
        buffer = buffer.subarray(end + 4);
        resolve(head);
      }
    });
    socket.once("close", () => reject(new Error(`closed during handshake: ${buffer.toString()}`)));
  });
  socket.write(
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  const head = await handshake;
  assert.match(head, /^HTTP\/1\.1 101/, `handshake answered ${head.split("\r\n")[0]}`);
  const closed = new Promise<{ code: number; reason: string } | undefined>((resolve) => {
    socket.once("close", () => {
      // Find the server's close frame (opcode 8) among unmasked server frames.
      let at = 0;
      while (at + 2 <= buffer.length) {
        const opcode = (buffer[at] as number) & 0x0f;
        let length = (buffer[at + 1] as number) & 0x7f;
        let start = at + 2;
        if (length === 126) {
          length = buffer.readUInt16BE(at + 2);
          start = at + 4;
        } else if (length === 127) {
          length = Number(buffer.readBigUInt64BE(at + 2));
          start = at + 10;
        }
        if (opcode === 8) {
          const payload = buffer.subarray(start, start + length);
          resolve({ code: payload.readUInt16BE(0), reason: payload.subarray(2).toString() });
          return;
        }
        at = start + length;
      }
      resolve(undefined);
    });
  });
  return { socket, closed, received: () => buffer };
}

async function openClient(url: string): Promise<{ ws: WebSocket; messages: Message[] }> {
  const ws = new WebSocket(url);
  const messages: Message[] = [];
  ws.on("message", (data: Buffer) => {
    const text = data.toString();
    if (text !== "PONG") messages.push(JSON.parse(text) as Message);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  return { ws, messages };
}

async function until<T>(what: string, check: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A normal client subscribes and gets its book snapshot: the server is still serving. */
async function assertServes(url: string): Promise<void> {
  const client = await openClient(`${url}/ws/market`);
  client.ws.send(JSON.stringify({ assets_ids: [ASSET] }));
  await until("book snapshot", () => client.messages.find((m) => m["event_type"] === "book"));
  client.ws.close();
}

describe("WebSocket hardening", () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({
      maxMessageBytes: 1024,
      maxConnectionsPerAddress: 1_000,
      messagesPerSecond: 100_000,
      messageBurst: 100_000,
    });
  });
  after(() => stopServer(s));

  const badFrames: { name: string; bytes: () => Buffer; code: number }[] = [
    ...[3, 4, 5, 6, 7, 11, 12, 13, 14, 15].map((opcode) => ({
      name: `reserved opcode ${opcode}`,
      bytes: () => frame({ opcode, payload: Buffer.from("x") }),
      code: 1002,
    })),
    {
      name: "unmasked client frame",
      bytes: () => frame({ opcode: 1, payload: Buffer.from("PING"), mask: false }),
      code: 1002,
    },
    {
      name: "RSV1 set without an extension",
      bytes: () => frame({ opcode: 1, payload: Buffer.from("PING"), rsv: 4 }),
      code: 1002,
    },
    {
      name: "continuation without a first fragment",
      bytes: () => frame({ opcode: 0, payload: Buffer.from("x") }),
      code: 1002,
    },
    {
      name: "fragmented control frame",
      bytes: () => frame({ opcode: 9, payload: Buffer.from("x"), fin: false }),
      code: 1002,
    },
    { name: "control frame over 125 bytes", bytes: () => frame({ opcode: 9, payload: Buffer.alloc(126) }), code: 1002 },
    {
      name: "text frame that is not UTF-8",
      bytes: () => frame({ opcode: 1, payload: Buffer.from([0xff, 0xfe, 0xfd]) }),
      code: 1007,
    },
    {
      name: "message over the payload limit",
      bytes: () => frame({ opcode: 1, payload: Buffer.alloc(2_000, 0x61) }),
      code: 1009,
    },
    {
      name: "declared length of 2^53 bytes",
      bytes: () => frame({ opcode: 1, payload: Buffer.alloc(0), declaredLength: 2n ** 53n - 1n }),
      code: 1009,
    },
  ];
  for (const bad of badFrames) {
    it(`closes only the socket that sends a ${bad.name} (close ${bad.code})`, async () => {
      const bystander = await openClient(`${s.url}/ws/market`);
      const client = await rawClient(s.port);
      client.socket.write(bad.bytes());
      const closed = await client.closed;
      assert.equal(closed?.code, bad.code, `close frame for a ${bad.name}`);
      assert.ok((closed?.reason.length ?? 0) > 0, "the close frame carries a reason");
      assert.equal(bystander.ws.readyState, WebSocket.OPEN, "another client's socket stays open");
      bystander.ws.close();
      await assertServes(s.url);
    });
  }

  it("names the payload limit in the close reason", async () => {
    const client = await rawClient(s.port);
    client.socket.write(frame({ opcode: 1, payload: Buffer.alloc(1_025, 0x61) }));
    const closed = await client.closed;
    assert.equal(closed?.reason, "message too big: at most 1024 bytes");
  });

  it("survives a client that resets its TCP connection mid-frame", async () => {
    const client = await rawClient(s.port);
    client.socket.write(frame({ opcode: 1, payload: Buffer.from("PING") }).subarray(0, 3));
    client.socket.resetAndDestroy();
    await assertServes(s.url);
  });

  it("answers an upgrade on an unknown path with 404 and no socket", async () => {
    await assert.rejects(rawClient(s.port, "/ws/other"), /404/);
  });

  it("delivers each event once however often the same subscription is sent", async () => {
    const client = await openClient(`${s.url}/ws/market`);
    for (let i = 0; i < 1_000; i++) client.ws.send(JSON.stringify({ assets_ids: [ASSET, ASSET] }));
    await until("all snapshots", () => (client.messages.length >= 1 ? true : undefined));
    await new Promise((r) => setTimeout(r, 100));
    s.bus.publishMarket(ASSET, { event_type: "last_trade_price", asset_id: ASSET });
    await until("the event", () => client.messages.find((m) => m["event_type"] === "last_trade_price"));
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(client.messages.filter((m) => m["event_type"] === "last_trade_price").length, 1);
    assert.equal(client.messages.filter((m) => m["event_type"] === "book").length, 1, "one snapshot, not 1,000");
    client.ws.close();
  });

  it("delivers each user event once to a socket that subscribes to the same address many times", async () => {
    const address = "0x00000000000000000000000000000000000000aa";
    const client = await openClient(`${s.url}/ws/user`);
    for (let i = 0; i < 100; i++) client.ws.send(JSON.stringify({ address }));
    await until("acks", () => (client.messages.length >= 100 ? true : undefined));
    s.bus.publishUser(address, { event_type: "order", market: "0x01" });
    await until("the event", () => client.messages.find((m) => m["event_type"] === "order"));
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(client.messages.filter((m) => m["event_type"] === "order").length, 1);
    client.ws.close();
  });
});

describe("WebSocket limits", () => {
  it("refuses market subscriptions past the per-socket cap with a SUBSCRIPTION_LIMIT error", async () => {
    await withServer({ maxMarketSubscriptions: 3 }, async (s) => {
      const client = await openClient(`${s.url}/ws/market`);
      client.ws.send(JSON.stringify({ assets_ids: ["1", "2", "3", "4", "5"] }));
      const error = await until("limit error", () => client.messages.find((m) => m["event_type"] === "error"));
      assert.equal(error["error"], "SUBSCRIPTION_LIMIT");
      assert.match(String(error["message"]), /at most 3 asset ids: 2 not subscribed/);
      s.bus.publishMarket("3", { event_type: "price_change", asset_id: "3" });
      s.bus.publishMarket("4", { event_type: "price_change", asset_id: "4" });
      await until("event of asset 3", () => client.messages.find((m) => m["asset_id"] === "3"));
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(client.messages.filter((m) => m["asset_id"] === "4").length, 0, "asset 4 was not subscribed");
      client.ws.close();
    });
  });

  it("refuses user subscriptions past the per-socket cap of addresses", async () => {
    await withServer({ maxUserSubscriptions: 2 }, async (s) => {
      const client = await openClient(`${s.url}/ws/user`);
      for (const n of [1, 2, 3]) client.ws.send(JSON.stringify({ address: `0x${n.toString().padStart(40, "0")}` }));
      const error = await until("limit error", () => client.messages.find((m) => m["event_type"] === "error"));
      assert.equal(error["error"], "SUBSCRIPTION_LIMIT");
      assert.equal(client.messages.filter((m) => m["event_type"] === "subscribed").length, 2);
      client.ws.close();
    });
  });

  it("answers connections over the per-address cap with HTTP 429 and Retry-After", async () => {
    await withServer({ maxConnectionsPerAddress: 2 }, async (s) => {
      const a = await openClient(`${s.url}/ws/market`);
      const b = await openClient(`${s.url}/ws/user`);
      const refused = await new Promise<{ status: number; retryAfter: string | undefined }>((resolve) => {
        const ws = new WebSocket(`${s.url}/ws/market`);
        ws.on("unexpected-response", (_req, res) =>
          resolve({ status: res.statusCode ?? 0, retryAfter: res.headers["retry-after"] }),
        );
        ws.on("error", () => undefined);
      });
      assert.deepEqual(refused, { status: 429, retryAfter: "1" });
      a.ws.close();
      await until("slot released", () => (a.ws.readyState === WebSocket.CLOSED ? true : undefined));
      await new Promise((r) => setTimeout(r, 20));
      const c = await openClient(`${s.url}/ws/market`);
      assert.equal(c.ws.readyState, WebSocket.OPEN, "a closed connection frees its slot");
      b.ws.close();
      c.ws.close();
    });
  });

  it("drops a consumer that does not read once its send buffer passes the bound", async () => {
    await withServer({ maxBufferedBytes: 256 * 1024 }, async (s) => {
      const client = await rawClient(s.port);
      client.socket.write(frame({ opcode: 1, payload: Buffer.from(JSON.stringify({ assets_ids: [ASSET] })) }));
      await until("snapshot", () => (client.received().length > 0 ? true : undefined));
      client.socket.pause();
      const big = { event_type: "price_change", asset_id: ASSET, pad: "x".repeat(60_000) };
      let ended = false;
      void client.closed.then(() => (ended = true));
      client.socket.on("end", () => (ended = true));
      for (let i = 0; i < 2_000 && !ended; i++) {
        s.bus.publishMarket(ASSET, big);
        if (i % 50 === 0) await new Promise((r) => setTimeout(r, 5));
      }
      client.socket.resume();
      await until("dropped", () => (ended ? true : undefined), 10_000);
      assert.ok(client.received().length < 120 * 1024 * 1024, "the server stopped sending before 2,000 messages");
      await assertServes(s.url);
    });
  });

  it("terminates a socket that does not answer pings", async () => {
    await withServer({ heartbeatMs: 100 }, async (s) => {
      const live = await openClient(`${s.url}/ws/market`);
      // A raw socket never answers ping frames.
      const dead = await rawClient(s.port);
      await dead.closed;
      await new Promise((r) => setTimeout(r, 250));
      assert.equal(live.ws.readyState, WebSocket.OPEN, "a client that answers pings stays connected");
      live.ws.close();
    });
  });

  it("closes with 1008 a socket that sends faster than its message rate", async () => {
    await withServer({ messagesPerSecond: 10, messageBurst: 20 }, async (s) => {
      const client = await rawClient(s.port);
      for (let i = 0; i < 100; i++) client.socket.write(frame({ opcode: 1, payload: Buffer.from("PING") }));
      const closed = await client.closed;
      assert.equal(closed?.code, 1008);
      assert.match(closed?.reason ?? "", /too many messages/);
    });
  });
});

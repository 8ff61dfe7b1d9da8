import assert from "node:assert/strict";
import { createServer, request as httpRequest, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";

import { Bus } from "../../../src/bus.js";
import type { OperatorApi } from "../../../src/api/facade.js";
import { createHttpApp } from "../../../src/api/http.js";
import { DEFAULT_BODY_BYTES, MAX_ORDER_BODY_BYTES } from "../../../src/api/limits.js";
import { createRequestHandler } from "../../../src/api/server.js";
import { createLogger } from "../../../src/log.js";
import { MarketRegistry } from "../../../src/markets.js";

const MAKER = "0x00000000000000000000000000000000000000a1";
const SECRET = 'relation "orders" does not exist (secret db detail)';

/** A facade whose reads fail like a broken database, to check nothing of it reaches clients. */
function fakeApi(logged: Record<string, unknown>[]): OperatorApi {
  const log = createLogger("silent");
  const spy = {
    ...log,
    error: (message: string, fields?: Record<string, unknown>) => logged.push({ message, ...fields }),
  };
  const fail = (): Promise<never> => Promise.reject(new Error(SECRET));
  return {
    log: spy,
    bus: new Bus(),
    markets: new MarketRegistry(),
    health: () => ({ ok: true, db: "pglite", chainId: 31337, exchange: MAKER }),
    bookMessage: () => ({ event_type: "book" }),
    priceHistory: fail,
    trades: fail,
    userOrders: fail,
    order: fail,
    matchedShares: fail,
    submitOrder: fail,
    cancel: fail,
  };
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: Record<string, unknown>;
}

function send(url: string, method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  return new Promise<Answer>((resolve, reject) => {
    const framed =
      body === undefined || headers["content-length"] !== undefined || headers["transfer-encoding"] !== undefined
        ? headers
        : { ...headers, "content-length": String(Buffer.byteLength(body)) };
    const req = httpRequest(`${url}${path}`, { method, headers: framed }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString();
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          json: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
        });
      });
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

describe("HTTP request handler: error catalogue, request ids, body limits", () => {
  let server: Server;
  let url: string;
  const logged: Record<string, unknown>[] = [];

  before(async () => {
    const api = fakeApi(logged);
    server = createServer(createRequestHandler(api, createHttpApp(api), []));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("every answer carries an x-request-id; a client's own id is kept", async () => {
    const plain = await send(url, "GET", "/health");
    assert.equal(plain.status, 200);
    assert.match(String(plain.headers["x-request-id"]), /^[0-9a-f]{16}$/);
    const own = await send(url, "GET", "/health", undefined, { "x-request-id": "trace-42" });
    assert.equal(own.headers["x-request-id"], "trace-42");
    const bad = await send(url, "GET", "/health", undefined, { "x-request-id": "has spaces and <tags>" });
    assert.match(String(bad.headers["x-request-id"]), /^[0-9a-f]{16}$/);
    assert.notEqual(bad.headers["x-request-id"], plain.headers["x-request-id"], "each request has its own id");
  });

  it("an absurd cursor is a 400 with a code, before any read", async () => {
    for (const cursor of ["1e308", "9999999999999999999999"]) {
      const answer = await send(url, "GET", `/data/orders?maker=${MAKER}&next_cursor=${cursor}`);
      assert.equal(answer.status, 400, `next_cursor=${cursor}`);
      assert.equal(answer.json["error"], "INVALID_REQUEST");
      assert.equal(answer.json["requestId"], answer.headers["x-request-id"]);
    }
  });

  it("our own fault is a 503 with the request id, logged under it, with no library text", async () => {
    const answer = await send(url, "GET", `/data/orders?maker=${MAKER}`, undefined, { "x-request-id": "fault-1" });
    assert.equal(answer.status, 503);
    assert.equal(answer.json["error"], "SERVICE_UNAVAILABLE");
    assert.equal(answer.json["requestId"], "fault-1");
    assert.ok(!JSON.stringify(answer.json).includes("relation"), "no database text reaches the client");
    assert.ok(logged.some((entry) => entry["requestId"] === "fault-1" && String(entry["error"]).includes("relation")));
  });

  it("an unknown route is ROUTE_NOT_FOUND; an unroutable method is METHOD_NOT_ALLOWED", async () => {
    const answer = await send(url, "GET", "/nope");
    assert.equal(answer.status, 404);
    assert.equal(answer.json["error"], "ROUTE_NOT_FOUND");
    const trace = await send(url, "TRACE", "/health");
    assert.equal(trace.status, 405);
    assert.equal(trace.json["error"], "METHOD_NOT_ALLOWED");
  });

  it("a body over the limit is a 413 JSON answer on every route, also without Content-Length", async () => {
    const json = { "content-type": "application/json" };
    const cases: [string, string, number][] = [
      ["POST", "/order", MAX_ORDER_BODY_BYTES],
      ["POST", "/books", DEFAULT_BODY_BYTES],
      ["DELETE", "/cancel-all", DEFAULT_BODY_BYTES],
      ["GET", "/health", DEFAULT_BODY_BYTES],
    ];
    for (const [method, path, limit] of cases) {
      const body = "x".repeat(limit + 1);
      const declared = await send(url, method, path, body, { ...json, "content-length": String(body.length) });
      assert.equal(declared.status, 413, `${method} ${path}`);
      assert.equal(declared.json["error"], "PAYLOAD_TOO_LARGE");
      const chunked = await send(url, method, path, body, { ...json, "transfer-encoding": "chunked" });
      assert.equal(chunked.status, 413, `${method} ${path} chunked`);
      assert.equal(chunked.json["error"], "PAYLOAD_TOO_LARGE");
    }
  });

  /** A raw socket that sent a POST /order head declaring `length` bytes, and what it has received so far. */
  function rawPost(length: number) {
    const { hostname, port } = new URL(url);
    const socket = connect({ host: hostname, port: Number(port) });
    const seen = { text: "", ended: false, errors: [] as string[] };
    socket.on("data", (chunk: Buffer) => (seen.text += chunk.toString()));
    socket.on("end", () => (seen.ended = true));
    socket.on("error", (error: NodeJS.ErrnoException) => seen.errors.push(error.code ?? error.message));
    const closed = new Promise<"closed">((resolve) => socket.once("close", () => resolve("closed")));
    socket.write(
      `POST /order HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`,
    );
    return { socket, seen, closed };
  }

  it("a client still writing an oversized body gets the 413 at once and the close only after its last byte", async () => {
    // Closing while body bytes still arrive draws a reset, and a reset can discard the answer
    // before the client reads it (a Node client still writing sees EPIPE instead of the 413). So
    // the server answers after the headers but reads the rest of the body before its FIN.
    const body = JSON.stringify({ pad: "a".repeat(1024 * 1024) });
    const { socket, seen, closed } = rawPost(body.length);
    socket.write(body.slice(0, 256 * 1024));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.match(seen.text, /^HTTP\/1\.1 413 /, "answered after the headers");
    assert.equal(seen.ended, false, "the connection stays open while the body is still due");
    socket.write(body.slice(256 * 1024));
    await closed;
    assert.equal(JSON.parse(seen.text.slice(seen.text.indexOf("\r\n\r\n") + 4))["error"], "PAYLOAD_TOO_LARGE");
    assert.ok(seen.ended, "closed by the server's FIN after the last byte");
    assert.deepEqual(seen.errors, [], "no reset");
  });

  it("a client that stops mid-way through an oversized body is cut off after the grace period", async () => {
    const { socket, seen, closed } = rawPost(1024 * 1024);
    socket.write("a".repeat(64 * 1024));
    const outcome = await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 10_000, "still open"))]);
    socket.destroy();
    assert.equal(outcome, "closed");
    assert.match(seen.text, /^HTTP\/1\.1 413 /);
  });

  it("a JSON-body route refuses another Content-Type with 415", async () => {
    for (const [method, path] of [
      ["POST", "/order"],
      ["POST", "/orders"],
      ["DELETE", "/order"],
      ["DELETE", "/orders"],
      ["DELETE", "/cancel-market-orders"],
    ] as const) {
      const answer = await send(url, method, path, "{}", { "content-type": "text/plain" });
      assert.equal(answer.status, 415, `${method} ${path}`);
      assert.equal(answer.json["error"], "UNSUPPORTED_MEDIA_TYPE");
      assert.equal(typeof answer.json["message"], "string");
    }
    const charset = await send(url, "POST", "/orders", "[]", { "content-type": "application/json; charset=utf-8" });
    assert.equal(charset.status, 400, "application/json with a charset is JSON");
  });
});

import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";

import { LeanClient, ProtocolError, ResponseParser } from "../../../bench/clob/loadgen.js";

const answer = (status: number, body: string, extra = ""): string =>
  `HTTP/1.1 ${status} X\r\nContent-Type: application/json\r\n${extra}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe("load generator response parser", () => {
  it("completes a response split across chunks at every byte", () => {
    const wire = Buffer.from(answer(200, '{"ok":true,"é":1}'));
    const parser = new ResponseParser();
    const seen = [];
    for (let i = 0; i < wire.length; i++) seen.push(...parser.push(wire.subarray(i, i + 1)));
    assert.equal(seen.length, 1);
    assert.equal(seen[0]?.status, 200);
    assert.equal(seen[0]?.body.toString(), '{"ok":true,"é":1}');
    assert.equal(parser.idle, true);
  });

  it("returns every response of a chunk holding several, and keeps a partial one for the next", () => {
    const wire = answer(200, "a") + answer(400, '{"error":"X"}') + answer(204, "");
    const next = answer(200, "tail");
    const parser = new ResponseParser();
    const first = parser.push(Buffer.from(wire + next.slice(0, 10)));
    assert.deepEqual(
      first.map((r) => [r.status, r.body.toString()]),
      [
        [200, "a"],
        [400, '{"error":"X"}'],
        [204, ""],
      ],
    );
    assert.equal(parser.idle, false);
    const second = parser.push(Buffer.from(next.slice(10)));
    assert.deepEqual(
      second.map((r) => [r.status, r.body.toString()]),
      [[200, "tail"]],
    );
  });

  it("rejects a chunked answer, a Connection: close answer and one without Content-Length", () => {
    assert.throws(
      () =>
        new ResponseParser().push(
          Buffer.from("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
        ),
      (e: unknown) => e instanceof ProtocolError && /Transfer-Encoding: chunked/.test(e.message),
    );
    assert.throws(
      () => new ResponseParser().push(Buffer.from(answer(200, "x", "Connection: close\r\n"))),
      (e: unknown) => e instanceof ProtocolError && /Connection: close/.test(e.message),
    );
    assert.throws(
      () => new ResponseParser().push(Buffer.from("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n")),
      (e: unknown) => e instanceof ProtocolError && /without Content-Length/.test(e.message),
    );
    assert.throws(
      () => new ResponseParser().push(Buffer.from("SMTP ready\r\n\r\n")),
      (e: unknown) => e instanceof ProtocolError && /malformed status line/.test(e.message),
    );
  });
});

describe("load generator client", () => {
  const serve = async (
    handler: http.RequestListener,
  ): Promise<{ url: string; sockets: () => number; close: () => Promise<void> }> => {
    const server = http.createServer(handler);
    let sockets = 0;
    server.on("connection", () => sockets++);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      sockets: () => sockets,
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  };

  it("posts bodies over at most `sockets` kept-alive connections and reads each answer", async () => {
    const server = await serve((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = JSON.stringify({ method: req.method, url: req.url, echo: Buffer.concat(chunks).toString() });
        res.writeHead(req.url === "/bad" ? 400 : 200, {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        });
        res.end(body);
      });
    });
    const client = new LeanClient(server.url, 4);
    try {
      const answers = await Promise.all(
        Array.from({ length: 200 }, (_, i) => client.request("POST", i % 10 === 0 ? "/bad" : "/order", `{"n":${i}}`)),
      );
      answers.forEach((a, i) => {
        assert.equal(a.status, i % 10 === 0 ? 400 : 200);
        assert.deepEqual(JSON.parse(a.text), {
          method: "POST",
          url: i % 10 === 0 ? "/bad" : "/order",
          echo: `{"n":${i}}`,
        });
      });
      const get = await client.request("GET", "/health");
      assert.equal(JSON.parse(get.text).method, "GET");
      assert.equal(server.sockets(), 4);
    } finally {
      client.close();
      await server.close();
    }
  });

  it("fails a request answered chunked with a clear error", async () => {
    const server = await serve((_req, res) => {
      res.write("streamed");
      res.end();
    });
    const client = new LeanClient(server.url, 1);
    try {
      await assert.rejects(client.request("GET", "/"), /unsupported Transfer-Encoding: chunked/);
    } finally {
      client.close();
      await server.close();
    }
  });
});

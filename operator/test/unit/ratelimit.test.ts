/** Token buckets, Retry-After, and the per-address gate in front of the HTTP listener. */
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";

import { IpGate } from "../../src/api/ipgate.js";
import { RateLimitedError, RateLimiter, takeOrThrow } from "../../src/ratelimit.js";

describe("RateLimiter", () => {
  it("allows the burst, then refills at the sustained rate", () => {
    const limiter = new RateLimiter(2, 3);
    const t = 1_000_000;
    assert.deepEqual(
      [1, 2, 3, 4].map(() => limiter.take("k", 1, t)),
      [true, true, true, false],
    );
    assert.equal(limiter.take("k", 1, t + 499), false, "half a token after 499 ms at 2/s");
    assert.equal(limiter.take("k", 1, t + 500), true, "one token after 500 ms at 2/s");
    assert.equal(limiter.take("other", 1, t), true, "keys are independent");
  });

  it("says how many whole seconds until the next token", () => {
    const limiter = new RateLimiter(0.5, 1);
    limiter.take("k", 1, 0);
    assert.equal(limiter.retryAfterSeconds("k", 1, 0), 2);
    assert.equal(limiter.retryAfterSeconds("k", 1, 1_500), 1);
  });

  it("throws RATE_LIMITED with Retry-After once a key is over its limit", () => {
    const limiter = new RateLimiter(1, 1);
    takeOrThrow(limiter, "k", "maker k");
    assert.throws(
      () => takeOrThrow(limiter, "k", "maker k"),
      (error: unknown) =>
        error instanceof RateLimitedError &&
        error.code === "RATE_LIMITED" &&
        error.status === 429 &&
        error.retryAfterSeconds === 1 &&
        /maker k/.test(error.message),
    );
  });
});

describe("IpGate", () => {
  it("answers requests over the per-address limit with 429, Retry-After and the JSON error shape", async () => {
    const gate = new IpGate({ perSecond: 1, burst: 3 });
    let served = 0;
    const server = createServer((req, res) => {
      if (!gate.admit(req, res)) return;
      served++;
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const responses = [];
      for (let i = 0; i < 5; i++) responses.push(await fetch(url, { method: "POST", body: "x".repeat(1_000) }));
      assert.deepEqual(
        responses.map((r) => r.status),
        [200, 200, 200, 429, 429],
      );
      const limited = responses[3] as Response;
      assert.equal(limited.headers.get("retry-after"), "1");
      const body = (await limited.json()) as { error: string; message: string };
      assert.equal(body.error, "RATE_LIMITED");
      assert.match(body.message, /at most 1 per second/);
      assert.equal(served, 3, "limited requests never reach the handler");
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

import assert from "node:assert/strict";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";

import { applyCors, parseCorsOrigins } from "../../src/api/cors.js";
import { loadConfig } from "../../src/config.js";

/** A server that runs applyCors with `origins`, then answers 200 {"ok":true} like a route. */
function serve(origins: readonly string[]): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    if (applyCors(req, res, origins)) return;
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"ok":true}');
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }),
    ),
  );
}

const preflight = (url: string, origin: string) =>
  fetch(`${url}/order`, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
  });

describe("CORS", () => {
  let listed: { url: string; server: Server };
  let any: { url: string; server: Server };
  let off: { url: string; server: Server };
  before(async () => {
    listed = await serve(["https://app.example", "http://localhost:5173"]);
    any = await serve(["*"]);
    off = await serve([]);
  });
  after(() => {
    for (const s of [listed, any, off]) s.server.close();
  });

  it("answers a preflight from a listed origin with the allowed methods and headers", async () => {
    const response = await preflight(listed.url, "https://app.example");
    assert.equal(response.status, 204);
    assert.equal(response.headers.get("access-control-allow-origin"), "https://app.example");
    assert.match(response.headers.get("access-control-allow-methods") ?? "", /POST/);
    assert.match(response.headers.get("access-control-allow-methods") ?? "", /DELETE/);
    assert.equal(response.headers.get("access-control-allow-headers"), "content-type");
  });

  it("refuses a preflight from an unlisted origin with 403 and a message", async () => {
    const response = await preflight(listed.url, "https://evil.example");
    assert.equal(response.status, 403);
    assert.equal(response.headers.get("access-control-allow-origin"), null);
    const body = (await response.json()) as { error: string; message: string };
    assert.equal(body.error, "CORS_ORIGIN_NOT_ALLOWED");
    assert.match(body.message, /https:\/\/evil\.example/);
  });

  it("adds the origin header to ordinary responses of listed origins only", async () => {
    const ok = await fetch(`${listed.url}/markets`, { headers: { origin: "http://localhost:5173" } });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get("access-control-allow-origin"), "http://localhost:5173");
    assert.equal(ok.headers.get("vary"), "origin");
    const other = await fetch(`${listed.url}/markets`, { headers: { origin: "https://evil.example" } });
    assert.equal(other.status, 200, "the request itself is served; the browser withholds the answer");
    assert.equal(other.headers.get("access-control-allow-origin"), null);
  });

  it("`*` allows any origin; an empty list adds nothing and leaves OPTIONS to the routes", async () => {
    const wildcard = await preflight(any.url, "https://anything.example");
    assert.equal(wildcard.status, 204);
    assert.equal(wildcard.headers.get("access-control-allow-origin"), "*");
    const none = await preflight(off.url, "https://app.example");
    assert.equal(none.status, 200);
    assert.equal(none.headers.get("access-control-allow-origin"), null);
  });

  it("parses the allowlist and rejects what is not an origin", () => {
    assert.deepEqual(parseCorsOrigins(" https://a.example , http://localhost:5173,"), [
      "https://a.example",
      "http://localhost:5173",
    ]);
    assert.deepEqual(parseCorsOrigins(""), []);
    assert.throws(() => parseCorsOrigins("https://a.example/"), /no path or trailing slash/);
    assert.throws(() => parseCorsOrigins("app.example"), /not an origin/);
    assert.throws(() => parseCorsOrigins("ftp://a.example"), /not an origin/);
    assert.deepEqual(loadConfig({ OPERATOR_CORS_ORIGINS: "https://a.example" }).corsOrigins, ["https://a.example"]);
    assert.deepEqual(loadConfig({}).corsOrigins, []);
    assert.throws(() => loadConfig({ OPERATOR_CORS_ORIGINS: "https://a.example/app" }), /OPERATOR_CORS_ORIGINS/);
  });
});

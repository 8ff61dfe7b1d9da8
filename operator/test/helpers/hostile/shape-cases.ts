/**
 * Hostile request shapes: oversized bodies, deep nesting, control characters, wrong methods and
 * content types, and absurd cursors and limits on the read routes.
 */
import { ZERO_ADDRESS } from "@forkcast/shared";

import { JSON_HEADERS, ORDER_FIELDS, orderCase, TWO_256, type HostileOrders, type HttpCase } from "./http-cases.js";

export function oversizedBodies(o: HostileOrders, n: number): HttpCase[] {
  const { rng } = o;
  const routes: readonly [string, string, number][] = [
    ["POST", "/order", 16 * 1024],
    ["POST", "/orders", 200 * 1024],
    ["POST", "/books", 64 * 1024],
    ["DELETE", "/order", 64 * 1024],
    ["DELETE", "/cancel-all", 64 * 1024],
    ["DELETE", "/cancel-market-orders", 64 * 1024],
  ];
  return Array.from({ length: n }, () => {
    const [method, path, limit] = rng.pick(routes);
    const size = rng.pick([limit + 1, limit * 2, 1024 * 1024]);
    // A valid JSON prefix padded with whitespace inside a string, so only the size is wrong.
    const body = `{"order":{"salt":"1","pad":"${"a".repeat(size)}"}}`;
    return {
      category: "oversized-bodies",
      method,
      path,
      headers: JSON_HEADERS,
      body,
      expect: "reject" as const,
      ownConnection: true,
    };
  });
}

export function deepNesting(o: HostileOrders, n: number): HttpCase[] {
  const { rng } = o;
  return Array.from({ length: n }, (_, i) => {
    const route = rng.pick([
      ["POST", "/order", 15_000],
      ["POST", "/orders", 190_000],
      ["POST", "/books", 60_000],
      ["DELETE", "/cancel-all", 60_000],
    ] as const);
    const depth = Math.floor(route[2] / 2) - 20;
    const body =
      i % 2 === 0
        ? `{"order":${"[".repeat(depth)}${"]".repeat(depth)}}`
        : `${'{"a":'.repeat(Math.floor(depth / 3))}1${"}".repeat(Math.floor(depth / 3))}`;
    return {
      category: "deep-nesting",
      method: route[0],
      path: route[1],
      headers: JSON_HEADERS,
      body,
      expect: "reject",
    };
  });
}

export function controlCharacters(o: HostileOrders, n: number): HttpCase[] {
  const { rng } = o;
  const nasty = ["\u0000", "\u0001", "\u001b[31m", "\r\n", "\u2028", "\u202e", "\ud800", "\uffff", "%00", "\t"];
  return Array.from({ length: n }, (_, i) => {
    const bad = rng.pick(nasty);
    // Percent-encode byte by byte: lone surrogates become U+FFFD's bytes instead of throwing.
    const enc = [...Buffer.from(bad, "utf8")].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("");
    if (i % 3 === 0) {
      const { body } = o.signedBody();
      const order = body["order"] as Record<string, unknown>;
      const field = rng.pick(ORDER_FIELDS);
      order[field] = `${String(order[field])}${bad}`;
      return orderCase("control-characters", body);
    }
    if (i % 3 === 1) {
      // In the query string and path (percent-encoded), including header-injection attempts.
      const path = rng.pick([
        `/book?token_id=${o.fx.yes}${enc}`,
        `/data/order/0x${"ab".repeat(32)}${enc}`,
        `/data/orders?maker=0x${"12".repeat(20)}${enc}`,
        `/markets/${enc}${o.fx.conditionId}`,
        `/trades?market=${o.fx.conditionId}&next_cursor=${enc}`,
        `/price?token_id=${o.fx.yes}&side=BUY${enc}Set-Cookie:%20x=1`,
      ]);
      return { category: "control-characters", method: "GET", path, expect: "reject" };
    }
    // Raw control bytes inside JSON strings (invalid JSON).
    const text = JSON.stringify(o.signedBody().body).replace('"GTC"', `"GT${bad}C"`);
    return orderCase("control-characters", text);
  });
}

export function wrongMethodsAndTypes(o: HostileOrders, n: number): HttpCase[] {
  const { rng } = o;
  const paths = ["/order", "/orders", "/book", "/markets", "/trades", "/cancel-all", "/health", "/data/orders"];
  const contentTypes = [
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/xml",
    "application/json-patch+json",
    "text/html",
    "application/octet-stream",
  ];
  return Array.from({ length: n }, (_, i): HttpCase => {
    if (i % 2 === 0) {
      const method = rng.pick(["PUT", "PATCH", "TRACE", "PROPFIND", "LINK"]);
      return { category: "wrong-methods-content-types", method, path: rng.pick(paths), expect: "reject" };
    }
    // A validly signed order under a content type that is not JSON: refused (415), never booked.
    const { body, hash } = o.signedBody();
    const contentType = i % 6 === 1 ? undefined : rng.pick(contentTypes);
    return {
      category: "wrong-methods-content-types",
      note: `content-type ${contentType ?? "missing"}`,
      method: "POST",
      path: rng.pick(["/order", "/orders"]),
      headers: contentType ? { "content-type": contentType } : ({} as Record<string, string>),
      body: JSON.stringify(body),
      expect: "reject",
      orderHash: hash,
    };
  });
}

export function absurdCursors(o: HostileOrders, n: number): HttpCase[] {
  const { rng, fx } = o;
  const [, maker] = fx.funded[0] ?? ["0x", ZERO_ADDRESS];
  const b64 = (s: string): string => Buffer.from(s).toString("base64url");
  const cursors = [
    "1e308",
    "9999999999999999999999",
    "-1",
    "0x10",
    "NaN",
    "Infinity",
    "1.5",
    "",
    "LTE=",
    "MA==",
    "%00",
    "x".repeat(5000),
    b64("1e308|x"),
    b64("NaN|x"),
    b64("|"),
    b64("-1|0x00"),
    b64(`${Number.MAX_SAFE_INTEGER}|${"f".repeat(300)}`),
    b64("1|'; DROP TABLE trades; --"),
    Buffer.from("1e308").toString("base64"),
    Buffer.from("-5").toString("base64"),
    Buffer.from("99999999999999999999").toString("base64"),
    "!!!not-base64!!!",
  ];
  const limits = ["0", "-1", "1e308", "501", "1.5", "abc", "99999999999999999999", "0x10", "", "1e2", "100"];
  const routes = [
    () => `/data/orders?maker=${maker}&next_cursor=${encodeURIComponent(rng.pick(cursors))}`,
    () => `/data/orders?maker=${maker}&limit=${encodeURIComponent(rng.pick(limits))}`,
    () => `/data/orders?maker=${maker}&all=${rng.pick(["yes", "1", "TRUE", ""])}`,
    () => `/trades?market=${fx.conditionId}&next_cursor=${encodeURIComponent(rng.pick(cursors))}`,
    () => `/trades?limit=${encodeURIComponent(rng.pick(limits))}`,
    () => `/data/trades?user=${maker}&next_cursor=${encodeURIComponent(rng.pick(cursors))}`,
    () => `/markets?next_cursor=${encodeURIComponent(rng.pick(cursors))}`,
    () =>
      `/prices-history?market=${fx.yes}&startTs=${encodeURIComponent(rng.pick(limits))}&endTs=${encodeURIComponent(rng.pick(limits))}&fidelity=${encodeURIComponent(rng.pick(limits))}`,
    () => `/prices-history?market=${fx.yes}&interval=${encodeURIComponent(rng.pick(["1y", "", "max ", "-1m"]))}`,
    () =>
      `/book?token_id=${encodeURIComponent(rng.pick([TWO_256.toString(), "9".repeat(79), "-1", "0x1", "1e5", ""]))}`,
    () => `/price?token_id=${fx.yes}&side=${rng.pick(["HOLD", "", "0", "Buy"])}`,
    () => `/data/order/${rng.pick(["0x", "0x" + "g".repeat(64), "1e308", "0x" + "a".repeat(63), "%00"])}`,
    () => `/markets/${rng.pick(["0x" + "0".repeat(64), "1e308", "-1", "0x" + "z".repeat(64)])}`,
  ];
  return Array.from({ length: n }, () => ({
    category: "absurd-cursors-limits",
    method: "GET",
    path: rng.pick(routes)(),
    expect: "any" as const,
  }));
}

/** Hostile request bodies that must fail parsing: malformed JSON, wrong types, missing or extra fields, odd numbers. */
import { orderToJson } from "@forkcast/shared/protocol";

import type { Prng } from "../prng.js";
import {
  JSON_HEADERS,
  NUMERIC_FIELDS,
  ORDER_FIELDS,
  orderCase,
  TWO_256,
  type HostileOrders,
  type HttpCase,
} from "./http-cases.js";

/** A random value of some JSON type, never a decimal-string integer. */
function wrongValue(rng: Prng): unknown {
  return rng.pick<() => unknown>([
    () => null,
    () => true,
    () => false,
    () => ({}),
    () => [],
    () => [1, 2, 3],
    () => ({ $gt: "" }),
    () => rng.next() * 1e6,
    () => -rng.int(1_000_000),
    () => "",
    () => "abc",
    () => "0x",
    () => {
      return { toString: "1" };
    },
    () => [["nested"]],
  ])();
}

/** Numbers the schema must refuse or bound: out of range, signed, fractional, other notations. */
const ODD_NUMBERS: readonly unknown[] = [
  TWO_256.toString(),
  (TWO_256 + 1n).toString(),
  "9".repeat(79),
  "9".repeat(400),
  "-1",
  "-0",
  "+1",
  "1.5",
  "0.000001",
  "1e6",
  "1E18",
  "0x10",
  "0b101",
  "0o17",
  " 1",
  "1 ",
  "1_000",
  "Infinity",
  "NaN",
  "١٢٣",
  1e308,
  -1,
  1.5,
  2 ** 53 + 1,
  Number.MAX_VALUE,
];

/** Uint256 values that parse but the operator must still refuse for a signed order (price math, ranges). */
const HUGE_UINTS: readonly bigint[] = [TWO_256 - 1n, TWO_256 / 2n, 2n ** 128n, 2n ** 64n + 1n];
/** Fields where a huge value makes the order invalid (a huge salt is a legitimate salt). */
const BOUNDED_FIELDS = ["tokenId", "makerAmount", "takerAmount", "nonce", "feeRateBps"] as const;

export function malformedJson(o: HostileOrders, n: number): HttpCase[] {
  const { rng } = o;
  const routes: readonly [string, string][] = [
    ["POST", "/order"],
    ["POST", "/orders"],
    ["POST", "/books"],
    ["DELETE", "/order"],
    ["DELETE", "/orders"],
    ["DELETE", "/cancel-all"],
    ["DELETE", "/cancel-market-orders"],
  ];
  const garbage = [
    "",
    "{",
    "}",
    "[",
    "{{}}",
    '{"order":',
    '{"order": {"salt": }',
    "undefined",
    "NaN",
    "'single'",
    '{"a":1,}',
    "[1,2,,3]",
    '{"a" 1}',
    '"unterminated',
    "\u0000",
    "\uFEFF{}",
    "/* comment */ {}",
    "{'order': 1}",
  ];
  return Array.from({ length: n }, (_, i) => {
    const [method, path] = rng.pick(routes);
    let body: string;
    if (i % 3 === 0) body = rng.pick(garbage);
    else if (i % 3 === 1) {
      const full = JSON.stringify(o.signedBody().body);
      body = full.slice(0, 1 + rng.int(full.length - 1)); // truncated at a random byte
    } else body = rng.bytes(1 + rng.int(512)).toString("latin1");
    return { category: "malformed-json", method, path, headers: JSON_HEADERS, body, expect: "reject" };
  });
}

export function wrongTypes(o: HostileOrders, n: number): HttpCase[] {
  const { rng } = o;
  return Array.from({ length: n }, (_, i) => {
    const { body } = o.signedBody();
    const order = body["order"] as Record<string, unknown>;
    const where = i % 4;
    if (where === 0) order[rng.pick(ORDER_FIELDS)] = wrongValue(rng);
    else if (where === 1) body["orderType"] = wrongValue(rng);
    else if (where === 2) body["postOnly"] = rng.pick(["true", 1, null, {}, "false"]);
    else body["order"] = wrongValue(rng);
    return orderCase("wrong-types", i % 10 === 9 ? [body, body] : body);
  });
}

export function missingExtraFields(o: HostileOrders, n: number): HttpCase[] {
  const { rng } = o;
  return Array.from({ length: n }, (_, i) => {
    const { body, hash } = o.signedBody();
    const order = body["order"] as Record<string, unknown>;
    if (i % 3 === 0) {
      // One or more required fields missing.
      const drop = new Set(Array.from({ length: 1 + rng.int(3) }, () => rng.pick(ORDER_FIELDS)));
      body["order"] = Object.fromEntries(Object.entries(order).filter(([field]) => !drop.has(field as never)));
      return orderCase("missing-extra-fields", body);
    }
    if (i % 3 === 1) {
      // Everything missing but a few fields, or the wrapper missing.
      return orderCase("missing-extra-fields", rng.int(2) === 0 ? order : { orderType: "GTC" });
    }
    // Extra fields next to a broken signature: must be refused for the signature, and the extras must not leak anywhere.
    order[rng.pick(["__proto__", "constructor", "prototype", "x".repeat(200), "status", "remaining", "id"])] = {
      polluted: true,
    };
    order["signature"] = rng.hex(65);
    body[rng.pick(["owner", "status", "__proto__", "extra"])] = rng.pick([{ a: 1 }, "x".repeat(500), [1]]);
    return orderCase("missing-extra-fields", body, hash);
  });
}

export function oddNumbers(o: HostileOrders, n: number): HttpCase[] {
  const { rng } = o;
  return Array.from({ length: n }, (_, i) => {
    if (i % 4 === 3) {
      // Signed with a real key over uint256 extremes: the schema passes, the order rules must refuse.
      const field = rng.pick(BOUNDED_FIELDS);
      const [key, maker] = o.funded();
      const value = rng.pick(HUGE_UINTS);
      const order = o.order(maker, { [field]: value });
      const signed = o.sign(key, order);
      return orderCase(
        "odd-numbers",
        { order: orderToJson(signed), orderType: "GTC" },
        o.hash(order),
        `signed ${field}=${value}`,
      );
    }
    const { body } = o.signedBody();
    const order = body["order"] as Record<string, unknown>;
    order[i % 4 === 2 ? "signatureType" : rng.pick(NUMERIC_FIELDS)] = rng.pick(ODD_NUMBERS);
    if (i % 4 === 1) order["side"] = rng.pick([2, -1, 0.5, "buy", "BUY ", "B", 1e308]);
    // Number.MAX_VALUE and 1e308 serialise as numbers; keep them as JSON numbers, not strings.
    return orderCase("odd-numbers", body);
  });
}

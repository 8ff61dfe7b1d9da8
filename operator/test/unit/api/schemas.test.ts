import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { ApiError } from "../../../src/errors.js";
import {
  booksBody,
  conditionIdParam,
  decodeOffsetCursor,
  decodeSeqCursor,
  decodeTradeCursor,
  encodeOffsetCursor,
  encodeTradeCursor,
  historyQuery,
  parse,
  priceQuery,
  tokenQuery,
  tradesQuery,
  userOrdersQuery,
  userTradesQuery,
} from "../../../src/api/schemas.js";

const MAKER = "0x00000000000000000000000000000000000000A1";
const MARKET = `0x${"Ab".repeat(32)}`;

function refused(fn: () => unknown, field: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof ApiError, "must be an ApiError");
    assert.equal(error.code, "INVALID_REQUEST");
    assert.match(error.message, field);
    return true;
  });
}

describe("schemas: GET /data/orders", () => {
  it("accepts a maker, lower-cases ids and defaults limit and all", () => {
    const q = parse(userOrdersQuery, { maker: MAKER, market: MARKET }, "query");
    assert.equal(q.maker, MAKER.toLowerCase());
    assert.equal(q.market, MARKET.toLowerCase());
    assert.equal(q.limit, 100);
    assert.equal(q.all, "false");
  });
  for (const limit of ["0", "501", "-1", "1e2", "0x10", " 5", "5.0", "", "05"])
    it(`refuses limit ${JSON.stringify(limit)}`, () =>
      refused(() => parse(userOrdersQuery, { maker: MAKER, limit }, "query"), /limit/));
  it("refuses a missing or malformed maker", () => {
    refused(() => parse(userOrdersQuery, {}, "query"), /maker/);
    refused(() => parse(userOrdersQuery, { maker: "0x1234" }, "query"), /maker/);
  });
  it("seq cursors are non-negative safe integers in decimal only", () => {
    assert.equal(decodeSeqCursor("42"), 42);
    assert.equal(decodeSeqCursor(undefined), undefined);
    assert.equal(decodeSeqCursor("MA=="), undefined);
    for (const cursor of ["1e308", "9999999999999999999999", "9007199254740993", "-1", "1.5", "0x10", "LTE=", " 1"])
      refused(() => decodeSeqCursor(cursor), /cursor/);
  });
});

describe("schemas: GET /trades and /data/trades", () => {
  it("round-trips a trade cursor", () => {
    const cursor = encodeTradeCursor(1_700_000_000_123, "12:3");
    assert.deepEqual(decodeTradeCursor(cursor), { ms: 1_700_000_000_123, id: "12:3" });
    assert.equal(decodeTradeCursor("MA=="), undefined);
  });
  it("refuses cursors this API did not return", () => {
    for (const cursor of [
      "LTE=",
      "garbage",
      Buffer.from("1e308|1:0").toString("base64url"),
      Buffer.from("5|x").toString("base64url"),
      Buffer.from("99999999999999999999|1:0").toString("base64url"),
    ])
      refused(() => decodeTradeCursor(cursor), /cursor/);
  });
  it("refuses an over-long cursor, a bad market and a bad user", () => {
    refused(() => parse(tradesQuery, { next_cursor: "A".repeat(200) }, "query"), /next_cursor/);
    refused(() => parse(tradesQuery, { market: "0x12" }, "query"), /market/);
    refused(() => parse(userTradesQuery, { user: "nope" }, "query"), /user/);
  });
});

describe("schemas: token ids (book, price, midpoint, spread, last trade)", () => {
  it("accepts canonical decimal ids below 2^256", () => {
    const max = ((1n << 256n) - 1n).toString();
    assert.equal(parse(tokenQuery, { token_id: max }, "query").token_id, max);
    assert.equal(parse(tokenQuery, { token_id: "0" }, "query").token_id, "0");
  });
  for (const token of [(1n << 256n).toString(), "-1", "1e5", "0x1f", "007", "1.0", "", "1".repeat(79)])
    it(`refuses token_id ${JSON.stringify(token.length > 20 ? `${token.slice(0, 8)}…` : token)}`, () =>
      refused(() => parse(tokenQuery, { token_id: token }, "query"), /token_id/));
  it("price needs a side", () => {
    refused(() => parse(priceQuery, { token_id: "1" }, "query"), /side/);
    assert.equal(parse(priceQuery, { token_id: "1", side: "buy" }, "query").side, "buy");
  });
  it("POST /books takes 1 to 500 token ids", () => {
    refused(() => parse(booksBody, []), /body/);
    refused(
      () =>
        parse(
          booksBody,
          Array.from({ length: 501 }, () => ({ token_id: "1" })),
        ),
      /body/,
    );
    refused(() => parse(booksBody, [{ token_id: 5 }]), /0\.token_id/);
    assert.equal(parse(booksBody, [{ token_id: "5" }]).length, 1);
  });
});

describe("schemas: GET /prices-history", () => {
  it("parses timestamps and fidelity as bounded integers", () => {
    const q = parse(historyQuery, { market: "5", startTs: "100", endTs: "200", fidelity: "60" }, "query");
    assert.deepEqual([q.startTs, q.endTs, q.fidelity], [100, 200, 60]);
    assert.equal(parse(historyQuery, { market: "5" }, "query").fidelity, 1);
  });
  it("refuses exponent, negative and oversized numbers", () => {
    refused(() => parse(historyQuery, { market: "5", startTs: "1e3" }, "query"), /startTs/);
    refused(() => parse(historyQuery, { market: "5", endTs: "-5" }, "query"), /endTs/);
    refused(() => parse(historyQuery, { market: "5", fidelity: "100001" }, "query"), /fidelity/);
    refused(() => parse(historyQuery, { market: "5", interval: "2h" }, "query"), /interval/);
  });
});

describe("schemas: path parameters and the markets cursor", () => {
  it("condition ids and order hashes are 32-byte hex", () => {
    assert.equal(parse(conditionIdParam, MARKET, "condition_id"), MARKET.toLowerCase());
    refused(() => parse(conditionIdParam, "0x1234", "condition_id"), /condition_id/);
    refused(() => parse(conditionIdParam, `${MARKET}00`, "condition_id"), /condition_id/);
  });
  it("round-trips the offset cursor and refuses others", () => {
    assert.equal(decodeOffsetCursor(encodeOffsetCursor(500)), 500);
    assert.equal(decodeOffsetCursor(undefined), 0);
    refused(() => decodeOffsetCursor(Buffer.from("1e308").toString("base64")), /cursor/);
    refused(() => decodeOffsetCursor("LTE="), /cursor/);
  });
});

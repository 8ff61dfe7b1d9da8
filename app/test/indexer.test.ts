import { afterEach, describe, expect, it, vi } from "vitest";

import { fetchMarketList, parseMarket } from "../src/data/catalog.ts";
import {
  IndexerError,
  big,
  gql,
  indexerGraphqlUrl,
  indexerProblem,
  items,
  optional,
  strings,
} from "../src/data/indexer.ts";

const URL_ = "http://127.0.0.1:42069/graphql";

function respond(status: number, body: unknown) {
  const fetchMock = vi.fn(async () => new Response(JSON.stringify(body), { status }));
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

afterEach(() => vi.unstubAllGlobals());

const MARKET_ROW = {
  id: "0xaa",
  kind: "binary",
  creator: "0x00000000000000000000000000000000000000c1",
  question: "Will it snow?",
  outcomeNames: ["Yes", "No"],
  rules: "Snow at the airport.",
  category: "Weather",
  endTime: "1800000000",
  reward: "10000000",
  bond: "100000000",
  status: "resolved",
  answer: "0",
  volume: "55000000",
  tradeCount: 3,
  openInterest: "20000000",
  createdBlock: "12",
  outcomes: {
    items: [
      {
        id: "0xc0",
        outcomeIndex: 0,
        name: "Yes",
        yesTokenId: "111",
        noTokenId: "222",
        lastPriceE6: "610000",
        volume: "55000000",
        payoutNumerators: ["1", "0"],
      },
    ],
  },
  oracleQuestion: { state: "settled", proposedAnswer: "0", expiresAt: "1800007200", disputeCount: 1 },
};

describe("indexer client", () => {
  it("says what to configure when no indexer URL is set", () => {
    expect(indexerProblem(undefined)).toMatch(/VITE_INDEXER_URL/);
    expect(indexerProblem("http://x")).toBeUndefined();
  });

  it("builds the GraphQL URL from an absolute URL or a same-origin prefix", () => {
    expect(indexerGraphqlUrl("http://127.0.0.1:42069/", "http://app")).toBe("http://127.0.0.1:42069/graphql");
    expect(indexerGraphqlUrl("/indexer", "http://app:5173")).toBe("http://app:5173/indexer/graphql");
  });

  it("posts the query with its variables and returns the data", async () => {
    const fetchMock = respond(200, { data: { ok: true } });
    await expect(gql("query Q($a: Int!) { ok }", { a: 1 }, URL_)).resolves.toEqual({ ok: true });
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(JSON.parse(String(init.body))).toEqual({ query: "query Q($a: Int!) { ok }", variables: { a: 1 } });
  });

  it("turns GraphQL errors, HTTP errors, bodies without data and network failures into IndexerErrors", async () => {
    respond(200, { errors: [{ message: 'Cannot query field "nope"' }] });
    await expect(gql("{ nope }", {}, URL_)).rejects.toThrow(/Indexer query failed: Cannot query field "nope"/);
    respond(503, {});
    await expect(gql("{ a }", {}, URL_)).rejects.toThrow(/HTTP 503/);
    respond(200, { something: 1 });
    await expect(gql("{ a }", {}, URL_)).rejects.toThrow(IndexerError);
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        throw new TypeError("fetch failed");
      }),
    );
    await expect(gql("{ a }", {}, URL_)).rejects.toThrow(/unreachable \(fetch failed\)/);
  });

  it("field readers convert decimal strings and reject malformed values by name", () => {
    expect(big("123456789012345678901234567890", "x")).toBe(123456789012345678901234567890n);
    expect(big(7, "x")).toBe(7n);
    expect(() => big("1.5", "fill.size")).toThrow(/fill.size is not an integer/);
    expect(optional(null, "x", big)).toBeUndefined();
    expect(() => items({ nope: [] }, "markets")).toThrow(/markets.items is not a list/);
    expect(() => strings(["a", 1], "names")).toThrow(/names\[1\] is not a string/);
  });
});

describe("market catalog", () => {
  it("parses an indexed market with its condition, prices, payouts and oracle state", () => {
    const m = parseMarket(MARKET_ROW);
    expect(m).toMatchObject({
      marketId: "0xaa",
      kind: "binary",
      question: "Will it snow?",
      outcomes: ["Yes", "No"],
      endTime: 1_800_000_000,
      resolved: true,
      answer: 0n,
      volume: 55_000_000n,
      tradeCount: 3,
      conditionIds: ["0xc0"],
      yesTokenIds: [111n],
      noTokenIds: [222n],
      oracle: { state: "settled", proposedAnswer: 0n, expiresAt: 1_800_007_200, disputeCount: 1 },
    });
    expect(m.conditions[0]).toMatchObject({ lastPrice: 610_000n, payouts: [1n, 0n] });
  });

  it("a market without trades or an oracle row has no last price and no oracle state", () => {
    const m = parseMarket({
      ...MARKET_ROW,
      status: "open",
      answer: null,
      oracleQuestion: null,
      outcomes: { items: [{ ...MARKET_ROW.outcomes.items[0], lastPriceE6: null, payoutNumerators: null }] },
    });
    expect(m.resolved).toBe(false);
    expect(m.oracle).toBeUndefined();
    expect(m.conditions[0]?.lastPrice).toBeUndefined();
    expect(m.conditions[0]?.payouts).toBeUndefined();
  });

  it("fetches the list and rejects a row with a malformed amount", async () => {
    respond(200, { data: { markets: { items: [MARKET_ROW] } } });
    await expect(fetchMarketList(URL_)).resolves.toHaveLength(1);
    respond(200, { data: { markets: { items: [{ ...MARKET_ROW, volume: "lots" }] } } });
    await expect(fetchMarketList(URL_)).rejects.toThrow(/market.volume is not an integer/);
  });
});

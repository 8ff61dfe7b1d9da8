import { describe, expect, it } from "vitest";

import {
  type IndexedChange,
  type IndexedFill,
  buildActivity,
  costPositions,
  lastTradeOf,
  parsePortfolio,
} from "../src/data/portfolio.ts";
import { makeMarket } from "./fixtures.ts";

const TX = `0x${"ab".repeat(32)}` as const;

const fillRow = (over: Record<string, unknown>) => ({
  id: `${TX}-1`,
  tokenId: "10",
  side: "buy",
  size: "100000000",
  collateral: "40000000",
  priceE6: "400000",
  fee: "0",
  makerAmountFilled: "40000000",
  takerAmountFilled: "100000000",
  marketId: "0x01",
  blockNumber: "5",
  logIndex: 1,
  timestamp: "1000",
  txHash: TX,
  ...over,
});

/** The first element, or a test failure. */
function first<T>(list: readonly T[]): T {
  const [head] = list;
  if (head === undefined) throw new Error("empty list");
  return head;
}

const DATA = {
  positions: { items: [{ tokenId: "10", balance: "60000000" }] },
  fills: {
    items: [
      // Out of order on purpose: same block, later log first.
      fillRow({
        id: `${TX}-3`,
        side: "sell",
        size: "40000000",
        collateral: "24000000",
        priceE6: "600000",
        makerAmountFilled: "40000000",
        takerAmountFilled: "24000000",
        logIndex: 3,
        timestamp: "1010",
        blockNumber: "6",
      }),
      fillRow({}),
    ],
  },
  positionChanges: {
    items: [
      {
        id: `${TX}-9`,
        kind: "split",
        amount: "5000000",
        payout: null,
        conditionId: "0xc0",
        marketId: "0x01",
        blockNumber: "4",
        timestamp: "900",
        txHash: TX,
      },
    ],
  },
  poolBets: {
    items: [
      {
        id: "7",
        kind: "parlay",
        amount: "2000000",
        odds: "3000000000000",
        status: "open",
        paidOut: "0",
        placedAt: "1100",
        txHash: TX,
      },
    ],
  },
  lpEvents: {
    items: [
      { id: `${TX}-4`, lpId: "2", kind: "deposit", amount: "50000000", blockNumber: "3", timestamp: "800", txHash: TX },
    ],
  },
  accountEvents: {
    items: [
      {
        id: `${TX}-5`,
        kind: "faucetDrip",
        amount: "1000000000",
        marketId: null,
        blockNumber: "2",
        timestamp: "700",
        txHash: TX,
      },
      {
        id: `${TX}-6`,
        kind: "proposalBond",
        amount: "100000000",
        marketId: "0x01",
        blockNumber: "1",
        timestamp: "650",
        txHash: TX,
      },
    ],
  },
};

describe("portfolio from the indexer", () => {
  it("parses balances and puts fills back in event order", () => {
    const p = parsePortfolio(DATA);
    expect(p.positions).toEqual([{ tokenId: 10n, balance: 60_000_000n }]);
    expect(p.fills.map((f) => f.side)).toEqual(["buy", "sell"]);
    expect(p.fills[0]).toMatchObject({ makerAssetId: 0n, takerAssetId: 10n });
    expect(p.fills[1]).toMatchObject({ makerAssetId: 10n, takerAssetId: 0n });
  });

  it("average cost and realized P&L follow the fills: buy 100 @ 40¢, sell 40 @ 60¢", () => {
    const p = parsePortfolio(DATA);
    const costs = costPositions(p.fills, p.changes, [makeMarket()]);
    expect(costs.get(10n)).toEqual({
      shares: 60_000_000n,
      averagePrice: 400_000n,
      costBasis: 24_000_000n,
      realized: 8_000_000n, // 40 × (0.60 − 0.40)
    });
  });

  it("a redemption closes the condition's positions at the payout price", () => {
    const p = parsePortfolio(DATA);
    const market = makeMarket();
    const resolved = makeMarket({
      resolved: true,
      conditions: [{ ...first(market.conditions), payouts: [1n, 0n] }],
    });
    const redeem: IndexedChange = {
      id: "r",
      kind: "redeem",
      amount: 60_000_000n,
      payout: 60_000_000n,
      conditionId: market.conditionIds[0],
      marketId: "0x01",
      block: 9n,
      timestamp: 2000,
      txHash: TX,
    };
    const cost = costPositions(p.fills, [redeem], [resolved]).get(10n);
    // 60 shares held at 40¢ pay 1.00 each: +36 on top of the +8 from the sale.
    expect(cost).toMatchObject({ shares: 0n, costBasis: 0n, realized: 44_000_000n });
    // Without payouts (unresolved) the redemption changes nothing.
    expect(costPositions(p.fills, [redeem], [market]).get(10n)?.shares).toBe(60_000_000n);
  });

  it("fees count: a buy's fee in shares raises the average price", () => {
    const fill: IndexedFill = {
      ...first(parsePortfolio(DATA).fills),
      takerAmountFilled: 100_000_000n,
      fee: 20_000_000n,
    };
    expect(costPositions([fill], [], []).get(10n)?.averagePrice).toBe(500_000n); // 40 tUSD for 80 shares
  });

  it("activity lists trades, splits, bets and LP moves newest first, with names", () => {
    const p = parsePortfolio(DATA);
    const activity = buildActivity(
      p,
      (id) => `token ${id}`,
      (id) => `market ${id}`,
    );
    expect(activity.map((a) => a.kind)).toEqual([
      "combo bet",
      "sold",
      "bought",
      "split",
      "LP deposit",
      "Received 1,000 tUSD from the faucet",
      "Posted a 100 tUSD proposal bond",
    ]);
    expect(activity[6]).toMatchObject({ amount: 100_000_000n, unit: "tUSD", detail: "market 0x01" });
    expect(activity[1]).toMatchObject({ amount: 40_000_000n, unit: "shares", detail: "token 10 at 60¢" });
    expect(activity[3]).toMatchObject({ unit: "tUSD", detail: "market 0x01" });
  });

  it("a NO token's last trade is the complement of the condition's YES price", () => {
    const base = makeMarket();
    const m = makeMarket({ conditions: [{ ...first(base.conditions), lastPrice: 620_000n }] });
    expect(lastTradeOf(m, 10n)).toBe(620_000n);
    expect(lastTradeOf(m, 11n)).toBe(380_000n);
    expect(lastTradeOf(m, 99n)).toBeUndefined();
  });

  it("rejects malformed rows with the field name", () => {
    expect(() => parsePortfolio({ ...DATA, positions: { items: [{ tokenId: "x", balance: "1" }] } })).toThrow(
      /position.tokenId is not an integer/,
    );
  });
});

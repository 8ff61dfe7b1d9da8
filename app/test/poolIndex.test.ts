import { describe, expect, it } from "vitest";

import { parsePoolAccount } from "../src/data/poolIndex.ts";

const TX = `0x${"cd".repeat(32)}`;
const bet = (over: Record<string, unknown>) => ({
  id: "1",
  kind: "single",
  conditionId: "3",
  outcome: 1,
  legs: null,
  amount: "10000000",
  odds: "2500000000000",
  payout: "25000000",
  status: "open",
  paidOut: "0",
  placedAt: "1700000000",
  txHash: TX,
  ...over,
});

describe("pool account from the indexer", () => {
  it("parses single bets, parlays with their legs, and LP positions", () => {
    const { bets, lps } = parsePoolAccount({
      poolBets: {
        items: [
          bet({}),
          bet({
            id: "2",
            kind: "parlay",
            conditionId: null,
            outcome: null,
            legs: [
              { conditionId: "3", outcome: "0", odds: "1900000000000" },
              { conditionId: "4", outcome: "2", odds: "3100000000000" },
            ],
            status: "lost",
          }),
        ],
      },
      lpPositions: {
        items: [{ id: "5", deposited: "50000000", withdrawn: "10000000", closed: false, depositedAt: "1699999999" }],
      },
    });
    expect(bets[0]).toMatchObject({
      betId: 1n,
      kind: "single",
      legs: [{ conditionId: 3n, outcome: 1 }],
      conditionId: 3n,
      outcome: 1,
      odds: 2_500_000_000_000n,
      status: "open",
    });
    expect(bets[1]).toMatchObject({
      betId: 2n,
      kind: "parlay",
      conditionId: 0n,
      legs: [
        { conditionId: 3n, outcome: 0 },
        { conditionId: 4n, outcome: 2 },
      ],
      status: "lost",
    });
    expect(lps).toEqual([
      { lpId: 5n, deposited: 50_000_000n, withdrawn: 10_000_000n, closed: false, depositedAt: 1_699_999_999 },
    ]);
  });

  it("names the field of a malformed row", () => {
    expect(() =>
      parsePoolAccount({ poolBets: { items: [bet({ amount: null })] }, lpPositions: { items: [] } }),
    ).toThrow(/bet.amount is not an integer/);
    expect(() =>
      parsePoolAccount({
        poolBets: { items: [bet({ kind: "parlay", legs: [{ conditionId: "x", outcome: "0" }] })] },
        lpPositions: { items: [] },
      }),
    ).toThrow(/bet.legs\[0\].conditionId/);
  });
});

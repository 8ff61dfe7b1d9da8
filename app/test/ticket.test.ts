import { SHARE_UNIT } from "@forkcast/shared";
import { describe, expect, it } from "vitest";

import { averagePriceCell, ownLevels, quoteTicket, sizePresets } from "../src/lib/ticket.ts";

const c = (cents: number) => BigInt(cents * 10_000);
const s = (shares: number) => BigInt(shares) * SHARE_UNIT;
const book = {
  bids: [{ price: c(45), size: s(100) }],
  asks: [
    { price: c(50), size: s(10) },
    { price: c(60), size: s(100) },
  ],
};

describe("trade ticket quote", () => {
  it("quotes a market buy with payout and impact warning", () => {
    const q = quoteTicket({ side: "buy", type: "market", amount: "11", limitCents: "", tif: "FAK", ...book });
    expect(q.ok).toBe(true);
    expect(q.shares).toBe(s(20));
    expect(q.payoutIfRight).toBe(s(20));
    expect(q.impactWarning).toBe(true);
  });
  it("quotes a limit buy from shares and price", () => {
    const q = quoteTicket({ side: "buy", type: "limit", amount: "10", limitCents: "40", tif: "GTC", ...book });
    expect(q).toMatchObject({ ok: true, shares: s(10), collateral: s(4), payoutIfRight: s(10) });
  });
  it("explains why an order cannot be placed", () => {
    expect(
      quoteTicket({ side: "buy", type: "limit", amount: "10", limitCents: "120", tif: "GTC", ...book }).reason,
    ).toMatch(/between/);
    expect(
      quoteTicket({ side: "sell", type: "market", amount: "5", limitCents: "", tif: "FOK", bids: [], asks: [] }).reason,
    ).toBe("No buyers in the book");
    expect(quoteTicket({ side: "buy", type: "market", amount: "0", limitCents: "", tif: "FOK", ...book }).ok).toBe(
      false,
    );
    expect(
      quoteTicket({ side: "buy", type: "market", amount: "1000", limitCents: "", tif: "FOK", ...book }).reason,
    ).toBe("Fill-or-kill: the book fills only 65.00 tUSD of 1,000.00 tUSD; use FAK to take what is there");
  });
  it("offers size presets per mode", () => {
    expect(sizePresets("buy", "market")).toEqual(["10", "50", "100", "500"]);
    expect(sizePresets("sell", "limit")).toHaveLength(4);
  });
});

describe("ticket checks against the trader's own orders and balance", () => {
  it("refuses a limit buy above the balance before any approval, in tUSD", () => {
    const q = quoteTicket({
      side: "buy",
      type: "limit",
      amount: "5000",
      limitCents: "50",
      tif: "GTC",
      ...book,
      balance: 974_787_913n,
    });
    expect(q.ok).toBe(false);
    expect(q.reason).toBe("Not enough tUSD: you have 974.78 tUSD, this order costs 2,500.00 tUSD");
  });
  it("refuses a market buy above the balance with a balance message, not a fill-or-kill one", () => {
    const q = quoteTicket({
      side: "buy",
      type: "market",
      amount: "2000",
      limitCents: "",
      tif: "FOK",
      ...book,
      balance: s(974),
    });
    expect(q.reason).toBe("Not enough tUSD: you have 974.00 tUSD, this order costs 2,000.00 tUSD");
  });
  it("refuses a market sell of more shares than held, in shares", () => {
    const q = quoteTicket({
      side: "sell",
      type: "market",
      amount: "30",
      limitCents: "",
      tif: "FOK",
      ...book,
      balance: s(12),
    });
    expect(q.ok).toBe(false);
    expect(q.reason).toBe("Not enough shares: you have 12.00 shares, this order sells 30.00 shares");
  });
  it("refuses a limit sell of more shares than held", () => {
    const q = quoteTicket({
      side: "sell",
      type: "limit",
      amount: "30",
      limitCents: "70",
      tif: "GTC",
      ...book,
      balance: s(12),
    });
    expect(q.reason).toBe("Not enough shares: you have 12.00 shares, this order sells 30.00 shares");
  });
  it("accepts an order the balance covers exactly", () => {
    const q = quoteTicket({
      side: "buy",
      type: "limit",
      amount: "10",
      limitCents: "50",
      tif: "GTC",
      ...book,
      balance: s(5),
    });
    expect(q.ok).toBe(true);
  });
  it("leaves the trader's own resting asks out of a market buy preview", () => {
    const own = { bids: [], asks: [{ price: c(50), size: s(10) }] };
    const q = quoteTicket({ side: "buy", type: "market", amount: "6", limitCents: "", tif: "FAK", ...book, own });
    // Without the own 10 shares at 50¢, 6 tUSD buys 10 shares at 60¢.
    expect(q).toMatchObject({ ok: true, shares: s(10), selfTradeExcluded: s(10) });
  });
  it("says self-trade prevention applies when only the trader's own orders are on the other side", () => {
    const own = { bids: [], asks: book.asks };
    const q = quoteTicket({ side: "buy", type: "market", amount: "6", limitCents: "", tif: "FAK", ...book, own });
    expect(q.ok).toBe(false);
    expect(q.reason).toMatch(/self-trade prevention/);
  });
});

describe("ticket limit price on the market's tick", () => {
  it("refuses a limit price off the tick with the one tick message", () => {
    const q = quoteTicket({ side: "buy", type: "limit", amount: "10", limitCents: "55.5", tif: "GTC", ...book });
    expect(q.reason).toBe("Price must be a multiple of 1¢ (the market's tick)");
    const fine = quoteTicket({
      side: "buy",
      type: "limit",
      amount: "10",
      limitCents: "55.5",
      tif: "GTC",
      ...book,
      tickSize: c(0.1),
    });
    expect(fine.ok).toBe(true);
  });
  it("ignores the limit price of a market order, so no limit-price message survives a switch to Market", () => {
    const q = quoteTicket({ side: "buy", type: "market", amount: "5", limitCents: "55.5", tif: "FOK", ...book });
    expect(q.ok).toBe(true);
    expect(q.reason).toBeUndefined();
  });
});

describe("market-order average price from the book", () => {
  it("walks the levels for the average even when the order is over the balance", () => {
    const q = quoteTicket({
      side: "buy",
      type: "market",
      amount: "11",
      limitCents: "",
      tif: "FOK",
      ...book,
      balance: s(1),
    });
    expect(q.ok).toBe(false);
    // 10 shares at 50¢ (5 tUSD) + 10 at 60¢ (6 tUSD): 20 shares for 11 tUSD, 55¢ on average.
    expect(q.shares).toBe(s(20));
    expect(averagePriceCell(q, "market")).toEqual({ text: "55¢" });
  });
  it("shows the average of what a fill-or-kill could fill beside the reason it cannot", () => {
    const q = quoteTicket({ side: "sell", type: "market", amount: "150", limitCents: "", tif: "FOK", ...book });
    expect(q.ok).toBe(false);
    expect(averagePriceCell(q, "market").text).toBe("45¢");
  });
  it("shows — with the reason only when the book cannot fill anything", () => {
    const q = quoteTicket({ side: "buy", type: "market", amount: "5", limitCents: "", tif: "FOK", bids: [], asks: [] });
    expect(averagePriceCell(q, "market")).toEqual({ text: "—", why: "No sellers in the book" });
  });
  it("shows a plain — before an amount is entered", () => {
    const q = quoteTicket({ side: "buy", type: "market", amount: "", limitCents: "", tif: "FOK", ...book });
    expect(averagePriceCell(q, "market")).toEqual({ text: "—" });
  });
});

describe("own orders as book levels", () => {
  it("sums the remaining size per price and side of one token", () => {
    const o = (tokenId: bigint, side: "BUY" | "SELL", cents: number, shares: number) => ({
      tokenId,
      side,
      price: c(cents),
      remaining: s(shares),
    });
    const levels = ownLevels(
      [o(1n, "SELL", 50, 3), o(1n, "SELL", 50, 2), o(1n, "BUY", 40, 1), o(2n, "SELL", 50, 9)],
      1n,
    );
    expect(levels).toEqual({ bids: [{ price: c(40), size: s(1) }], asks: [{ price: c(50), size: s(5) }] });
  });
});

import { SHARE_UNIT } from "@forkcast/shared";
import { describe, expect, it } from "vitest";

import { quoteTicket, sizePresets } from "../src/lib/ticket.ts";

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
    ).toMatch(/Fill-or-kill/);
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

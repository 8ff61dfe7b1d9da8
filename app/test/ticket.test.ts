import { describe, expect, it } from "vitest";

import { quoteTicket, sizePresets } from "../src/lib/ticket.ts";

const c = (cents: number) => BigInt(cents * 10_000);
const s = (shares: number) => BigInt(shares) * 1_000_000n;
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

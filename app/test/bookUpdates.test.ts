import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";

import { handleMarketMessage } from "../src/data/marketSocket.ts";
import type { Book } from "../src/data/operator.ts";
import { applyPriceChanges } from "../src/lib/bookUpdates.ts";

const BOOK = {
  bids: [
    { price: 450_000n, size: 5_000_000n },
    { price: 400_000n, size: 1_000_000n },
  ],
  asks: [{ price: 550_000n, size: 2_000_000n }],
};

describe("applyPriceChanges", () => {
  it("updates, inserts in best-first order and removes levels", () => {
    const next = applyPriceChanges(BOOK, [
      { side: "BUY", price: 450_000n, size: 0n },
      { side: "BUY", price: 420_000n, size: 3_000_000n },
      { side: "SELL", price: 530_000n, size: 1_000_000n },
      { side: "SELL", price: 550_000n, size: 7_000_000n },
    ]);
    expect(next.bids).toEqual([
      { price: 420_000n, size: 3_000_000n },
      { price: 400_000n, size: 1_000_000n },
    ]);
    expect(next.asks).toEqual([
      { price: 530_000n, size: 1_000_000n },
      { price: 550_000n, size: 7_000_000n },
    ]);
  });
  it("does not mutate the input book", () => {
    applyPriceChanges(BOOK, [{ side: "SELL", price: 550_000n, size: 0n }]);
    expect(BOOK.asks).toHaveLength(1);
  });
});

describe("market channel messages", () => {
  it("a book snapshot replaces the cache, a price_change patches it, a trade refetches trades", () => {
    const qc = new QueryClient();
    handleMarketMessage(qc, "0xc1", {
      event_type: "book",
      asset_id: "7",
      bids: [{ price: "0.4", size: "10" }],
      asks: [{ price: "0.6", size: "5" }],
    });
    expect(qc.getQueryData<Book>(["book", "7"])?.asks).toEqual([{ price: 600_000n, size: 5_000_000n }]);
    handleMarketMessage(qc, "0xc1", {
      event_type: "price_change",
      asset_id: "7",
      price_changes: [
        { side: "SELL", price: "0.6", size: "0" },
        { side: "BUY", price: "0.45", size: "2" },
      ],
    });
    const book = qc.getQueryData<Book>(["book", "7"]);
    expect(book?.asks).toEqual([]);
    expect(book?.bids.map((l) => l.price)).toEqual([450_000n, 400_000n]);
    qc.setQueryData(["trades", "0xc1"], []);
    handleMarketMessage(qc, "0xc1", { event_type: "last_trade_price", asset_id: "7", price: "0.6" });
    expect(qc.getQueryState(["trades", "0xc1"])?.isInvalidated).toBe(true);
  });
});

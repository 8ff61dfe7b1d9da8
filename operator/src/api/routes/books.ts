/** Book routes: order book snapshots, best prices, midpoint, spread, last trade and price history per token. */
import { formatUnits6, PRICE_SCALE_NUMBER } from "@forkcast/shared";

import { ApiError } from "../../errors.js";
import type { OperatorApi } from "../facade.js";
import { jsonBody, type RouteModule } from "../request.js";
import { booksBody, historyQuery, INTERVAL_SECONDS, parse, priceQuery, tokenQuery } from "../schemas.js";

function bookFor(api: OperatorApi, tokenId: string): Record<string, unknown> {
  const market = api.markets.byTokenId(tokenId)?.market;
  if (!market) throw new ApiError("MARKET_NOT_FOUND", `no market trades token ${tokenId}`);
  const { event_type: _eventType, ...rest } = api.bookMessage(BigInt(tokenId), "book");
  return {
    ...rest,
    tick_size: formatUnits6(BigInt(market.tickSize)),
    min_order_size: formatUnits6(market.minSize),
    neg_risk: false,
  };
}

function best(api: OperatorApi, tokenId: string): { bid: bigint | undefined; ask: bigint | undefined } {
  const prices = api.bestPrices(tokenId);
  if (!prices) throw new ApiError("MARKET_NOT_FOUND", `no market trades token ${tokenId}`);
  return prices;
}

export const bookRoutes: RouteModule = (app, api) => {
  app.get("/book", (c) => c.json(bookFor(api, parse(tokenQuery, c.req.query(), "query").token_id)));
  app.post("/books", async (c) => {
    const body = parse(booksBody, await jsonBody(c));
    return c.json(body.map((q) => bookFor(api, q.token_id)));
  });
  app.get("/price", (c) => {
    const q = parse(priceQuery, c.req.query(), "query");
    const prices = best(api, q.token_id);
    // BUY: the best price a buyer pays (lowest ask); SELL: the best a seller gets (highest bid).
    const price = q.side.toUpperCase() === "BUY" ? prices.ask : prices.bid;
    if (price === undefined) throw new ApiError("ORDER_NOT_FOUND", "no orders on that side of the book");
    return c.json({ price: formatUnits6(price) });
  });
  app.get("/midpoint", (c) => {
    const prices = best(api, parse(tokenQuery, c.req.query(), "query").token_id);
    if (prices.bid === undefined || prices.ask === undefined)
      throw new ApiError("ORDER_NOT_FOUND", "midpoint needs both a bid and an ask");
    return c.json({ mid: formatUnits6((prices.bid + prices.ask) / 2n) });
  });
  app.get("/spread", (c) => {
    const prices = best(api, parse(tokenQuery, c.req.query(), "query").token_id);
    if (prices.bid === undefined || prices.ask === undefined)
      throw new ApiError("ORDER_NOT_FOUND", "spread needs both a bid and an ask");
    return c.json({ spread: formatUnits6(prices.ask - prices.bid) });
  });
  app.get("/last-trade-price", (c) => {
    const tokenId = parse(tokenQuery, c.req.query(), "query").token_id;
    if (!api.markets.byTokenId(tokenId)) throw new ApiError("MARKET_NOT_FOUND", `no market trades token ${tokenId}`);
    return c.json(api.lastTradePrice(tokenId) ?? { price: "0", side: "" });
  });
  app.get("/prices-history", async (c) => {
    const q = parse(historyQuery, c.req.query(), "query");
    const entry = api.markets.byTokenId(q.market);
    if (!entry) throw new ApiError("MARKET_NOT_FOUND", `no market trades token ${q.market}`);
    const nowS = Math.floor(Date.now() / 1000);
    const endS = q.endTs ?? nowS;
    const span = INTERVAL_SECONDS[q.interval ?? "max"];
    const startS = q.startTs ?? (Number.isFinite(span) ? Math.max(0, endS - span) : 0);
    if (startS > endS) throw new ApiError("INVALID_REQUEST", "startTs must not be after endTs");
    const rows = await api.priceHistory(entry.market.id, startS * 1000, endS * 1000 + 999, q.fidelity * 60);
    const history = rows.map((r) => ({
      t: Number(r.t),
      p: Number(entry.outcome === 0 ? r.p : PRICE_SCALE_NUMBER - r.p) / PRICE_SCALE_NUMBER,
    }));
    return c.json({ history });
  });
};

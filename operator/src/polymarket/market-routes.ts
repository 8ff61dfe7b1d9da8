/**
 * Polymarket's public market-data routes: markets (full and simplified, all and sampling),
 * books, prices, midpoints, spreads, last trades, tick size, neg-risk and fee rate. Answered
 * from the in-memory market feed; a quiet side answers "" rather than an error.
 */
import { formatUnits6 } from "@forkcast/shared";
import type { Context, Hono } from "hono";
import { z } from "zod";

import { MAX_CANCEL_BODY_BYTES } from "../api/http.js";
import { ApiError } from "../errors.js";
import type { Market } from "../markets.js";
import { parseJson } from "./auth.js";
import {
  bytes32,
  entryOf,
  limit,
  page,
  parse,
  sideSchema,
  tokenListBody,
  tokenQuery,
  type PolymarketDeps,
} from "./route-helpers.js";
import { bookSummary, simplifiedMarket } from "./views.js";

const MARKETS_PAGE = 500;
/** What `/version` answers: the order version the client should sign (V1 = this exchange's Order struct). */
export const CLOB_VERSION = 1;

export function marketDataRoutes(app: Hono, deps: PolymarketDeps): void {
  const { core } = deps;
  const small = limit(MAX_CANCEL_BODY_BYTES);
  const entry = (token: string) => entryOf(core, token);
  const tickText = (market: Market): string => formatUnits6(BigInt(market.tickSize));
  /** Best bid and ask of a registered token (MARKET_NOT_FOUND otherwise). */
  const best = (token: string) => {
    entry(token);
    return core.feed.bestPrices(token);
  };
  const price = (token: string, side: "BUY" | "SELL"): string => {
    // BUY: what a buyer pays (best ask); SELL: what a seller gets (best bid). "" for an empty side.
    const b = best(token);
    const quote = side === "BUY" ? b?.ask : b?.bid;
    return quote === undefined ? "" : formatUnits6(quote);
  };
  const mid = (token: string): string => {
    const b = best(token);
    return b?.bid !== undefined && b.ask !== undefined ? formatUnits6((b.bid + b.ask) / 2n) : "";
  };
  const spread = (token: string): string => {
    const b = best(token);
    return b?.bid !== undefined && b.ask !== undefined ? formatUnits6(b.ask - b.bid) : "";
  };
  const lastTrade = (token: string): { price: string; side: string } => {
    entry(token);
    return core.feed.lastTradePrice(token) ?? { price: "", side: "" };
  };

  const book = async (token: string): Promise<Record<string, unknown>> => {
    const { market } = entry(token);
    const levels = core.feed.levels(token);
    return bookSummary({
      market: market.id,
      assetId: token,
      timestampMs: Date.now(),
      bestFirst: { bids: levels?.bids ?? [], asks: levels?.asks ?? [] },
      minOrderSize: formatUnits6(market.minSize),
      tickSize: tickText(market),
      negRisk: await deps.negRisk(BigInt(token)),
      lastTradePrice: lastTrade(token).price,
    });
  };

  const marketView = async (market: Market): Promise<Record<string, unknown>> => {
    const negRisk = await deps.negRisk(market.tokens[0]);
    return {
      condition_id: market.id,
      question_id: "",
      question: market.question,
      description: market.question,
      market_slug: "",
      active: market.open,
      closed: !market.open,
      archived: false,
      accepting_orders: market.open,
      enable_order_book: true,
      minimum_order_size: formatUnits6(market.minSize),
      minimum_tick_size: tickText(market),
      maker_base_fee: market.feeRateBps,
      taker_base_fee: market.feeRateBps,
      neg_risk: negRisk,
      tokens: market.tokens.map((token, i) => ({
        token_id: token.toString(),
        outcome: i === 0 ? "Yes" : "No",
        price: Number(mid(token.toString()) || lastTrade(token.toString()).price || "0"),
        winner: false,
      })),
      rewards: { rates: null, min_size: 0, max_spread: 0 },
    };
  };
  const simplified = (market: Market): Record<string, unknown> =>
    simplifiedMarket(market, [mid(market.tokens[0].toString()) || "0", mid(market.tokens[1].toString()) || "0"]);

  app.get("/version", (c) => c.json({ version: CLOB_VERSION }));
  app.get("/ok", (c) => c.json("OK"));

  const listOf =
    (sampling: boolean, view: (market: Market) => Record<string, unknown> | Promise<Record<string, unknown>>) =>
    async (c: Context) => {
      const all = core.markets.all().filter((m) => !sampling || m.open);
      const { items, next } = page(all, c.req.query("next_cursor"), MARKETS_PAGE);
      return c.json({
        limit: MARKETS_PAGE,
        count: items.length,
        next_cursor: next,
        data: await Promise.all(items.map(view)),
      });
    };
  app.get("/markets", listOf(false, marketView));
  app.get("/sampling-markets", listOf(true, marketView));
  app.get("/simplified-markets", listOf(false, simplified));
  app.get("/sampling-simplified-markets", listOf(true, simplified));
  app.get("/markets/:condition_id", async (c) => {
    const id = parse(bytes32, c.req.param("condition_id"));
    const market = core.markets.get(id);
    if (!market) throw new ApiError("MARKET_NOT_FOUND", `no market ${id}`);
    return c.json(await marketView(market));
  });

  const token = (c: Context): string => parse(tokenQuery, c.req.query()).token_id;
  app.get("/book", async (c) => c.json(await book(token(c))));
  app.get("/tick-size", (c) => c.json({ minimum_tick_size: Number(tickText(entry(token(c)).market)) }));
  app.get("/neg-risk", async (c) => {
    const t = token(c);
    entry(t);
    return c.json({ neg_risk: await deps.negRisk(BigInt(t)) });
  });
  app.get("/fee-rate", (c) => c.json({ base_fee: entry(token(c)).market.feeRateBps }));
  app.get("/midpoint", (c) => c.json({ mid: mid(token(c)) }));
  app.get("/price", (c) => {
    const q = parse(tokenQuery.extend({ side: sideSchema }), c.req.query());
    return c.json({ price: price(q.token_id, q.side) });
  });
  app.get("/spread", (c) => c.json({ spread: spread(token(c)) }));
  app.get("/last-trade-price", (c) => c.json(lastTrade(token(c))));

  const tokenList = async (c: Context) => parse(tokenListBody, parseJson(await c.req.text()));
  app.post("/books", small, async (c) => c.json(await Promise.all((await tokenList(c)).map((q) => book(q.token_id)))));
  app.post("/midpoints", small, async (c) =>
    c.json(Object.fromEntries((await tokenList(c)).map((q) => [q.token_id, mid(q.token_id)]))),
  );
  app.post("/spreads", small, async (c) =>
    c.json(Object.fromEntries((await tokenList(c)).map((q) => [q.token_id, spread(q.token_id)]))),
  );
  app.post("/prices", small, async (c) => {
    const body = parse(
      z
        .array(tokenQuery.extend({ side: sideSchema }))
        .min(1)
        .max(500),
      parseJson(await c.req.text()),
    );
    const result: Record<string, Record<string, string>> = {};
    for (const q of body) (result[q.token_id] ??= {})[q.side] = price(q.token_id, q.side);
    return c.json(result);
  });
  app.post("/last-trades-prices", small, async (c) =>
    c.json((await tokenList(c)).map((q) => ({ token_id: q.token_id, ...lastTrade(q.token_id) }))),
  );
}

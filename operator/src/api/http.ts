/**
 * REST API (Hono). Resource names and JSON shapes follow Polymarket's CLOB API where they fit;
 * the reference is docs/operator-api.md. Every request body and query is parsed with a schema;
 * every error is `{ error: CODE, message }` with a 4xx status.
 */
import { formatUnits6, PRICE_SCALE } from "@forkcast/shared";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";

import { ApiError } from "../errors.js";
import { cancelSchema, MAX_BATCH_ORDERS, postOrderSchema, postOrdersSchema } from "../intake/schema.js";
import type { Market } from "../markets.js";
import { RateLimitedError } from "../ratelimit.js";
import type { OperatorService } from "../service.js";

export const MAX_ORDER_BODY_BYTES = 16 * 1024;
export const MAX_BATCH_BODY_BYTES = MAX_BATCH_ORDERS * 4 * 1024;
export const MAX_CANCEL_BODY_BYTES = 64 * 1024;
/** Marks the end of a paginated list, as Polymarket does. */
export const END_CURSOR = "LTE=";

const tokenQuery = z.object({ token_id: z.string().regex(/^\d{1,78}$/, "token_id must be a decimal uint256") });
const bytes32 = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/)
  .transform((s) => s.toLowerCase());
const addressParam = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/)
  .transform((s) => s.toLowerCase());
const limitParam = z.coerce.number().int().min(1).max(500).default(100);

const INTERVAL_SECONDS = {
  "1m": 60,
  "1h": 3_600,
  "6h": 21_600,
  "1d": 86_400,
  "1w": 604_800,
  max: Number.POSITIVE_INFINITY,
} as const;
const historyQuery = z.object({
  market: z.string().regex(/^\d{1,78}$/, "market must be a token id"),
  interval: z.enum(["1m", "1h", "6h", "1d", "1w", "max"]).optional(),
  startTs: z.coerce.number().int().min(0).optional(),
  endTs: z.coerce.number().int().min(0).optional(),
  fidelity: z.coerce.number().int().min(1).max(100_000).default(1),
});

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ApiError(
      "INVALID_REQUEST",
      result.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "),
    );
  }
  return result.data;
}

async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new ApiError("INVALID_REQUEST", "body must be JSON");
  }
}

function encodeCursor(ms: number, id: string): string {
  return Buffer.from(`${ms}|${id}`).toString("base64url");
}

function decodeCursor(cursor: string | undefined): { ms: number; id: string } | undefined {
  if (!cursor || cursor === "MA==") return undefined;
  if (cursor === END_CURSOR)
    throw new ApiError("INVALID_REQUEST", "next_cursor LTE= marks the end: there are no more results");
  const [ms, id] = Buffer.from(cursor, "base64url").toString().split("|");
  if (!ms || !id || !Number.isFinite(Number(ms)))
    throw new ApiError("INVALID_REQUEST", "next_cursor is not a cursor this API returned");
  return { ms: Number(ms), id };
}

export function marketView(market: Market): Record<string, unknown> {
  return {
    condition_id: market.id,
    question: market.question,
    active: market.open,
    closed: !market.open,
    accepting_orders: market.open,
    minimum_order_size: formatUnits6(market.minSize),
    minimum_tick_size: formatUnits6(BigInt(market.tickSize)),
    maker_base_fee: market.feeRateBps,
    taker_base_fee: market.feeRateBps,
    tokens: [
      { token_id: market.tokens[0].toString(), outcome: "Yes" },
      { token_id: market.tokens[1].toString(), outcome: "No" },
    ],
  };
}

/** `mount` adds routes that take precedence over these (the Polymarket CLOB surface). */
export function createHttpApp(service: OperatorService, mount?: (app: Hono) => void): Hono {
  const app = new Hono();

  app.onError((error, c) => {
    if (error instanceof RateLimitedError) c.header("Retry-After", String(error.retryAfterSeconds));
    if (error instanceof ApiError) return c.json(error.toJSON(), error.status as 400);
    service.log.error("unhandled API error", { error: String(error), path: c.req.path });
    return c.json({ error: "SERVICE_UNAVAILABLE", message: "internal error; the request was not applied" }, 503);
  });
  app.notFound((c) => c.json({ error: "INVALID_REQUEST", message: `no route ${c.req.method} ${c.req.path}` }, 404));
  mount?.(app);

  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c) => c.json(new ApiError("PAYLOAD_TOO_LARGE", `request body exceeds ${maxSize} bytes`).toJSON(), 413),
    });

  app.get("/", (c) => c.json({ service: "forkcast-operator", docs: "docs/operator-api.md" }));
  app.get("/time", (c) => c.json(Math.floor(Date.now() / 1000)));
  app.get("/health", (c) =>
    c.json({
      ok: true,
      db: service.store.db.kind,
      chainId: service.config.chainId,
      exchange: service.chain.book.exchange,
    }),
  );

  // ---------------------------------------------------------------- markets
  app.get("/markets", (c) => {
    const cursor = c.req.query("next_cursor");
    const offset = cursor && cursor !== "MA==" ? Number(Buffer.from(cursor, "base64").toString()) : 0;
    if (!Number.isInteger(offset) || offset < 0) throw new ApiError("INVALID_REQUEST", "invalid next_cursor");
    const all = service.markets.all();
    const page = all.slice(offset, offset + 500);
    const next =
      offset + page.length < all.length ? Buffer.from(String(offset + page.length)).toString("base64") : END_CURSOR;
    return c.json({ limit: 500, count: page.length, next_cursor: next, data: page.map(marketView) });
  });
  app.get("/markets/:condition_id", (c) => {
    const id = parse(bytes32, c.req.param("condition_id"));
    const market = service.markets.get(id);
    if (!market) throw new ApiError("MARKET_NOT_FOUND", `no market ${id}`);
    return c.json(marketView(market));
  });

  // ---------------------------------------------------------------- book and prices
  const bookFor = (tokenId: string) => {
    const message = service.bookMessage(BigInt(tokenId), "book");
    const market = service.markets.byTokenId(tokenId)?.market;
    if (!market) throw new ApiError("MARKET_NOT_FOUND", `no market trades token ${tokenId}`);
    const { event_type: _eventType, ...rest } = message;
    return {
      ...rest,
      tick_size: formatUnits6(BigInt(market.tickSize)),
      min_order_size: formatUnits6(market.minSize),
      neg_risk: false,
    };
  };
  app.get("/book", (c) => c.json(bookFor(parse(tokenQuery, c.req.query()).token_id)));
  app.post("/books", limit(MAX_CANCEL_BODY_BYTES), async (c) => {
    const body = parse(z.array(tokenQuery).min(1).max(500), await jsonBody(c));
    return c.json(body.map((q) => bookFor(q.token_id)));
  });

  const best = (tokenId: string) => {
    const prices = service.bestPrices(BigInt(tokenId));
    if (!prices) throw new ApiError("MARKET_NOT_FOUND", `no market trades token ${tokenId}`);
    return prices;
  };
  app.get("/price", (c) => {
    const q = parse(tokenQuery.extend({ side: z.enum(["BUY", "SELL", "buy", "sell"]) }), c.req.query());
    const prices = best(q.token_id);
    // BUY: the best price a buyer pays (lowest ask); SELL: the best a seller gets (highest bid).
    const price = q.side.toUpperCase() === "BUY" ? prices.ask : prices.bid;
    if (price === undefined) throw new ApiError("ORDER_NOT_FOUND", "no orders on that side of the book");
    return c.json({ price: formatUnits6(price) });
  });
  app.get("/midpoint", (c) => {
    const prices = best(parse(tokenQuery, c.req.query()).token_id);
    if (prices.bid === undefined || prices.ask === undefined)
      throw new ApiError("ORDER_NOT_FOUND", "midpoint needs both a bid and an ask");
    return c.json({ mid: formatUnits6((prices.bid + prices.ask) / 2n) });
  });
  app.get("/spread", (c) => {
    const prices = best(parse(tokenQuery, c.req.query()).token_id);
    if (prices.bid === undefined || prices.ask === undefined)
      throw new ApiError("ORDER_NOT_FOUND", "spread needs both a bid and an ask");
    return c.json({ spread: formatUnits6(prices.ask - prices.bid) });
  });
  app.get("/last-trade-price", (c) => {
    const tokenId = parse(tokenQuery, c.req.query()).token_id;
    if (!service.markets.byTokenId(tokenId))
      throw new ApiError("MARKET_NOT_FOUND", `no market trades token ${tokenId}`);
    return c.json(service.lastTradePrice(BigInt(tokenId)) ?? { price: "0", side: "" });
  });
  app.get("/prices-history", async (c) => {
    const q = parse(historyQuery, c.req.query());
    const entry = service.markets.byTokenId(q.market);
    if (!entry) throw new ApiError("MARKET_NOT_FOUND", `no market trades token ${q.market}`);
    const nowS = Math.floor(Date.now() / 1000);
    const endS = q.endTs ?? nowS;
    const span = INTERVAL_SECONDS[q.interval ?? "max"];
    const startS = q.startTs ?? (Number.isFinite(span) ? endS - span : 0);
    const rows = await service.store.priceHistory(entry.market.id, startS * 1000, endS * 1000 + 999, q.fidelity * 60);
    const history = rows.map((r) => ({
      t: Number(r.t),
      p: Number(entry.outcome === 0 ? r.p : Number(PRICE_SCALE) - r.p) / 1e6,
    }));
    return c.json({ history });
  });

  // ---------------------------------------------------------------- trades and user data
  app.get("/trades", async (c) => {
    const q = parse(
      z.object({
        market: bytes32.optional(),
        maker_address: addressParam.optional(),
        limit: limitParam,
        next_cursor: z.string().optional(),
      }),
      c.req.query(),
    );
    const rows = await service.store.trades({
      market: q.market,
      user: q.maker_address,
      limit: q.limit,
      before: decodeCursor(q.next_cursor),
    });
    const last = rows[rows.length - 1];
    return c.json({
      data: rows.map((r) => service.tradeView(r)),
      next_cursor: rows.length === q.limit && last ? encodeCursor(last.created_ms, last.id) : END_CURSOR,
    });
  });
  app.get("/data/orders", async (c) => {
    const q = parse(
      z.object({
        maker: addressParam,
        market: bytes32.optional(),
        all: z.enum(["true", "false"]).default("false"),
        limit: limitParam,
        next_cursor: z.string().optional(),
      }),
      c.req.query(),
    );
    const before = q.next_cursor && q.next_cursor !== "MA==" ? Number(q.next_cursor) : undefined;
    if (q.next_cursor === END_CURSOR || (before !== undefined && !Number.isInteger(before)))
      throw new ApiError("INVALID_REQUEST", "invalid next_cursor");
    const rows = await service.store.userOrders(q.maker, {
      market: q.market,
      openOnly: q.all === "false",
      limit: q.limit,
      beforeSeq: before,
    });
    const last = rows[rows.length - 1];
    return c.json({
      data: rows.map((row) => service.orderView(service.trackedRow(row.hash) ?? row)),
      next_cursor: rows.length === q.limit && last ? String(last.seq) : END_CURSOR,
    });
  });
  app.get("/data/order/:hash", async (c) => {
    const hash = parse(bytes32, c.req.param("hash"));
    const row = service.trackedRow(hash) ?? (await service.store.order(hash));
    if (!row) throw new ApiError("ORDER_NOT_FOUND", `no order ${hash}`);
    return c.json(service.orderView(row));
  });
  app.get("/data/trades", async (c) => {
    const q = parse(
      z.object({
        user: addressParam,
        market: bytes32.optional(),
        limit: limitParam,
        next_cursor: z.string().optional(),
      }),
      c.req.query(),
    );
    const rows = await service.store.trades({
      market: q.market,
      user: q.user,
      limit: q.limit,
      before: decodeCursor(q.next_cursor),
    });
    const last = rows[rows.length - 1];
    return c.json({
      data: rows.map((r) => service.tradeView(r)),
      next_cursor: rows.length === q.limit && last ? encodeCursor(last.created_ms, last.id) : END_CURSOR,
    });
  });

  // ---------------------------------------------------------------- intake
  app.post("/order", limit(MAX_ORDER_BODY_BYTES), async (c) => {
    const body = parse(postOrderSchema, await jsonBody(c));
    return c.json(await service.submitOrder(body));
  });
  app.post("/orders", limit(MAX_BATCH_BODY_BYTES), async (c) => {
    const raw = await jsonBody(c);
    if (Array.isArray(raw) && raw.length > MAX_BATCH_ORDERS)
      throw new ApiError("BATCH_TOO_LARGE", `at most ${MAX_BATCH_ORDERS} orders per batch`);
    const bodies = parse(postOrdersSchema, raw);
    const results = await Promise.all(
      bodies.map((body) =>
        service.submitOrder(body).catch((error: unknown) => {
          if (error instanceof ApiError)
            return { success: false, errorMsg: error.message, errorCode: error.code, orderID: "", status: "" };
          throw error;
        }),
      ),
    );
    return c.json(results);
  });

  // ---------------------------------------------------------------- cancels (EIP-712 signed by the maker)
  const cancelRoute = (scope: 0 | 1 | 2) => async (c: Context) => {
    const body = parse(cancelSchema, await jsonBody(c));
    if (body.scope !== scope)
      throw new ApiError(
        "INVALID_REQUEST",
        `this route cancels with scope ${scope}; the signed message says ${body.scope}`,
      );
    if (scope === 0 && c.req.path === "/order" && body.orderHashes.length !== 1)
      throw new ApiError("INVALID_REQUEST", "DELETE /order cancels exactly one order hash");
    return c.json(await service.cancel(body));
  };
  app.delete("/order", limit(MAX_CANCEL_BODY_BYTES), cancelRoute(0));
  app.delete("/orders", limit(MAX_CANCEL_BODY_BYTES), cancelRoute(0));
  app.delete("/cancel-all", limit(MAX_CANCEL_BODY_BYTES), cancelRoute(1));
  app.delete("/cancel-market-orders", limit(MAX_CANCEL_BODY_BYTES), cancelRoute(2));

  return app;
}

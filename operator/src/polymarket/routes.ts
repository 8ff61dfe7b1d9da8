/**
 * The Polymarket CLOB surface as a Hono sub-app, mounted ahead of the operator's own routes.
 * Public market-data routes answer here outright; trading routes answer here when the request
 * carries POLY_API_KEY and otherwise fall through to the operator's EIP-712 routes (the app's
 * signed cancels and `?maker=` reads keep working).
 */
import { formatUnits6 } from "@forkcast/shared";
import { Hono, type Context, type Next } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Address } from "viem";
import { z } from "zod";

import { MAX_BATCH_BODY_BYTES, MAX_CANCEL_BODY_BYTES, MAX_ORDER_BODY_BYTES } from "../api/http.js";
import type { OrderRow, TradeRow } from "../db/store.js";
import { ApiError } from "../errors.js";
import { COLLATERAL } from "../funds.js";
import { MAX_BATCH_ORDERS, parsePostOrder } from "../intake/schema.js";
import type { Market } from "../markets.js";
import { orderView } from "../api/views.js";
import type { Core } from "../core/context.js";
import { drop } from "../lifecycle/cancel.js";
import { submitOrder } from "../lifecycle/submit.js";
import { hasL2Headers, l1Identity, l2Identity, parseJson, type L2Identity } from "./auth.js";
import type { Heartbeats } from "./heartbeats.js";
import type { ApiKeyStore } from "./keys.js";
import { bookSummary, openOrderView, simplifiedMarket, tradeView } from "./views.js";

/** Polymarket's first and last cursors (base64 of "0" and "-1"). */
export const INITIAL_CURSOR = "MA==";
export const END_CURSOR = "LTE=";
const MARKETS_PAGE = 500;
const DATA_PAGE = 100;
/** What `/version` answers: the order version the client should sign (V1 = this exchange's Order struct). */
export const CLOB_VERSION = 1;

export interface PolymarketDeps {
  readonly core: Core;
  readonly keys: ApiKeyStore;
  readonly heartbeats: Heartbeats;
  /** Whether a token trades through a neg-risk adapter (multi-outcome market). */
  negRisk(tokenId: bigint): Promise<boolean>;
}

const tokenId = z.string().regex(/^\d{1,78}$/, "token_id must be a decimal uint256");
const tokenQuery = z.object({ token_id: tokenId });
const sideSchema = z.enum(["BUY", "SELL", "buy", "sell"]).transform((s) => s.toUpperCase() as "BUY" | "SELL");
const bytes32 = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, "must be 32-byte hex")
  .transform((s) => s.toLowerCase());
const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x address")
  .transform((s) => s.toLowerCase());

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new ApiError(
      "INVALID_REQUEST",
      result.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "),
    );
  return result.data;
}

function offsetOf(cursor: string | undefined): number {
  if (!cursor || cursor === INITIAL_CURSOR) return 0;
  if (cursor === END_CURSOR) throw new ApiError("INVALID_REQUEST", "next_cursor LTE= marks the end of the list");
  const offset = Number(Buffer.from(cursor, "base64").toString());
  if (!Number.isInteger(offset) || offset < 0)
    throw new ApiError("INVALID_REQUEST", "next_cursor is not a cursor this API returned");
  return offset;
}

function page<T>(all: readonly T[], cursor: string | undefined, size: number): { items: T[]; next: string } {
  const offset = offsetOf(cursor);
  const items = all.slice(offset, offset + size);
  const next =
    offset + items.length < all.length ? Buffer.from(String(offset + items.length)).toString("base64") : END_CURSOR;
  return { items, next };
}

export function createPolymarketApp(deps: PolymarketDeps): Hono {
  const { core: service, keys, heartbeats } = deps;
  const app = new Hono();
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c) => c.json(new ApiError("PAYLOAD_TOO_LARGE", `request body exceeds ${maxSize} bytes`).toJSON(), 413),
    });
  const small = limit(MAX_CANCEL_BODY_BYTES);
  const chainId = service.config.chainId;

  const entryOf = (token: string): { market: Market; outcome: 0 | 1 } => {
    const entry = service.markets.byTokenId(token);
    if (!entry) throw new ApiError("MARKET_NOT_FOUND", `no market trades token ${token}`);
    return entry;
  };
  const tickText = (market: Market): string => formatUnits6(BigInt(market.tickSize));
  /** Best bid / ask as decimal strings; "" for an empty side. */
  const quotes = (token: string): { bid: string; ask: string } => {
    entryOf(token);
    const best = service.feed.bestPrices(token);
    return {
      bid: best?.bid === undefined ? "" : formatUnits6(best.bid),
      ask: best?.ask === undefined ? "" : formatUnits6(best.ask),
    };
  };
  const mid = (token: string): string => {
    entryOf(token);
    const best = service.feed.bestPrices(token);
    return best?.bid !== undefined && best.ask !== undefined ? formatUnits6((best.bid + best.ask) / 2n) : "";
  };
  const spread = (token: string): string => {
    const best = service.feed.bestPrices(token);
    entryOf(token);
    return best?.bid !== undefined && best.ask !== undefined ? formatUnits6(best.ask - best.bid) : "";
  };
  const price = (token: string, side: "BUY" | "SELL"): string => {
    const q = quotes(token);
    // BUY: what a buyer pays (best ask); SELL: what a seller gets (best bid).
    return side === "BUY" ? q.ask : q.bid;
  };
  const lastTrade = (token: string): { price: string; side: string } => {
    entryOf(token);
    return service.feed.lastTradePrice(token) ?? { price: "", side: "" };
  };

  const book = async (token: string): Promise<Record<string, unknown>> => {
    const { market } = entryOf(token);
    const levels = service.feed.levels(token);
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

  // ---------------------------------------------------------------- public
  app.get("/version", (c) => c.json({ version: CLOB_VERSION }));
  app.get("/ok", (c) => c.json("OK"));

  const marketList = (sampling: boolean) => async (c: Context) => {
    const all = service.markets.all().filter((m) => !sampling || m.open);
    const { items, next } = page(all, c.req.query("next_cursor"), MARKETS_PAGE);
    return c.json({
      limit: MARKETS_PAGE,
      count: items.length,
      next_cursor: next,
      data: await Promise.all(items.map(marketView)),
    });
  };
  const simplifiedList = (sampling: boolean) => (c: Context) => {
    const all = service.markets.all().filter((m) => !sampling || m.open);
    const { items, next } = page(all, c.req.query("next_cursor"), MARKETS_PAGE);
    return c.json({ limit: MARKETS_PAGE, count: items.length, next_cursor: next, data: items.map(simplified) });
  };
  app.get("/markets", marketList(false));
  app.get("/sampling-markets", marketList(true));
  app.get("/simplified-markets", simplifiedList(false));
  app.get("/sampling-simplified-markets", simplifiedList(true));
  app.get("/markets/:condition_id", async (c) => {
    const id = parse(bytes32, c.req.param("condition_id"));
    const market = service.markets.get(id);
    if (!market) throw new ApiError("MARKET_NOT_FOUND", `no market ${id}`);
    return c.json(await marketView(market));
  });

  app.get("/book", async (c) => c.json(await book(parse(tokenQuery, c.req.query()).token_id)));
  app.post("/books", small, async (c) => {
    const body = parse(z.array(tokenQuery).min(1).max(500), parseJson(await c.req.text()));
    return c.json(await Promise.all(body.map((q) => book(q.token_id))));
  });
  app.get("/tick-size", (c) => {
    const { market } = entryOf(parse(tokenQuery, c.req.query()).token_id);
    return c.json({ minimum_tick_size: Number(tickText(market)) });
  });
  app.get("/neg-risk", async (c) => {
    const token = parse(tokenQuery, c.req.query()).token_id;
    entryOf(token);
    return c.json({ neg_risk: await deps.negRisk(BigInt(token)) });
  });
  app.get("/fee-rate", (c) => {
    const { market } = entryOf(parse(tokenQuery, c.req.query()).token_id);
    return c.json({ base_fee: market.feeRateBps });
  });
  app.get("/midpoint", (c) => c.json({ mid: mid(parse(tokenQuery, c.req.query()).token_id) }));
  app.get("/price", (c) => {
    const q = parse(tokenQuery.extend({ side: sideSchema }), c.req.query());
    return c.json({ price: price(q.token_id, q.side) });
  });
  app.get("/spread", (c) => c.json({ spread: spread(parse(tokenQuery, c.req.query()).token_id) }));
  app.get("/last-trade-price", (c) => c.json(lastTrade(parse(tokenQuery, c.req.query()).token_id)));

  const tokenList = async (c: Context) => parse(z.array(tokenQuery).min(1).max(500), parseJson(await c.req.text()));
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

  // ---------------------------------------------------------------- L1: API keys
  const keyCreds = async (c: Context) => {
    const id = await l1Identity(c, chainId);
    return c.json(await keys.createOrDerive(id.address, id.nonce));
  };
  app.post("/auth/api-key", small, keyCreds);
  app.get("/auth/derive-api-key", keyCreds);
  app.get("/auth/api-keys", async (c) => {
    const { key } = await l2Identity(c, keys);
    return c.json({ apiKeys: await keys.list(key.address) });
  });
  app.delete("/auth/api-key", small, async (c) => {
    const { key } = await l2Identity(c, keys);
    await keys.revoke(key.apiKey);
    heartbeats.forget(key.apiKey);
    return c.json("OK");
  });
  app.get("/auth/ban-status/closed-only", async (c) => {
    await l2Identity(c, keys);
    return c.json({ closed_only: false });
  });

  // ---------------------------------------------------------------- L2: trading
  /** Runs `handler` with the L2 identity when the request has POLY_API_KEY; otherwise the operator's own route answers. */
  const l2 =
    (handler: (c: Context, id: L2Identity) => Promise<Response>) =>
    async (c: Context, next: Next): Promise<Response | undefined> => {
      if (!hasL2Headers(c)) {
        await next();
        return undefined;
      }
      return handler(c, await l2Identity(c, keys));
    };
  const mustOwn = (id: L2Identity, maker: string, signer: string): void => {
    if (maker.toLowerCase() !== id.key.address || signer.toLowerCase() !== id.key.address)
      throw new ApiError(
        "FORBIDDEN",
        `order maker ${maker} / signer ${signer} is not ${id.key.address}, the address of this API key`,
      );
  };
  const postOne = async (id: L2Identity, raw: unknown) => {
    const body = parsePostOrder(raw);
    mustOwn(id, body.order.maker, body.order.signer);
    if (body.owner !== undefined && body.owner !== "" && body.owner !== id.key.apiKey)
      throw new ApiError("FORBIDDEN", "owner must be the API key the request is signed with");
    return submitOrder(service, body);
  };

  app.post(
    "/order",
    limit(MAX_ORDER_BODY_BYTES),
    l2(async (c, id) => c.json(await postOne(id, parseJson(id.body)))),
  );
  app.post(
    "/orders",
    limit(MAX_BATCH_BODY_BYTES),
    l2(async (c, id) => {
      const raw = parseJson(id.body);
      if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_BATCH_ORDERS)
        throw new ApiError("INVALID_REQUEST", `body must be an array of 1 to ${MAX_BATCH_ORDERS} orders`);
      const results = await Promise.all(
        raw.map((one: unknown) =>
          postOne(id, one).catch((error: unknown) => {
            if (error instanceof ApiError)
              return { success: false, errorMsg: error.message, errorCode: error.code, orderID: "", status: "" };
            throw error;
          }),
        ),
      );
      return c.json(results);
    }),
  );

  /** Cancels open orders of the key's address; others' and closed orders are listed as not cancelled. */
  const cancelHashes = async (id: L2Identity, hashes: string[]) => {
    const canceled: string[] = [];
    const notCanceled: Record<string, string> = {};
    const targets: string[] = [];
    for (const hash of hashes) {
      const row = service.ledger.get(hash)?.row ?? (await service.store.order(hash));
      if (!row) notCanceled[hash] = "order not found";
      else if (row.maker !== id.key.address) notCanceled[hash] = "order belongs to another address";
      else if (row.status !== "LIVE") notCanceled[hash] = "order is not open";
      else targets.push(hash);
    }
    await drop(service, targets, "CANCELED", "CANCELLED_BY_MAKER");
    for (const hash of targets)
      if (service.ledger.get(hash)?.row?.status === "LIVE") notCanceled[hash] = "order could not be cancelled";
      else canceled.push(hash);
    return { canceled, not_canceled: notCanceled };
  };
  const openOrders = async (owner: string): Promise<OrderRow[]> =>
    (await service.store.userOrders(owner, { openOnly: true, limit: 100_000 })).filter(
      (row) => (service.ledger.get(row.hash)?.row ?? row).status === "LIVE",
    );

  app.delete(
    "/order",
    small,
    l2(async (c, id) => {
      const body = parse(z.object({ orderID: bytes32 }), parseJson(id.body));
      return c.json(await cancelHashes(id, [body.orderID]));
    }),
  );
  app.delete(
    "/orders",
    small,
    l2(async (c, id) => {
      const body = parse(z.array(bytes32).min(1).max(500), parseJson(id.body));
      return c.json(await cancelHashes(id, body));
    }),
  );
  app.delete(
    "/cancel-all",
    small,
    l2(async (c, id) =>
      c.json(
        await cancelHashes(
          id,
          (await openOrders(id.key.address)).map((r) => r.hash),
        ),
      ),
    ),
  );
  app.delete(
    "/cancel-market-orders",
    small,
    l2(async (c, id) => {
      const body = parse(
        z.object({ market: bytes32.optional(), asset_id: tokenId.optional() }),
        parseJson(id.body) ?? {},
      );
      const rows = (await openOrders(id.key.address)).filter(
        (r) => (!body.market || r.market_id === body.market) && (!body.asset_id || r.token_id === body.asset_id),
      );
      return c.json(
        await cancelHashes(
          id,
          rows.map((r) => r.hash),
        ),
      );
    }),
  );

  // ---------------------------------------------------------------- L2: reads
  /** Trade ids and matched shares (trades not FAILED) per order hash. */
  const associateTrades = async (hashes: string[]): Promise<Map<string, { ids: string[]; matched: bigint }>> => {
    const map = new Map<string, { ids: string[]; matched: bigint }>();
    if (hashes.length === 0) return map;
    const list = hashes.map((_, i) => `$${i + 1}`).join(",");
    const rows = await service.store.db.query<{
      id: string;
      taker_hash: string;
      maker_hash: string;
      shares: string;
      status: string;
    }>(
      `SELECT id, taker_hash, maker_hash, shares, status FROM trades WHERE taker_hash IN (${list}) OR maker_hash IN (${list}) ORDER BY created_ms`,
      hashes,
    );
    for (const row of rows)
      for (const hash of new Set([row.taker_hash, row.maker_hash])) {
        if (!hashes.includes(hash)) continue;
        const entry = map.get(hash) ?? { ids: [], matched: 0n };
        entry.ids.push(row.id);
        if (row.status !== "FAILED") entry.matched += BigInt(row.shares);
        map.set(hash, entry);
      }
    return map;
  };
  const orderJson = (row: OrderRow, id: L2Identity, trades: Map<string, { ids: string[]; matched: bigint }>) =>
    openOrderView(orderView(row), row, {
      owner: id.key.apiKey,
      associateTrades: trades.get(row.hash)?.ids ?? [],
      sizeMatched: trades.get(row.hash)?.matched ?? 0n,
      market: service.markets.get(row.market_id),
    });

  app.get(
    "/data/orders",
    l2(async (c, id) => {
      const q = parse(
        z.object({
          id: bytes32.optional(),
          market: bytes32.optional(),
          asset_id: tokenId.optional(),
          next_cursor: z.string().optional(),
        }),
        c.req.query(),
      );
      const rows = (await openOrders(id.key.address))
        .map((r) => service.ledger.get(r.hash)?.row ?? r)
        .filter(
          (r) =>
            (!q.id || r.hash === q.id) &&
            (!q.market || r.market_id === q.market) &&
            (!q.asset_id || r.token_id === q.asset_id),
        );
      const { items, next } = page(rows, q.next_cursor, DATA_PAGE);
      const trades = await associateTrades(items.map((r) => r.hash));
      return c.json({
        limit: DATA_PAGE,
        count: items.length,
        next_cursor: next,
        data: items.map((r) => orderJson(r, id, trades)),
      });
    }),
  );
  app.get(
    "/data/order/:hash",
    l2(async (c, id) => {
      const hash = parse(bytes32, c.req.param("hash"));
      const row = service.ledger.get(hash)?.row ?? (await service.store.order(hash));
      if (!row) throw new ApiError("ORDER_NOT_FOUND", `no order ${hash}`);
      if (row.maker !== id.key.address) throw new ApiError("FORBIDDEN", `order ${hash} belongs to another address`);
      return c.json(orderJson(row, id, await associateTrades([hash])));
    }),
  );
  app.get(
    "/data/trades",
    l2(async (c, id) => {
      const q = parse(
        z.object({
          id: z.string().max(100).optional(),
          maker_address: address.optional(),
          market: bytes32.optional(),
          asset_id: tokenId.optional(),
          before: z.coerce.number().int().min(0).optional(),
          after: z.coerce.number().int().min(0).optional(),
          next_cursor: z.string().optional(),
        }),
        c.req.query(),
      );
      if (q.maker_address && q.maker_address !== id.key.address)
        throw new ApiError("FORBIDDEN", "maker_address must be the address of this API key");
      const owner = id.key.address;
      const params: (string | number)[] = [owner];
      let where = "(taker = $1 OR maker = $1)";
      const add = (clause: (n: string) => string, value: string | number): void => {
        params.push(value);
        where += ` AND ${clause(`$${params.length}`)}`;
      };
      if (q.id) add((n) => `id = ${n}`, q.id);
      if (q.market) add((n) => `market_id = ${n}`, q.market);
      if (q.asset_id) add((n) => `(taker_token = ${n} OR maker_token = ${n})`, q.asset_id);
      if (q.after !== undefined) add((n) => `created_ms >= ${n}`, q.after * 1000);
      if (q.before !== undefined) add((n) => `created_ms < ${n}`, q.before * 1000);
      const offset = offsetOf(q.next_cursor);
      const rows = await service.store.db.query<TradeRow>(
        `SELECT * FROM trades WHERE ${where} ORDER BY created_ms DESC, id DESC LIMIT ${DATA_PAGE + 1} OFFSET ${offset}`,
        params,
      );
      const items = rows.slice(0, DATA_PAGE);
      const next = rows.length > DATA_PAGE ? Buffer.from(String(offset + DATA_PAGE)).toString("base64") : END_CURSOR;
      return c.json({
        limit: DATA_PAGE,
        count: items.length,
        next_cursor: next,
        data: items.map((t) =>
          tradeView(t, { address: owner, apiKey: id.key.apiKey }, service.markets.get(t.market_id)),
        ),
      });
    }),
  );

  const balanceQuery = z.object({
    asset_type: z.enum(["COLLATERAL", "CONDITIONAL"]),
    token_id: tokenId.optional(),
    signature_type: z.coerce.number().int().min(0).max(3).optional(),
  });
  const balance = (refresh: boolean) => async (c: Context) => {
    const { key } = await l2Identity(c, keys);
    const q = parse(balanceQuery, c.req.query());
    if (q.asset_type === "CONDITIONAL" && !q.token_id)
      throw new ApiError("INVALID_REQUEST", "token_id is required for asset_type CONDITIONAL");
    if (q.token_id && q.asset_type === "CONDITIONAL") entryOf(q.token_id);
    if (refresh) service.funds.invalidate(key.address);
    const holding = await service.funds.holding(
      key.address as Address,
      q.asset_type === "COLLATERAL" ? COLLATERAL : (q.token_id ?? ""),
    );
    return c.json({ balance: holding.balance.toString(), allowance: holding.allowance.toString() });
  };
  app.get("/balance-allowance", balance(false));
  app.get("/balance-allowance/update", balance(true));

  app.post("/v1/heartbeats", small, async (c) => {
    const id = await l2Identity(c, keys);
    const body = parse(
      z.object({ heartbeat_id: z.string().max(100).nullable().default(null) }),
      parseJson(id.body) ?? {},
    );
    return c.json({ heartbeat_id: heartbeats.beat(id.key.apiKey, id.key.address, body.heartbeat_id) });
  });

  return app;
}

/**
 * The indexer's HTTP API: GraphQL at `/` and `/graphql`, SQL over HTTP at `/sql/*` (Ponder's
 * `client()`, used by `@ponder/client`), and `/prices/:tokenId` (OHLC candles of a token), whose
 * query and answer are the shared wire schemas and whose errors are `{ error: CODE, message }`.
 */
import { PRICE_SCALE } from "@forkcast/shared";
import { db } from "ponder:api";
import schema from "ponder:schema";
import {
  ERRORS,
  parseWire,
  pricesParam,
  pricesQuery,
  type ErrorBody,
  type ErrorCode,
  type PricesResponse,
} from "@forkcast/shared/protocol";
import { Hono, type Context } from "hono";
import { and, asc, client, eq, graphql, gte, inArray, lte } from "ponder";

import { type PricePoint, buildCandles } from "../candles.ts";

const app = new Hono();

app.use("/sql/*", client({ db, schema }));
app.use("/", graphql({ db, schema }));
app.use("/graphql", graphql({ db, schema }));

/** An error answer in the shape every Forkcast API uses: `{ error: CODE, message }` with the code's status. */
function fail(c: Context, code: ErrorCode, message: string) {
  const body: ErrorBody = { error: code, message };
  return c.json(body, ERRORS[code].status);
}

/**
 * Candles of one outcome token: `?interval=<seconds>&from=<unix>&to=<unix>`. Trades of the
 * complement token count at 1 − price, so a binary market's YES chart includes NO trades.
 */
app.get("/prices/:tokenId", async (c) => {
  const param = parseWire(pricesParam, c.req.param("tokenId"), "tokenId");
  if (!param.ok) return fail(c, "INVALID_REQUEST", param.message);
  const query = parseWire(pricesQuery, c.req.query(), "query");
  if (!query.ok) return fail(c, "INVALID_REQUEST", query.message);
  const tokenId = BigInt(param.value);
  const interval = BigInt(query.value.interval);
  const from = BigInt(query.value.from ?? 0);
  const to = query.value.to === undefined ? 2n ** 63n - 1n : BigInt(query.value.to);

  const [tokenRow] = await db.select().from(schema.token).where(eq(schema.token.id, tokenId));
  if (!tokenRow) return fail(c, "MARKET_NOT_FOUND", `no market has token ${tokenId}`);

  const rows = await db
    .select({
      tokenId: schema.fill.tokenId,
      priceE6: schema.fill.priceE6,
      size: schema.fill.size,
      collateral: schema.fill.collateral,
      timestamp: schema.fill.timestamp,
    })
    .from(schema.fill)
    .where(
      and(
        inArray(schema.fill.tokenId, [tokenRow.id, tokenRow.complement]),
        eq(schema.fill.role, "maker"),
        gte(schema.fill.timestamp, from),
        lte(schema.fill.timestamp, to),
      ),
    )
    .orderBy(asc(schema.fill.timestamp), asc(schema.fill.blockNumber), asc(schema.fill.logIndex));

  const points: PricePoint[] = rows.map((r) => ({
    timestamp: r.timestamp,
    priceE6: r.tokenId === tokenRow.id ? r.priceE6 : PRICE_SCALE - r.priceE6,
    size: r.size,
    collateral: r.collateral,
  }));
  const candles = buildCandles(points, interval);
  const answer: PricesResponse = {
    tokenId: tokenRow.id.toString(),
    marketId: tokenRow.marketId,
    interval: Number(interval),
    candles: candles.map((k) => ({
      time: Number(k.start),
      open: k.open.toString(),
      high: k.high.toString(),
      low: k.low.toString(),
      close: k.close.toString(),
      volume: k.volume.toString(),
      size: k.size.toString(),
      trades: k.trades,
    })),
  };
  return c.json(answer);
});

/** Another path or method under `/prices`: the catalogue's refusal, not Ponder's HTML page. */
app.all("/prices/*", (c) => fail(c, "ROUTE_NOT_FOUND", `no route ${c.req.method} ${c.req.path}`));

/** A failure inside one of these routes: logged here, answered in the catalogue's shape. */
app.onError((error, c) => {
  console.error(`indexer API ${c.req.method} ${c.req.path} failed:`, error);
  return fail(c, "SERVICE_UNAVAILABLE", ERRORS.SERVICE_UNAVAILABLE.message);
});

export default app;

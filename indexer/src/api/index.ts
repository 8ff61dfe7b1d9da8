/**
 * The indexer's HTTP API: GraphQL at `/` and `/graphql`, SQL over HTTP at `/sql/*` (Ponder's
 * `client()`, used by `@ponder/client`), and `/prices/:tokenId` (OHLC candles of a token).
 */
import { PRICE_SCALE } from "@forkcast/shared";
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { and, asc, client, eq, graphql, gte, inArray, lte } from "ponder";

import { type PricePoint, buildCandles } from "../candles.ts";

const MIN_INTERVAL_SECONDS = 1;
const MAX_INTERVAL_SECONDS = 30 * 24 * 3600;
const DEFAULT_INTERVAL_SECONDS = 3600;

const app = new Hono();

app.use("/sql/*", client({ db, schema }));
app.use("/", graphql({ db, schema }));
app.use("/graphql", graphql({ db, schema }));

function parseInteger(raw: string | undefined, fallback: bigint | undefined): bigint | undefined | null {
  if (raw === undefined || raw === "") return fallback;
  return /^\d+$/.test(raw) ? BigInt(raw) : null;
}

/**
 * Candles of one outcome token: `?interval=<seconds>&from=<unix>&to=<unix>`. Trades of the
 * complement token count at 1 − price, so a binary market's YES chart includes NO trades.
 */
app.get("/prices/:tokenId", async (c) => {
  const tokenId = parseInteger(c.req.param("tokenId"), undefined);
  const interval = parseInteger(c.req.query("interval"), BigInt(DEFAULT_INTERVAL_SECONDS));
  const from = parseInteger(c.req.query("from"), 0n);
  const to = parseInteger(c.req.query("to"), 2n ** 63n - 1n);
  if (tokenId === null || tokenId === undefined) return c.json({ error: "tokenId must be a decimal integer" }, 400);
  if (
    interval === null ||
    interval === undefined ||
    from === null ||
    from === undefined ||
    to === null ||
    to === undefined
  )
    return c.json({ error: "interval, from and to must be non-negative integers (seconds)" }, 400);
  if (interval < MIN_INTERVAL_SECONDS || interval > MAX_INTERVAL_SECONDS)
    return c.json(
      { error: `interval must be between ${MIN_INTERVAL_SECONDS} and ${MAX_INTERVAL_SECONDS} seconds` },
      400,
    );

  const [tokenRow] = await db.select().from(schema.token).where(eq(schema.token.id, tokenId));
  if (!tokenRow) return c.json({ error: `unknown token ${tokenId}` }, 404);

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
  return c.json({
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
  });
});

export default app;

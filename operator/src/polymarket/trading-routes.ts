/**
 * Polymarket's L2 trading routes, each behind an API key: posting orders, the four cancels,
 * the key's orders and trades, balances and the heartbeat. Order and cancel routes without
 * POLY_API_KEY fall through to the operator's own EIP-712 routes (see route-helpers `l2`).
 */
import type { Context, Hono } from "hono";
import type { Address } from "viem";
import { z } from "zod";

import { matchedOf } from "../api/facade.js";
import { MAX_BATCH_BODY_BYTES, MAX_CANCEL_BODY_BYTES, MAX_ORDER_BODY_BYTES } from "../api/http.js";
import { orderView } from "../api/views.js";
import type { OrderRow } from "../db/store.js";
import { tradesOfAddress, tradesOfOrders } from "../db/trade-queries.js";
import { ApiError } from "../errors.js";
import { COLLATERAL } from "../funds.js";
import { MAX_BATCH_ORDERS, postOrderSchema } from "../intake/schema.js";
import { drop } from "../lifecycle/cancel.js";
import { submitOrder } from "../lifecycle/submit.js";
import { l2Identity, parseJson, type L2Identity } from "./auth.js";
import {
  address,
  bytes32,
  entryOf,
  l2,
  limit,
  nextCursor,
  offsetOf,
  page,
  parse,
  tokenId,
  type PolymarketDeps,
} from "./route-helpers.js";
import { openOrderView, tradeView } from "./views.js";

const DATA_PAGE = 100;

export function tradingRoutes(app: Hono, deps: PolymarketDeps): void {
  const { core, keys, heartbeats } = deps;
  const small = limit(MAX_CANCEL_BODY_BYTES);
  const withKey = (handler: (c: Context, id: L2Identity) => Promise<Response>) => l2(keys, handler);

  // ---------------------------------------------------------------- orders
  const mustOwn = (id: L2Identity, maker: string, signer: string): void => {
    if (maker.toLowerCase() !== id.key.address || signer.toLowerCase() !== id.key.address)
      throw new ApiError(
        "FORBIDDEN",
        `order maker ${maker} / signer ${signer} is not ${id.key.address}, the address of this API key`,
      );
  };
  const postOne = async (id: L2Identity, raw: unknown) => {
    const body = parse(postOrderSchema, raw);
    mustOwn(id, body.order.maker, body.order.signer);
    if (body.owner !== undefined && body.owner !== "" && body.owner !== id.key.apiKey)
      throw new ApiError("FORBIDDEN", "owner must be the API key the request is signed with");
    return submitOrder(core, body);
  };

  app.post(
    "/order",
    limit(MAX_ORDER_BODY_BYTES),
    withKey(async (c, id) => c.json(await postOne(id, parseJson(id.body)))),
  );
  app.post(
    "/orders",
    limit(MAX_BATCH_BODY_BYTES),
    withKey(async (c, id) => {
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

  // ---------------------------------------------------------------- cancels
  /** Cancels open orders of the key's address; others' and closed orders are listed as not cancelled. */
  const cancelHashes = async (id: L2Identity, hashes: string[]) => {
    const canceled: string[] = [];
    const notCanceled: Record<string, string> = {};
    const targets: string[] = [];
    for (const hash of hashes) {
      const row = core.ledger.get(hash)?.row ?? (await core.store.order(hash));
      if (!row) notCanceled[hash] = "order not found";
      else if (row.maker !== id.key.address) notCanceled[hash] = "order belongs to another address";
      else if (row.status !== "LIVE") notCanceled[hash] = "order is not open";
      else targets.push(hash);
    }
    await drop(core, targets, "CANCELED", "CANCELLED_BY_MAKER");
    for (const hash of targets)
      if (core.ledger.get(hash)?.row?.status === "LIVE") notCanceled[hash] = "order could not be cancelled";
      else canceled.push(hash);
    return { canceled, not_canceled: notCanceled };
  };
  /** The address's open orders, each as the ledger knows it now. */
  const openOrders = async (owner: string): Promise<OrderRow[]> =>
    (await core.store.userOrders(owner, { openOnly: true, limit: 100_000 }))
      .map((row) => core.ledger.get(row.hash)?.row ?? row)
      .filter((row) => row.status === "LIVE");

  app.delete(
    "/order",
    small,
    withKey(async (c, id) => {
      const body = parse(z.object({ orderID: bytes32 }), parseJson(id.body));
      return c.json(await cancelHashes(id, [body.orderID]));
    }),
  );
  app.delete(
    "/orders",
    small,
    withKey(async (c, id) =>
      c.json(await cancelHashes(id, parse(z.array(bytes32).min(1).max(500), parseJson(id.body)))),
    ),
  );
  app.delete(
    "/cancel-all",
    small,
    withKey(async (c, id) =>
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
    withKey(async (c, id) => {
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

  // ---------------------------------------------------------------- reads
  /** The client's OpenOrder for each row: trade ids from storage, matched shares as every view counts them. */
  const openOrderViews = async (rows: readonly OrderRow[], id: L2Identity) => {
    const trades = await tradesOfOrders(
      core.store.db,
      rows.map((r) => r.hash),
    );
    return rows.map((row) =>
      openOrderView(orderView(row, matchedOf(core, row.hash, trades)), row, {
        owner: id.key.apiKey,
        associateTrades: trades.get(row.hash)?.ids ?? [],
        market: core.markets.get(row.market_id),
      }),
    );
  };

  app.get(
    "/data/orders",
    withKey(async (c, id) => {
      const q = parse(
        z.object({
          id: bytes32.optional(),
          market: bytes32.optional(),
          asset_id: tokenId.optional(),
          next_cursor: z.string().optional(),
        }),
        c.req.query(),
      );
      const rows = (await openOrders(id.key.address)).filter(
        (r) =>
          (!q.id || r.hash === q.id) &&
          (!q.market || r.market_id === q.market) &&
          (!q.asset_id || r.token_id === q.asset_id),
      );
      const { items, next } = page(rows, q.next_cursor, DATA_PAGE);
      return c.json({
        limit: DATA_PAGE,
        count: items.length,
        next_cursor: next,
        data: await openOrderViews(items, id),
      });
    }),
  );
  app.get(
    "/data/order/:hash",
    withKey(async (c, id) => {
      const hash = parse(bytes32, c.req.param("hash"));
      const row = core.ledger.get(hash)?.row ?? (await core.store.order(hash));
      if (!row) throw new ApiError("ORDER_NOT_FOUND", `no order ${hash}`);
      if (row.maker !== id.key.address) throw new ApiError("FORBIDDEN", `order ${hash} belongs to another address`);
      const [view] = await openOrderViews([row], id);
      return c.json(view);
    }),
  );
  app.get(
    "/data/trades",
    withKey(async (c, id) => {
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
      const offset = offsetOf(q.next_cursor);
      const rows = await tradesOfAddress(core.store.db, {
        address: owner,
        id: q.id,
        market: q.market,
        assetId: q.asset_id,
        afterMs: q.after === undefined ? undefined : q.after * 1000,
        beforeMs: q.before === undefined ? undefined : q.before * 1000,
        offset,
        limit: DATA_PAGE + 1,
      });
      const items = rows.slice(0, DATA_PAGE);
      return c.json({
        limit: DATA_PAGE,
        count: items.length,
        next_cursor: nextCursor(offset, DATA_PAGE, rows.length > DATA_PAGE),
        data: items.map((t) => tradeView(t, { address: owner, apiKey: id.key.apiKey }, core.markets.get(t.market_id))),
      });
    }),
  );

  // ---------------------------------------------------------------- balances and heartbeats
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
    if (q.token_id && q.asset_type === "CONDITIONAL") entryOf(core, q.token_id);
    if (refresh) core.funds.invalidate(key.address);
    const holding = await core.funds.holding(
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
}

/** Order routes: placing one or a batch of signed orders, and reading a maker's orders. */
import { ApiError } from "../../errors.js";
import { jsonBody, type RouteModule } from "../request.js";
import {
  decodeSeqCursor,
  END_CURSOR,
  MAX_BATCH_ORDERS,
  orderHashParam,
  parse,
  postOrderSchema,
  postOrdersSchema,
  userOrdersQuery,
} from "../schemas.js";
import { orderView } from "../views.js";

export const orderRoutes: RouteModule = (app, api) => {
  // POST /order is normally served by the fast path (api/fastpath.ts); this route is its twin.
  app.post("/order", async (c) => {
    const body = parse(postOrderSchema, await jsonBody(c));
    return c.json(await api.submitOrder(body));
  });
  app.post("/orders", async (c) => {
    const raw = await jsonBody(c);
    if (Array.isArray(raw) && raw.length > MAX_BATCH_ORDERS)
      throw new ApiError("BATCH_TOO_LARGE", `at most ${MAX_BATCH_ORDERS} orders per batch`);
    const bodies = parse(postOrdersSchema, raw);
    const results = await Promise.all(
      bodies.map((body) =>
        api.submitOrder(body).catch((error: unknown) => {
          if (error instanceof ApiError)
            return { success: false, errorMsg: error.message, errorCode: error.code, orderID: "", status: "" };
          throw error;
        }),
      ),
    );
    return c.json(results);
  });
  app.get("/data/orders", async (c) => {
    const q = parse(userOrdersQuery, c.req.query(), "query");
    const rows = await api.userOrders(q.maker, {
      market: q.market,
      openOnly: q.all === "false",
      limit: q.limit,
      beforeSeq: decodeSeqCursor(q.next_cursor),
    });
    const last = rows[rows.length - 1];
    const matched = await api.matchedShares(rows.map((r) => r.hash));
    return c.json({
      data: rows.map((r) => orderView(r, matched.get(r.hash) ?? 0n)),
      next_cursor: rows.length === q.limit && last ? String(last.seq) : END_CURSOR,
    });
  });
  app.get("/data/order/:hash", async (c) => {
    const hash = parse(orderHashParam, c.req.param("hash"), "hash");
    const row = await api.order(hash);
    if (!row) throw new ApiError("ORDER_NOT_FOUND", `no order ${hash}`);
    const matched = await api.matchedShares([row.hash]);
    return c.json(orderView(row, matched.get(row.hash) ?? 0n));
  });
};

/** Trade routes: public trades of a market and a user's trades, newest first, cursor-paginated. */
import type { TradesPage } from "@forkcast/shared/protocol";

import type { TradeRow } from "../../db/store.js";
import type { RouteModule } from "../request.js";
import { decodeTradeCursor, encodeTradeCursor, END_CURSOR, parse, tradesQuery, userTradesQuery } from "../schemas.js";
import { tradeView } from "../views.js";

function page(rows: TradeRow[], limit: number): TradesPage {
  const last = rows[rows.length - 1];
  return {
    data: rows.map(tradeView),
    next_cursor: rows.length === limit && last ? encodeTradeCursor(last.created_ms, last.id) : END_CURSOR,
  };
}

export const tradeRoutes: RouteModule = (app, api) => {
  app.get("/trades", async (c) => {
    const q = parse(tradesQuery, c.req.query(), "query");
    const before = decodeTradeCursor(q.next_cursor);
    const rows = await api.trades({ market: q.market, user: q.maker_address, limit: q.limit, before });
    return c.json(page(rows, q.limit));
  });
  app.get("/data/trades", async (c) => {
    const q = parse(userTradesQuery, c.req.query(), "query");
    const before = decodeTradeCursor(q.next_cursor);
    const rows = await api.trades({ market: q.market, user: q.user, limit: q.limit, before });
    return c.json(page(rows, q.limit));
  });
};

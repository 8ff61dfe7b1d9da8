/** Market routes: the traded markets and their rules (Polymarket's /markets shapes). */
import { ApiError } from "../../errors.js";
import type { RouteModule } from "../request.js";
import {
  conditionIdParam,
  decodeOffsetCursor,
  encodeOffsetCursor,
  END_CURSOR,
  marketsQuery,
  MAX_PAGE_LIMIT,
  parse,
} from "../schemas.js";
import { marketView } from "../views.js";

export const marketRoutes: RouteModule = (app, api) => {
  app.get("/markets", (c) => {
    const offset = decodeOffsetCursor(parse(marketsQuery, c.req.query(), "query").next_cursor);
    const all = api.markets.all();
    const page = all.slice(offset, offset + MAX_PAGE_LIMIT);
    const next = offset + page.length < all.length ? encodeOffsetCursor(offset + page.length) : END_CURSOR;
    return c.json({ limit: MAX_PAGE_LIMIT, count: page.length, next_cursor: next, data: page.map(marketView) });
  });
  app.get("/markets/:condition_id", (c) => {
    const id = parse(conditionIdParam, c.req.param("condition_id"), "condition_id");
    const market = api.markets.get(id);
    if (!market) throw new ApiError("MARKET_NOT_FOUND", `no market ${id}`);
    return c.json(marketView(market));
  });
};

/**
 * Price history per token (`GET /prices-history`), from the stored trades. The other market-data
 * reads (markets, books, prices) are Polymarket's routes: polymarket/market-routes.ts.
 */
import { PRICE_SCALE } from "@forkcast/shared";

import { ApiError } from "../../errors.js";
import type { RouteModule } from "../request.js";
import { historyQuery, INTERVAL_SECONDS, parse } from "../schemas.js";

export const historyRoutes: RouteModule = (app, api) => {
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
      p: Number(entry.outcome === 0 ? r.p : Number(PRICE_SCALE) - r.p) / 1e6,
    }));
    return c.json({ history });
  });
};

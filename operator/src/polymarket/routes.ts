/**
 * The Polymarket CLOB surface as a Hono sub-app, mounted ahead of the operator's own routes.
 * Public market-data routes (market-routes.ts) answer here outright; key management
 * (key-routes.ts) needs L1 or L2 auth; trading routes (trading-routes.ts) answer here when
 * the request carries POLY_API_KEY and otherwise fall through to the operator's EIP-712 routes
 * (the app's signed cancels and `?maker=` reads keep working).
 */
import { Hono } from "hono";

import { keyRoutes } from "./key-routes.js";
import { marketDataRoutes } from "./market-routes.js";
import type { PolymarketDeps } from "./route-helpers.js";
import { tradingRoutes } from "./trading-routes.js";

export { CLOB_VERSION } from "./market-routes.js";
export { END_CURSOR, INITIAL_CURSOR, type PolymarketDeps } from "./route-helpers.js";

export function createPolymarketApp(deps: PolymarketDeps): Hono {
  const app = new Hono();
  marketDataRoutes(app, deps);
  keyRoutes(app, deps);
  tradingRoutes(app, deps);
  return app;
}

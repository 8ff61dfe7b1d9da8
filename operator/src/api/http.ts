/**
 * REST API (Hono). Resource names and JSON shapes follow Polymarket's CLOB API where they fit;
 * the reference is docs/operator-api.md. Routes live in one module per resource (api/routes/),
 * all behind the OperatorApi facade and the schema layer (api/schemas.ts); every error is
 * `{ error: CODE, message, requestId }` from the catalogue in errors.ts.
 *
 * To add a group of routes, write a RouteModule and pass it in `extraRoutes` (registered first,
 * so they take precedence; a handler may call `next()` to fall through) or add it to ROUTE_MODULES.
 * The operator passes the Polymarket CLOB routes as extra routes: they serve the market data
 * (markets, books, prices) outright, and the order, cancel and order-read paths with an API key
 * only, falling through here otherwise; so ROUTE_MODULES holds no market-data route that the
 * CLOB routes serve.
 */
import { Hono } from "hono";

import { ApiError, errorResponse } from "../errors.js";
import type { OperatorApi } from "./facade.js";
import { newRequestId, REQUEST_ID_HEADER } from "./request-id.js";
import type { ApiEnv, RouteModule } from "./request.js";
import { cancelRoutes } from "./routes/cancels.js";
import { healthRoutes } from "./routes/health.js";
import { historyRoutes } from "./routes/history.js";
import { orderRoutes } from "./routes/orders.js";
import { tradeRoutes } from "./routes/trades.js";

export { MAX_BATCH_BODY_BYTES, MAX_CANCEL_BODY_BYTES, MAX_ORDER_BODY_BYTES } from "./limits.js";
export { END_CURSOR } from "./schemas.js";

export const ROUTE_MODULES: readonly RouteModule[] = [
  healthRoutes,
  historyRoutes,
  tradeRoutes,
  orderRoutes,
  cancelRoutes,
];

export function createHttpApp(api: OperatorApi, extraRoutes: readonly RouteModule[] = []): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  app.use(async (c, next) => {
    const requestId = c.req.header(REQUEST_ID_HEADER) ?? newRequestId();
    c.set("requestId", requestId);
    c.header(REQUEST_ID_HEADER, requestId);
    await next();
  });
  app.onError((error, c) => {
    const { status, body, headers } = errorResponse(error, {
      requestId: c.get("requestId"),
      path: c.req.path,
      log: api.log,
    });
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    return c.json(body, status as 400);
  });
  app.notFound((c) => {
    const error = new ApiError("ROUTE_NOT_FOUND", `no route ${c.req.method} ${c.req.path}`);
    return c.json(error.body(c.get("requestId")), 404);
  });

  // Extra routes first: they may answer a path ahead of the built-in module (the Polymarket CLOB routes do).
  for (const routes of [...extraRoutes, ...ROUTE_MODULES]) routes(app, api);
  return app;
}

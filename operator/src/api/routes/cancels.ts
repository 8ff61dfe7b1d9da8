/** Cancel routes (EIP-712 `Cancel` signed by the maker): one order, a list, all, or all in a market. */
import type { Context } from "hono";

import { ApiError } from "../../errors.js";
import { jsonBody, type ApiEnv, type RouteModule } from "../request.js";
import { cancelSchema, parse } from "../schemas.js";

export const cancelRoutes: RouteModule = (app, api) => {
  const cancelRoute = (scope: 0 | 1 | 2) => async (c: Context<ApiEnv>) => {
    const body = parse(cancelSchema, await jsonBody(c));
    if (body.scope !== scope)
      throw new ApiError(
        "INVALID_REQUEST",
        `this route cancels with scope ${scope}; the signed message says ${body.scope}`,
      );
    if (scope === 0 && c.req.path === "/order" && body.orderHashes.length !== 1)
      throw new ApiError("INVALID_REQUEST", "DELETE /order cancels exactly one order hash");
    return c.json(await api.cancel(body));
  };
  app.delete("/order", cancelRoute(0));
  app.delete("/orders", cancelRoute(0));
  app.delete("/cancel-all", cancelRoute(1));
  app.delete("/cancel-market-orders", cancelRoute(2));
};

/** Service routes: identity, clock and health. */
import type { RouteModule } from "../request.js";

export const healthRoutes: RouteModule = (app, api) => {
  app.get("/", (c) => c.json({ service: "forkcast-operator", docs: "docs/operator-api.md" }));
  app.get("/time", (c) => c.json(Math.floor(Date.now() / 1000)));
  app.get("/health", (c) => c.json(api.health()));
};

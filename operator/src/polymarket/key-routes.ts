/**
 * API-key management: create and derive with L1 auth (a ClobAuth signature), list and revoke
 * with L2 auth (the key itself), and the closed-only status the client asks for.
 */
import type { Context, Hono } from "hono";

import { MAX_CANCEL_BODY_BYTES } from "../api/http.js";
import { l1Identity, l2Identity } from "./auth.js";
import { limit, type PolymarketDeps } from "./route-helpers.js";

export function keyRoutes(app: Hono, deps: PolymarketDeps): void {
  const { keys, heartbeats } = deps;
  const small = limit(MAX_CANCEL_BODY_BYTES);
  const keyCreds = async (c: Context) => {
    const id = await l1Identity(c, deps.core.config.chainId);
    return c.json(await keys.createOrDerive(id.address, id.nonce));
  };
  app.post("/auth/api-key", small, keyCreds);
  app.get("/auth/derive-api-key", keyCreds);
  app.get("/auth/api-keys", async (c) => {
    const { key } = await l2Identity(c, keys);
    return c.json({ apiKeys: await keys.list(key.address) });
  });
  app.delete("/auth/api-key", small, async (c) => {
    const { key } = await l2Identity(c, keys);
    await keys.revoke(key.apiKey);
    heartbeats.forget(key.apiKey);
    return c.json("OK");
  });
  app.get("/auth/ban-status/closed-only", async (c) => {
    await l2Identity(c, keys);
    return c.json({ closed_only: false });
  });
}

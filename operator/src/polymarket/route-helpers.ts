/**
 * What the Polymarket route modules share: their dependencies, the query and body schemas,
 * Polymarket's base64 offset cursors, body limits, the token lookup, and the L2 wrapper that
 * lets a request without an API key fall through to the operator's own route.
 */
import type { Context, Next } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";

import type { Core } from "../core/context.js";
import { ApiError } from "../errors.js";
import type { Market } from "../markets.js";
import { hasL2Headers, l2Identity, type L2Identity } from "./auth.js";
import type { Heartbeats } from "./heartbeats.js";
import type { ApiKeyStore } from "./keys.js";

export interface PolymarketDeps {
  readonly core: Core;
  readonly keys: ApiKeyStore;
  readonly heartbeats: Heartbeats;
  /** Whether a token trades through a neg-risk adapter (multi-outcome market). */
  negRisk(tokenId: bigint): Promise<boolean>;
}

/** Polymarket's first and last cursors (base64 of "0" and "-1"). */
export const INITIAL_CURSOR = "MA==";
export const END_CURSOR = "LTE=";

export const tokenId = z.string().regex(/^\d{1,78}$/, "token_id must be a decimal uint256");
export const tokenQuery = z.object({ token_id: tokenId });
/** A JSON body of `[{ token_id }]`, as the batch market-data routes take. */
export const tokenListBody = z.array(tokenQuery).min(1).max(500);
export const sideSchema = z.enum(["BUY", "SELL", "buy", "sell"]).transform((s) => s.toUpperCase() as "BUY" | "SELL");
export const bytes32 = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, "must be 32-byte hex")
  .transform((s) => s.toLowerCase());
export const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x address")
  .transform((s) => s.toLowerCase());

export function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new ApiError(
      "INVALID_REQUEST",
      result.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "),
    );
  return result.data;
}

/** The offset a cursor this API returned stands for (0 for none or the initial cursor). */
export function offsetOf(cursor: string | undefined): number {
  if (!cursor || cursor === INITIAL_CURSOR) return 0;
  if (cursor === END_CURSOR) throw new ApiError("INVALID_REQUEST", "next_cursor LTE= marks the end of the list");
  const offset = Number(Buffer.from(cursor, "base64").toString());
  if (!Number.isInteger(offset) || offset < 0)
    throw new ApiError("INVALID_REQUEST", "next_cursor is not a cursor this API returned");
  return offset;
}

/** The cursor of the page after one of `count` items from `offset`, or END_CURSOR when `more` is false. */
export function nextCursor(offset: number, count: number, more: boolean): string {
  return more ? Buffer.from(String(offset + count)).toString("base64") : END_CURSOR;
}

/** One page of `size` of an in-memory list. */
export function page<T>(all: readonly T[], cursor: string | undefined, size: number): { items: T[]; next: string } {
  const offset = offsetOf(cursor);
  const items = all.slice(offset, offset + size);
  return { items, next: nextCursor(offset, items.length, offset + items.length < all.length) };
}

/** A body limit answering 413 PAYLOAD_TOO_LARGE in the error catalogue's shape. */
export function limit(maxSize: number) {
  return bodyLimit({
    maxSize,
    onError: (c) => c.json(new ApiError("PAYLOAD_TOO_LARGE", `request body exceeds ${maxSize} bytes`).toJSON(), 413),
  });
}

/** The market trading `token` and its outcome; MARKET_NOT_FOUND otherwise. */
export function entryOf(core: Core, token: string): { market: Market; outcome: 0 | 1 } {
  const entry = core.markets.byTokenId(token);
  if (!entry) throw new ApiError("MARKET_NOT_FOUND", `no market trades token ${token}`);
  return entry;
}

/** Runs `handler` with the L2 identity when the request has POLY_API_KEY; otherwise the operator's own route answers. */
export function l2(keys: ApiKeyStore, handler: (c: Context, id: L2Identity) => Promise<Response>) {
  return async (c: Context, next: Next): Promise<Response | undefined> => {
    if (!hasL2Headers(c)) {
      await next();
      return undefined;
    }
    return handler(c, await l2Identity(c, keys));
  };
}

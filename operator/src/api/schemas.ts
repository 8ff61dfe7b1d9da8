/**
 * The API's one schema layer: every query parameter, path parameter and body of every route
 * is parsed here, with bounds, before a handler sees it. Numbers in queries are canonical
 * decimal strings only (no exponent, sign, hex, spaces or leading zeros); ids and addresses are
 * fixed-length hex, lower-cased; token ids are below 2^256; cursors are what the API returned.
 * A failed parse is a 400 INVALID_REQUEST naming the field.
 */
import { z } from "zod";

import { ApiError } from "../errors.js";
import { cancelSchema, MAX_BATCH_ORDERS, postOrderSchema, postOrdersSchema } from "../intake/schema.js";

export { cancelSchema, MAX_BATCH_ORDERS, postOrderSchema, postOrdersSchema };

/** Largest page a list route returns. */
export const MAX_PAGE_LIMIT = 500;
export const DEFAULT_PAGE_LIMIT = 100;
/** Token ids per POST /books. */
export const MAX_BOOKS_PER_REQUEST = 500;
/** Marks the end of a paginated list, as Polymarket does. */
export const END_CURSOR = "LTE=";
/** Polymarket's "from the start" cursor. */
export const START_CURSOR = "MA==";
const MAX_CURSOR_CHARS = 128;
const UINT256_LIMIT = 1n << 256n;

/** A non-negative safe integer written as a canonical decimal string. */
export const safeUintString = z
  .string()
  .regex(/^(0|[1-9]\d{0,15})$/, "must be a non-negative integer in decimal digits")
  .transform(Number)
  .refine((n) => Number.isSafeInteger(n), "must be at most 2^53 - 1");

export const tokenIdString = z
  .string()
  .regex(/^(0|[1-9]\d{0,77})$/, "must be a token id in decimal digits")
  // Checks run even after the regex failed: only a digit string may reach BigInt.
  .refine((s) => /^\d+$/.test(s) && BigInt(s) < UINT256_LIMIT, "must be below 2^256");

export const bytes32 = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, "must be 0x and 64 hex digits")
  .transform((s) => s.toLowerCase());

export const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte hex address")
  .transform((s) => s.toLowerCase());

export const pageLimit = z
  .string()
  .regex(/^[1-9]\d{0,3}$/, `must be an integer from 1 to ${MAX_PAGE_LIMIT}`)
  .transform(Number)
  .refine((n) => n <= MAX_PAGE_LIMIT, `must be an integer from 1 to ${MAX_PAGE_LIMIT}`)
  .default(DEFAULT_PAGE_LIMIT);

const cursorText = z.string().max(MAX_CURSOR_CHARS, "is not a cursor this API returned");

function refuseEnd(cursor: string): void {
  if (cursor === END_CURSOR)
    throw new ApiError("INVALID_REQUEST", "next_cursor LTE= marks the end: there are no more results");
}

/** Trades cursor: base64url of "<created_ms>|<trade id>". */
export function encodeTradeCursor(ms: number, id: string): string {
  return Buffer.from(`${ms}|${id}`).toString("base64url");
}

export function decodeTradeCursor(cursor: string | undefined): { ms: number; id: string } | undefined {
  if (cursor === undefined || cursor === START_CURSOR) return undefined;
  refuseEnd(cursor);
  const match = /^(0|[1-9]\d{0,15})\|(\d{1,12}:\d{1,6})$/.exec(Buffer.from(cursor, "base64url").toString("latin1"));
  const ms = Number(match?.[1]);
  if (!match?.[2] || !Number.isSafeInteger(ms))
    throw new ApiError("INVALID_REQUEST", "next_cursor is not a cursor this API returned");
  return { ms, id: match[2] };
}

/** Orders cursor: the seq of the last order returned, in decimal. */
export function decodeSeqCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined || cursor === START_CURSOR) return undefined;
  refuseEnd(cursor);
  const parsed = safeUintString.safeParse(cursor);
  if (!parsed.success) throw new ApiError("INVALID_REQUEST", "invalid next_cursor: not a cursor this API returned");
  return parsed.data;
}

/** Markets cursor: base64 of the offset into the list. */
export function encodeOffsetCursor(offset: number): string {
  return Buffer.from(String(offset)).toString("base64");
}

export function decodeOffsetCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === START_CURSOR) return 0;
  refuseEnd(cursor);
  const parsed = safeUintString.safeParse(Buffer.from(cursor, "base64").toString("latin1"));
  if (!parsed.success) throw new ApiError("INVALID_REQUEST", "invalid next_cursor");
  return parsed.data;
}

// ---------------------------------------------------------------- per route

export const marketsQuery = z.object({ next_cursor: cursorText.optional() });
export const conditionIdParam = bytes32;
export const orderHashParam = bytes32;

export const tokenQuery = z.object({ token_id: tokenIdString });
export const priceQuery = tokenQuery.extend({ side: z.enum(["BUY", "SELL", "buy", "sell"]) });
export const booksBody = z
  .array(z.object({ token_id: tokenIdString }))
  .min(1)
  .max(MAX_BOOKS_PER_REQUEST);

export const INTERVAL_SECONDS = {
  "1m": 60,
  "1h": 3_600,
  "6h": 21_600,
  "1d": 86_400,
  "1w": 604_800,
  max: Number.POSITIVE_INFINITY,
} as const;
export const historyQuery = z.object({
  market: tokenIdString,
  interval: z.enum(["1m", "1h", "6h", "1d", "1w", "max"]).optional(),
  startTs: safeUintString.optional(),
  endTs: safeUintString.optional(),
  fidelity: z
    .string()
    .regex(/^[1-9]\d{0,5}$/, "must be an integer from 1 to 100000 (minutes)")
    .transform(Number)
    .refine((n) => n <= 100_000, "must be an integer from 1 to 100000 (minutes)")
    .default(1),
});

export const tradesQuery = z.object({
  market: bytes32.optional(),
  maker_address: address.optional(),
  limit: pageLimit,
  next_cursor: cursorText.optional(),
});
export const userOrdersQuery = z.object({
  maker: address,
  market: bytes32.optional(),
  all: z.enum(["true", "false"]).default("false"),
  limit: pageLimit,
  next_cursor: cursorText.optional(),
});
export const userTradesQuery = z.object({
  user: address,
  market: bytes32.optional(),
  limit: pageLimit,
  next_cursor: cursorText.optional(),
});

/** Parses `value` with `schema` or throws INVALID_REQUEST listing each failing field. */
export function parse<T extends z.ZodType>(schema: T, value: unknown, where = "body"): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new ApiError(
      "INVALID_REQUEST",
      result.error.issues.map((i) => `${i.path.join(".") || where}: ${i.message}`).join("; "),
    );
  return result.data;
}

/**
 * The API's one schema layer: every query parameter, path parameter and body of every route
 * is parsed with the shared wire schemas (`@forkcast/shared/protocol`), with bounds, before a
 * handler sees it. This module adds what only the server does: cursor encoding and turning a
 * failed parse into a 400 INVALID_REQUEST naming the field.
 */
import {
  END_CURSOR,
  parseWire,
  safeUintString,
  START_CURSOR,
  type WireOutput,
  type WireSchema,
} from "@forkcast/shared/protocol";

import { ApiError } from "../errors.js";

export {
  booksBody,
  cancelSchema,
  conditionIdParam,
  DEFAULT_PAGE_LIMIT,
  END_CURSOR,
  historyQuery,
  INTERVAL_SECONDS,
  MAX_BATCH_ORDERS,
  MAX_BOOKS_PER_REQUEST,
  MAX_PAGE_LIMIT,
  marketsQuery,
  orderHashParam,
  postOrderSchema,
  postOrdersSchema,
  priceQuery,
  START_CURSOR,
  tokenQuery,
  tradesQuery,
  userOrdersQuery,
  userTradesQuery,
} from "@forkcast/shared/protocol";

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

/** Parses `value` with `schema` or throws INVALID_REQUEST listing each failing field. */
export function parse<T extends WireSchema>(schema: T, value: unknown, where = "body"): WireOutput<T> {
  const result = parseWire(schema, value, where);
  if (!result.ok) throw new ApiError("INVALID_REQUEST", result.message);
  return result.value;
}

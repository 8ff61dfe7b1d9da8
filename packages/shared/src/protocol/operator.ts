/**
 * The operator's core REST API (docs/operator-api.md): the query and path parameters each route
 * accepts, and the JSON each one answers. The operator parses requests and types its views with
 * these; the app parses the answers with them. Polymarket-only routes and fields (API keys,
 * balances, heartbeats, `OpenOrder` extras) follow Polymarket's client and live in the operator.
 */
import { z } from "zod/v4";

import { errorCodeSchema } from "./errors.js";
import { orderTypeSchema } from "./order.js";
import { address, bytes32, decimal6, pageLimit, safeUintString, sideName, tokenIdString } from "./fields.js";

/** Token ids per `POST /books`. */
export const MAX_BOOKS_PER_REQUEST = 500;
/** Marks the end of a paginated list, as Polymarket does. */
export const END_CURSOR = "LTE=";
/** Polymarket's "from the start" cursor. */
export const START_CURSOR = "MA==";
const MAX_CURSOR_CHARS = 128;

const cursorText = z.string().max(MAX_CURSOR_CHARS, "is not a cursor this API returned");

// ---------------------------------------------------------------- requests

export const marketsQuery = z.object({ next_cursor: cursorText.optional() });
export const conditionIdParam = bytes32;
export const orderHashParam = bytes32;

export const tokenQuery = z.object({ token_id: tokenIdString });
export const priceQuery = tokenQuery.extend({ side: z.enum(["BUY", "SELL", "buy", "sell"]) });
export const booksBody = z
  .array(z.object({ token_id: tokenIdString }))
  .min(1)
  .max(MAX_BOOKS_PER_REQUEST);

/** `interval` of `GET /prices-history`: how far back from `endTs` (seconds). */
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

// ---------------------------------------------------------------- responses

const hash = z.string().regex(/^0x[0-9a-f]{64}$/, "must be a lower-case 32-byte hex id");
const addressText = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "must be a 20-byte hex address");
const tokenIdText = z.string().regex(/^\d{1,78}$/, "must be a token id in decimal digits");

/** `POST /order` (and each success of `POST /orders`). */
export const orderResultSchema = z.object({
  success: z.literal(true),
  errorMsg: z.literal(""),
  orderID: hash,
  /** live: resting (maybe partly filled); matched: fully matched; unmatched: FAK/FOK remainder dropped. */
  status: z.enum(["live", "matched", "unmatched"]),
  /** What matched at once, in base units of what the order gives / gets. */
  makingAmount: z.string().regex(/^\d+$/),
  takingAmount: z.string().regex(/^\d+$/),
  transactionsHashes: z.array(hash),
});
export type OrderResult = z.infer<typeof orderResultSchema>;

/** A refused element of `POST /orders`. */
export const orderFailureSchema = z.object({
  success: z.literal(false),
  errorCode: errorCodeSchema,
  errorMsg: z.string(),
  orderID: z.literal(""),
  status: z.literal(""),
});
export type OrderFailure = z.infer<typeof orderFailureSchema>;
export const postOrdersResponseSchema = z.array(z.union([orderResultSchema, orderFailureSchema]));
export type PostOrdersResponse = z.infer<typeof postOrdersResponseSchema>;

/** The cancel routes' answer. */
export const cancelResponseSchema = z.object({
  canceled: z.array(hash),
  not_canceled: z.record(z.string(), z.string()),
});
export type CancelResponse = z.infer<typeof cancelResponseSchema>;

export const orderStatusSchema = z.enum(["LIVE", "MATCHED", "UNMATCHED", "CANCELED", "EXPIRED", "INVALID"]);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

/** An order as `GET /data/order/{hash}` and `GET /data/orders` list it (and the user channel carries it). */
export const orderViewSchema = z.object({
  id: hash,
  status: orderStatusSchema,
  /** Why it left the book (CANCELLED_BY_MAKER, EXPIRED, …); null while it is on the book. */
  reason: z.string().nullable(),
  owner: addressText,
  maker_address: addressText,
  market: hash,
  asset_id: tokenIdText,
  side: sideName,
  price: decimal6,
  original_size: decimal6,
  size_matched: decimal6,
  remaining_size: decimal6,
  order_type: orderTypeSchema,
  post_only: z.boolean(),
  expiration: z.string().regex(/^\d+$/),
  created_at: z.number().int().nonnegative(),
});
export type OrderView = z.infer<typeof orderViewSchema>;

export const ordersPageSchema = z.object({ data: z.array(orderViewSchema), next_cursor: z.string() });
export type OrdersPage = z.infer<typeof ordersPageSchema>;

export const tradeStatusSchema = z.enum(["MATCHED", "MINED", "CONFIRMED", "FAILED"]);
export type TradeStatus = z.infer<typeof tradeStatusSchema>;
/** COMPLEMENTARY: a buy meets a sell; MINT: two buys split collateral; MERGE: two sells merge. */
export const matchTypeSchema = z.enum(["COMPLEMENTARY", "MINT", "MERGE"]);
export type MatchType = z.infer<typeof matchTypeSchema>;

/** A trade (one taker-maker pair) as `GET /trades` and `GET /data/trades` list it. */
export const tradeViewSchema = z.object({
  id: z.string(),
  taker_order_id: hash,
  market: hash,
  /** The taker's token; `price` is in its terms. */
  asset_id: tokenIdText,
  side: sideName,
  size: decimal6,
  price: decimal6,
  match_type: matchTypeSchema,
  status: tradeStatusSchema,
  match_time: z.string().regex(/^\d+$/),
  transaction_hash: z.string().nullable(),
  maker_address: addressText,
  taker_address: addressText,
  maker_orders: z.array(
    z.object({
      order_id: hash,
      maker_address: addressText,
      asset_id: tokenIdText,
      side: sideName,
      matched_amount: decimal6,
      price: decimal6,
    }),
  ),
});
export type TradeView = z.infer<typeof tradeViewSchema>;

export const tradesPageSchema = z.object({ data: z.array(tradeViewSchema), next_cursor: z.string() });
export type TradesPage = z.infer<typeof tradesPageSchema>;

/** A market as `GET /markets/{condition_id}` answers it (YES = `tokens[0]`, NO = `tokens[1]`). */
export const marketViewSchema = z.object({
  condition_id: hash,
  question: z.string(),
  active: z.boolean(),
  closed: z.boolean(),
  accepting_orders: z.boolean(),
  minimum_order_size: decimal6,
  minimum_tick_size: decimal6,
  /** Fee rate in bps every order must carry. */
  maker_base_fee: z.number().int().nonnegative(),
  taker_base_fee: z.number().int().nonnegative(),
  tokens: z.array(z.object({ token_id: tokenIdText, outcome: z.string() })),
});
export type MarketView = z.infer<typeof marketViewSchema>;

export const marketsPageSchema = z.object({
  limit: z.number().int(),
  count: z.number().int(),
  next_cursor: z.string(),
  data: z.array(marketViewSchema),
});
export type MarketsPage = z.infer<typeof marketsPageSchema>;

export const levelSchema = z.object({ price: decimal6, size: decimal6 });
export type Level = z.infer<typeof levelSchema>;

/**
 * `GET /book` (and a market-channel `book` message): levels best last, as Polymarket lists
 * them. A token with no book yet has only `asset_id` and empty sides.
 */
export const bookSchema = z.object({
  market: hash.optional(),
  asset_id: tokenIdText,
  timestamp: z.string().optional(),
  hash: z.string().optional(),
  bids: z.array(levelSchema),
  asks: z.array(levelSchema),
  tick_size: decimal6.optional(),
  min_order_size: decimal6.optional(),
  neg_risk: z.boolean().optional(),
});
export type BookResponse = z.infer<typeof bookSchema>;

export const priceResponseSchema = z.object({ price: decimal6 });
export const midpointResponseSchema = z.object({ mid: decimal6 });
export const spreadResponseSchema = z.object({ spread: decimal6 });
export const lastTradePriceResponseSchema = z.object({ price: z.string(), side: z.enum(["BUY", "SELL", ""]) });
export type LastTradePriceResponse = z.infer<typeof lastTradePriceResponseSchema>;

/** `GET /prices-history`: last trade price per bucket; `t` unix seconds, `p` the price as a fraction of 1. */
export const priceHistorySchema = z.object({
  history: z.array(z.object({ t: z.number(), p: z.number().min(0).max(1) })),
});
export type PriceHistory = z.infer<typeof priceHistorySchema>;

export const healthSchema = z.object({
  ok: z.literal(true),
  db: z.string(),
  chainId: z.number().int().positive(),
  exchange: addressText,
});
export type Health = z.infer<typeof healthSchema>;

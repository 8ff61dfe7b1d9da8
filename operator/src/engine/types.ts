/**
 * Engine vocabulary. The engine keeps one unified book per binary market, expressed in the
 * price of outcome 0 ("YES"): a YES BUY at p and a NO SELL at 1 − p are both bids at p; a
 * YES SELL at p and a NO BUY at 1 − p are both asks at p. A bid crosses an ask when
 * bid ≥ ask, and the pair of original (token, side) tells the settlement type.
 */
import { PRICE_SCALE_NUMBER } from "@forkcast/shared";
import type { Address, Hex } from "viem";

export type OrderType = "GTC" | "GTD" | "FOK" | "FAK";
export type MatchType = "COMPLEMENTARY" | "MINT" | "MERGE";
export type BookSide = "bid" | "ask";

/** 0 = the market's first outcome token (YES), 1 = its complement (NO). */
export type Outcome = 0 | 1;

export interface EngineOrder {
  readonly hash: Hex;
  readonly marketId: string;
  readonly maker: Address;
  readonly outcome: Outcome;
  /** 0 = BUY, 1 = SELL of the order's own token. */
  readonly side: 0 | 1;
  /** Limit price of the order's own token, in price units (1.0 = 1_000_000). */
  readonly price: number;
  /** Shares still open, base units. */
  remaining: bigint;
  readonly orderType: OrderType;
  readonly postOnly: boolean;
  /** Unix seconds; 0 = never. */
  readonly expiration: number;
  /** Arrival sequence: time priority and replay order. */
  readonly seq: number;
}

export interface Fill {
  readonly takerHash: Hex;
  readonly makerHash: Hex;
  readonly taker: Address;
  readonly maker: Address;
  readonly marketId: string;
  readonly type: MatchType;
  readonly shares: bigint;
  /** Each side's own limit price (price units): the maker trades at its price; the taker's improvement is refunded by the exchange. */
  readonly makerPrice: number;
  readonly takerPrice: number;
  readonly makerOutcome: Outcome;
  readonly makerSide: 0 | 1;
  readonly takerOutcome: Outcome;
  readonly takerSide: 0 | 1;
}

export type RemovalReason = "SELF_TRADE" | "EXPIRED" | "FILLED" | "CANCELLED";

export interface Removal {
  readonly hash: Hex;
  readonly maker: Address;
  readonly reason: RemovalReason;
}

export type SubmitStatus = "live" | "matched" | "unmatched" | "rejected";

export interface SubmitResult {
  /** live: rests on the book (possibly after partial fills); matched: fully filled; unmatched: FAK/FOK remainder dropped; rejected: nothing happened. */
  readonly status: SubmitStatus;
  readonly fills: Fill[];
  /** Resting orders the submission removed (self-trade prevention, expiry found while matching). */
  readonly removed: Removal[];
  readonly rejectReason?: "POST_ONLY_WOULD_CROSS" | "FOK_NOT_FILLABLE" | "DUPLICATE";
}

/** The YES-space price and side an order occupies in the unified book. */
export function bookPosition(outcome: Outcome, side: 0 | 1, price: number): { bookSide: BookSide; bookPrice: number } {
  const isBid = (outcome === 0) === (side === 0);
  return { bookSide: isBid ? "bid" : "ask", bookPrice: outcome === 0 ? price : PRICE_SCALE_NUMBER - price };
}

/** Settlement type of a crossing pair of (outcome, side) legs. */
export function matchTypeOf(a: { outcome: Outcome; side: 0 | 1 }, b: { outcome: Outcome; side: 0 | 1 }): MatchType {
  if (a.outcome === b.outcome) return "COMPLEMENTARY";
  return a.side === 0 ? "MINT" : "MERGE";
}

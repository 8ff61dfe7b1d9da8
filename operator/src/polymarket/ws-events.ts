/**
 * Adapters from the operator's bus messages to Polymarket's WebSocket event shapes. They only
 * add fields (Polymarket's names next to the operator's), so existing listeners are unaffected.
 */
import type { Message } from "../bus.js";
import { bookHash, polymarketLevels, type Level } from "./views.js";

export interface UserContext {
  /** The subscriber's API key (Polymarket's `owner`), or its address when it subscribed without one. */
  readonly owner: string;
  outcomeOf(tokenId: string): string;
}

function str(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}

/** `order` and `trade` events as Polymarket's user channel sends them. */
export function userEvent(message: Message, ctx: UserContext): Message {
  if (message["event_type"] === "order") {
    return {
      ...message,
      owner: ctx.owner,
      order_owner: ctx.owner,
      outcome: ctx.outcomeOf(str(message["asset_id"])),
      associate_trades: Array.isArray(message["associate_trades"]) ? message["associate_trades"] : [],
    };
  }
  if (message["event_type"] === "trade") {
    const makers = Array.isArray(message["maker_orders"]) ? (message["maker_orders"] as Message[]) : [];
    return {
      ...message,
      type: "TRADE",
      owner: ctx.owner,
      trade_owner: ctx.owner,
      matchtime: str(message["match_time"]),
      last_update: str(message["timestamp"]).slice(0, -3) || str(message["match_time"]),
      outcome: ctx.outcomeOf(str(message["asset_id"])),
      maker_orders: makers.map((m) => ({
        ...m,
        outcome: ctx.outcomeOf(str(m["asset_id"])),
        owner: str(m["maker_address"]),
      })),
    };
  }
  return message;
}

/**
 * `book` with the best level last; `price_change` in Polymarket's current form: every entry of `price_changes` carries its
 * `asset_id`, `hash`, `best_bid` and `best_ask`.
 */
export function marketEvent(message: Message): Message {
  if (message["event_type"] === "book" && Array.isArray(message["bids"]) && Array.isArray(message["asks"])) {
    // Best level last, as on GET /book, with the hash recomputed over what is sent.
    const levels = polymarketLevels({ bids: message["bids"] as Level[], asks: message["asks"] as Level[] });
    const book: Message = { ...message, hash: "", bids: levels.bids, asks: levels.asks };
    book["hash"] = bookHash(book);
    return book;
  }
  if (message["event_type"] !== "price_change" || !Array.isArray(message["price_changes"])) return message;
  const assetId = message["asset_id"];
  return {
    ...message,
    price_changes: (message["price_changes"] as Message[]).map((change) => ({
      asset_id: assetId,
      ...change,
      hash: message["hash"],
      best_bid: message["best_bid"],
      best_ask: message["best_ask"],
    })),
  };
}

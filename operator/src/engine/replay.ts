/**
 * Deterministic replay: feeds the stored order log (book_events, in sequence) into a fresh
 * engine and returns the fills it produces. Equal to the stored trades, in order, whenever the
 * operator ran correctly; used by tests and for auditing a database.
 */
import type { Address, Hex } from "viem";

import type { BookEventRow, OrderRow } from "../db/store.js";
import { MatchingEngine } from "./engine.js";
import type { EngineOrder, Fill, OrderType } from "./types.js";

export function engineOrderFromRow(row: OrderRow, remaining: bigint): EngineOrder {
  return {
    hash: row.hash as Hex,
    marketId: row.market_id,
    maker: row.maker as Address,
    outcome: row.outcome as 0 | 1,
    side: row.side as 0 | 1,
    price: row.price,
    remaining,
    orderType: row.order_type as OrderType,
    postOnly: row.post_only,
    expiration: row.expiration,
    seq: row.seq,
  };
}

/**
 * `at_s` of a submit is the second the order was accepted (floor of created_ms / 1000), which is
 * exactly the `now` the engine was given.
 */
export function replay(
  events: readonly BookEventRow[],
  orders: ReadonlyMap<string, OrderRow>,
): { fills: Fill[]; engine: MatchingEngine } {
  type Entry = { seq: number; row: OrderRow; event: BookEventRow | undefined };
  const entries: Entry[] = [];
  for (const row of orders.values()) entries.push({ seq: row.seq, row, event: undefined });
  for (const event of events) {
    const row = orders.get(event.order_hash);
    if (!row) throw new Error(`order log references unknown order ${event.order_hash}`);
    entries.push({ seq: event.seq, row, event });
  }
  entries.sort((a, b) => a.seq - b.seq);
  const engine = new MatchingEngine();
  const fills: Fill[] = [];
  for (const { row, event } of entries) {
    if (!event) {
      fills.push(
        ...engine.submit(engineOrderFromRow(row, BigInt(row.original_shares)), Math.floor(row.created_ms / 1000)).fills,
      );
      continue;
    }
    switch (event.kind) {
      case "cancel":
      case "expire":
        engine.cancel(row.hash as Hex);
        break;
      case "restore":
        fills.push(...engine.resubmit(engineOrderFromRow(row, 0n), BigInt(event.shares ?? "0"), event.at_s).fills);
        break;
    }
  }
  return { fills, engine };
}

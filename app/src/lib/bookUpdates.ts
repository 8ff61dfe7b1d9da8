/** Applies the operator WebSocket's `price_change` level updates to a book. Pure. */
import type { Level } from "./price.ts";

export interface LevelChange {
  side: "BUY" | "SELL";
  price: bigint;
  /** The level's new aggregate size; 0 removes it. */
  size: bigint;
}

function apply(levels: readonly Level[], change: LevelChange, bestFirst: (a: Level, b: Level) => number): Level[] {
  const rest = levels.filter((l) => l.price !== change.price);
  if (change.size > 0n) rest.push({ price: change.price, size: change.size });
  return rest.sort(bestFirst);
}

const bidsOrder = (a: Level, b: Level) => (a.price > b.price ? -1 : a.price < b.price ? 1 : 0);
const asksOrder = (a: Level, b: Level) => (a.price < b.price ? -1 : a.price > b.price ? 1 : 0);

/** BUY changes touch the bids, SELL changes the asks; both stay sorted best first. */
export function applyPriceChanges(
  book: { bids: readonly Level[]; asks: readonly Level[] },
  changes: readonly LevelChange[],
): { bids: Level[]; asks: Level[] } {
  let bids = [...book.bids];
  let asks = [...book.asks];
  for (const c of changes) {
    if (c.side === "BUY") bids = apply(bids, c, bidsOrder);
    else asks = apply(asks, c, asksOrder);
  }
  return { bids, asks };
}

/**
 * The two ways the book changes an order, shared by every stage: an engine result applied
 * (fills become settlements and trades, removals and the incoming order update their rows),
 * and an order taken off the book for good. Both run synchronously between two awaits; their
 * rows go to the store's next commit and their messages to the caller's outbox.
 */
import type { Hex } from "viem";

import { pendingSettlement } from "../db/rows.js";
import type { OrderStatus, TradeRow } from "../db/store.js";
import type { Fill, SubmitResult } from "../engine/types.js";
import type { Core } from "../core/context.js";
import type { TrackedOrder } from "../core/ledger.js";
import type { Outbox } from "../core/outbox.js";

/** Status of an order dropped for `reason`: cancelled by the maker's own chain action, expired, or invalid. */
export function dropStatus(reason: string): OrderStatus {
  if (reason === "EXPIRED") return "EXPIRED";
  if (reason === "FILLED_OR_CANCELLED_ONCHAIN" || reason === "NONCE_INCREMENTED") return "CANCELED";
  return "INVALID";
}

/** Takes an order off the book for good (cancel, expiry, invalidity) and queues its CANCELLATION message. */
export function takeOff(
  core: Core,
  tracked: TrackedOrder,
  status: OrderStatus,
  reason: string,
  nowSeconds: number,
  nowMs: number,
  out: Outbox,
): void {
  core.engine.cancel(tracked.row.hash as Hex);
  core.ledger.finish(tracked, status, reason, nowSeconds, nowMs);
  out.order(tracked, "CANCELLATION", nowMs, reason);
}

function tradeRow(core: Core, settlementId: number, index: number, fill: Fill, nowMs: number): TradeRow {
  const market = core.markets.get(fill.marketId);
  const token = (outcome: 0 | 1): string => (market ? market.tokens[outcome].toString() : "");
  return {
    id: `${settlementId}:${index}`,
    settlement_id: settlementId,
    market_id: fill.marketId,
    taker_hash: fill.takerHash,
    maker_hash: fill.makerHash,
    taker: fill.taker.toLowerCase(),
    maker: fill.maker.toLowerCase(),
    match_type: fill.type,
    shares: fill.shares.toString(),
    maker_price: fill.makerPrice,
    taker_price: fill.takerPrice,
    maker_token: token(fill.makerOutcome),
    maker_side: fill.makerSide,
    taker_token: token(fill.takerOutcome),
    taker_side: fill.takerSide,
    status: "MATCHED",
    tx_hash: null,
    created_ms: nowMs,
    updated_ms: nowMs,
  };
}

/**
 * Turns an engine result for `taker` into ledger changes, settlements (of up to
 * maxMakersPerMatch makers each, handed to the settler) and trades, and queues the messages:
 * the taker's PLACEMENT first, then removals, maker UPDATEs, trades and last trade prices.
 */
export function applyResult(
  core: Core,
  taker: TrackedOrder,
  result: SubmitResult,
  nowMs: number,
  nowSeconds: number,
  out: Outbox,
): void {
  const start = out.size;
  const marketId = taker.row.market_id;
  out.touchMarket(marketId);

  for (const removal of result.removed) {
    const tracked = core.ledger.get(removal.hash);
    if (!tracked) continue;
    takeOff(
      core,
      tracked,
      removal.reason === "EXPIRED" ? "EXPIRED" : "CANCELED",
      removal.reason,
      nowSeconds,
      nowMs,
      out,
    );
  }

  const fills = result.fills;
  const perMatch = core.config.maxMakersPerMatch;
  let takerFilled = 0n;
  for (let first = 0; first < fills.length; first += perMatch) {
    const chunk = fills.slice(first, first + perMatch);
    const id = core.ledger.nextSettlementId();
    const settlement = pendingSettlement(
      {
        id,
        market_id: marketId,
        taker_hash: taker.row.hash,
        match_type: [...new Set(chunk.map((f) => f.type))].join("+"),
      },
      nowMs,
    );
    const trades = chunk.map((fill, index) => tradeRow(core, id, index, fill, nowMs));
    core.store.addSettlement(settlement);
    for (const trade of trades) core.store.addTrade(trade);
    core.settler?.track({ row: settlement, trades });
    for (const fill of chunk) {
      takerFilled += fill.shares;
      const maker = core.ledger.fillMaker(fill.makerHash, fill.shares, nowMs);
      if (maker) out.order(maker, "UPDATE", nowMs);
    }
    for (const trade of trades) out.trade(trade, nowMs);
    const last = core.feed.recordTrade(chunk[chunk.length - 1] as Fill, nowMs);
    out.market(last.asset, last.message);
  }

  const status: OrderStatus = result.status === "live" ? "LIVE" : result.status === "matched" ? "MATCHED" : "UNMATCHED";
  core.ledger.placeTaker(taker, takerFilled, status, nowMs);
  out.order(taker, "PLACEMENT", nowMs, undefined, start);
}

/**
 * Recovery stage (startup): markets, numbering and tracked orders come back from storage;
 * unfinished settlements keep their shares in flight; every stored LIVE order is checked
 * against the clock and the chain and either rests on the book again or is dropped with a
 * reason. The settler then resumes the unfinished settlements.
 */
import { PRICE_SCALE_NUMBER } from "@forkcast/shared";
import { outbox, type Core, type SettlementPlan } from "../core/context.js";
import { tradesOfOrders } from "../db/trade-queries.js";
import { MarketRegistry } from "../markets.js";
import { dropStatus, takeOff } from "./book-changes.js";
import { invalidReason } from "./validity.js";

/** Loads markets, rebuilds the book from stored live orders, and returns unfinished settlements. */
export async function recover(
  core: Core,
  nowSeconds: number,
): Promise<{ settlements: SettlementPlan[]; dropped: number }> {
  const { store, ledger } = core;
  for (const row of await store.markets()) core.markets.add(MarketRegistry.fromRow(row));
  ledger.resume({
    seq: await store.maxSeq(),
    settlementId: await store.maxSettlementId(),
    knownHashes: await store.orderHashes(),
  });

  // Unfinished settlements: their shares are in flight for every order involved.
  const plans: SettlementPlan[] = [];
  const inflightOrders = new Set<string>();
  for (const row of await store.settlementsByStatus(["PENDING", "SENT", "MINED"])) {
    const trades = await store.tradesOfSettlement(row.id);
    plans.push({ row, trades });
    for (const trade of trades) {
      inflightOrders.add(trade.taker_hash);
      inflightOrders.add(trade.maker_hash);
    }
  }
  const live = await store.liveOrders();
  const liveHashes = new Set(live.map((row) => row.hash));
  const inflightRows = await store.ordersByHashes([...inflightOrders].filter((hash) => !liveHashes.has(hash)));
  const tracked = [...live, ...inflightRows];
  const matched = await tradesOfOrders(
    store.db,
    tracked.map((row) => row.hash),
  );
  for (const row of tracked) ledger.track(row, matched.get(row.hash)?.matched ?? 0n);
  // Durable intake state (chain cancels, failure counts): see db/durable.ts.
  for (const hash of await core.durable.chainCancels()) ledger.markCancelledOnChain(hash);
  for (const [hash, failures] of await core.durable.failures()) {
    const tracked = ledger.get(hash);
    if (tracked) tracked.failures = failures;
  }
  for (const plan of plans)
    for (const trade of plan.trades) {
      ledger.addInflight(trade.taker_hash, BigInt(trade.shares));
      ledger.addInflight(trade.maker_hash, BigInt(trade.shares));
    }

  const out = outbox(core);
  const nowMs = Date.now();
  let dropped = 0;
  for (const row of live) {
    const tracked = ledger.get(row.hash);
    if (!tracked) continue;
    const reason = await invalidReason(core, tracked, nowSeconds);
    if (reason) {
      takeOff(core, tracked, dropStatus(reason), reason, nowSeconds, nowMs, out);
      dropped++;
      continue;
    }
    core.engine.restore(tracked.template, BigInt(row.remaining));
  }
  await store.commit();
  out.publish(nowMs);
  return { settlements: plans, dropped };
}

/** Loads the last trade price per market from storage (after a restart). */
export async function loadLastTrades(core: Core): Promise<void> {
  for (const market of core.markets.all()) {
    const [trade] = await core.store.trades({ market: market.id, limit: 1 });
    if (!trade) continue;
    core.feed.restoreLastTrade(market.id, {
      price:
        trade.maker_token === market.tokens[0].toString() ? trade.maker_price : PRICE_SCALE_NUMBER - trade.maker_price,
      side: trade.taker_side === 0 ? "BUY" : "SELL",
      size: BigInt(trade.shares),
      at: trade.created_ms,
    });
  }
}

/** Markets stage: adding or updating a traded market (from chain events or the markets file) and storing it. */
import type { MarketsFile } from "../config.js";
import type { Core } from "../core/context.js";
import { MarketRegistry, type Market } from "../markets.js";

/** Adds (or updates) a market for a registered token pair; outcome 0 is the condition's index set 1. */
export async function upsertMarket(core: Core, market: Market): Promise<void> {
  const existing = core.markets.get(market.id);
  if (existing) {
    Object.assign(existing, {
      question: market.question,
      tickSize: market.tickSize,
      minSize: market.minSize,
      feeRateBps: market.feeRateBps,
      open: market.open,
    });
    await core.store.upsertMarket(MarketRegistry.toRow(existing));
    return;
  }
  core.markets.add(market);
  await core.store.upsertMarket(MarketRegistry.toRow(market));
}

/** Applies the operator's markets file (questions, rules, status) to markets already discovered on chain. */
export async function applyMarketsFile(core: Core, file: MarketsFile): Promise<void> {
  await Promise.all(
    file.map(async (entry) => {
      const market = core.markets.get(entry.conditionId.toLowerCase());
      if (!market) return;
      await upsertMarket(core, {
        ...market,
        question: entry.question || market.question,
        tickSize: entry.tickSize ?? market.tickSize,
        minSize: entry.minSize ?? market.minSize,
        feeRateBps: entry.feeRateBps ?? market.feeRateBps,
        open: entry.status ? entry.status === "open" : market.open,
      });
    }),
  );
}

/** Test data shared by the unit tests. */
import type { Market, MarketOutcome } from "../src/data/catalog.ts";

/** A binary market with one condition, tokens 10 (YES) and 11 (NO); override any field. */
export function makeMarket(overrides: Partial<Market> = {}): Market {
  const yesTokenIds = overrides.yesTokenIds ?? [10n];
  const noTokenIds = overrides.noTokenIds ?? [11n];
  const conditionIds =
    overrides.conditionIds ?? yesTokenIds.map((_, i) => `0x${(0xc0 + i).toString(16).padStart(64, "0")}` as const);
  const conditions: MarketOutcome[] =
    overrides.conditions?.slice() ??
    conditionIds.map((conditionId, i) => ({
      conditionId,
      name: overrides.outcomes?.[i] ?? `outcome ${i}`,
      yesTokenId: yesTokenIds[i] ?? 0n,
      noTokenId: noTokenIds[i] ?? 0n,
      lastPrice: undefined,
      volume: 0n,
      payouts: undefined,
    }));
  return {
    marketId: "0x01",
    kind: "binary",
    creator: "0x0000000000000000000000000000000000000001",
    question: "Q?",
    outcomes: ["Yes", "No"],
    rules: "",
    category: "",
    endTime: 0,
    reward: 0n,
    bond: 0n,
    resolved: false,
    answer: undefined,
    volume: 0n,
    tradeCount: 0,
    openInterest: 0n,
    oracle: undefined,
    createdBlock: 0n,
    ...overrides,
    conditionIds,
    yesTokenIds,
    noTokenIds,
    conditions,
  };
}

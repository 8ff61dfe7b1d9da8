/**
 * The markets the operator books: one per binary condition, two outcome tokens (0 = YES, 1 = NO)
 * with their trading rules. Discovered from the exchange's TokenRegistered events, with
 * optional overrides from a markets file; stored in the markets table.
 */
import type { MarketRow } from "./db/store.js";
import type { MarketRules } from "./intake/validate.js";

export interface Market {
  readonly id: string;
  question: string;
  readonly tokens: readonly [bigint, bigint];
  tickSize: number;
  minSize: bigint;
  feeRateBps: number;
  open: boolean;
  readonly createdMs: number;
}

export class MarketRegistry {
  private readonly byId = new Map<string, Market>();
  private readonly byToken = new Map<string, { market: Market; outcome: 0 | 1 }>();

  add(market: Market): void {
    this.byId.set(market.id, market);
    this.byToken.set(market.tokens[0].toString(), { market, outcome: 0 });
    this.byToken.set(market.tokens[1].toString(), { market, outcome: 1 });
  }

  get(id: string): Market | undefined {
    return this.byId.get(id.toLowerCase());
  }

  byTokenId(tokenId: bigint | string): { market: Market; outcome: 0 | 1 } | undefined {
    return this.byToken.get(tokenId.toString());
  }

  rules(tokenId: bigint): MarketRules | undefined {
    const entry = this.byToken.get(tokenId.toString());
    if (!entry) return undefined;
    const { market, outcome } = entry;
    return {
      marketId: market.id,
      outcome,
      tickSize: market.tickSize,
      minSize: market.minSize,
      feeRateBps: market.feeRateBps,
      open: market.open,
    };
  }

  all(): Market[] {
    return [...this.byId.values()];
  }

  static fromRow(row: MarketRow): Market {
    return {
      id: row.market_id,
      question: row.question,
      tokens: [BigInt(row.yes_token), BigInt(row.no_token)],
      tickSize: row.tick_size,
      minSize: BigInt(row.min_size),
      feeRateBps: row.fee_rate_bps,
      open: row.status === "open",
      createdMs: row.created_ms,
    };
  }

  static toRow(market: Market): MarketRow {
    return {
      market_id: market.id,
      question: market.question,
      yes_token: market.tokens[0].toString(),
      no_token: market.tokens[1].toString(),
      tick_size: market.tickSize,
      min_size: market.minSize.toString(),
      fee_rate_bps: market.feeRateBps,
      status: market.open ? "open" : "closed",
      created_ms: market.createdMs,
    };
  }
}

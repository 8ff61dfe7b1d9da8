/** The trade ticket's numbers: what an order costs, pays if right, and how far it moves the price. Pure. */
import { parseAmount } from "./amount.ts";
import {
  type Level,
  PRICE_IMPACT_WARNING_BPS,
  limitCost,
  parseCents,
  payoutIfRight,
  simulateMarketBuy,
  simulateMarketSell,
} from "./price.ts";

export type Side = "buy" | "sell";
export type OrderType = "market" | "limit";
export type TimeInForce = "GTC" | "GTD" | "FOK" | "FAK";

export interface TicketInput {
  side: Side;
  type: OrderType;
  /** Market buy: collateral to spend; market sell and limit: shares. */
  amount: string;
  /** Limit price in cents. */
  limitCents: string;
  tif: TimeInForce;
  bids: readonly Level[];
  asks: readonly Level[];
}

export interface TicketQuote {
  ok: boolean;
  reason?: string;
  shares: bigint;
  /** Buy: collateral paid; sell: collateral received. */
  collateral: bigint;
  price: bigint;
  /** The price the order carries: the limit, or for market orders the worst level the fill touches. */
  worstPrice: bigint;
  payoutIfRight: bigint;
  priceImpactBps: bigint;
  impactWarning: boolean;
}

const EMPTY: Omit<TicketQuote, "ok" | "reason"> = {
  shares: 0n,
  collateral: 0n,
  price: 0n,
  worstPrice: 0n,
  payoutIfRight: 0n,
  priceImpactBps: 0n,
  impactWarning: false,
};

export function quoteTicket(input: TicketInput): TicketQuote {
  const amount = parseAmount(input.amount);
  if (!amount.ok) return { ...EMPTY, ok: false, reason: amount.reason };
  if (amount.value === 0n) return { ...EMPTY, ok: false, reason: "Enter an amount above zero" };
  if (input.type === "limit") {
    if (input.tif === "FOK" || input.tif === "FAK") {
      // Fill-or-kill / fill-and-kill are market-style: they are allowed with a limit price too.
    }
    const price = parseCents(input.limitCents);
    if (!price.ok) return { ...EMPTY, ok: false, reason: price.reason };
    const shares = amount.value;
    const collateral = input.side === "buy" ? limitCost(shares, price.value) : (shares * price.value) / 1_000_000n;
    return {
      ...EMPTY,
      ok: true,
      shares,
      collateral,
      price: price.value,
      worstPrice: price.value,
      payoutIfRight: input.side === "buy" ? payoutIfRight(shares) : 0n,
    };
  }
  const fill =
    input.side === "buy" ? simulateMarketBuy(input.asks, amount.value) : simulateMarketSell(input.bids, amount.value);
  if (fill.shares === 0n)
    return { ...EMPTY, ok: false, reason: `No ${input.side === "buy" ? "sellers" : "buyers"} in the book` };
  const quote: TicketQuote = {
    ok: true,
    shares: fill.shares,
    collateral: fill.collateral,
    price: fill.averagePrice,
    worstPrice: fill.worstPrice,
    payoutIfRight: input.side === "buy" ? payoutIfRight(fill.shares) : 0n,
    priceImpactBps: fill.priceImpactBps,
    impactWarning: fill.priceImpactBps >= PRICE_IMPACT_WARNING_BPS,
  };
  if (fill.unfilled > 0n && input.tif === "FOK") {
    return { ...quote, ok: false, reason: "Fill-or-kill: the book cannot fill the whole amount" };
  }
  return quote;
}

/** Size presets for the ticket: collateral for market buys, fractions of the holding for sells. */
export function sizePresets(side: Side, type: OrderType): string[] {
  return side === "buy" && type === "market" ? ["10", "50", "100", "500"] : ["10", "25", "100", "250"];
}

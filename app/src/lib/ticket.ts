/** The trade ticket's numbers: what an order costs, pays if right, and how far it moves the price. Pure. */
import { PRICE_SCALE } from "@forkcast/shared";
import { formatAmount, parseAmount } from "./amount.ts";
import {
  type Level,
  PRICE_IMPACT_WARNING_BPS,
  formatCents,
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
  /** The trader's own resting orders (aggregated by price): they never fill the trader's orders. */
  own?: { bids: readonly Level[]; asks: readonly Level[] } | undefined;
  /** Buy: the trader's collateral; sell: the trader's shares of this outcome. Unknown ⇒ not checked. */
  balance?: bigint | undefined;
  /** The market's tick in price units (default 1¢): a limit price must be a multiple of it. */
  tickSize?: bigint | undefined;
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
  /** Shares of the trader's own resting orders left out of a market order's fill (self-trade prevention). */
  selfTradeExcluded: bigint;
  /** Why the book fills none of a market order (an empty side, or only the trader's own orders on it). */
  unfillable?: string;
}

const EMPTY: Omit<TicketQuote, "ok" | "reason"> = {
  shares: 0n,
  collateral: 0n,
  price: 0n,
  worstPrice: 0n,
  payoutIfRight: 0n,
  priceImpactBps: 0n,
  impactWarning: false,
  selfTradeExcluded: 0n,
};

/** The book without the trader's own orders: each level's size less the trader's size at that price. */
function withoutOwn(levels: readonly Level[], own: readonly Level[] | undefined): Level[] {
  if (!own || own.length === 0) return [...levels];
  return levels
    .map((l) => {
      const mine = own.filter((o) => o.price === l.price).reduce((sum, o) => sum + o.size, 0n);
      return { price: l.price, size: l.size > mine ? l.size - mine : 0n };
    })
    .filter((l) => l.size > 0n);
}

const sumSizes = (levels: readonly Level[]) => levels.reduce((sum, l) => sum + l.size, 0n);

/** Why the trader's holdings cannot pay for the order, in amounts with units; undefined when they can. */
function balanceShortfall(side: Side, need: bigint, balance: bigint | undefined): string | undefined {
  if (balance === undefined || need <= balance) return undefined;
  const unit = side === "buy" ? "tUSD" : "shares";
  return side === "buy"
    ? `Not enough tUSD: you have ${formatAmount(balance, { unit })}, this order costs ${formatAmount(need, { unit })}`
    : `Not enough shares: you have ${formatAmount(balance, { unit })}, this order sells ${formatAmount(need, { unit })}`;
}

export function quoteTicket(input: TicketInput): TicketQuote {
  const amount = parseAmount(input.amount);
  if (!amount.ok) return { ...EMPTY, ok: false, reason: amount.reason };
  if (amount.value === 0n) return { ...EMPTY, ok: false, reason: "Enter an amount above zero" };
  if (input.type === "limit") {
    // FOK / FAK with a limit price are allowed: they trade at the limit or better, or not at all.
    const price = parseCents(input.limitCents, input.tickSize);
    if (!price.ok) return { ...EMPTY, ok: false, reason: price.reason };
    const shares = amount.value;
    const collateral = input.side === "buy" ? limitCost(shares, price.value) : (shares * price.value) / PRICE_SCALE;
    const short = balanceShortfall(input.side, input.side === "buy" ? collateral : shares, input.balance);
    return {
      ...EMPTY,
      ok: short === undefined,
      ...(short ? { reason: short } : {}),
      shares,
      collateral,
      price: price.value,
      worstPrice: price.value,
      payoutIfRight: input.side === "buy" ? payoutIfRight(shares) : 0n,
    };
  }
  const levels = input.side === "buy" ? input.asks : input.bids;
  const others = withoutOwn(levels, input.side === "buy" ? input.own?.asks : input.own?.bids);
  const selfTradeExcluded = sumSizes(levels) - sumSizes(others);
  const fill =
    input.side === "buy" ? simulateMarketBuy(others, amount.value) : simulateMarketSell(others, amount.value);
  // The preview walks the book even when the order cannot go (over the balance, not all fillable):
  // the trader sees the average price the book offers beside the reason it cannot be placed.
  const quote: TicketQuote = {
    ok: true,
    shares: fill.shares,
    collateral: fill.collateral,
    price: fill.averagePrice,
    worstPrice: fill.worstPrice,
    payoutIfRight: input.side === "buy" ? payoutIfRight(fill.shares) : 0n,
    priceImpactBps: fill.priceImpactBps,
    impactWarning: fill.priceImpactBps >= PRICE_IMPACT_WARNING_BPS,
    selfTradeExcluded,
  };
  if (fill.shares === 0n)
    quote.unfillable =
      selfTradeExcluded > 0n
        ? `Only your own orders are on the ${input.side === "buy" ? "ask" : "bid"} side: they cannot fill yours (self-trade prevention)`
        : `No ${input.side === "buy" ? "sellers" : "buyers"} in the book`;
  const short = balanceShortfall(input.side, amount.value, input.balance);
  if (short) return { ...quote, ok: false, reason: short };
  if (quote.unfillable) return { ...quote, ok: false, reason: quote.unfillable };
  if (fill.unfilled > 0n && input.tif === "FOK") {
    const wanted = input.side === "buy" ? "tUSD" : "shares";
    return {
      ...quote,
      ok: false,
      reason: `Fill-or-kill: the book fills only ${formatAmount(amount.value - fill.unfilled, { unit: wanted })} of ${formatAmount(amount.value, { unit: wanted })}; use FAK to take what is there`,
    };
  }
  return quote;
}

/**
 * The average-price cell: the book's average for what it can fill, "—" only when nothing fills
 * (with the reason: an empty side, or only the trader's own orders on it).
 */
export function averagePriceCell(quote: TicketQuote, type: OrderType): { text: string; why?: string } {
  if (type === "limit") return quote.price > 0n ? { text: formatCents(quote.price) } : { text: "—" };
  if (quote.shares > 0n) return { text: formatCents(quote.price) };
  return quote.unfillable ? { text: "—", why: quote.unfillable } : { text: "—" };
}

/**
 * The trader's open orders on one token as book levels (BUY → bids, SELL → asks, remaining size
 * summed per price): what a market-order preview leaves out.
 */
export function ownLevels(
  orders: readonly { tokenId: bigint; side: "BUY" | "SELL"; price: bigint; remaining: bigint }[],
  tokenId: bigint | undefined,
): { bids: Level[]; asks: Level[] } {
  const sum = (side: "BUY" | "SELL") => {
    const byPrice = new Map<bigint, bigint>();
    for (const o of orders)
      if (o.tokenId === tokenId && o.side === side && o.remaining > 0n)
        byPrice.set(o.price, (byPrice.get(o.price) ?? 0n) + o.remaining);
    return [...byPrice].map(([price, size]) => ({ price, size }));
  };
  return { bids: sum("BUY"), asks: sum("SELL") };
}

/** Size presets for the ticket: collateral for market buys, fractions of the holding for sells. */
export function sizePresets(side: Side, type: OrderType): string[] {
  return side === "buy" && type === "market" ? ["10", "50", "100", "500"] : ["10", "25", "100", "250"];
}

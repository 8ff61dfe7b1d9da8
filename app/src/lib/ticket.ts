/** The trade ticket's numbers: what an order costs, pays if right, and how far it moves the price. Pure. */
import type { OrderType as WireOrderType } from "@forkcast/shared/protocol";

import { formatAmount, parseAmount } from "./amount.ts";
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
/** Time in force: the operator's `orderType`. */
export type TimeInForce = WireOrderType;

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
  own?: { bids: readonly Level[]; asks: readonly Level[] };
  /** Buy: the trader's collateral; sell: the trader's shares of this outcome. Unknown ⇒ not checked. */
  balance?: bigint;
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
export function withoutOwn(levels: readonly Level[], own: readonly Level[] | undefined): Level[] {
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
    if (input.tif === "FOK" || input.tif === "FAK") {
      // Fill-or-kill / fill-and-kill are market-style: they are allowed with a limit price too.
    }
    const price = parseCents(input.limitCents);
    if (!price.ok) return { ...EMPTY, ok: false, reason: price.reason };
    const shares = amount.value;
    const collateral = input.side === "buy" ? limitCost(shares, price.value) : (shares * price.value) / 1_000_000n;
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
  const short = balanceShortfall(input.side, amount.value, input.balance);
  if (short) return { ...EMPTY, ok: false, reason: short };
  const levels = input.side === "buy" ? input.asks : input.bids;
  const others = withoutOwn(levels, input.side === "buy" ? input.own?.asks : input.own?.bids);
  const selfTradeExcluded = sumSizes(levels) - sumSizes(others);
  const fill =
    input.side === "buy" ? simulateMarketBuy(others, amount.value) : simulateMarketSell(others, amount.value);
  if (fill.shares === 0n)
    return {
      ...EMPTY,
      ok: false,
      selfTradeExcluded,
      reason:
        selfTradeExcluded > 0n
          ? `Only your own orders are on the ${input.side === "buy" ? "ask" : "bid"} side: they cannot fill yours (self-trade prevention)`
          : `No ${input.side === "buy" ? "sellers" : "buyers"} in the book`,
    };
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
  if (fill.unfilled > 0n && input.tif === "FOK") {
    return { ...quote, ok: false, reason: "Fill-or-kill: the book cannot fill the whole amount" };
  }
  return quote;
}

/** Size presets for the ticket: collateral for market buys, fractions of the holding for sells. */
export function sizePresets(side: Side, type: OrderType): string[] {
  return side === "buy" && type === "market" ? ["10", "50", "100", "500"] : ["10", "25", "100", "250"];
}

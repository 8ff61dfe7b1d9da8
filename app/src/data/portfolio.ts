/**
 * Portfolio reads from the indexer: the account's outcome-token balances, its exchange fills
 * (average prices and realized P&L), its splits, merges, redemptions and conversions, its pool
 * bets and its LP deposits and withdrawals. Marks for unrealized P&L come from the operator's
 * books (`useMarks`).
 */
import { PRICE_SCALE } from "@forkcast/shared";
import { useQuery } from "@tanstack/react-query";
import type { Address, Hex } from "viem";

import { accountActivityLabel } from "../lib/activityLabels.ts";
import { type OrderFilledArgs, fillsByToken } from "../lib/fills.ts";
import { type Fill, type Position, applyFill, positionFromFills } from "../lib/pnl.ts";
import { currentPrice } from "../lib/marketPrice.ts";
import type { Market } from "./catalog.ts";
import { PAGE_LIMIT, big, hex, int, items, optional, record, text, useIndexerQuery } from "./indexer.ts";
import { OPERATOR_URL, fetchBook } from "./operator.ts";

export interface PositionBalance {
  tokenId: bigint;
  balance: bigint;
}

export interface ActivityItem {
  key: string;
  block: bigint;
  timestamp: number;
  /** What happened, in a word or two ("bought", "split", "bet", "LP deposit"…). */
  kind: string;
  amount: bigint;
  unit: "tUSD" | "shares";
  detail: string;
  txHash: Hex;
}

/** An exchange fill of one of the account's orders, as indexed. */
export interface IndexedFill extends OrderFilledArgs {
  id: string;
  tokenId: bigint;
  side: "buy" | "sell";
  size: bigint;
  collateral: bigint;
  priceE6: bigint;
  marketId: Hex | undefined;
  block: bigint;
  logIndex: number;
  timestamp: number;
  txHash: Hex;
}

/** A split, merge, redemption or conversion by the account. */
export interface IndexedChange {
  id: string;
  kind: string;
  amount: bigint;
  payout: bigint | undefined;
  conditionId: Hex | undefined;
  marketId: Hex | undefined;
  block: bigint;
  timestamp: number;
  txHash: Hex;
}

export interface PortfolioData {
  positions: PositionBalance[];
  fills: IndexedFill[];
  changes: IndexedChange[];
  /** Bets and LP moves, already in activity form. */
  poolActivity: ActivityItem[];
  /** Bonds, oracle rewards, market-creation rewards and faucet drips. */
  accountActivity: IndexedAccountActivity[];
}

/** A row of the indexer's account activity (see docs/indexer.md). */
export interface IndexedAccountActivity {
  id: string;
  kind: string;
  amount: bigint;
  marketId: Hex | undefined;
  block: bigint;
  timestamp: number;
  txHash: Hex;
}

export const PORTFOLIO_QUERY = `query Portfolio($account: String!, $limit: Int!) {
  positions(where: { account: $account, balance_gt: "0" }, limit: $limit) { items { tokenId balance } }
  fills(where: { maker: $account }, orderBy: "blockNumber", orderDirection: "asc", limit: $limit) {
    items {
      id tokenId side size collateral priceE6 fee makerAmountFilled takerAmountFilled marketId
      blockNumber logIndex timestamp txHash
    }
  }
  positionChanges(where: { account: $account }, orderBy: "blockNumber", orderDirection: "desc", limit: $limit) {
    items { id kind amount payout conditionId marketId blockNumber timestamp txHash }
  }
  poolBets(where: { bettor: $account }, orderBy: "placedAt", orderDirection: "desc", limit: $limit) {
    items { id kind amount odds status paidOut placedAt txHash }
  }
  lpEvents(where: { provider: $account }, orderBy: "blockNumber", orderDirection: "desc", limit: $limit) {
    items { id lpId kind amount blockNumber timestamp txHash }
  }
  accountEvents(where: { account: $account }, orderBy: "blockNumber", orderDirection: "desc", limit: $limit) {
    items { id kind amount marketId blockNumber timestamp txHash }
  }
}`;

/** Parses the portfolio query's data (exported for tests). */
export function parsePortfolio(data: unknown): PortfolioData {
  const d = record(data, "data");
  const positions = items(d.positions, "positions").map((p) => ({
    tokenId: big(p.tokenId, "position.tokenId"),
    balance: big(p.balance, "position.balance"),
  }));
  const fills = items(d.fills, "fills")
    .map((f): IndexedFill => {
      const side = text(f.side, "fill.side") === "sell" ? "sell" : "buy";
      const tokenId = big(f.tokenId, "fill.tokenId");
      return {
        id: text(f.id, "fill.id"),
        tokenId,
        side,
        size: big(f.size, "fill.size"),
        collateral: big(f.collateral, "fill.collateral"),
        priceE6: big(f.priceE6, "fill.priceE6"),
        fee: big(f.fee, "fill.fee"),
        // A buy gave collateral (asset 0) for the token; a sell gave the token for collateral.
        makerAssetId: side === "buy" ? 0n : tokenId,
        takerAssetId: side === "buy" ? tokenId : 0n,
        makerAmountFilled: big(f.makerAmountFilled, "fill.makerAmountFilled"),
        takerAmountFilled: big(f.takerAmountFilled, "fill.takerAmountFilled"),
        marketId: optional(f.marketId, "fill.marketId", hex),
        block: big(f.blockNumber, "fill.blockNumber"),
        logIndex: int(f.logIndex, "fill.logIndex"),
        timestamp: int(f.timestamp, "fill.timestamp"),
        txHash: hex(f.txHash, "fill.txHash"),
      };
    })
    // Ponder orders by one column: restore event order inside a block.
    .sort((a, b) => (a.block === b.block ? a.logIndex - b.logIndex : a.block < b.block ? -1 : 1));
  const changes = items(d.positionChanges, "positionChanges").map((c): IndexedChange => ({
    id: text(c.id, "change.id"),
    kind: text(c.kind, "change.kind"),
    amount: big(c.amount, "change.amount"),
    payout: optional(c.payout, "change.payout", big),
    conditionId: optional(c.conditionId, "change.conditionId", hex),
    marketId: optional(c.marketId, "change.marketId", hex),
    block: big(c.blockNumber, "change.blockNumber"),
    timestamp: int(c.timestamp, "change.timestamp"),
    txHash: hex(c.txHash, "change.txHash"),
  }));
  const bets = items(d.poolBets, "poolBets").map((b): ActivityItem => ({
    key: `bet-${text(b.id, "bet.id")}`,
    block: 0n,
    timestamp: int(b.placedAt, "bet.placedAt"),
    kind: text(b.kind, "bet.kind") === "parlay" ? "combo bet" : "bet",
    amount: big(b.amount, "bet.amount"),
    unit: "tUSD",
    detail: `bet #${text(b.id, "bet.id")} · ${text(b.status, "bet.status")}`,
    txHash: hex(b.txHash, "bet.txHash"),
  }));
  const lp = items(d.lpEvents, "lpEvents").map((e): ActivityItem => ({
    key: `lp-${text(e.id, "lpEvent.id")}`,
    block: big(e.blockNumber, "lpEvent.blockNumber"),
    timestamp: int(e.timestamp, "lpEvent.timestamp"),
    kind: text(e.kind, "lpEvent.kind") === "withdraw" ? "LP withdrawal" : "LP deposit",
    amount: big(e.amount, "lpEvent.amount"),
    unit: "tUSD",
    detail: `LP #${text(e.lpId, "lpEvent.lpId")}`,
    txHash: hex(e.txHash, "lpEvent.txHash"),
  }));
  const accountActivity = items(d.accountEvents, "accountEvents").map((a): IndexedAccountActivity => ({
    id: text(a.id, "activity.id"),
    kind: text(a.kind, "activity.kind"),
    amount: big(a.amount, "activity.amount"),
    marketId: optional(a.marketId, "activity.marketId", hex),
    block: big(a.blockNumber, "activity.blockNumber"),
    timestamp: int(a.timestamp, "activity.timestamp"),
    txHash: hex(a.txHash, "activity.txHash"),
  }));
  return { positions, fills, changes, poolActivity: [...bets, ...lp], accountActivity };
}

/** Names an outcome token for activity lines ("YES · Will it snow…"). */
export type TokenNamer = (tokenId: bigint) => string;

/** Every action of the account, newest first. Pure. */
export function buildActivity(data: PortfolioData, nameToken: TokenNamer, nameMarket: (id?: Hex) => string) {
  const trades = data.fills.map((f): ActivityItem => ({
    key: f.id,
    block: f.block,
    timestamp: f.timestamp,
    kind: f.side === "buy" ? "bought" : "sold",
    amount: f.size,
    unit: "shares",
    detail: `${nameToken(f.tokenId)} at ${Number((f.priceE6 * 1000n) / PRICE_SCALE) / 10}¢`,
    txHash: f.txHash,
  }));
  const changes = data.changes.map((c): ActivityItem => ({
    key: c.id,
    block: c.block,
    timestamp: c.timestamp,
    kind: c.kind === "redeem" ? "redeemed" : c.kind,
    amount: c.payout ?? c.amount,
    unit: c.kind === "convert" ? "shares" : "tUSD",
    detail: nameMarket(c.marketId),
    txHash: c.txHash,
  }));
  const moneyMoves = data.accountActivity.map((a): ActivityItem => ({
    key: a.id,
    block: a.block,
    timestamp: a.timestamp,
    kind: accountActivityLabel(a.kind, a.amount),
    amount: a.amount,
    unit: "tUSD",
    detail: nameMarket(a.marketId),
    txHash: a.txHash,
  }));
  return [...trades, ...changes, ...data.poolActivity, ...moneyMoves].sort((a, b) => b.timestamp - a.timestamp);
}

/**
 * Average-cost positions per outcome token from the account's fills; a redemption closes the
 * condition's tokens as sells at their payout price, so winnings land in realized P&L. Shares
 * that came from splits or transfers have no fill and no cost basis. Pure.
 */
export function costPositions(
  fills: readonly IndexedFill[],
  changes: readonly IndexedChange[],
  markets: readonly Market[],
): Map<bigint, Position> {
  const costs = new Map<bigint, Position>();
  for (const [tokenId, tokenFills] of fillsByToken(fills)) costs.set(tokenId, positionFromFills(tokenFills));
  for (const change of changes) {
    if (change.kind !== "redeem" || !change.conditionId) continue;
    const id = change.conditionId.toLowerCase();
    const market = markets.find((m) => m.conditionIds.some((c) => c.toLowerCase() === id));
    const k = market ? market.conditionIds.findIndex((c) => c.toLowerCase() === id) : -1;
    const numerators = market?.conditions[k]?.payouts;
    const total = numerators?.reduce((a, b) => a + b, 0n) ?? 0n;
    if (!market || !numerators || total === 0n) continue;
    const tokens = [market.yesTokenIds[k], market.noTokenIds[k]];
    tokens.forEach((tokenId, slot) => {
      const held = tokenId === undefined ? undefined : costs.get(tokenId);
      if (tokenId === undefined || !held || held.shares === 0n) return;
      const redeem: Fill = {
        side: "sell",
        shares: held.shares,
        price: ((numerators[slot] ?? 0n) * PRICE_SCALE) / total,
      };
      costs.set(tokenId, applyFill(held, redeem));
    });
  }
  return costs;
}

export function usePortfolio(account: Address | undefined) {
  return useIndexerQuery(
    "portfolio",
    PORTFOLIO_QUERY,
    { account: account?.toLowerCase() ?? "", limit: PAGE_LIMIT },
    parsePortfolio,
    { enabled: Boolean(account) },
  );
}

/** The last traded price of an outcome token: the condition's YES price, or its complement for NO. */
export function lastTradeOf(market: Market, tokenId: bigint): bigint | undefined {
  const k = market.yesTokenIds.indexOf(tokenId);
  if (k >= 0) return market.conditions[k]?.lastPrice;
  const n = market.noTokenIds.indexOf(tokenId);
  const yes = n >= 0 ? market.conditions[n]?.lastPrice : undefined;
  return yes === undefined ? undefined : PRICE_SCALE - yes;
}

/**
 * Marks for open positions: the book's midpoint, or the last trade when the spread is wide or a
 * side is empty (the price the market page shows). A token the operator does not trade, or a
 * failed book request, falls back to the last trade.
 */
export function useMarks(tokens: readonly { tokenId: bigint; market: Market | undefined }[]) {
  const key = tokens.map((t) => t.tokenId.toString()).join(",");
  return useQuery({
    queryKey: ["marks", key],
    enabled: tokens.length > 0,
    refetchInterval: 5_000,
    queryFn: async (): Promise<Map<bigint, bigint>> => {
      const books = await Promise.allSettled(
        tokens.map((t) => (OPERATOR_URL ? fetchBook(t.tokenId) : Promise.reject(new Error("no operator")))),
      );
      const marks = new Map<bigint, bigint>();
      tokens.forEach((t, i) => {
        const book = books[i];
        const last = t.market ? lastTradeOf(t.market, t.tokenId) : undefined;
        const mark = book?.status === "fulfilled" ? currentPrice(book.value.bids, book.value.asks, last)?.price : last;
        if (mark !== undefined) marks.set(t.tokenId, mark);
      });
      return marks;
    },
  });
}

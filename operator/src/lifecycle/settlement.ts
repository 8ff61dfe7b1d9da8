/**
 * Settlement-outcomes stage: what the settler reports about a match changes the orders in it.
 * MINED and CONFIRMED update the trades (CONFIRMED also ends the shares' reservation); FAILED
 * puts each resting order's shares back on the book at their original priority while it is
 * still valid, and drops it with a reason otherwise.
 */
import type { SignedOrder } from "@forkcast/shared";
import type { Hex } from "viem";

import { outbox, type Core, type SettlementPlan } from "../core/context.js";
import { needFor, type TrackedOrder } from "../core/ledger.js";
import { applyResult, takeOff } from "./book-changes.js";
import { invalidReason } from "./validity.js";

/** An order involved in this many failed settlements is dropped instead of restored. */
export const MAX_SETTLEMENT_FAILURES = 2;

export interface SettlementCall {
  taker: SignedOrder;
  makers: SignedOrder[];
  takerFillAmount: bigint;
  makerFillAmounts: bigint[];
}

/** What the settler calls back into. */
export interface SettlementOutcomes {
  settlementCall(plan: SettlementPlan): SettlementCall;
  settlementProgress(plan: SettlementPlan, status: "MINED" | "CONFIRMED", txHash: Hex, nowMs?: number): void;
  settlementFailed(plan: SettlementPlan, error: string, txHash: Hex | null, nowMs?: number): Promise<void>;
}

/** Settlement inputs: the signed orders and the fill amounts in each order's maker asset. */
export function settlementCall(core: Core, plan: SettlementPlan): SettlementCall {
  const taker = core.ledger.get(plan.row.taker_hash);
  if (!taker) throw new Error(`settlement ${plan.row.id}: taker order ${plan.row.taker_hash} is not tracked`);
  let takerFillAmount = 0n;
  const makers: SignedOrder[] = [];
  const makerFillAmounts: bigint[] = [];
  for (const trade of plan.trades) {
    const maker = core.ledger.get(trade.maker_hash);
    if (!maker) throw new Error(`settlement ${plan.row.id}: maker order ${trade.maker_hash} is not tracked`);
    const shares = BigInt(trade.shares);
    takerFillAmount += needFor(trade.taker_side, trade.taker_price, shares);
    makers.push(maker.signed);
    makerFillAmounts.push(needFor(trade.maker_side, trade.maker_price, shares));
  }
  return { taker: taker.signed, makers, takerFillAmount, makerFillAmounts };
}

/** Trade status change driven by the settler (MINED, CONFIRMED); FAILED goes through settlementFailed. */
export function settlementProgress(
  core: Core,
  plan: SettlementPlan,
  status: "MINED" | "CONFIRMED",
  txHash: Hex,
  nowMs = Date.now(),
): void {
  const out = outbox(core);
  for (const trade of plan.trades) {
    trade.status = status;
    trade.tx_hash = txHash;
    trade.updated_ms = nowMs;
    core.store.updateTrade(trade.id, { status, tx_hash: txHash, updated_ms: nowMs });
    out.trade(trade, nowMs);
  }
  out.publish(nowMs);
  if (status !== "CONFIRMED") return;
  for (const trade of plan.trades) {
    const shares = BigInt(trade.shares);
    for (const hash of [trade.taker_hash, trade.maker_hash]) core.ledger.settled(hash, shares);
    core.funds.invalidate(trade.taker);
    core.funds.invalidate(trade.maker);
  }
}

/** Restore or drop: the reason an order coming back from a failed settlement cannot rest again. */
async function failureVerdict(core: Core, tracked: TrackedOrder, shares: bigint, nowSeconds: number) {
  const resting = tracked.template.orderType === "GTC" || tracked.template.orderType === "GTD";
  if (!resting) return "SETTLEMENT_FAILED";
  if (tracked.failures >= MAX_SETTLEMENT_FAILURES) return "REPEATED_SETTLEMENT_FAILURE";
  // Validity with the returning shares counted as reserved, against fresh chain state.
  const need = needFor(tracked.row.side, tracked.row.price, shares);
  core.ledger.reserve(tracked.row.maker, tracked.asset, need);
  try {
    return await invalidReason(core, tracked, nowSeconds);
  } finally {
    core.ledger.release(tracked.row.maker, tracked.asset, need);
  }
}

/**
 * A settlement failed (reverted or refused by simulation): its trades become FAILED; each
 * order involved gets its shares back on the book when it is a resting order that is still
 * valid, and is dropped with a reason otherwise.
 */
export async function settlementFailed(
  core: Core,
  plan: SettlementPlan,
  error: string,
  txHash: Hex | null,
  nowMs = Date.now(),
): Promise<void> {
  const nowSeconds = Math.floor(nowMs / 1000);
  const out = outbox(core);
  const back = new Map<string, bigint>();
  for (const trade of plan.trades) {
    trade.status = "FAILED";
    trade.updated_ms = nowMs;
    core.store.updateTrade(trade.id, { status: "FAILED", tx_hash: txHash, updated_ms: nowMs });
    out.trade(trade, nowMs, error);
    const shares = BigInt(trade.shares);
    for (const hash of [trade.taker_hash, trade.maker_hash]) back.set(hash, (back.get(hash) ?? 0n) + shares);
  }
  const candidates = [...back.keys()]
    .map((hash) => core.ledger.get(hash))
    .filter((t): t is TrackedOrder => t !== undefined)
    .sort((a, b) => a.row.seq - b.row.seq);
  for (const tracked of candidates) core.ledger.failed(tracked.row.hash, back.get(tracked.row.hash) ?? 0n);
  await Promise.all(candidates.map((t) => core.durable.setFailures(t.row.hash, t.failures)));
  for (const tracked of candidates) core.funds.invalidate(tracked.row.maker);
  for (const tracked of candidates) {
    const shares = back.get(tracked.row.hash) ?? 0n;
    const reason = await failureVerdict(core, tracked, shares, nowSeconds);
    if (reason) {
      if (tracked.row.status === "LIVE") takeOff(core, tracked, "INVALID", reason, nowSeconds, nowMs, out);
      else {
        core.ledger.dropAfterFailure(tracked, reason, nowMs);
        out.order(tracked, "CANCELLATION", nowMs, reason);
      }
      continue;
    }
    // Restore: resubmit open remainder + failed shares at the original priority.
    const result = core.engine.resubmit({ ...tracked.template, remaining: 0n }, shares, nowSeconds);
    core.ledger.restore(tracked, shares, nowSeconds);
    applyResult(core, tracked, result, nowMs, nowSeconds, out);
  }
  await core.store.commit();
  out.publish(nowMs);
  core.settler?.kick();
}

/** The stage's callbacks bound to one core, as the settler takes them. */
export function settlementOutcomes(core: Core): SettlementOutcomes {
  return {
    settlementCall: (plan) => settlementCall(core, plan),
    settlementProgress: (plan, status, txHash, nowMs) => settlementProgress(core, plan, status, txHash, nowMs),
    settlementFailed: (plan, error, txHash, nowMs) => settlementFailed(core, plan, error, txHash, nowMs),
  };
}

/** Pool bets in the UI: names of conditions and outcomes, and whether (and for how much) a bet can be cashed out. Pure. */
import { BPS_DENOMINATOR, ConditionState } from "@forkcast/shared";
import type { Address } from "viem";

import { shortAddress } from "./address.ts";
import { formatUtc } from "./time.ts";

/** What the UI needs to name a pool condition and its outcomes. */
export interface NamedCondition {
  conditionId: bigint;
  question: string;
  outcomeNames: readonly string[];
}

/** The question text, or "Pool condition #id" when the question carries no text. */
export function conditionTitle(c: NamedCondition): string {
  return c.question.trim() !== "" ? c.question : `Pool condition #${c.conditionId}`;
}

/** The outcome's name, or "Outcome i+1" when the question names none. */
export function outcomeLabel(c: NamedCondition, outcome: number): string {
  const name = c.outcomeNames[outcome];
  return name !== undefined && name.trim() !== "" ? name : `Outcome ${outcome + 1}`;
}

/** A bet's pick as the bet lists name it: "question: outcome". */
export function pickLabel(c: NamedCondition, outcome: number): string {
  return `${conditionTitle(c)}: ${outcomeLabel(c, outcome)}`;
}

export interface CashOutInput {
  /** Combos (parlays) cannot be cashed out. */
  isCombo: boolean;
  /** The bet's condition state name ("Active", "Paused", "Resolved", "Cancelled"), undefined while loading. */
  conditionState: string | undefined;
  startsAt: number;
  /** Chain time, seconds. */
  now: number;
  account: Address | undefined;
  /** The bet NFT's holder; null once the NFT is burnt (cashed out); undefined while loading. */
  holder: Address | null | undefined;
  /** The bet's stored stake (0 once claimed); undefined while loading. */
  stake: bigint | undefined;
  /** `quoteCashOut(betId)`; undefined while loading or when the pool refuses to quote. */
  quote: bigint | undefined;
}

export type CashOutState = { ok: true; amount: bigint } | { ok: false; reason: string };

/** Whether the bet can be sold back to the pool now, and for how much; otherwise why not. */
export function cashOutState(input: CashOutInput): CashOutState {
  const no = (reason: string): CashOutState => ({ ok: false, reason });
  if (input.isCombo) return no("Combo bets cannot be cashed out");
  if (input.holder === null) return no("Already cashed out");
  if (!input.account) return no("Connect a wallet first.");
  if (input.holder === undefined || input.stake === undefined || input.conditionState === undefined)
    return no("Loading the bet…");
  if (input.holder.toLowerCase() !== input.account.toLowerCase())
    return no(`Not yours: the bet NFT is held by ${shortAddress(input.holder)}`);
  if (input.stake === 0n) return no("Already claimed");
  if (input.conditionState === "Resolved") return no("The market is resolved: cash-out is closed");
  if (input.conditionState === "Cancelled") return no("The market was cancelled: claim your stake back");
  if (input.conditionState === "Paused") return no("The market is paused");
  if (input.conditionState !== "Active") return no(`The market is ${input.conditionState.toLowerCase()}`);
  if (input.now >= input.startsAt) return no(`The event started at ${formatUtc(input.startsAt)}: cash-out is closed`);
  if (input.quote === undefined) return no("Quoting the cash-out…");
  if (input.quote === 0n) return no("The pool quotes nothing for this bet");
  return { ok: true, amount: input.quote };
}

/** The bet slip's default slippage tolerance (1%), also used for cash-outs outside the pool page. */
export const DEFAULT_TOLERANCE_BPS = 100n;

/** The least a cash-out accepts under a slippage tolerance in basis points (rounded down). */
export function minCashOut(amount: bigint, toleranceBps: bigint): bigint {
  return (amount * (BPS_DENOMINATOR - toleranceBps)) / BPS_DENOMINATOR;
}

/** How a bet reads in a list: its status in words and its money line. */
export interface BetSummary {
  /** "open", "cashed out", "won, paid", … never a raw indexer code. */
  status: string;
  /** "to win 42.52 tUSD" while open; what was paid (or "—") once done. */
  result: string;
  /** Whether a Claim button belongs on the row at all (open or payable bets, not finished ones). */
  claimable: boolean;
}

const STATUS_WORDS: Readonly<Record<string, string>> = {
  open: "open",
  claimed: "claimed",
  cashedOut: "cashed out",
  lost: "lost",
  won: "won, paid",
  void: "void, refunded",
};

/** What the chain says of an open single bet's condition: still running, or how it ended for this pick. */
export type BetOutcome = "pending" | "won" | "lost" | "void";

/** How an open single bet's pick ended: from its condition's state and winning outcome. */
export function singleBetOutcome(
  outcome: number,
  condition: { state: number; winningOutcome: number | undefined } | undefined,
): BetOutcome {
  if (!condition) return "pending";
  if (condition.state === ConditionState.Cancelled) return "void";
  if (condition.state !== ConditionState.Resolved || condition.winningOutcome === undefined) return "pending";
  return condition.winningOutcome === outcome ? "won" : "lost";
}

/**
 * How a bet ended from its legs' outcomes (`singleBetOutcome` of each): any losing leg loses it; a
 * combo is otherwise pending until the pool settles it, a single follows its one leg.
 */
export function betOutcome(isCombo: boolean, legOutcomes: readonly BetOutcome[]): BetOutcome {
  if (legOutcomes.includes("lost")) return "lost";
  return isCombo ? "pending" : (legOutcomes[0] ?? "pending");
}

/**
 * The list line of a bet from its indexed status, payout and paid-out amount; for a bet the pool has
 * not paid yet, `outcome` says whether it won, lost or was voided (`betOutcome`).
 */
export function betSummary(
  bet: { status: string; payout: bigint; paidOut: bigint; amount: bigint },
  outcome: BetOutcome,
  format: (amount: bigint) => string,
): BetSummary {
  const status = STATUS_WORDS[bet.status] ?? bet.status.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  switch (bet.status) {
    case "open":
      if (outcome === "won") return { status: "won", result: `${format(bet.payout)} to claim`, claimable: true };
      if (outcome === "void")
        return { status: "void", result: `stake ${format(bet.amount)} to claim back`, claimable: true };
      if (outcome === "lost") return { status: "lost", result: "—", claimable: false };
      return { status, result: `to win ${format(bet.payout)}`, claimable: true };
    case "cashedOut":
      return { status, result: `cashed out for ${format(bet.paidOut)}`, claimable: false };
    case "claimed":
    case "won":
      return { status, result: `paid ${format(bet.paidOut)}`, claimable: false };
    case "void":
      return { status, result: `refunded ${format(bet.paidOut)}`, claimable: false };
    case "lost":
      return { status, result: "—", claimable: false };
    default:
      return { status, result: "—", claimable: false };
  }
}

/** Why a combo has no cash-out: the pool buys back single bets only (`cashOut` takes a single bet). */
export const COMBO_CASH_OUT_REASON = "Combos cannot be cashed out: the pool buys back single bets only";

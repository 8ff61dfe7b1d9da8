/**
 * A pool market's way to an answer: its oracle question (propose → challenge window → settle, or
 * dispute) and then the pool's `resolveCondition`, which reads the final answer. Pure: says which
 * step is next and why the others are not possible yet.
 */
import { OracleState, enumName } from "@forkcast/shared";
import { formatAmount } from "./amount.ts";
import { formatDuration, formatUtc } from "./time.ts";

export interface PoolResolutionInput {
  /** The pool condition's state name ("Active", "Paused", "Resolved", "Cancelled"). */
  conditionState: string;
  /** When betting closes (the event starts), chain seconds. */
  startsAt: number;
  question:
    | {
        state: number;
        endTime: bigint;
        expiresAt: bigint;
        bond: bigint;
        proposedAnswer: bigint;
        disputer: string;
        firstDisputer: string;
        finalAnswer: bigint;
      }
    | undefined;
  outcomeNames: readonly string[];
  now: number;
}

export interface PoolResolutionStep {
  /** Where the market stands, in words. */
  status: string;
  /** Each action's reason it is not possible now; an action absent from this map is possible. */
  blocked: Partial<Record<"propose" | "dispute" | "settle" | "resolve", string>>;
}

const ZERO = "0x0000000000000000000000000000000000000000";

/** Where a pool market stands on its way to an answer and which action comes next. */
export function poolResolutionStep(input: PoolResolutionInput): PoolResolutionStep {
  const { question: q, now } = input;
  const name = (a: bigint) => input.outcomeNames[Number(a)] ?? `Outcome ${Number(a) + 1}`;
  const blockedAll = (reason: string) => ({ propose: reason, dispute: reason, settle: reason, resolve: reason });
  if (input.conditionState === "Resolved")
    return { status: "resolved", blocked: blockedAll("The pool market is resolved: claim winning bets below.") };
  if (input.conditionState === "Cancelled")
    return { status: "cancelled: stakes are refunded", blocked: blockedAll("The pool market was cancelled.") };
  if (!q) return { status: "reading the oracle question…", blocked: blockedAll("Reading the oracle question…") };
  const state = enumName(OracleState, q.state) ?? "None";
  const bond = formatAmount(q.bond, { unit: "tUSD" });
  const end = Number(q.endTime);
  const expiresAt = Number(q.expiresAt);
  const disputed = q.firstDisputer !== ZERO && q.firstDisputer !== "";
  switch (state) {
    case "Open": {
      if (now < end)
        return {
          status: `the oracle takes answers from ${formatUtc(end)} (in ${formatDuration(end - now)})`,
          blocked: {
            propose: `Answers can be proposed from ${formatUtc(end)}`,
            dispute: "Nothing proposed yet",
            settle: "Nothing proposed yet",
            resolve: "The oracle has no final answer yet",
          },
        };
      return {
        status: disputed
          ? `disputed once (bond ${bond} on record): awaiting a new proposal`
          : `awaiting a proposal (bond ${bond})`,
        blocked: {
          dispute: "Nothing proposed yet",
          settle: "Nothing proposed yet",
          resolve: "The oracle has no final answer yet",
        },
      };
    }
    case "Proposed":
      if (now < expiresAt)
        return {
          status: `proposed "${name(q.proposedAnswer)}" (bond ${bond}); challenge window open, ends in ${formatDuration(expiresAt - now)}`,
          blocked: {
            propose: "An answer is already proposed",
            settle: `The challenge window closes in ${formatDuration(expiresAt - now)}`,
            resolve: "The oracle has no final answer yet",
          },
        };
      return {
        status: `proposed "${name(q.proposedAnswer)}": challenge window over, ready to settle`,
        blocked: {
          propose: "An answer is already proposed",
          dispute: "The challenge window has closed",
          resolve: "Settle the oracle question first",
        },
      };
    case "Escalated":
      return {
        status: `disputed twice (bonds of ${bond} each on record): with the arbitrator`,
        blocked: blockedAll("The arbitrator rules on this question"),
      };
    case "Settled":
      return {
        status: `answer "${name(q.finalAnswer)}" final: ready to resolve the pool market`,
        blocked: { propose: "The answer is final", dispute: "The answer is final", settle: "Already settled" },
      };
    default:
      return { status: "no oracle question", blocked: blockedAll("The oracle has no such question") };
  }
}

/** A pool market's state line: betting window with its countdown, or how it ended (with the winner). */
export function poolConditionLine(
  c: { startsAt: number; winningOutcome: number | undefined },
  stateName: string,
  now: number | undefined,
  outcome: (i: number) => string,
): string {
  if (stateName === "Resolved")
    return c.winningOutcome === undefined ? "resolved" : `resolved: ${outcome(c.winningOutcome)} won`;
  if (stateName === "Cancelled") return "cancelled: stakes refunded";
  if (now === undefined) return `betting closes ${formatUtc(c.startsAt)}`;
  const when = formatUtc(c.startsAt);
  if (stateName === "Paused") return `paused · betting closes ${when}`;
  return now < c.startsAt
    ? `taking bets · closes ${when} (in ${formatDuration(c.startsAt - now)})`
    : `betting closed ${when} (${formatDuration(now - c.startsAt)} ago): awaiting the result`;
}

/**
 * A pool market's list status (the same filter as order-book markets): open until betting closes
 * at `startsAt`, then ended until resolved; a cancelled market is final, like a resolved one.
 */
export function poolListStatus(stateName: string, startsAt: number, now: number): "open" | "ended" | "resolved" {
  if (stateName === "Resolved" || stateName === "Cancelled") return "resolved";
  return now < startsAt ? "open" : "ended";
}

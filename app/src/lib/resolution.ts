/** A market's way to an answer, in words, from its indexed oracle question. Pure. */
import type { Market } from "../data/catalog.ts";
import { formatAmount } from "./amount.ts";
import { formatDuration, formatRelativeEnd } from "./time.ts";

/** Where a market stands on its way to an answer, in words (chain time `now`, unix seconds). */
export function resolutionStatus(m: Market, now: number): string {
  if (m.resolved) return winnerLine(m);
  const q = m.oracle;
  if (!q || m.endTime > now) return "trading";
  const answer = (a: bigint | undefined) => (a === undefined ? "?" : (m.outcomes[Number(a)] ?? "invalid"));
  const bond = formatAmount(m.bond, { unit: "tUSD" });
  switch (q.state) {
    case "proposed":
      return q.expiresAt !== undefined && q.expiresAt > now
        ? `proposed "${answer(q.proposedAnswer)}", challenge window ends in ${formatDuration(q.expiresAt - now)}`
        : `proposed "${answer(q.proposedAnswer)}", ready to settle`;
    case "escalated":
      return "disputed twice: with the arbitrator";
    case "settled":
      return "answer settled: ready to resolve";
    default:
      return q.disputeCount > 0
        ? `disputed once (dispute bond ${bond} on record): awaiting a new proposal`
        : "awaiting a proposal";
  }
}

/** "resolved: Yes won" (or "resolved: invalid" for the oracle's INVALID answer). */
function winnerLine(m: Pick<Market, "answer" | "outcomes">): string {
  if (m.answer === undefined) return "resolved";
  const name = m.outcomes[Number(m.answer)];
  return name === undefined ? "resolved: invalid" : `resolved: ${name} won`;
}

/**
 * A market card's time line on the chain's clock: the end countdown while trading, then the
 * oracle step in progress (a challenge window still open is said so, never "ended 6m ago"), then
 * the winner.
 */
export function cardTimeLine(m: Market, now: number): string {
  if (m.resolved) return winnerLine(m);
  if (m.endTime > now) return formatRelativeEnd(m.endTime, now);
  const q = m.oracle;
  if (q?.state === "proposed" && q.expiresAt !== undefined && q.expiresAt > now)
    return `challenge window open, ends in ${formatDuration(q.expiresAt - now)}`;
  if (q?.state === "proposed") return "challenge window over: ready to settle";
  if (q?.state === "escalated") return "disputed: with the arbitrator";
  if (q?.state === "settled") return "answer final: ready to resolve";
  return `${formatRelativeEnd(m.endTime, now)}, awaiting a proposal`;
}

/** Where a market stands for the list's status filter: open, ended awaiting its answer, or resolved. */
export type ListStatus = "open" | "ended" | "resolved";

/** An order-book market's list status on the chain's clock. */
export function marketListStatus(m: Pick<Market, "resolved" | "endTime">, now: number): ListStatus {
  return m.resolved ? "resolved" : m.endTime <= now ? "ended" : "open";
}

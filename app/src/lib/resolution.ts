/** A market's way to an answer, in words, from its indexed oracle question. Pure. */
import type { Market } from "../data/catalog.ts";
import { formatDuration } from "./time.ts";

/** Where a market stands on its way to an answer, in words (chain time `now`, unix seconds). */
export function resolutionStatus(m: Market, now: number): string {
  if (m.resolved) return "resolved";
  const q = m.oracle;
  if (!q || m.endTime > now) return "trading";
  const answer = (a: bigint | undefined) => (a === undefined ? "?" : (m.outcomes[Number(a)] ?? "invalid"));
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
      return q.disputeCount > 0 ? "disputed once: awaiting a new proposal" : "awaiting a proposal";
  }
}

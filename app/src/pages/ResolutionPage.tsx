import { Link } from "react-router";

import { useMarketList } from "../data/catalog.ts";
import { indexerProblem } from "../data/indexer.ts";
import { useChainTime } from "../hooks/useChainTime.ts";
import { useDeployment } from "../hooks/useDeployment.ts";
import { resolutionStatus } from "../lib/resolution.ts";
import { formatRelativeEnd } from "../lib/time.ts";

/** Every market's path to an answer; each row opens the market's resolution panel. */
export default function ResolutionPage() {
  const { address } = useDeployment();
  const markets = useMarketList();
  const now = useChainTime();
  const oracle = address("oracle");
  const problem = indexerProblem();
  return (
    <section data-testid="resolution-page">
      <h1>Resolution</h1>
      <div className="panel">
        <p>
          Answers go through the optimistic oracle: open → proposed (challenge window) → settled, or disputed → reset →
          disputed again → escalated to the arbitration committee → settled. Proposers and disputers post a bond; the
          side proven wrong loses it.
        </p>
        {!oracle && <p className="why">The optimistic oracle is not deployed on this chain yet.</p>}
        {problem && <p className="why">{problem}</p>}
        {markets.error && <p className="error">Could not load markets: {markets.error.message}</p>}
      </div>
      <table className="panel">
        <thead>
          <tr>
            <th>Market</th>
            <th>End</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {(markets.data ?? []).map((m) => (
            <tr key={m.marketId}>
              <td>
                <Link to={`/m/${m.marketId}`}>{m.question}</Link>
              </td>
              <td>{now === undefined ? "…" : formatRelativeEnd(m.endTime, now)}</td>
              <td data-testid="resolution-status">{now === undefined ? "…" : resolutionStatus(m, now)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

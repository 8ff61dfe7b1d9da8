import { Button } from "../components/Button.tsx";
import { useDeployment } from "../hooks/useDeployment.ts";

const STATES = ["open", "proposed (liveness countdown)", "disputed", "escalated to the arbitrator", "settled"];

export default function ResolutionPage() {
  const { address } = useDeployment();
  const oracle = address("optimisticOracle");
  const noOracle = oracle ? undefined : "The optimistic oracle is not deployed on this chain yet";
  return (
    <section data-testid="resolution-page">
      <h1>Resolution</h1>
      <div className="panel">
        <p>Each market's answer goes through the optimistic oracle: {STATES.join(" → ")}.</p>
        <p className="muted">Proposals, disputes and their bonds are listed here once the oracle is in this chain's address book.</p>
        <div className="row">
          <Button disabledReason={noOracle}>Propose</Button>
          <Button className="secondary" disabledReason={noOracle}>
            Dispute
          </Button>
          <Button className="secondary" disabledReason={noOracle}>
            Settle
          </Button>
        </div>
      </div>
    </section>
  );
}

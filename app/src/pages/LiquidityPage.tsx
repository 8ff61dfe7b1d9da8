import { useState } from "react";

import { Button } from "../components/Button.tsx";
import { useDeployment } from "../hooks/useDeployment.ts";
import { parseAmount } from "../lib/amount.ts";

export default function LiquidityPage() {
  const { address } = useDeployment();
  const pool = address("bettingPool");
  const [amount, setAmount] = useState("");
  const parsed = parseAmount(amount);
  const noPool = pool ? undefined : "The betting pool is not deployed on this chain yet";
  return (
    <section data-testid="liquidity-page">
      <h1>Liquidity</h1>
      <div className="panel">
        <p className="muted">
          Pool size, free and locked liquidity and your LP positions appear here once the betting pool is deployed.
        </p>
        <label className="field">
          Amount (tUSD)
          <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" />
        </label>
        <div className="row">
          <Button disabledReason={noPool ?? (parsed.ok ? undefined : parsed.reason)}>Deposit</Button>
          <Button className="secondary" disabledReason={noPool ?? "You have no LP position"}>
            Withdraw
          </Button>
        </div>
      </div>
    </section>
  );
}

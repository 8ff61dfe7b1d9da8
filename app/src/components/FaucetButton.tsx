import { COLLATERAL_UNIT } from "@forkcast/shared";
import { testUSDAbi } from "@forkcast/deployments";
import { useConnection } from "wagmi";

import { useCollateral } from "../data/collateral.ts";
import { useChainTime } from "../hooks/useChainTime.ts";
import { useTx } from "../hooks/useTx.ts";
import { formatAmount } from "../lib/amount.ts";
import { formatDuration } from "../lib/time.ts";
import { isBusy } from "../lib/tx.ts";
import { Button } from "./Button.tsx";

const FAUCET_AMOUNT = 1_000n * COLLATERAL_UNIT;

/** Balance plus the test-collateral faucet (local chains and testnets only). */
export function CollateralBadge() {
  const { address } = useConnection();
  const collateral = useCollateral(address);
  const { run, state } = useTx();
  // The faucet's cooldown runs on the chain's clock, which can be ahead of the wall clock.
  const now = useChainTime();
  if (!address || !collateral.token) return null;
  const waitSeconds = collateral.nextFaucetAt && now !== undefined ? Number(collateral.nextFaucetAt) - now : 0;
  const token = collateral.token;
  let reason: string | undefined;
  if (!collateral.faucetAvailable) reason = "No test faucet on this network";
  else if (collateral.faucetEnabled === false) reason = "The faucet is switched off";
  else if (isBusy(state)) reason = "Faucet transaction in progress";
  return (
    <div className="collateral">
      <span data-testid="collateral-balance">
        {collateral.balance === undefined ? "…" : formatAmount(collateral.balance, { unit: collateral.symbol })}
      </span>
      {collateral.faucetAvailable && (
        <>
          <Button
            className="secondary"
            data-testid="faucet"
            disabledReason={reason}
            onClick={() =>
              void run({
                label: `Get ${formatAmount(FAUCET_AMOUNT, { fractionDigits: 0, unit: collateral.symbol })} from the faucet`,
                call: { address: token, abi: testUSDAbi, functionName: "faucet" },
              })
            }
          >
            Faucet
          </Button>
          {waitSeconds > 0 && (
            <small className="muted" data-testid="faucet-cooldown">
              next drip in {formatDuration(waitSeconds)}
            </small>
          )}
        </>
      )}
    </div>
  );
}

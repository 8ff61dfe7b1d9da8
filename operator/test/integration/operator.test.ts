/**
 * The operator against a real local Hardhat node with the real Exchange, on both storage
 * backends: intake checks, matching of every type, settlement to CONFIRMED with on-chain
 * balances, cancels (signed and on chain), market data, WebSocket channels, restart recovery
 * and settlement failure handling. The groups live in ./operator/ and run in this order on one
 * shared run per backend (the last test replays all that the run stored).
 */
import { describe } from "node:test";

import { OperatorRun } from "../helpers/operator-run.js";
import { onSharedRun } from "../helpers/suite.js";
import { cancelGroup } from "./operator/cancels.js";
import { intakeGroup } from "./operator/intake.js";
import { recoveryGroup } from "./operator/recovery.js";
import { settlementGroup } from "./operator/settlement.js";
import { contractSignatureGroup } from "./operator/signatures.js";

for (const backend of ["pglite", "postgres"] as const) {
  describe(`operator integration (${backend})`, { concurrency: false }, () => {
    onSharedRun(new OperatorRun(backend), [
      intakeGroup,
      settlementGroup,
      contractSignatureGroup,
      cancelGroup,
      recoveryGroup,
    ]);
  });
}

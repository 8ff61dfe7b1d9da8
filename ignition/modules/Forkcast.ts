import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { ExternalCollateralModule, TestCollateralModule } from "./Collateral.js";
import ConditionalTokensModule from "./ConditionalTokens.js";

/**
 * The whole protocol. `testCollateral` decides, when the deploy script builds the module,
 * whether a TestUSD is deployed (local chains, testnets) or an existing token is used.
 */
export function buildForkcastModule(options: { testCollateral: boolean }) {
  return buildModule(options.testCollateral ? "ForkcastTest" : "Forkcast", (m) => {
    const collateral = options.testCollateral
      ? m.useModule(TestCollateralModule).collateral
      : m.useModule(ExternalCollateralModule).collateral;
    const { conditionalTokens } = m.useModule(ConditionalTokensModule);
    return { collateral, conditionalTokens };
  });
}

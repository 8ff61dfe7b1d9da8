import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { ExternalCollateralModule, TestCollateralModule } from "./Collateral.js";
import ConditionalTokensModule from "./ConditionalTokens.js";
import { deployExchange } from "./Exchange.js";
import { deployMarkets } from "./Markets.js";
import { deployPool } from "./Pool.js";

/**
 * The whole protocol. Module parameters live under the id "ForkcastTest" (test collateral) or
 * "Forkcast" (see Exchange.ts and Markets.ts for their names). `testCollateral` decides, when the deploy script builds the module,
 * whether a TestUSD is deployed (local chains, testnets) or an existing token is used.
 */
export function buildForkcastModule(options: { testCollateral: boolean }) {
  return buildModule(options.testCollateral ? "ForkcastTest" : "Forkcast", (m) => {
    const collateral = options.testCollateral
      ? m.useModule(TestCollateralModule).collateral
      : m.useModule(ExternalCollateralModule).collateral;
    const { conditionalTokens } = m.useModule(ConditionalTokensModule);
    const { exchange } = deployExchange(m, { collateral, conditionalTokens });
    const markets = deployMarkets(m, { collateral, conditionalTokens, exchange });
    const { pool, poolExtension, poolLens } = deployPool(m, { collateral, oracle: markets.oracle });
    return { collateral, conditionalTokens, exchange, ...markets, pool, poolExtension, poolLens };
  });
}

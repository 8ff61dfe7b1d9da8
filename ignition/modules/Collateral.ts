import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * Test collateral for local chains and testnets: a 6-decimal stablecoin owned by the deployer
 * (it seeds demo accounts) with its faucet switched by the `faucetEnabled` parameter.
 * Never used where real collateral exists: see ExternalCollateralModule.
 */
export const TestCollateralModule = buildModule("TestCollateral", (m) => {
  const owner = m.getParameter("owner", m.getAccount(0));
  const faucetEnabled = m.getParameter("faucetEnabled", true);
  const collateral = m.contract("TestUSD", [owner, faucetEnabled]);
  return { collateral };
});

/** Real collateral (e.g. USDC) on a production chain: only its address is recorded. */
export const ExternalCollateralModule = buildModule("ExternalCollateral", (m) => {
  const collateral = m.contractAt("IERC20Metadata", m.getParameter<string>("address"));
  return { collateral };
});

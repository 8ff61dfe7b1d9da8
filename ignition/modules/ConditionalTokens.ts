import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/** The ERC-1155 outcome positions every market settles in. */
export default buildModule("ConditionalTokens", (m) => {
  const conditionalTokens = m.contract("ConditionalTokens", [m.getParameter("uri", "")]);
  return { conditionalTokens };
});

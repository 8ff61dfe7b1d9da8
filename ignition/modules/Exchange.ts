import type { CallableContractFuture, IgnitionModuleBuilder } from "@nomicfoundation/ignition-core";

/** What the exchange is deployed against. */
export interface ExchangeDependencies {
  collateral: CallableContractFuture<string>;
  conditionalTokens: CallableContractFuture<string>;
}

/**
 * Adds the order-book exchange to the caller's module and authorises its operator.
 * Module parameters (under the caller's module id): `exchangeAdmin` (default the deployer),
 * `feeRecipient` (default the deployer), `domainName` ("Forkcast"), `domainVersion` ("1"):
 * the EIP-712 domain orders are signed for; `polymarketEvents` (false): also log Polymarket's
 * `OrdersMatched` and `FeeCharged`, for tooling written for their exchange (about 2,700 gas a
 * match and 1,700 a fee transfer, see docs/exchange.md); `operator` (the account the operator service signs
 * settlement transactions with; default the deployer; the local chain uses dev account 18).
 */
export function deployExchange(m: IgnitionModuleBuilder, deps: ExchangeDependencies) {
  const deployer = m.getAccount(0);
  const exchange = m.contract("Exchange", [
    m.getParameter("exchangeAdmin", deployer),
    deps.conditionalTokens,
    deps.collateral,
    m.getParameter("feeRecipient", deployer),
    m.getParameter("domainName", "Forkcast"),
    m.getParameter("domainVersion", "1"),
    m.getParameter("polymarketEvents", false),
  ]);
  m.call(exchange, "addOperator", [m.getParameter("operator", deployer)]);
  return { exchange };
}

import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { CallableContractFuture, IgnitionModuleBuilder } from "@nomicfoundation/ignition-core";

/** What the markets subsystem is deployed against. */
export interface MarketsDependencies {
  collateral: CallableContractFuture<string>;
  conditionalTokens: CallableContractFuture<string>;
  /** The Exchange; the deployer must be its admin so that the factory can be made a registrar. */
  exchange: CallableContractFuture<string>;
}

/** The arbitration committee. Omitted: 1-of-1 with the deployer (local chains). */
export interface CommitteeConfig {
  members: string[];
  threshold: bigint;
}

/** Upper bound on outcomes of a multi-outcome market (NegRiskAdapter.MAX_QUESTIONS). */
const MAX_QUESTIONS = 32n;

/**
 * Adds the oracle, the arbitration committee, the neg-risk adapter and the market factory to the
 * caller's module, and makes the factory an exchange registrar. Module parameters (under the
 * caller's module id): `marketsAdmin` (oracle emergency admin and committee owner; default the
 * deployer), `disputeFeeBps` (default 1000), `disputeTreasury` (default zero: fees are burned).
 */
export function deployMarkets(m: IgnitionModuleBuilder, deps: MarketsDependencies, committee?: CommitteeConfig) {
  const deployer = m.getAccount(0);
  const admin = m.getParameter("marketsAdmin", deployer);
  const arbitrator = committee
    ? m.contract("CommitteeArbitrator", [admin, committee.members, committee.threshold])
    : m.contract("CommitteeArbitrator", [admin, [deployer], 1n]);
  const oracle = m.contract("OptimisticOracle", [
    deps.collateral,
    arbitrator,
    admin,
    m.getParameter("disputeFeeBps", 1_000n),
    m.getParameter("disputeTreasury", "0x0000000000000000000000000000000000000000"),
  ]);
  const negRiskAdapter = m.contract("NegRiskAdapter", [deps.conditionalTokens, deps.collateral, oracle]);
  const marketFactory = m.contract("MarketFactory", [
    deps.conditionalTokens,
    deps.collateral,
    oracle,
    deps.exchange,
    negRiskAdapter,
    MAX_QUESTIONS,
  ]);
  m.call(deps.exchange, "addRegistrar", [marketFactory]);
  return { arbitrator, oracle, negRiskAdapter, marketFactory };
}

/**
 * A self-contained local stack (test collateral, conditional tokens, exchange, markets) with a
 * 1-of-1 committee of the deployer. For tests and local experiments; the production deployment
 * composes `deployMarkets` into the protocol module.
 */
export default buildModule("MarketsLocal", (m) => {
  const deployer = m.getAccount(0);
  const collateral = m.contract("TestUSD", [deployer, true]);
  const conditionalTokens = m.contract("ConditionalTokens", [""]);
  const exchange = m.contract("Exchange", [deployer, conditionalTokens, collateral, deployer, "Forkcast", "1", false]);
  const markets = deployMarkets(m, { collateral, conditionalTokens, exchange });
  return { collateral, conditionalTokens, exchange, ...markets };
});

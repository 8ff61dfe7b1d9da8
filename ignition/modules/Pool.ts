import type { CallableContractFuture, IgnitionModuleBuilder } from "@nomicfoundation/ignition-core";
import { keccak256, toHex } from "viem";

/** What the betting pool is deployed against. */
export interface PoolDependencies {
  collateral: CallableContractFuture<string>;
  /** The answer source its conditions resolve from (the optimistic oracle). */
  oracle: CallableContractFuture<string>;
}

const MARKET_CREATOR_ROLE = keccak256(toHex("MARKET_CREATOR_ROLE"));
const MAINTAINER_ROLE = keccak256(toHex("MAINTAINER_ROLE"));

/**
 * Adds the betting pool (the pool and the extension it delegates to) to the caller's module.
 * Module parameters (under the caller's module id): `poolAdmin` and `poolTreasury` (default the
 * deployer), `poolMarketCreator` (granted the market-creator and maintainer roles; default the
 * deployer) and `poolReinforcementCap` (its reinforcement cap in collateral base units; default
 * 1,000,000 tUSD).
 *
 * The pool answers every IBettingPool function (the ones it does not implement are forwarded to
 * the extension), so the address book records it with the IBettingPool ABI. `poolLens` is the
 * stateless BettingPoolLens: views computed from the pool's storage through `extsload`
 * (`getParlay`, `currentOdds`, ...; each takes the pool's address first).
 */
export function deployPool(m: IgnitionModuleBuilder, deps: PoolDependencies) {
  const deployer = m.getAccount(0);
  const poolExtension = m.contract("BettingPoolExtension", [deps.collateral, deps.oracle]);
  const poolDeployment = m.contract("BettingPool", [
    deps.collateral,
    deps.oracle,
    poolExtension,
    m.getParameter("poolAdmin", deployer),
    m.getParameter("poolTreasury", deployer),
  ]);
  const pool = m.contractAt("IBettingPool", poolDeployment, { id: "BettingPoolApi" });
  const creator = m.getParameter("poolMarketCreator", deployer);
  m.call(pool, "grantRole", [MARKET_CREATOR_ROLE, creator], { id: "GrantMarketCreator" });
  m.call(pool, "grantRole", [MAINTAINER_ROLE, creator], { id: "GrantMaintainer" });
  m.call(pool, "setReinforcementCap", [creator, m.getParameter("poolReinforcementCap", 1_000_000_000_000n)]);
  const poolLens = m.contract("BettingPoolLens");
  return { pool, poolExtension, poolLens };
}

/**
 * Ponder configuration: one local or test chain, every Forkcast contract from the chain's
 * address book, every ABI from `@forkcast/deployments` (nothing hand-copied).
 *
 *   CHAIN_ID      chain to index (default 31337)
 *   RPC_URL       its JSON-RPC endpoint (default http://127.0.0.1:8545)
 *   DATABASE_URL  PostgreSQL connection string; PGlite in .ponder/ when unset
 *   FORKCAST_DEPLOYMENTS_DIR  where `<chainId>.json` address books live (default ../deployments)
 *   PGLITE_DIRECTORY  PGlite data directory (default .ponder/pglite)
 */
import { type ContractKey, abis } from "@forkcast/deployments";
import { createConfig } from "ponder";

import { checkRpcChainId, loadSettings } from "./src/settings.ts";

const settings = loadSettings(process.env);
await checkRpcChainId(settings);
const { deployment } = settings;
const startBlock = deployment.deployBlock;
const at = (key: ContractKey) => deployment.contract(key).address;

/** Indexed in place of a contract the address book does not have yet: it never emits a log. */
const NO_CONTRACT = "0x0000000000000000000000000000000000000000";

/** The collateral when it is this project's TestUSD (its faucet drips are indexed), else nothing. */
const collateral = deployment.book.contracts["collateral"];
const testUsd = collateral?.contract === "TestUSD" ? collateral.address : NO_CONTRACT;

// Ponder allows ~20 requests/s per URL; listing the same local URL several times lifts that.
const RPC_FAN_OUT = 4;

export default createConfig({
  database: process.env.DATABASE_URL
    ? { kind: "postgres", connectionString: process.env.DATABASE_URL }
    : { kind: "pglite", ...(process.env.PGLITE_DIRECTORY ? { directory: process.env.PGLITE_DIRECTORY } : {}) },
  chains: {
    forkcast: {
      id: settings.chainId,
      rpc: Array.from({ length: RPC_FAN_OUT }, () => settings.rpcUrl),
      disableCache: settings.chainId === 31337 || settings.chainId === 31338,
      pollingInterval: settings.pollingIntervalMs,
    },
  },
  contracts: {
    ConditionalTokens: { chain: "forkcast", abi: abis.ConditionalTokens, address: at("conditionalTokens"), startBlock },
    Exchange: { chain: "forkcast", abi: abis.Exchange, address: at("exchange"), startBlock },
    MarketFactory: { chain: "forkcast", abi: abis.MarketFactory, address: at("marketFactory"), startBlock },
    NegRiskAdapter: { chain: "forkcast", abi: abis.NegRiskAdapter, address: at("negRiskAdapter"), startBlock },
    OptimisticOracle: { chain: "forkcast", abi: abis.OptimisticOracle, address: at("oracle"), startBlock },
    CommitteeArbitrator: { chain: "forkcast", abi: abis.CommitteeArbitrator, address: at("arbitrator"), startBlock },
    TestUSD: { chain: "forkcast", abi: abis.TestUSD, address: testUsd, startBlock },
    // The betting pool joined the protocol after the first deployments: optional in the book.
    BettingPool: {
      chain: "forkcast",
      abi: abis.IBettingPool,
      address: deployment.optionalAddress("pool") ?? NO_CONTRACT,
      startBlock,
    },
  },
});

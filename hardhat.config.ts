import { createRequire } from "node:module";

import hardhatToolboxViem from "@nomicfoundation/hardhat-toolbox-viem";
import { configVariable, defineConfig } from "hardhat/config";

const require = createRequire(import.meta.url);

/**
 * The compiler is the npm `solc` package (solc-js), loaded through `path` so that no
 * download is needed. Keep SOLC_VERSION equal to the exact version pinned in package.json.
 */
const SOLC_VERSION = "0.8.30";
const solcJs = require.resolve("solc/soljson.js");
const compilerSettings = {
  optimizer: { enabled: true, runs: 10_000 },
  evmVersion: "prague",
} as const;

/**
 * `--network localhost` is the node `npm run node` / `npm run dev` starts on 127.0.0.1:RPC_PORT
 * (8545 unless set), so deploy and seed follow the port the node was given.
 */
const DEFAULT_RPC_PORT = 8545;
function localRpcPort(): number {
  const raw = process.env.RPC_PORT;
  if (raw === undefined || raw === "") return DEFAULT_RPC_PORT;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65_535) throw new Error(`RPC_PORT must be a TCP port, got "${raw}"`);
  return port;
}

/** Fuzz/invariant effort: CI and local runs use the same numbers so results are comparable. */
const FUZZ_RUNS = 256;
const INVARIANT_RUNS = 64;
const INVARIANT_DEPTH = 32;

export default defineConfig({
  plugins: [hardhatToolboxViem],
  solidity: {
    // Built so that deployments can point at an existing ERC-20 collateral with a typed artifact.
    npmFilesToBuild: ["@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol"],
    profiles: {
      default: { version: SOLC_VERSION, path: solcJs, settings: compilerSettings },
      production: { version: SOLC_VERSION, path: solcJs, settings: compilerSettings },
    },
  },
  test: {
    solidity: {
      fuzz: { runs: FUZZ_RUNS, seed: "0x5eed" },
      invariant: { runs: INVARIANT_RUNS, depth: INVARIANT_DEPTH, failOnRevert: false },
    },
  },
  // Source verification after a testnet deploy: `npx hardhat ignition verify <deployment-id>`
  // (the deployment id is chain-<chainId>). The Etherscan key comes from the keystore or env.
  verify: {
    etherscan: { apiKey: configVariable("ETHERSCAN_API_KEY") },
  },
  networks: {
    hardhatMainnet: { type: "edr-simulated", chainType: "l1" },
    localhost: { type: "http", chainType: "l1", url: `http://127.0.0.1:${localRpcPort()}` },
    sepolia: {
      type: "http",
      chainType: "l1",
      url: configVariable("SEPOLIA_RPC_URL"),
      accounts: [configVariable("SEPOLIA_PRIVATE_KEY")],
    },
  },
});

/**
 * E2E deploy: the repo's Ignition module (ignition/modules/Forkcast.ts) to the test's own node,
 * whose URL is only known at run time (E2E_RPC_URL), then the address book and the generated
 * module, exactly as scripts/deploy.ts does for `--network localhost` (fixed at port 8545).
 * Run with `hardhat run app/e2e/deploy-local.ts`.
 */
import { readFile } from "node:fs/promises";

import { network } from "hardhat";

import { buildForkcastModule } from "../../ignition/modules/Forkcast.js";
import { type Address, type AddressBook, writeAddressBook } from "../../scripts/lib/address-book.ts";
import { resolveDeployedContracts } from "../../scripts/lib/ignition-args.ts";
import { generateDeploymentsModule } from "../../scripts/generate-deployments.ts";

const url = process.env.E2E_RPC_URL;
const deploymentId = process.env.E2E_DEPLOYMENT_ID;
if (!url || !deploymentId) throw new Error("E2E_RPC_URL and E2E_DEPLOYMENT_ID must be set");

const connection = await network.create({ network: "localhost", override: { url } });
const publicClient = await connection.viem.getPublicClient();
const [deployer] = await connection.viem.getWalletClients();
if (!deployer) throw new Error("the e2e node has no accounts");
const chainId = await publicClient.getChainId();

const { testCollateral = false, ...parameters } = JSON.parse(
  await readFile("ignition/parameters/localhost.json", "utf8"),
) as Record<string, unknown>;
const forkcast = buildForkcastModule({ testCollateral: testCollateral === true });
const headBefore = await publicClient.getBlockNumber();
const deployed = await connection.ignition.deploy(forkcast, {
  parameters: parameters as never,
  deploymentId,
  displayUi: false,
});
const contracts = resolveDeployedContracts(
  forkcast,
  Object.fromEntries(
    Object.entries(deployed as Record<string, { address: string }>).map(([key, c]) => [key, c.address as Address]),
  ),
  parameters as Record<string, Record<string, unknown>>,
  [deployer.account.address],
);
const book: AddressBook = {
  chainId,
  network: "localhost",
  deployedAt: new Date().toISOString(),
  deployBlock: Number(headBefore) + 1,
  deployer: deployer.account.address,
  testCollateral: testCollateral === true,
  contracts,
};
// Until the repo's Ignition module deploys the market stack (issue 7), deploy it here the way
// test/markets/markets.test.ts wires it, so the app's market flows run against real contracts.
if (!contracts.marketFactory && contracts.collateral && contracts.conditionalTokens) {
  const admin = deployer.account.address;
  const usd = contracts.collateral.address;
  const ctf = contracts.conditionalTokens.address;
  const accounts = await connection.viem.getWalletClients();
  const arbiter = accounts[9]?.account.address ?? admin;
  const add = (key: string, contract: string, address: Address, args: unknown[]) => {
    contracts[key] = { contract, address, args: args.map((a) => (typeof a === "bigint" ? a.toString() : a)) };
  };
  const arbitratorArgs = [admin, [arbiter], 1n];
  const arbitrator = await connection.viem.deployContract("CommitteeArbitrator", arbitratorArgs as never);
  add("committeeArbitrator", "CommitteeArbitrator", arbitrator.address, arbitratorArgs);
  const oracleArgs = [usd, arbitrator.address, admin, 1_000n, admin];
  const oracle = await connection.viem.deployContract("OptimisticOracle", oracleArgs as never);
  add("optimisticOracle", "OptimisticOracle", oracle.address, oracleArgs);
  const adapterArgs = [ctf, usd, oracle.address];
  const adapter = await connection.viem.deployContract("NegRiskAdapter", adapterArgs as never);
  add("negRiskAdapter", "NegRiskAdapter", adapter.address, adapterArgs);
  const exchangeArgs = [admin, ctf, usd, admin, "Forkcast", "1"];
  const exchange = await connection.viem.deployContract("Exchange", exchangeArgs as never);
  add("exchange", "Exchange", exchange.address, exchangeArgs);
  const factoryArgs = [ctf, usd, oracle.address, exchange.address, adapter.address, 32n];
  const factory = await connection.viem.deployContract("MarketFactory", factoryArgs as never);
  add("marketFactory", "MarketFactory", factory.address, factoryArgs);
  const registrarHash = await deployer.writeContract({
    address: exchange.address,
    abi: exchange.abi,
    functionName: "addRegistrar",
    args: [factory.address],
  } as never);
  await publicClient.waitForTransactionReceipt({ hash: registrarHash });
}
await writeAddressBook(book);
await generateDeploymentsModule();
console.log(
  JSON.stringify({ chainId, contracts: Object.fromEntries(Object.entries(contracts).map(([k, c]) => [k, c.address])) }),
);

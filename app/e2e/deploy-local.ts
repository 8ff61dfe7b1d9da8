/**
 * E2E deploy: the repo's Ignition module (ignition/modules/Forkcast.ts) to the test's own node,
 * whose URL is only known at run time (E2E_RPC_URL), then the address book and the generated
 * module, exactly as scripts/deploy.ts does for `--network localhost` (fixed at port 8545).
 * Run with `hardhat run app/e2e/deploy-local.ts`.
 */
import { readFile } from "node:fs/promises";

import { network } from "hardhat";

import { buildForkcastModule } from "../../ignition/modules/Forkcast.js";
import type { Address, AddressBook } from "@forkcast/deployments";
import { writeAddressBook } from "@forkcast/deployments/node";
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
await writeAddressBook(book);
await generateDeploymentsModule();
console.log(
  JSON.stringify({ chainId, contracts: Object.fromEntries(Object.entries(contracts).map(([k, c]) => [k, c.address])) }),
);

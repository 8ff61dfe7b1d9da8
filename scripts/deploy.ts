/**
 * Deploys the whole protocol with Hardhat Ignition and records the address book.
 *
 *   npm run deploy -- --network localhost     # a running `hardhat node`
 *   npm run deploy -- --network sepolia       # SEPOLIA_RPC_URL / SEPOLIA_PRIVATE_KEY from keystore or env
 *
 * Parameters come from ignition/parameters/<network>.json. The address book
 * (deployments/<chainId>.json) is written only after every future succeeded, and the typed
 * module (deployments/generated) is regenerated from it.
 */
import { readFile, rm } from "node:fs/promises";
import path from "node:path";

import { network } from "hardhat";

import { buildForkcastModule } from "../ignition/modules/Forkcast.js";
import type { Address, AddressBook } from "@forkcast/deployments";
import { writeAddressBook } from "@forkcast/deployments/node";
import { resolveDeployedContracts } from "./lib/ignition-args.ts";
import { generateDeploymentsModule } from "./generate-deployments.ts";

const LOCAL_CHAIN_ID = 31_337;

/** Chains where a TestUSD may be deployed. Anything else must name real collateral. */
const TEST_CHAIN_IDS = new Set([31337, 31338, 11155111]);

async function loadParameters(networkName: string): Promise<Record<string, unknown>> {
  const file = path.join("ignition", "parameters", `${networkName}.json`);
  try {
    return JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`Cannot read deployment parameters ${file}: ${(error as Error).message}`, { cause: error });
  }
}

async function main(): Promise<void> {
  const connection = await network.create();
  const where = `network "${connection.networkName}"`;

  let publicClient: Awaited<ReturnType<typeof connection.viem.getPublicClient>>;
  let chainId: number;
  try {
    publicClient = await connection.viem.getPublicClient();
    chainId = await publicClient.getChainId();
  } catch (error) {
    const reason = firstLine(error);
    if (/Configuration Variable/i.test(reason)) {
      throw new Error(
        `${reason} It is needed by ${where}: store it with \`npx hardhat keystore set <NAME>\` or export it.`,
        { cause: error },
      );
    }
    throw new Error(`Cannot reach ${where}: ${reason} Is the node running (npm run node) and its RPC URL right?`, {
      cause: error,
    });
  }

  let deployer: Awaited<ReturnType<typeof connection.viem.getWalletClients>>[number] | undefined;
  try {
    [deployer] = await connection.viem.getWalletClients();
  } catch (error) {
    throw new Error(
      `No usable deployer account for ${where}: the configured private key is not a 32-byte hex key ` +
        `(${firstLine(error)}).`,
      { cause: error },
    );
  }
  if (!deployer) {
    throw new Error(
      `No deployer account for ${where}: set its private key in the Hardhat keystore ` +
        `(npx hardhat keystore set <NAME>) or in the environment.`,
    );
  }

  const { testCollateral = false, ...moduleParameters } = await loadParameters(connection.networkName);
  if (typeof testCollateral !== "boolean") throw new Error(`"testCollateral" must be true or false`);
  if (testCollateral && !TEST_CHAIN_IDS.has(chainId)) {
    throw new Error(`Refusing to deploy TestUSD on chain ${chainId}: set "testCollateral": false and a real token.`);
  }

  if (chainId === LOCAL_CHAIN_ID && !process.env.FORKCAST_DEPLOYMENT_ID) {
    // A local node starts empty every time, but Ignition's journal for chain 31337 survives it and
    // would make Ignition believe earlier contracts still exist. Start every local deploy afresh.
    await rm(path.join("ignition", "deployments", `chain-${LOCAL_CHAIN_ID}`), { recursive: true, force: true });
  }

  const forkcast = buildForkcastModule({ testCollateral });
  const headBefore = await publicClient.getBlockNumber();
  const deployed = await connection.ignition.deploy(forkcast, {
    parameters: moduleParameters as never,
    displayUi: process.env.CI === undefined,
    // Ignition keeps a journal per deployment id (default chain-<id>) and resumes it if a run was interrupted.
    ...(process.env.FORKCAST_DEPLOYMENT_ID ? { deploymentId: process.env.FORKCAST_DEPLOYMENT_ID } : {}),
  });

  const contracts = resolveDeployedContracts(
    forkcast,
    Object.fromEntries(Object.entries(deployed).map(([key, c]) => [key, c.address as Address])),
    moduleParameters as Record<string, Record<string, unknown>>,
    [deployer.account.address],
  );
  const book: AddressBook = {
    chainId,
    network: connection.networkName,
    deployedAt: new Date().toISOString(),
    deployBlock: Number(headBefore) + 1,
    deployer: deployer.account.address,
    testCollateral,
    contracts,
  };
  const file = await writeAddressBook(book);
  if (process.env.FORKCAST_DEPLOYMENTS_DIR === undefined) await generateDeploymentsModule();
  console.log(`Deployed to chain ${chainId} (${connection.networkName}); address book: ${file}`);
  for (const [key, c] of Object.entries(contracts)) console.log(`  ${key.padEnd(20)} ${c.address}  ${c.contract}`);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}

await main();

/**
 * The address book of one chain, `deployments/<chainId>.json`: its one schema, its contract keys
 * and its errors. Pure (no file access) so the browser app can use it; files are read by
 * `@forkcast/deployments/node`.
 */

export type Address = `0x${string}`;

/**
 * Every contract an address book can name, with the artifact whose ABI `contractFor` returns
 * for it. The keys are the results of the Ignition module `ignition/modules/Forkcast.ts`
 * (a unit test keeps the two in step). `collateral` is typed by the ERC-20 interface every
 * collateral has; on chains with `testCollateral` it is TestUSD (faucet, mint).
 */
export const CONTRACT_ARTIFACTS = {
  collateral: "IERC20Metadata",
  conditionalTokens: "ConditionalTokens",
  exchange: "Exchange",
  arbitrator: "CommitteeArbitrator",
  oracle: "OptimisticOracle",
  negRiskAdapter: "NegRiskAdapter",
  marketFactory: "MarketFactory",
  pool: "IBettingPool",
  poolExtension: "BettingPoolExtension",
  poolLens: "BettingPoolLens",
} as const;

export type ContractKey = keyof typeof CONTRACT_ARTIFACTS;
export const CONTRACT_KEYS = Object.keys(CONTRACT_ARTIFACTS) as readonly ContractKey[];

export interface DeployedContract {
  /** The artifact's contract name (the ABI it was deployed with). */
  readonly contract: string;
  readonly address: Address;
  /** Constructor arguments as deployed (bigints as decimal strings); empty for pre-existing contracts. */
  readonly args: readonly unknown[];
}

export interface AddressBook {
  readonly chainId: number;
  readonly network: string;
  readonly deployedAt: string;
  /** First block that can hold a deployment transaction: indexers start here. */
  readonly deployBlock: number;
  readonly deployer: Address;
  /** Whether the collateral is this project's TestUSD (local chains and testnets only). */
  readonly testCollateral: boolean;
  /** Contracts by key; a book written before a contract joined the protocol lacks its key. */
  readonly contracts: Readonly<Partial<Record<ContractKey, DeployedContract>>>;
}

export type DeploymentErrorCode = "NO_ADDRESS_BOOK" | "INVALID_ADDRESS_BOOK" | "WRONG_CHAIN" | "MISSING_CONTRACT";

/** Why an address book cannot serve a request; `source` names the file (or generated module). */
export class DeploymentError extends Error {
  readonly code: DeploymentErrorCode;
  readonly source: string;
  /** The contract key or book field the error is about, when there is one. */
  readonly key: string | undefined;

  constructor(code: DeploymentErrorCode, source: string, message: string, key?: string) {
    super(message);
    this.name = "DeploymentError";
    this.code = code;
    this.source = source;
    this.key = key;
  }
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

function isAddress(value: unknown): value is Address {
  return typeof value === "string" && ADDRESS.test(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Validates parsed JSON as an address book. Throws a DeploymentError naming `source` and the bad
 * field (INVALID_ADDRESS_BOOK), or the chain mismatch when `expectedChainId` is given
 * (WRONG_CHAIN). Keys this version does not know are kept in the file but not returned.
 */
export function parseAddressBook(value: unknown, source: string, expectedChainId?: number): AddressBook {
  const fail = (field: string, why = "invalid or missing"): never => {
    throw new DeploymentError("INVALID_ADDRESS_BOOK", source, `${source}: ${why} "${field}"`, field);
  };
  if (!isRecord(value)) return fail("(root object)", "not an address book:");
  const { chainId, network, deployedAt, deployBlock, deployer, testCollateral, contracts } = value;
  if (typeof chainId !== "number" || !Number.isSafeInteger(chainId) || chainId <= 0) return fail("chainId");
  if (typeof network !== "string") return fail("network");
  if (typeof deployedAt !== "string") return fail("deployedAt");
  if (typeof deployBlock !== "number" || !Number.isSafeInteger(deployBlock) || deployBlock < 0)
    return fail("deployBlock");
  if (!isAddress(deployer)) return fail("deployer");
  if (typeof testCollateral !== "boolean") return fail("testCollateral");
  if (!isRecord(contracts)) return fail("contracts");
  const entries: Partial<Record<ContractKey, DeployedContract>> = {};
  for (const key of CONTRACT_KEYS) {
    const entry = contracts[key];
    if (entry === undefined) continue;
    if (!isRecord(entry)) return fail(`contracts.${key}`);
    if (typeof entry.contract !== "string" || entry.contract === "") return fail(`contracts.${key}.contract`);
    if (!isAddress(entry.address)) return fail(`contracts.${key}.address`);
    if (!Array.isArray(entry.args)) return fail(`contracts.${key}.args`);
    entries[key] = { contract: entry.contract, address: entry.address, args: entry.args };
  }
  if (expectedChainId !== undefined && chainId !== expectedChainId) {
    throw new DeploymentError(
      "WRONG_CHAIN",
      source,
      `${source} is the address book of chain ${chainId}, not of chain ${expectedChainId}`,
    );
  }
  return { chainId, network, deployedAt, deployBlock, deployer, testCollateral, contracts: entries };
}

/** The entry of `key` in a book; a MISSING_CONTRACT error names the book's source and the key. */
export function deployedContract(book: AddressBook, key: ContractKey, source: string): DeployedContract {
  const entry = book.contracts[key];
  if (entry === undefined) {
    throw new DeploymentError(
      "MISSING_CONTRACT",
      source,
      `${source} (chain ${book.chainId}) has no "${key}" contract: redeploy with the current scripts (npm run deploy).`,
      key,
    );
  }
  return entry;
}

/** The command that creates a chain's address book, for NO_ADDRESS_BOOK messages. */
export function deployHint(chainId: number | undefined): string {
  return chainId === 31337
    ? "start a node (`npm run node`) and run `npm run deploy -- --network localhost`"
    : "run `npm run deploy -- --network <network of that chain>`";
}

/**
 * The address book of one chain: `deployments/<chainId>.json`. Written only after a deployment
 * succeeded (atomically: temp file + rename), so a half-finished deployment is never recorded.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Where address books live; FORKCAST_DEPLOYMENTS_DIR redirects them (tests deploy to stand-in chains). */
export const DEPLOYMENTS_DIR =
  process.env.FORKCAST_DEPLOYMENTS_DIR ??
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "deployments");

export type Address = `0x${string}`;

export interface DeployedContract {
  /** The artifact's contract name (the ABI to use). */
  contract: string;
  address: Address;
  /** Constructor arguments as deployed (bigints as decimal strings); empty for pre-existing contracts. */
  args: unknown[];
}

export interface AddressBook {
  chainId: number;
  network: string;
  deployedAt: string;
  /** First block that can hold a deployment transaction: indexers start here. */
  deployBlock: number;
  deployer: Address;
  /** Whether the collateral is this project's TestUSD (local chains and testnets only). */
  testCollateral: boolean;
  contracts: Record<string, DeployedContract>;
}

export class AddressBookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AddressBookError";
  }
}

export function addressBookPath(chainId: number): string {
  return path.join(DEPLOYMENTS_DIR, `${chainId}.json`);
}

function isAddress(value: unknown): value is Address {
  return typeof value === "string" && /^0x[0-9a-fA-F]{40}$/.test(value);
}

/** Validates parsed JSON as an address book; throws an AddressBookError naming the bad field. */
export function parseAddressBook(value: unknown, source: string): AddressBook {
  const fail = (field: string): never => {
    throw new AddressBookError(`${source}: invalid or missing "${field}"`);
  };
  if (typeof value !== "object" || value === null) return fail("(root object)");
  const book = value as Record<string, unknown>;
  if (!Number.isInteger(book.chainId)) fail("chainId");
  if (typeof book.network !== "string") fail("network");
  if (typeof book.deployedAt !== "string") fail("deployedAt");
  if (!Number.isInteger(book.deployBlock)) fail("deployBlock");
  if (!isAddress(book.deployer)) fail("deployer");
  if (typeof book.testCollateral !== "boolean") fail("testCollateral");
  if (typeof book.contracts !== "object" || book.contracts === null) fail("contracts");
  for (const [key, entry] of Object.entries(book.contracts as Record<string, unknown>)) {
    const c = entry as Record<string, unknown> | null;
    if (!c || typeof c.contract !== "string") fail(`contracts.${key}.contract`);
    if (!isAddress(c?.address)) fail(`contracts.${key}.address`);
    if (!Array.isArray(c?.args)) fail(`contracts.${key}.args`);
  }
  return value as AddressBook;
}

/** Reads the address book of a chain; a missing file says which deploy command creates it. */
export async function readAddressBook(chainId: number): Promise<AddressBook> {
  const file = addressBookPath(chainId);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new AddressBookError(
      `No address book for chain ${chainId} (${path.relative(process.cwd(), file)}). ` +
        `Deploy first: npm run deploy -- --network <name>.`,
    );
  }
  return parseAddressBook(JSON.parse(text), file);
}

export async function writeAddressBook(book: AddressBook): Promise<string> {
  await mkdir(DEPLOYMENTS_DIR, { recursive: true });
  const file = addressBookPath(book.chainId);
  const temp = `${file}.tmp-${process.pid}`;
  await writeFile(temp, `${JSON.stringify(book, null, 2)}\n`);
  await rename(temp, file);
  return file;
}

/**
 * Address books on disk, for Node processes (deploy and seed scripts, operator, indexer,
 * keeper): read and validate `deployments/<chainId>.json` when the process starts, so a book
 * written after the last `npm run build` is still seen. The browser app uses the generated
 * module instead (`contractFor`).
 */
import { readFileSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { Deployment } from "./index.ts";
import { type AddressBook, DeploymentError, deployHint, parseAddressBook } from "./book.ts";

/** deployments/ at the repository root (this file is deployments/src/node.ts). */
export const REPO_DEPLOYMENTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Where address books live: FORKCAST_DEPLOYMENTS_DIR (tests deploy to stand-in chains) or deployments/. */
export function deploymentsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.FORKCAST_DEPLOYMENTS_DIR !== undefined && env.FORKCAST_DEPLOYMENTS_DIR !== ""
    ? env.FORKCAST_DEPLOYMENTS_DIR
    : REPO_DEPLOYMENTS_DIR;
}

export function addressBookPath(chainId: number, dir: string = deploymentsDir()): string {
  return path.join(dir, `${chainId}.json`);
}

/**
 * Reads and validates one address book file. NO_ADDRESS_BOOK when the file is missing (the
 * message says which deploy command creates it), INVALID_ADDRESS_BOOK when it is not valid JSON
 * or not an address book, WRONG_CHAIN when `expectedChainId` is given and differs.
 */
export function readAddressBookFile(file: string, expectedChainId?: number): Deployment {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const chain = expectedChainId === undefined ? "this chain" : `chain ${expectedChainId}`;
    const hint = deployHint(expectedChainId);
    throw new DeploymentError(
      "NO_ADDRESS_BOOK",
      file,
      `No address book for ${chain} at ${file} (${(error as NodeJS.ErrnoException).code ?? "unreadable"}): ` +
        `nothing is deployed there. ${hint.charAt(0).toUpperCase()}${hint.slice(1)}.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DeploymentError("INVALID_ADDRESS_BOOK", file, `${file} is not valid JSON: ${(error as Error).message}`);
  }
  return new Deployment(parseAddressBook(json, file, expectedChainId), file);
}

/** The address book of `chainId` in `dir` (default: deploymentsDir()). */
export function readAddressBook(chainId: number, dir: string = deploymentsDir()): Deployment {
  return readAddressBookFile(addressBookPath(chainId, dir), chainId);
}

/** Writes a book atomically (temp file + rename), so a half-finished deployment is never recorded. */
export async function writeAddressBook(book: AddressBook, dir: string = deploymentsDir()): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = addressBookPath(book.chainId, dir);
  const temp = `${file}.tmp-${process.pid}`;
  await writeFile(temp, `${JSON.stringify(book, null, 2)}\n`);
  await rename(temp, file);
  return file;
}

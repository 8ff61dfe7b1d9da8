/**
 * `@forkcast/deployments`: every contract ABI and every chain's address book, with typed access
 * by key — `contractFor(chainId, "exchange")` → `{ address, abi }`. The ABIs and the books recorded
 * at the last `npm run build` / deploy come from the generated module (deployments/generated/);
 * Node processes that must see a book written later read it with `@forkcast/deployments/node`.
 */
import { addressBooks } from "../generated/addressBooks.ts";
import { contractAbis } from "../generated/abis.ts";
import {
  type Address,
  type AddressBook,
  type ContractKey,
  DeploymentError,
  deployHint,
  deployedContract,
} from "./book.ts";

export * from "../generated/abis.ts";
export * from "../generated/addressBooks.ts";
export * from "./book.ts";

export type ContractAbi<K extends ContractKey> = (typeof contractAbis)[K];

/** One deployed contract: where it is and how to call it. */
export interface Contract<K extends ContractKey> {
  readonly address: Address;
  readonly abi: ContractAbi<K>;
}

/** One chain's address book with typed access by key. */
export class Deployment {
  readonly book: AddressBook;
  /** The file (or generated module) the book came from: every error names it. */
  readonly source: string;

  constructor(book: AddressBook, source: string) {
    this.book = book;
    this.source = source;
  }

  get chainId(): number {
    return this.book.chainId;
  }

  /** First block that can hold a deployment transaction: event scans start here. */
  get deployBlock(): number {
    return this.book.deployBlock;
  }

  has(key: ContractKey): boolean {
    return this.book.contracts[key] !== undefined;
  }

  /** Address and ABI of `key`; a MISSING_CONTRACT DeploymentError names the book and the key. */
  contract<K extends ContractKey>(key: K): Contract<K> {
    return { address: deployedContract(this.book, key, this.source).address, abi: contractAbis[key] };
  }

  /** The address of `key`, or undefined when this book has no such contract (contracts added later). */
  optionalAddress(key: ContractKey): Address | undefined {
    return this.book.contracts[key]?.address;
  }
}

function generatedSource(chainId: number): string {
  return `deployments/${chainId}.json (as generated into @forkcast/deployments)`;
}

/** The deployment of a chain as of the last generation, or undefined when nothing is deployed there. */
export function findDeployment(chainId: number): Deployment | undefined {
  const book = addressBooks[chainId];
  return book === undefined ? undefined : new Deployment(book, generatedSource(chainId));
}

/** The deployment of a chain; NO_ADDRESS_BOOK names the missing file and the command that creates it. */
export function deploymentFor(chainId: number): Deployment {
  const found = findDeployment(chainId);
  if (found === undefined) {
    throw new DeploymentError(
      "NO_ADDRESS_BOOK",
      generatedSource(chainId),
      `No address book for chain ${chainId} (deployments/${chainId}.json): ${deployHint(chainId)}, then \`npm run build\`.`,
    );
  }
  return found;
}

/** Address and ABI of a contract on a chain; a DeploymentError names the book and the key. */
export function contractFor<K extends ContractKey>(chainId: number, key: K): Contract<K> {
  return deploymentFor(chainId).contract(key);
}

/** Typed contract access for the connected (or default) chain, only from @forkcast/deployments. */
import { type Address, type AddressBook, getAddressBook } from "@forkcast/deployments";
import { useChainId } from "wagmi";

export interface Deployment {
  chainId: number;
  book: AddressBook | undefined;
  /** The address of a contract in this chain's address book, or undefined when it is not deployed here. */
  address(key: string): Address | undefined;
}

function deploymentFor(chainId: number): Deployment {
  const book = getAddressBook(chainId);
  return { chainId, book, address: (key) => book?.contracts[key]?.address };
}

export function useDeployment(): Deployment {
  return deploymentFor(useChainId());
}

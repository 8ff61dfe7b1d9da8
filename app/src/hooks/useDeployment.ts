/** Typed contract access for the connected (or default) chain, only from @forkcast/deployments. */
import { type Address, type AddressBook, type Contract, type ContractKey, findDeployment } from "@forkcast/deployments";
import { useChainId } from "wagmi";

export interface Deployment {
  chainId: number;
  book: AddressBook | undefined;
  /** The address of a contract in this chain's address book, or undefined when it is not deployed here. */
  address(key: ContractKey): Address | undefined;
  /** Address and ABI of a contract, or undefined when it is not deployed on this chain. */
  contract<K extends ContractKey>(key: K): Contract<K> | undefined;
}

function deploymentFor(chainId: number): Deployment {
  const deployment = findDeployment(chainId);
  return {
    chainId,
    book: deployment?.book,
    address: (key) => deployment?.optionalAddress(key),
    contract: (key) => (deployment?.has(key) ? deployment.contract(key) : undefined),
  };
}

export function useDeployment(): Deployment {
  return deploymentFor(useChainId());
}

import type { Address } from "viem";
import { createConfig, http } from "wagmi";
import { injected } from "wagmi/connectors/injected";

import { localChain, sepoliaChain } from "./chains.ts";
import { devConnector } from "./devAccounts.ts";

/**
 * Injected wallets (window.ethereum plus every EIP-6963 announcement, which wagmi discovers)
 * on every chain, and the dev wallet's accounts when the local node provided them.
 */
export function createAppConfig(devAccounts: readonly Address[]) {
  return createConfig({
    chains: [localChain, sepoliaChain],
    connectors: [injected(), ...devAccounts.map((a, i) => devConnector(a, i))],
    multiInjectedProviderDiscovery: true,
    transports: {
      [localChain.id]: http(localChain.rpcUrls.default.http[0]),
      [sepoliaChain.id]: http(sepoliaChain.rpcUrls.default.http[0]),
    },
    pollingInterval: 1_000,
  });
}

export type AppConfig = ReturnType<typeof createAppConfig>;

declare module "wagmi" {
  interface Register {
    config: AppConfig;
  }
}

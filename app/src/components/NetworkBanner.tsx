import { useChainId, useConnection, useSwitchChain } from "wagmi";

import { findDeployment } from "@forkcast/deployments";

import { useDeployment } from "../hooks/useDeployment.ts";
import { appChains } from "../wallet/chains.ts";

/** Shows when the wallet is on a chain the app does not support or where nothing is deployed. */
export function NetworkBanner() {
  const { chainId: walletChainId, isConnected } = useConnection();
  const appChainId = useChainId();
  const { book } = useDeployment();
  const switchChain = useSwitchChain();
  const supported = appChains.some((c) => c.id === walletChainId);
  if (isConnected && walletChainId !== undefined && !supported) {
    // Prefer a chain where the protocol is deployed.
    const target = appChains.find((c) => findDeployment(c.id) !== undefined) ?? appChains[0];
    return (
      <div className="banner warn" data-testid="wrong-network">
        Your wallet is on chain {walletChainId}, which Forkcast does not support.
        <button
          className="primary"
          onClick={() => switchChain.mutate({ chainId: target.id })}
          disabled={switchChain.isPending}
        >
          {switchChain.isPending ? "Switching…" : `Switch to ${target.name}`}
        </button>
        {switchChain.error && <span className="error">{switchChain.error.message.split("\n")[0]}</span>}
      </div>
    );
  }
  if (!book) {
    return (
      <div className="banner warn" data-testid="no-deployment">
        Nothing is deployed on chain {appChainId}: run <code>npm run deploy -- --network localhost</code> (or{" "}
        <code>npm run dev</code>) and reload.
      </div>
    );
  }
  return null;
}

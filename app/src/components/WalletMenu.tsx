import { useConnect, useConnection, useConnectors, useDisconnect } from "wagmi";

import { shortAddress } from "../lib/address.ts";
import { isDevConnector } from "../wallet/devAccounts.ts";

/** Connect with an injected wallet or, on the local chain, a dev account; switch dev accounts. */
export function WalletMenu() {
  const { address, connector, isConnected } = useConnection();
  const connectors = useConnectors();
  const connect = useConnect();
  const disconnect = useDisconnect();
  const dev = connectors.filter((c) => isDevConnector(c.id));
  const injected = connectors.filter((c) => !isDevConnector(c.id));

  // A reload brings the last account back through wagmi's reconnect (see wallet/devAccounts.ts).
  const useDev = async (id: string) => {
    const target = dev.find((c) => c.id === id);
    if (!target) return;
    if (isConnected) await disconnect.mutateAsync();
    connect.mutate({ connector: target });
  };

  if (isConnected && address) {
    return (
      <div className="wallet">
        {isDevConnector(connector?.id) ? (
          <label>
            <span className="muted">Dev wallet </span>
            <select
              aria-label="Dev account"
              data-testid="dev-account-select"
              value={connector?.id}
              onChange={(e) => void useDev(e.target.value)}
            >
              {dev.map((c) => (
                <option key={c.uid} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <span className="muted">{connector?.name}</span>
        )}
        <code data-testid="connected-address" title={address}>
          {shortAddress(address)}
        </code>
        <button className="secondary" onClick={() => disconnect.mutate()}>
          Disconnect
        </button>
      </div>
    );
  }

  return (
    <div className="wallet">
      {injected.map((c) => (
        <button
          key={c.uid}
          className="secondary"
          onClick={() => connect.mutate({ connector: c })}
          disabled={connect.isPending}
        >
          {c.name === "Injected" ? "Browser wallet" : c.name}
        </button>
      ))}
      {dev.length > 0 ? (
        <button
          className="primary"
          data-testid="connect-dev"
          onClick={() => void useDev(dev[0]?.id ?? "")}
          disabled={connect.isPending}
        >
          Use dev wallet
        </button>
      ) : (
        <small className="why">Dev wallet: only on the local chain with a running node.</small>
      )}
      {connect.error && <span className="error">{connect.error.message.split("\n")[0]}</span>}
    </div>
  );
}

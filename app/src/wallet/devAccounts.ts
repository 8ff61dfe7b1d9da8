/**
 * The built-in dev wallet: the local node's unlocked accounts exposed through wagmi's `mock`
 * connector (the node itself answers eth_sendTransaction and eth_signTypedData_v4 for them).
 * One connector per account so the account switcher is a plain reconnect. Only ever created
 * when the local RPC answers with the local chain id, and it refuses to switch to another chain.
 */
import { type Address, getAddress } from "viem";
import { type CreateConnectorFn } from "wagmi";
import { mock } from "wagmi/connectors/mock";

import { devAccountLabel } from "../lib/devAccountNames.ts";
import { LOCAL_CHAIN_ID, LOCAL_RPC_URL } from "./chains.ts";

const DEV_CONNECTOR_PREFIX = "dev-";
const MAX_DEV_ACCOUNTS = 10;

async function rpc(url: string, method: string, signal: AbortSignal): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: [] }),
    signal,
  });
  const body = (await response.json()) as { result?: unknown };
  return body.result;
}

/** Asks the local node for its unlocked accounts; [] when it is not running or is another chain. */
export async function discoverDevAccounts(url = LOCAL_RPC_URL, timeoutMs = 1500): Promise<Address[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const chainId = await rpc(url, "eth_chainId", controller.signal);
    if (typeof chainId !== "string" || Number(chainId) !== LOCAL_CHAIN_ID) return [];
    const accounts = await rpc(url, "eth_accounts", controller.signal);
    if (!Array.isArray(accounts)) return [];
    return accounts
      .filter((a): a is string => typeof a === "string" && /^0x[0-9a-fA-F]{40}$/.test(a))
      .slice(0, MAX_DEV_ACCOUNTS)
      .map((a) => getAddress(a));
  } catch {
    return [];
  } finally {
    clearTimeout(timer);
  }
}

/** The storage key that marks a dev account as explicitly disconnected (the injected connector's shim). */
const disconnectedKey = (id: string) => `${id}.disconnected`;

/**
 * wagmi's `reconnect` (run by WagmiProvider on mount) asks each connector `isAuthorized()`; the
 * mock connector keeps its session in memory, so after a reload it would say no. A dev account
 * counts as authorized when it is the connector wagmi last used (`recentConnectorId`, persisted
 * in wagmi's storage) and was not explicitly disconnected since: the same account comes back.
 */
export function devConnector(address: Address, index: number): CreateConnectorFn {
  const base = mock({ accounts: [address], features: { reconnect: true } });
  const id = `${DEV_CONNECTOR_PREFIX}${index}`;
  const create: CreateConnectorFn = (config) => {
    const connector = base(config);
    // The shim key is ours, outside wagmi's typed item map.
    const storage = config.storage as
      | {
          getItem(key: string): unknown;
          setItem(key: string, value: unknown): unknown;
          removeItem(key: string): unknown;
        }
      | null
      | undefined;
    return {
      ...connector,
      id,
      name: devAccountLabel(index),
      type: "devWallet",
      async connect(parameters) {
        const result = await connector.connect.call(this, parameters);
        await storage?.removeItem(disconnectedKey(id));
        return result;
      },
      async disconnect() {
        await storage?.setItem(disconnectedKey(id), true);
        await connector.disconnect.call(this);
      },
      async isAuthorized() {
        if (!storage) return false;
        const [recent, disconnected] = await Promise.all([
          storage.getItem("recentConnectorId"),
          storage.getItem(disconnectedKey(id)),
        ]);
        return recent === id && !disconnected;
      },
      async switchChain(parameters) {
        if (parameters.chainId !== LOCAL_CHAIN_ID) {
          throw new Error("The dev wallet only works on the local chain; use an injected wallet for other networks.");
        }
        return connector.switchChain ? connector.switchChain.call(this, parameters) : config.chains[0];
      },
    } as ReturnType<CreateConnectorFn>;
  };
  return create;
}

export function isDevConnector(id: string | undefined): boolean {
  return id?.startsWith(DEV_CONNECTOR_PREFIX) ?? false;
}

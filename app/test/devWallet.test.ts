import { afterEach, describe, expect, it, vi } from "vitest";
import { connect, disconnect, getConnection, reconnect } from "wagmi/actions";
import { createConfig, createStorage, http } from "wagmi";

import { localChain, sepoliaChain } from "../src/wallet/chains.ts";
import { devConnector, discoverDevAccounts, isDevConnector } from "../src/wallet/devAccounts.ts";

const ACCOUNT = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

function stubNode(chainId: number, accounts: unknown) {
  vi.stubGlobal("fetch", async (_url: string, init: { body: string }) => {
    const { method } = JSON.parse(init.body) as { method: string };
    const result = method === "eth_chainId" ? `0x${chainId.toString(16)}` : accounts;
    return new Response(JSON.stringify({ jsonrpc: "2.0", id: 1, result }));
  });
}

afterEach(() => vi.unstubAllGlobals());

describe("dev wallet", () => {
  it("discovers the local node's accounts, checksummed", async () => {
    stubNode(localChain.id, [ACCOUNT.toLowerCase(), "not-an-address"]);
    expect(await discoverDevAccounts("http://node")).toEqual([ACCOUNT]);
  });
  it("offers no accounts when the RPC is another chain or not running", async () => {
    stubNode(sepoliaChain.id, [ACCOUNT]);
    expect(await discoverDevAccounts("http://node")).toEqual([]);
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("connection refused");
    });
    expect(await discoverDevAccounts("http://node")).toEqual([]);
  });
  it("creates one named connector per account that refuses to leave the local chain", async () => {
    const config = createConfig({
      chains: [localChain, sepoliaChain],
      connectors: [devConnector(ACCOUNT, 3)],
      transports: { [localChain.id]: http(), [sepoliaChain.id]: http() },
    });
    const connector = config.connectors[0];
    expect(connector?.id).toBe("dev-3");
    expect(connector?.name).toBe("carol (#3)");
    expect(isDevConnector(connector?.id)).toBe(true);
    expect(isDevConnector("injected")).toBe(false);
    await expect(connector?.switchChain?.({ chainId: sepoliaChain.id })).rejects.toThrow(
      /only works on the local chain/,
    );
    await expect(connector?.switchChain?.({ chainId: localChain.id })).resolves.toMatchObject({ id: localChain.id });
  });

  describe("reload (wagmi reconnect from storage)", () => {
    const OTHER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    // One browser's localStorage shared by every "page load" (a fresh config each time).
    const memory = new Map<string, string>();
    const load = () =>
      createConfig({
        chains: [localChain, sepoliaChain],
        connectors: [devConnector(ACCOUNT, 0), devConnector(OTHER, 1)],
        transports: { [localChain.id]: http(), [sepoliaChain.id]: http() },
        storage: createStorage({
          storage: {
            getItem: (k) => memory.get(k) ?? null,
            setItem: (k, v) => void memory.set(k, v),
            removeItem: (k) => void memory.delete(k),
          },
        }),
      });
    const byId = (config: ReturnType<typeof load>, id: string) => {
      const connector = config.connectors.find((c) => c.id === id);
      if (!connector) throw new Error(`no connector ${id}`);
      return connector;
    };

    it("reconnects the dev account that was connected before the reload", async () => {
      memory.clear();
      const first = load();
      await connect(first, { connector: byId(first, "dev-0") });
      const second = load();
      const restored = await reconnect(second);
      expect(restored.map((c) => c.accounts[0])).toEqual([ACCOUNT]);
      expect(getConnection(second).address).toBe(ACCOUNT);
    });

    it("keeps a switched account across the reload", async () => {
      memory.clear();
      const first = load();
      await connect(first, { connector: byId(first, "dev-0") });
      await disconnect(first);
      await connect(first, { connector: byId(first, "dev-1") });
      const second = load();
      await reconnect(second);
      expect(getConnection(second).address).toBe(OTHER);
      expect(getConnection(second).connector?.id).toBe("dev-1");
    });

    it("stays disconnected after an explicit disconnect", async () => {
      memory.clear();
      const first = load();
      await connect(first, { connector: byId(first, "dev-1") });
      await disconnect(first);
      const second = load();
      expect(await reconnect(second)).toEqual([]);
      expect(getConnection(second).isConnected).toBe(false);
    });
  });
});

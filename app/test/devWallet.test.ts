import { afterEach, describe, expect, it, vi } from "vitest";
import { createConfig, http } from "wagmi";

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
    expect(connector?.name).toBe("Dev account #3");
    expect(isDevConnector(connector?.id)).toBe(true);
    expect(isDevConnector("injected")).toBe(false);
    await expect(connector?.switchChain?.({ chainId: sepoliaChain.id })).rejects.toThrow(
      /only works on the local chain/,
    );
    await expect(connector?.switchChain?.({ chainId: localChain.id })).resolves.toMatchObject({ id: localChain.id });
  });
});

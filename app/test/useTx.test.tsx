// @vitest-environment happy-dom
import { testUSDAbi } from "@forkcast/deployments";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { type Hex, custom, encodeErrorResult } from "viem";
import { afterEach, describe, expect, it, vi } from "vitest";
import { WagmiProvider, createConfig } from "wagmi";
import { connect } from "wagmi/actions";
import { mock } from "wagmi/connectors/mock";

import { ToastProvider } from "../src/components/toasts.tsx";
import { useTx } from "../src/hooks/useTx.ts";
import { localChain, sepoliaChain } from "../src/wallet/chains.ts";
import type { AppConfig } from "../src/wallet/config.ts";

const ACCOUNT = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const TOKEN = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const HASH = `0x${"12".repeat(32)}` as Hex;

/** A scripted node: eth_call reverts or succeeds, transactions are mined at once. */
function fakeNode(revertData: Hex | undefined) {
  const requests: string[] = [];
  const handle = async (method: string): Promise<unknown> => {
    requests.push(method);
    switch (method) {
      case "eth_chainId":
        return `0x${localChain.id.toString(16)}`;
      case "eth_call":
        if (revertData) throw Object.assign(new Error("execution reverted"), { code: 3, data: revertData });
        return "0x";
      case "eth_blockNumber":
        return "0x10";
      case "eth_estimateGas":
        return "0x5208";
      case "eth_sendTransaction":
        return HASH;
      case "eth_getTransactionReceipt":
        return {
          blockHash: `0x${"34".repeat(32)}`,
          blockNumber: "0x10",
          contractAddress: null,
          cumulativeGasUsed: "0x5208",
          effectiveGasPrice: "0x1",
          from: ACCOUNT.toLowerCase(),
          gasUsed: "0x5208",
          logs: [],
          logsBloom: `0x${"00".repeat(256)}`,
          status: "0x1",
          to: TOKEN.toLowerCase(),
          transactionHash: HASH,
          transactionIndex: "0x0",
          type: "0x2",
        };
      default:
        throw new Error(`unexpected RPC ${method}`);
    }
  };
  // The mock connector sends wallet methods over HTTP to the chain's RPC URL: answer them here too.
  vi.stubGlobal("fetch", async (_url: string, init: { body: string }) => {
    const body = JSON.parse(init.body) as { id: number; method: string };
    try {
      return new Response(JSON.stringify({ jsonrpc: "2.0", id: body.id, result: await handle(body.method) }));
    } catch (error) {
      return new Response(
        JSON.stringify({ jsonrpc: "2.0", id: body.id, error: { code: 3, message: String(error), data: revertData } }),
      );
    }
  });
  const config = createConfig({
    chains: [localChain, sepoliaChain],
    connectors: [mock({ accounts: [ACCOUNT] })],
    transports: {
      [localChain.id]: custom({ request: ({ method }: { method: string }) => handle(method) }),
      [sepoliaChain.id]: custom({ request: ({ method }: { method: string }) => handle(method) }),
    },
    pollingInterval: 10,
  });
  return { config, requests };
}

async function setup(revertData: Hex | undefined) {
  const { config, requests } = fakeNode(revertData);
  const queryClient = new QueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <WagmiProvider config={config as unknown as AppConfig}>
      <QueryClientProvider client={queryClient}>
        <ToastProvider>{children}</ToastProvider>
      </QueryClientProvider>
    </WagmiProvider>
  );
  const connector = config.connectors[0];
  if (!connector) throw new Error("no connector");
  const hook = renderHook(() => useTx(), { wrapper });
  await act(async () => {
    await connect(config, { connector });
  });
  await waitFor(() => expect(config.state.status).toBe("connected"));
  return { hook, requests };
}

/** Runs the faucet call through `useTx` against a node whose simulation reverts with `revertData` (or succeeds). */
async function runFaucet(revertData: Hex | undefined) {
  const { hook, requests } = await setup(revertData);
  let outcome: Awaited<ReturnType<typeof hook.result.current.run>> | undefined;
  await act(async () => {
    outcome = await hook.result.current.run({
      label: "Faucet",
      call: { address: TOKEN, abi: testUSDAbi, functionName: "faucet" },
    });
  });
  return { hook, requests, outcome };
}

afterEach(() => vi.unstubAllGlobals());

describe("useTx", () => {
  it("stops at simulation and shows the decoded revert sentence in a toast", async () => {
    const data = encodeErrorResult({ abi: testUSDAbi, errorName: "FaucetDisabled" });
    const { hook, requests, outcome } = await runFaucet(data);
    expect(outcome).toEqual({ ok: false, error: "The faucet is switched off on this network." });
    expect(hook.result.current.state.phase).toBe("failed");
    expect(requests).not.toContain("eth_sendTransaction");
    expect(document.body.textContent).toContain("The faucet is switched off on this network.");
  });

  it("simulates, sends, waits for the receipt and confirms", async () => {
    const { hook, requests, outcome } = await runFaucet(undefined);
    expect(outcome).toEqual({ ok: true, hash: HASH });
    expect(hook.result.current.state).toMatchObject({ phase: "confirmed", hash: HASH });
    expect(requests.indexOf("eth_call")).toBeLessThan(requests.indexOf("eth_sendTransaction"));
    expect(document.body.textContent).toContain("Confirmed");
  });
});

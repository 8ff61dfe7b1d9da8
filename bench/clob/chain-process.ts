/**
 * The bench's Hardhat chain in a child process of its own. In the load generator's process the
 * chain's JSON-RPC work (the operator polls it every 250 ms) ran on the same event loop as the
 * HTTP clients: its stalls showed up as order latency and its CPU as load-generator CPU. Run as a
 * script (BENCH_CHAIN_CHILD=1) it starts the node and prints its URL; SIGTERM stops it.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

import { createPublicClient, http } from "viem";

import { localChain } from "../../operator/src/chain/chain.js";
import { CHAIN_ID, jsonRpc, startChain, type LocalChain } from "../../operator/test/helpers/chain.js";

const SELF = fileURLToPath(import.meta.url);

export async function startChainProcess(): Promise<LocalChain & { readonly pid: number }> {
  const child = spawn(process.execPath, ["--import", "tsx", SELF], {
    env: { ...process.env, BENCH_CHAIN_CHILD: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const rpcUrl = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Chain: (\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`chain process exited with ${code}: ${stderr}`)));
  });
  const client = createPublicClient({ chain: localChain(CHAIN_ID, rpcUrl), transport: http(rpcUrl) });
  return {
    pid: child.pid as number,
    rpcUrl,
    chainId: CHAIN_ID,
    client,
    rpc: jsonRpc(rpcUrl),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

if (process.env["BENCH_CHAIN_CHILD"] === "1" && process.argv[1] === SELF) {
  const chain = await startChain();
  process.once("SIGTERM", () => {
    void chain.stop().finally(() => process.exit(0));
  });
  console.log(`Chain: ${chain.rpcUrl}`);
}

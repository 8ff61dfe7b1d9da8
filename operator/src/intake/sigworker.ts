/**
 * Signature-check worker thread: hashes orders with the fast EIP-712 hasher (keccak in
 * WebAssembly) and recovers the signer with native secp256k1, so the main thread's event loop
 * only does I/O and matching.
 * Input: batches of [id, ...order fields as strings]; output: [id, hash, valid] per order.
 */
import { parentPort, workerData } from "node:worker_threads";

import { OrderHasher, type ExchangeDomain } from "@forkcast/shared";
import { bytesToHex } from "viem";

import { wasmKeccak256 } from "./keccak.js";
import { recoverAddress } from "./signature.js";
import { orderFromWire, type WireOrder, type WireResult } from "./wire-order.js";

if (parentPort) {
  const port = parentPort;
  const hasher = new OrderHasher((workerData as { domain: ExchangeDomain }).domain, await wasmKeccak256());
  port.on("message", (batch: WireOrder[]) => {
    const results: WireResult[] = batch.map((w) => {
      const digest = hasher.hashBytes(orderFromWire(w));
      return [w[0], bytesToHex(digest), recoverAddress(digest, w[13]) === w[3].toLowerCase()];
    });
    port.postMessage(results);
  });
  port.postMessage("ready");
}

/**
 * Signature-check worker thread: hashes orders with the fast EIP-712 hasher and recovers the
 * signer with native secp256k1, so the main thread's event loop only does I/O and matching.
 * Input: batches of [id, ...order fields as strings]; output: [id, hash, valid] per order.
 */
import { parentPort, workerData } from "node:worker_threads";

import { OrderHasher, type ExchangeDomain, type SignedOrder } from "@forkcast/shared";
import { bytesToHex } from "viem";

import { recoverAddress } from "./signature.js";

export type WireOrder = [
  id: number,
  salt: string,
  maker: string,
  signer: string,
  taker: string,
  tokenId: string,
  makerAmount: string,
  takerAmount: string,
  expiration: string,
  nonce: string,
  feeRateBps: string,
  side: number,
  signatureType: number,
  signature: string,
];
export type WireResult = [id: number, hash: string, valid: boolean];

if (parentPort) {
  const port = parentPort;
  const hasher = new OrderHasher((workerData as { domain: ExchangeDomain }).domain);
  port.on("message", (batch: WireOrder[]) => {
    const results: WireResult[] = batch.map((w) => {
      const order = {
        salt: BigInt(w[1]),
        maker: w[2],
        signer: w[3],
        taker: w[4],
        tokenId: BigInt(w[5]),
        makerAmount: BigInt(w[6]),
        takerAmount: BigInt(w[7]),
        expiration: BigInt(w[8]),
        nonce: BigInt(w[9]),
        feeRateBps: BigInt(w[10]),
        side: w[11],
        signatureType: w[12],
        signature: w[13],
      } as unknown as SignedOrder;
      const digest = hasher.hashBytes(order);
      return [w[0], bytesToHex(digest), recoverAddress(digest, w[13]) === w[3].toLowerCase()];
    });
    port.postMessage(results);
  });
  port.postMessage("ready");
}

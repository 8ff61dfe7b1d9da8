/**
 * A pool of signature-check worker threads behind the SignatureVerifier interface. Requests
 * made in the same event-loop turn go to a worker as one message (one structured clone per
 * batch, not per order); workers are used round-robin.
 */
import { Worker } from "node:worker_threads";

import type { ExchangeDomain, SignedOrder } from "@forkcast/shared";
import type { Hex } from "viem";

import type { SignatureVerifier } from "../core/context.js";
import type { WireOrder, WireResult } from "./sigworker.js";

interface Pending {
  resolve(result: { hash: Hex; valid: boolean }): void;
  reject(error: unknown): void;
}

export class WorkerVerifier implements SignatureVerifier {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, Pending>();
  private batch: WireOrder[] = [];
  private scheduled = false;
  private nextId = 0;
  private nextWorker = 0;
  /** Resolves once every worker has loaded (the operator listens only after that). */
  readonly ready: Promise<void>;

  constructor(domain: ExchangeDomain, count: number) {
    const url = new URL("./sigworker.ts", import.meta.url);
    const readies: Promise<void>[] = [];
    this.workers = Array.from({ length: count }, () => {
      const worker = new Worker(url, { workerData: { domain } });
      readies.push(
        new Promise<void>((resolve, reject) => {
          // Referenced until ready: while the operator awaits `ready` with an embedded database
          // nothing else may hold the event loop, and Node would exit 0 mid-startup.
          worker.once("message", () => {
            worker.unref();
            resolve();
          });
          worker.once("error", reject);
        }),
      );
      worker.on("message", (results: WireResult[] | "ready") => {
        if (results === "ready") return;
        for (const [id, hash, valid] of results) {
          const entry = this.pending.get(id);
          this.pending.delete(id);
          entry?.resolve({ hash: hash as Hex, valid });
        }
      });
      worker.on("error", (error) => {
        for (const entry of this.pending.values()) entry.reject(error);
        this.pending.clear();
      });
      return worker;
    });
    this.ready = Promise.all(readies).then(() => undefined);
  }

  verifyEoa(order: SignedOrder): Promise<{ hash: Hex; valid: boolean }> {
    const id = ++this.nextId;
    this.batch.push([
      id,
      order.salt.toString(),
      order.maker,
      order.signer,
      order.taker,
      order.tokenId.toString(),
      order.makerAmount.toString(),
      order.takerAmount.toString(),
      order.expiration.toString(),
      order.nonce.toString(),
      order.feeRateBps.toString(),
      order.side,
      order.signatureType,
      order.signature,
    ]);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.batch;
    this.batch = [];
    if (batch.length === 0) return;
    const worker = this.workers[this.nextWorker++ % this.workers.length] as Worker;
    worker.postMessage(batch);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

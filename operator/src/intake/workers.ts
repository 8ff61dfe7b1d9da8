/**
 * A pool of signature-check worker threads behind the SignatureVerifier interface. Requests
 * are collected for up to BATCH_WINDOW_MS (or BATCH_MAX_ORDERS, whichever comes first) and go
 * to a worker as one message; workers are used round-robin.
 *
 * Why a window and not one message per event-loop turn: what a message costs is mostly waking
 * the worker thread (a futex wake and, on a busy 2-core machine, a context switch), not the
 * structured clone, and with dozens of keep-alive clients a turn holds only one or two orders.
 * A millisecond's window turns thousands of wake-ups per second (each way) into about a
 * thousand, for at most a millisecond of added latency.
 */
import { Worker } from "node:worker_threads";

import type { ExchangeDomain, SignedOrder } from "@forkcast/shared";
import type { Hex } from "viem";

import type { SignatureVerifier } from "../core/context.js";
import type { WireOrder, WireResult } from "./sigworker.js";

/** How long the first request of a batch waits for company before the batch is sent. */
export const BATCH_WINDOW_MS = 1;
/** A batch this large is sent at once. */
export const BATCH_MAX_ORDERS = 64;

interface Pending {
  resolve(result: { hash: Hex; valid: boolean }): void;
  reject(error: unknown): void;
}

export class WorkerVerifier implements SignatureVerifier {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, Pending>();
  private batch: WireOrder[] = [];
  private timer: NodeJS.Timeout | undefined;
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
    if (this.batch.length >= BATCH_MAX_ORDERS) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), BATCH_WINDOW_MS);
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.batch;
    this.batch = [];
    if (batch.length === 0) return;
    const worker = this.workers[this.nextWorker++ % this.workers.length] as Worker;
    worker.postMessage(batch);
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * A pool of signature-check worker threads behind the SignatureVerifier interface. Requests go
 * to a worker in batches, one message each way per batch, and a batch leaves as soon as a worker
 * is idle: requests that arrive while every worker is busy wait for the next free one and then
 * leave together (at most BATCH_MAX_ORDERS per message, so answers come back in steps).
 *
 * Why batches: what a message costs is mostly waking the worker thread (a futex wake and, on a
 * busy 2-core machine, a context switch), not the structured clone. Why "when idle" and not a
 * timer window: the batch grows by itself with the load (one order when the machine is quiet,
 * dozens under load) and no order waits for a timer while a worker has nothing to do. Requests of
 * one event-loop turn are gathered with setImmediate before the first batch leaves.
 */
import { Worker } from "node:worker_threads";

import type { ExchangeDomain, SignedOrder } from "@forkcast/shared";
import type { Hex } from "viem";

import type { SignatureVerifier } from "../core/context.js";
import { orderToWire, type WireOrder, type WireResult } from "./wire-order.js";

/** The most orders one message carries: bounds how long the first of them waits for its answer. */
export const BATCH_MAX_ORDERS = 32;

interface Pending {
  resolve(result: { hash: Hex; valid: boolean }): void;
  reject(error: unknown): void;
}

export class WorkerVerifier implements SignatureVerifier {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, Pending>();
  private batch: WireOrder[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  /** Workers with no batch in flight. */
  private readonly idle: Worker[];
  private nextId = 0;
  /** Messages sent to workers so far and the most orders one of them carried. */
  readonly sent = { batches: 0, largestBatch: 0 };
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
        this.idle.push(worker);
        if (this.batch.length > 0) this.dispatch();
      });
      worker.on("error", (error) => {
        for (const entry of this.pending.values()) entry.reject(error);
        this.pending.clear();
      });
      return worker;
    });
    this.idle = [...this.workers];
    this.ready = Promise.all(readies).then(() => undefined);
  }

  verifyEoa(order: SignedOrder): Promise<{ hash: Hex; valid: boolean }> {
    const id = ++this.nextId;
    this.batch.push(orderToWire(id, order));
    if (this.idle.length > 0) this.scheduled ??= setImmediate(() => this.dispatch());
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  /** Sends waiting requests to idle workers, at most BATCH_MAX_ORDERS per message. */
  private dispatch(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    for (;;) {
      if (this.batch.length === 0) return;
      const worker = this.idle.pop();
      if (!worker) return;
      const batch = this.batch.length <= BATCH_MAX_ORDERS ? this.batch : this.batch.slice(0, BATCH_MAX_ORDERS);
      this.batch = batch === this.batch ? [] : this.batch.slice(BATCH_MAX_ORDERS);
      this.sent.batches++;
      this.sent.largestBatch = Math.max(this.sent.largestBatch, batch.length);
      worker.postMessage(batch);
    }
  }

  async close(): Promise<void> {
    if (this.scheduled) clearImmediate(this.scheduled);
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

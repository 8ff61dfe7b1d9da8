import assert from "node:assert/strict";
import { describe, it } from "node:test";

import type { Database, Sql, SqlValue } from "../../../src/db/driver.js";
import { Store, type BookEventRow } from "../../../src/db/store.js";

/** A database that records each flush's statements and answers when the test says so. */
class GatedDatabase implements Database {
  readonly kind = "postgres" as const;
  /** The statement text of each write. */
  readonly flushes: string[] = [];
  private gates: (() => void)[] = [];

  async query<T>(text: string, _params: readonly SqlValue[] = []): Promise<T[]> {
    this.flushes.push(text);
    await new Promise<void>((resolve) => this.gates.push(resolve));
    return [];
  }
  async exec(): Promise<void> {}
  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return fn(this);
  }
  async close(): Promise<void> {}
  /** Lets the oldest write in flight finish. */
  release(): void {
    this.gates.shift()?.();
  }
  get inFlight(): number {
    return this.gates.length;
  }
}

const event = (seq: number): BookEventRow => ({ seq, kind: "cancel", order_hash: `0x${seq}`, at_s: 1, shares: null });
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("db/store group commit (flush when idle)", () => {
  it("one event-loop turn's commits share one flush, which starts without a timer", async () => {
    const db = new GatedDatabase();
    const store = new Store(db);
    const done: number[] = [];
    for (const seq of [1, 2, 3]) {
      store.addEvent(event(seq));
      void store.commit().then(() => done.push(seq));
    }
    await turn();
    assert.equal(db.flushes.length, 1, "one write for the three commits");
    assert.deepEqual(done, [], "nothing is acknowledged before the write returns");
    db.release();
    await turn();
    assert.deepEqual(done, [1, 2, 3]);
  });

  it("commits made while a flush is in flight wait for it and then go out together in the next one", async () => {
    const db = new GatedDatabase();
    const store = new Store(db);
    const done: number[] = [];
    store.addEvent(event(1));
    void store.commit().then(() => done.push(1));
    await turn();
    assert.equal(db.inFlight, 1);
    for (const seq of [2, 3, 4]) {
      store.addEvent(event(seq));
      void store.commit().then(() => done.push(seq));
      await turn();
    }
    assert.equal(db.flushes.length, 1, "no second write while the first is in flight");
    db.release();
    await turn();
    await turn();
    assert.deepEqual(done, [1]);
    assert.equal(db.flushes.length, 2, "the three later commits share the second write");
    db.release();
    await turn();
    assert.deepEqual(done, [1, 2, 3, 4]);
  });

  it("with a delay (the embedded database) the first commit waits for company", async () => {
    const db = new GatedDatabase();
    const store = new Store(db, 5);
    store.addEvent(event(1));
    const committed = store.commit();
    await turn();
    assert.equal(db.flushes.length, 0, "no write within the same turn");
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(db.flushes.length, 1);
    db.release();
    await committed;
  });
});

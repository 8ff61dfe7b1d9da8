/** Process guards: crashes exit non-zero at once; signals stop gracefully within a bound. */
import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { describe, it } from "node:test";

import { EXIT, installProcessGuards, type GuardOptions } from "../../src/process.js";

function fakeProcess(): {
  proc: EventEmitter & { exit(code: number): void };
  exits: number[];
  exited: Promise<number>;
} {
  const exits: number[] = [];
  let resolve: (code: number) => void = () => undefined;
  const exited = new Promise<number>((r) => (resolve = r));
  const proc = Object.assign(new EventEmitter(), {
    exit(code: number) {
      exits.push(code);
      resolve(code);
    },
  });
  return { proc, exits, exited };
}

/** A fake process with the guards installed; reports are dropped unless `report` is given. */
function guarded(options: Omit<GuardOptions, "proc" | "report"> & Partial<Pick<GuardOptions, "report">>) {
  const fake = fakeProcess();
  installProcessGuards({ report: () => undefined, ...options, proc: fake.proc });
  return fake;
}

describe("process guards", () => {
  it("exits with CRASHED and reports the stack on an uncaught exception", async () => {
    const reports: string[] = [];
    const { proc, exited } = guarded({ report: (m) => reports.push(m), stop: () => Promise.resolve() });
    proc.emit("uncaughtException", new Error("boom"));
    assert.equal(await exited, EXIT.CRASHED);
    assert.match(reports.join("\n"), /uncaught exception: Error: boom/);
  });

  it("exits with CRASHED on an unhandled rejection without waiting for a graceful stop", async () => {
    let stopped = false;
    const { proc, exits } = guarded({
      stop: () => {
        stopped = true;
        return Promise.resolve();
      },
    });
    proc.emit("unhandledRejection", "not an error");
    assert.deepEqual(exits, [EXIT.CRASHED]);
    assert.equal(stopped, false, "a crashed process does not run the graceful stop");
  });

  it("stops gracefully on SIGTERM and exits 0", async () => {
    let stopped = false;
    const { proc, exited } = guarded({
      stop: async () => {
        await new Promise((r) => setTimeout(r, 10));
        stopped = true;
      },
    });
    proc.emit("SIGTERM");
    assert.equal(await exited, EXIT.OK);
    assert.equal(stopped, true);
  });

  it("exits with STOP_TIMEOUT when the graceful stop hangs", async () => {
    const { proc, exited } = guarded({ stop: () => new Promise<void>(() => undefined), stopTimeoutMs: 20 });
    proc.emit("SIGINT");
    assert.equal(await exited, EXIT.STOP_TIMEOUT);
  });

  it("exits at once on a second signal while stopping", () => {
    const { proc, exits } = guarded({ stop: () => new Promise<void>(() => undefined), stopTimeoutMs: 60_000 });
    proc.emit("SIGINT");
    proc.emit("SIGINT");
    assert.deepEqual(exits, [EXIT.INTERRUPTED]);
  });

  it("exits with CRASHED when the graceful stop fails", async () => {
    const { proc, exited } = guarded({ stop: () => Promise.reject(new Error("db gone")) });
    proc.emit("SIGTERM");
    assert.equal(await exited, EXIT.CRASHED);
  });
});

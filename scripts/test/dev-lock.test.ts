/**
 * The dev lock: one `npm run dev` per checkout, and a lock left by a dead stack does not
 * block the next one.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";

import { DevLockHeldError, acquireDevLock, isDevProcess } from "../lib/dev-lock.ts";

const dir = mkdtempSync(path.join(tmpdir(), "dev-lock-"));
after(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const lockPath = () => path.join(dir, `case-${n++}`, "dev.lock");
const info = (pid: number) => ({ pid, startedAt: "2026-12-03T12:00:00.000Z", ports: { rpc: 18545 } });

/** A pid that belonged to a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
  return Number(child.stdout.trim());
}

describe("dev lock", () => {
  it("is taken when free and released by its holder", () => {
    const file = lockPath();
    const lock = acquireDevLock(file, info(process.pid), { isAlive: () => true });
    assert.equal(JSON.parse(readFileSync(file, "utf8")).pid, process.pid);
    lock.release();
    assert.equal(existsSync(file), false, "release removes the lock file");
  });

  it("refuses while the holder runs, naming its pid and ports", () => {
    const file = lockPath();
    const holder = acquireDevLock(file, info(4242), { isAlive: () => true });
    assert.throws(
      () => acquireDevLock(file, info(process.pid), { isAlive: (pid) => pid === 4242 }),
      (error: unknown) =>
        error instanceof DevLockHeldError &&
        error.holder.pid === 4242 &&
        /already running from this checkout \(pid 4242.*rpc 18545.*Stop it first/s.test(error.message),
    );
    assert.equal(JSON.parse(readFileSync(file, "utf8")).pid, 4242, "the holder's lock is left alone");
    holder.release();
  });

  it("takes over a lock whose process is gone, and says so", () => {
    const file = lockPath();
    const dead = deadPid();
    acquireDevLock(file, info(dead), { isAlive: () => true });
    const lines: string[] = [];
    const lock = acquireDevLock(file, info(process.pid), { log: (line) => lines.push(line) });
    assert.equal(JSON.parse(readFileSync(file, "utf8")).pid, process.pid);
    assert.match(lines.join("\n"), new RegExp(`stale lock .*pid ${dead}\\) is not running`));
    lock.release();
  });

  it("replaces an unreadable lock", () => {
    const file = lockPath();
    acquireDevLock(file, info(1), { isAlive: () => true }).release();
    writeFileSync(file, "{ half a lock");
    const lock = acquireDevLock(file, info(process.pid), { isAlive: () => true });
    assert.equal(JSON.parse(readFileSync(file, "utf8")).pid, process.pid);
    lock.release();
  });

  it("does not let a holder's release remove someone else's lock", () => {
    const file = lockPath();
    const first = acquireDevLock(file, info(111), { isAlive: () => false });
    const second = acquireDevLock(file, info(222), { isAlive: () => false }); // 111 counted as gone
    first.release();
    assert.equal(JSON.parse(readFileSync(file, "utf8")).pid, 222);
    second.release();
    assert.equal(existsSync(file), false);
  });
});

describe("isDevProcess", () => {
  it("is false for a pid that has exited", () => {
    assert.equal(isDevProcess(deadPid()), false);
  });

  it("is false for a live process that is not a dev stack (a recycled pid)", () => {
    const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)", "scripts/seed.ts"], {
      stdio: "ignore",
    });
    try {
      assert.ok(child.pid !== undefined);
      assert.equal(isDevProcess(child.pid), false);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("is true for a live process running dev.ts", async () => {
    const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)", "scripts/dev.ts"], {
      stdio: "ignore",
    });
    try {
      assert.ok(child.pid !== undefined);
      assert.equal(isDevProcess(child.pid), true);
    } finally {
      child.kill("SIGKILL");
    }
  });
});

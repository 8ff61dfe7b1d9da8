/**
 * The dev stack's supervisor: what it says when a service dies, and how far it goes in
 * restarting one before it gives up on the stack.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { spawnLabelled } from "../lib/processes.ts";
import { type RestartPolicy, Supervisor, mayRestart, restartsInWindow } from "../lib/supervisor.ts";

const POLICY: RestartPolicy = { maxRestarts: 3, windowMs: 60_000, delayMs: 10, readyTimeoutMs: 5_000 };

/** A child that writes `lines` to stderr and exits with `code`. */
const crasher =
  (code: number, ...lines: string[]) =>
  () =>
    spawnLabelled(
      "crasher",
      process.execPath,
      ["-e", `for (const l of ${JSON.stringify(lines)}) console.error(l); process.exit(${code});`],
      { quiet: true },
    );

function watch(): { logs: string[]; fatal: Promise<string>; supervisor: Supervisor } {
  const logs: string[] = [];
  let onFatal: (message: string) => void = () => {};
  const fatal = new Promise<string>((resolve) => (onFatal = resolve));
  const supervisor = new Supervisor({ log: (line) => logs.push(line), onFatal });
  return { logs, fatal, supervisor };
}

describe("restart budget", () => {
  it("allows maxRestarts within the window, then refuses", () => {
    const now = 100_000;
    assert.equal(mayRestart([], now, POLICY), true);
    assert.equal(mayRestart([now - 3_000, now - 2_000], now, POLICY), true);
    assert.equal(mayRestart([now - 3_000, now - 2_000, now - 1_000], now, POLICY), false);
  });

  it("forgets restarts older than the window", () => {
    const now = 100_000;
    const history = [now - 70_000, now - 61_000, now - 60_000, now - 1_000];
    assert.equal(restartsInWindow(history, now, POLICY.windowMs), 1);
    assert.equal(mayRestart(history, now, POLICY), true);
  });
});

describe("supervisor", () => {
  it("reports a death with its exit code and last stderr lines, then stops the stack for a service without a policy", async () => {
    const { logs, fatal, supervisor } = watch();
    supervisor.add({ name: "indexer", start: crasher(7, "loading config", "Error: schema is locked") });
    const message = await fatal;
    assert.match(message, /cannot run without the indexer/);
    const report = logs.join("\n");
    assert.match(report, /The indexer \(pid \d+\) exited with code 7\./);
    assert.match(report, /\| loading config\n.*\| Error: schema is locked/);
    await supervisor.stopAll();
  });

  it("restarts a service with a policy, up to its budget, then gives up on the stack", async () => {
    const { logs, fatal, supervisor } = watch();
    let starts = 0;
    const start = crasher(1, "boom");
    supervisor.add({
      name: "operator",
      restart: POLICY,
      start: () => {
        starts += 1;
        return start();
      },
    });
    const message = await fatal;
    assert.equal(starts, POLICY.maxRestarts + 1, "first start plus maxRestarts restarts");
    assert.match(message, /The operator died 4 times within 60 s; stopping the local stack/);
    const restarts = logs.filter((l) => l.startsWith("Restarting the operator"));
    assert.deepEqual(
      restarts.map((l) => /restart (\d) of 3/.exec(l)?.[1]),
      ["1", "2", "3"],
    );
    await supervisor.stopAll();
  });

  it("says when a restarted service answers again", async () => {
    const { logs, supervisor } = watch();
    let starts = 0;
    const long = () => spawnLabelled("svc", process.execPath, ["-e", "setInterval(() => {}, 1000)"], { quiet: true });
    supervisor.add({
      name: "operator",
      restart: POLICY,
      start: () => (++starts === 1 ? crasher(1)() : long()),
      ready: async () => starts > 1,
      describe: () => "http://127.0.0.1:1234",
    });
    const deadline = Date.now() + 5_000;
    while (!logs.some((l) => l.startsWith("The operator is back")) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.ok(logs.includes("The operator is back: http://127.0.0.1:1234."), logs.join("\n"));
    assert.ok(
      logs.some((l) => /wrote nothing to stderr/.test(l)),
      "a silent death says so",
    );
    const current = supervisor.current("operator");
    await supervisor.stopAll();
    assert.ok(current && current.child.signalCode !== null, "stopAll stops the restarted process");
  });

  it("does not restart anything once the stack is stopping", async () => {
    const { logs, supervisor } = watch();
    const p = supervisor.add({
      name: "keeper",
      restart: POLICY,
      start: () => spawnLabelled("svc", process.execPath, ["-e", "setInterval(() => {}, 1000)"], { quiet: true }),
    });
    await supervisor.stopAll();
    await new Promise((r) => setTimeout(r, 100));
    assert.ok(p.child.signalCode !== null);
    assert.deepEqual(logs, [], "an expected stop is not reported as a death");
  });
});

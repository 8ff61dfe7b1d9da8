import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { describe, it } from "node:test";

import { groupGone, groupRunning, signalGroup } from "../lib/processes.ts";

/** A detached shell (its own process group) that leaves a sleeping child behind when it dies. */
function groupWithOrphan() {
  const child = spawn("sh", ["-c", "sleep 30 & wait"], { detached: true, stdio: "ignore" });
  assert.ok(child.pid !== undefined);
  return child;
}

describe("process groups", () => {
  it("counts a group as running while a member outlives its leader, and gone once it is killed", async () => {
    const child = groupWithOrphan();
    const pgid = child.pid as number;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    await new Promise((resolve) => setTimeout(resolve, 100));
    process.kill(pgid, "SIGKILL"); // the leader only: `sleep` stays behind in the group
    await exited;
    assert.equal(groupRunning(pgid), true, "the orphaned sleep still runs in the group");
    assert.equal(await groupGone(pgid, 200), false, "the group does not end on its own");

    signalGroup(pgid, "SIGKILL");
    assert.equal(await groupGone(pgid, 5_000), true);
    assert.equal(groupRunning(pgid), false);
  });

  it("is not running for a group that never existed", () => {
    assert.equal(groupRunning(2 ** 22 + 12_345), false);
    assert.equal(signalGroup(2 ** 22 + 12_345, 0), false);
  });
});

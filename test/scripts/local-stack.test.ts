/**
 * The local-stack tooling's failure modes: each says what is wrong and what to do.
 */
import assert from "node:assert/strict";
import net from "node:net";
import { describe, it } from "node:test";

import { ACCOUNT_INDEX, DEMO_ACCOUNTS, devAccount } from "../../scripts/lib/demo-accounts.ts";
import { assertPortFree, freePort, waitFor } from "../../scripts/lib/processes.ts";

describe("processes", () => {
  it("reports a port in use instead of failing later", async () => {
    const port = await freePort();
    const server = net.createServer().listen(port, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      await assert.rejects(
        assertPortFree(port, "127.0.0.1", "Hardhat node"),
        /Port \d+ on 127\.0\.0\.1 is already in use, so the Hardhat node cannot start/,
      );
    } finally {
      server.close();
    }
    await assertPortFree(port, "127.0.0.1", "Hardhat node");
  });

  it("gives up on a service that exited, naming it", async () => {
    await assert.rejects(
      waitFor("the operator", async () => {
        throw new Error("the operator exited (see its log above)");
      }),
      /Gave up waiting for the operator: the operator exited/,
    );
  });

  it("times out with what it waited for", async () => {
    await assert.rejects(
      waitFor("the indexer", async () => false, 300),
      /Timed out after 0\.3s waiting for the indexer/,
    );
  });
});

describe("demo accounts", () => {
  it("are Hardhat's dev accounts, with the service accounts apart", () => {
    assert.deepEqual(
      DEMO_ACCOUNTS.map((a) => a.address),
      [
        "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
        "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
        "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
        "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
        "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
      ],
    );
    assert.equal(devAccount(ACCOUNT_INDEX.operator).address, "0xdD2FD4581271e230360230F9337D5c0430Bf44C0", "operator");
    assert.ok(
      !DEMO_ACCOUNTS.some((a) => a.address === devAccount(ACCOUNT_INDEX.keeper).address),
      "keeper is not a demo user",
    );
  });
});

import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";

import { flagsToEnv, loadConfig, readAddressBook } from "../../src/config.js";

const KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

describe("config", () => {
  it("applies defaults and lets flags override the environment", () => {
    const config = loadConfig({ OPERATOR_PORT: "9000" }, ["--port=9100", "--database-url=postgres://x"]);
    assert.equal(config.port, 9100);
    assert.equal(config.host, "127.0.0.1");
    assert.equal(config.databaseUrl, "postgres://x");
    assert.equal(config.addressBookPath, "deployments/31337.json");
    assert.deepEqual(flagsToEnv(["--chain-id=5"]), { OPERATOR_CHAIN_ID: "5" });
    assert.throws(() => flagsToEnv(["--port"]), /use --name=value/);
  });

  it("never prints the operator key", () => {
    const config = loadConfig({ OPERATOR_PRIVATE_KEY: KEY });
    assert.equal(config.operatorKey, KEY);
    assert.ok(!JSON.stringify(config).includes(KEY.slice(2)), "JSON form must hide the key");
    assert.ok(!Object.keys(config).includes("operatorKey"), "the key must not be enumerable");
  });

  it("hides the API-key server secret and accepts only Polymarket's tick sizes", () => {
    const secret = "ab".repeat(32);
    const config = loadConfig({ OPERATOR_API_KEY_SECRET: `0x${secret}`, OPERATOR_DEFAULT_TICK_SIZE: "1000" });
    assert.equal(config.apiKeySecret, secret);
    assert.equal(config.defaults.tickSize, 1_000);
    assert.ok(!JSON.stringify(config).includes(secret), "JSON form must hide the server secret");
    assert.throws(() => loadConfig({ OPERATOR_DEFAULT_TICK_SIZE: "5000" }), /0\.1, 0\.01, 0\.001, 0\.0001/);
    assert.throws(() => loadConfig({ OPERATOR_API_KEY_SECRET: "abcd" }), /OPERATOR_API_KEY_SECRET/);
  });

  it("explains invalid values", () => {
    assert.throws(() => loadConfig({ OPERATOR_PORT: "70000" }), /OPERATOR_PORT/);
    assert.throws(() => loadConfig({ OPERATOR_PRIVATE_KEY: "0x1234" }), /OPERATOR_PRIVATE_KEY/);
  });

  it("takes its contracts from the shared address-book schema and names what is wrong", () => {
    const a = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    const b = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
    const c = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0";
    const entry = (contract: string, address: string) => ({ contract, address, args: [] });
    const book = (chainId: number, contracts: Record<string, unknown>) => ({
      chainId,
      network: "localhost",
      deployedAt: "2026-12-01T00:00:00.000Z",
      deployBlock: 7,
      deployer: a,
      testCollateral: true,
      contracts,
    });
    const full = {
      exchange: entry("Exchange", a),
      conditionalTokens: entry("ConditionalTokens", b),
      collateral: entry("TestUSD", c),
    };
    const dir = mkdtempSync(path.join(tmpdir(), "operator-book-"));
    const write = (name: string, value: unknown): string => {
      const file = path.join(dir, name);
      writeFileSync(file, JSON.stringify(value));
      return file;
    };
    try {
      const config = (file: string) => loadConfig({ OPERATOR_ADDRESS_BOOK: file });
      assert.deepEqual(readAddressBook(config(write("31337.json", book(31337, full)))), {
        exchange: a,
        conditionalTokens: b,
        collateral: c,
        startBlock: 7n,
      });
      assert.throws(
        () => readAddressBook(config(write("1.json", book(1, full)))),
        /1\.json is the address book of chain 1, not of chain 31337/,
      );
      assert.throws(
        () => readAddressBook(config(write("partial.json", book(31337, { exchange: full.exchange })))),
        /partial\.json \(chain 31337\) has no "conditionalTokens" contract/,
      );
      assert.throws(
        () => readAddressBook(config(path.join(dir, "none.json"))),
        /No address book for chain 31337 at .*none\.json/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

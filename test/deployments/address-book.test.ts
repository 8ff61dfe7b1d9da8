/**
 * The address book's one schema and its errors: each names the file and the field or key, and
 * says what to do. Also keeps the key list in step with what the Ignition module deploys.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

import {
  CONTRACT_ARTIFACTS,
  CONTRACT_KEYS,
  Deployment,
  DeploymentError,
  contractAbis,
  contractFor,
  exchangeAbi,
  parseAddressBook,
} from "@forkcast/deployments";
import { readAddressBook, readAddressBookFile, writeAddressBook } from "@forkcast/deployments/node";

import { buildForkcastModule } from "../../ignition/modules/Forkcast.ts";

const EXCHANGE = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const COLLATERAL = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0";

const validBook = {
  chainId: 31337,
  network: "localhost",
  deployedAt: "2026-11-24T00:00:00.000Z",
  deployBlock: 1,
  deployer: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  testCollateral: true,
  contracts: {
    collateral: { contract: "TestUSD", address: COLLATERAL, args: [] },
    exchange: { contract: "Exchange", address: EXCHANGE, args: ["0x1", "2"] },
  },
};

function deploymentError(code: DeploymentError["code"], pattern: RegExp): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof DeploymentError, `expected a DeploymentError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
    return true;
  };
}

describe("address book schema", () => {
  it("accepts a well-formed book and keeps every field", () => {
    const book = parseAddressBook(validBook, "31337.json", 31337);
    assert.deepEqual(book, validBook);
  });

  it("names the file and the field that is wrong", () => {
    const bad = { ...validBook, contracts: { collateral: { contract: "TestUSD", address: "0x1234", args: [] } } };
    assert.throws(
      () => parseAddressBook(bad, "book.json"),
      deploymentError("INVALID_ADDRESS_BOOK", /book\.json: invalid or missing "contracts\.collateral\.address"/),
    );
    assert.throws(() => parseAddressBook({ ...validBook, deployBlock: "one" }, "b.json"), /b\.json.*"deployBlock"/);
    assert.throws(() => parseAddressBook({ ...validBook, deployer: undefined }, "b.json"), /"deployer"/);
    assert.throws(() => parseAddressBook({ ...validBook, contracts: [] }, "b.json"), /"contracts"/);
    assert.throws(() => parseAddressBook(null, "b.json"), deploymentError("INVALID_ADDRESS_BOOK", /b\.json/));
  });

  it("refuses a book of another chain, naming both chains and the file", () => {
    assert.throws(
      () => parseAddressBook(validBook, "deployments/5.json", 5),
      deploymentError("WRONG_CHAIN", /deployments\/5\.json is the address book of chain 31337, not of chain 5/),
    );
  });

  it("drops keys it does not know instead of serving them untyped", () => {
    const book = parseAddressBook(
      { ...validBook, contracts: { ...validBook.contracts, legacyThing: validBook.contracts.exchange } },
      "b.json",
    );
    assert.deepEqual(Object.keys(book.contracts).sort(), ["collateral", "exchange"]);
  });
});

describe("typed contract access", () => {
  const deployment = new Deployment(parseAddressBook(validBook, "31337.json"), "31337.json");

  it("returns the address and the key's ABI", () => {
    const exchange = deployment.contract("exchange");
    assert.equal(exchange.address, EXCHANGE);
    assert.equal(exchange.abi, exchangeAbi);
    assert.equal(deployment.optionalAddress("pool"), undefined);
    assert.equal(deployment.has("collateral"), true);
  });

  it("names the book and the key a missing contract was asked under", () => {
    assert.throws(
      () => deployment.contract("oracle"),
      (error) =>
        deploymentError(
          "MISSING_CONTRACT",
          /31337\.json \(chain 31337\) has no "oracle" contract.*npm run deploy/,
        )(error) &&
        error instanceof DeploymentError &&
        error.key === "oracle" &&
        error.source === "31337.json",
    );
  });

  it("says which deploy command creates a chain's missing generated book", () => {
    assert.throws(
      () => contractFor(999_999_999, "exchange"),
      deploymentError(
        "NO_ADDRESS_BOOK",
        /No address book for chain 999999999 \(deployments\/999999999\.json\).*npm run deploy/,
      ),
    );
  });

  it("has an ABI for every key", () => {
    for (const key of CONTRACT_KEYS) assert.ok(contractAbis[key].length > 0, `${key} has an ABI`);
  });

  it("knows exactly the keys the Ignition module deploys, with their artifacts", () => {
    for (const testCollateral of [true, false]) {
      const results = buildForkcastModule({ testCollateral }).results as Record<string, { contractName?: string }>;
      assert.deepEqual(Object.keys(results).sort(), [...CONTRACT_KEYS].sort(), "the same keys");
      for (const [key, future] of Object.entries(results)) {
        if (key === "collateral") continue; // TestUSD or the external token, both typed as IERC20Metadata
        assert.equal(future.contractName, CONTRACT_ARTIFACTS[key as keyof typeof CONTRACT_ARTIFACTS], key);
      }
    }
  });
});

describe("address books on disk", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "forkcast-books-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes the JSON format unchanged and reads it back", async () => {
    const file = await writeAddressBook(parseAddressBook(validBook, "given"), dir);
    assert.equal(file, path.join(dir, "31337.json"));
    assert.deepEqual(readAddressBook(31337, dir).book, validBook);
  });

  it("says which command creates a missing book and names the file", () => {
    assert.throws(
      () => readAddressBook(999_999_999, dir),
      deploymentError("NO_ADDRESS_BOOK", /No address book for chain 999999999 at .*999999999\.json.*npm run deploy/s),
    );
    assert.throws(() => readAddressBook(31337, path.join(dir, "none")), /npm run node.*--network localhost/);
  });

  it("names a file that is not JSON", async () => {
    const file = path.join(dir, "7.json");
    await writeFile(file, "{ not json");
    assert.throws(
      () => readAddressBookFile(file, 7),
      deploymentError("INVALID_ADDRESS_BOOK", /7\.json is not valid JSON/),
    );
  });

  it("refuses a file whose chain id is not the one asked for", async () => {
    await writeFile(path.join(dir, "5.json"), JSON.stringify(validBook));
    assert.throws(
      () => readAddressBook(5, dir),
      deploymentError("WRONG_CHAIN", /5\.json is the address book of chain 31337/),
    );
  });
});

/** Unit tests: environment and address-book checks, fill decoding, candle aggregation. */
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

import { DeploymentError } from "@forkcast/deployments";

import { type BondedQuestion, lostBonds, splitPayout } from "../src/bonds.ts";
import { buildCandles } from "../src/candles.ts";
import { describeFill, priceE6 } from "../src/lib.ts";
import { checkRpcChainId, loadSettings } from "../src/settings.ts";

const ADDRESS = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

describe("loadSettings", () => {
  let dir = "";
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "forkcast-indexer-settings-"));
    const book = {
      chainId: 31337,
      network: "localhost",
      deployedAt: "2026-12-01T00:00:00.000Z",
      deployBlock: 7,
      deployer: ADDRESS,
      testCollateral: true,
      contracts: { exchange: { contract: "Exchange", address: ADDRESS, args: [] } },
    };
    await writeFile(path.join(dir, "31337.json"), JSON.stringify(book));
    await writeFile(path.join(dir, "5.json"), JSON.stringify({ ...book, chainId: 6 }));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads the chain's address book and defaults", () => {
    const settings = loadSettings({ FORKCAST_DEPLOYMENTS_DIR: dir });
    assert.equal(settings.chainId, 31337);
    assert.equal(settings.rpcUrl, "http://127.0.0.1:8545");
    assert.equal(settings.deployment.deployBlock, 7);
    assert.equal(settings.deployment.contract("exchange").address, ADDRESS);
  });

  it("says which deploy command to run when the address book is missing", () => {
    assert.throws(
      () => loadSettings({ FORKCAST_DEPLOYMENTS_DIR: path.join(dir, "none") }),
      (error: Error) =>
        error instanceof DeploymentError &&
        error.code === "NO_ADDRESS_BOOK" &&
        /No address book for chain 31337/.test(error.message) &&
        /npm run deploy -- --network localhost/.test(error.message),
    );
    assert.throws(
      () => loadSettings({ FORKCAST_DEPLOYMENTS_DIR: dir, CHAIN_ID: "11155111" }),
      /No address book for chain 11155111.*npm run deploy -- --network/,
    );
  });

  it("rejects a book for another chain, a bad CHAIN_ID, a bad RPC_URL and a missing contract", () => {
    assert.throws(
      () => loadSettings({ FORKCAST_DEPLOYMENTS_DIR: dir, CHAIN_ID: "5" }),
      /5\.json is the address book of chain 6, not of chain 5/,
    );
    assert.throws(
      () => loadSettings({ FORKCAST_DEPLOYMENTS_DIR: dir, CHAIN_ID: "abc" }),
      /CHAIN_ID must be a positive integer/,
    );
    assert.throws(() => loadSettings({ FORKCAST_DEPLOYMENTS_DIR: dir, RPC_URL: "ws://x" }), /RPC_URL must be an http/);
    const settings = loadSettings({ FORKCAST_DEPLOYMENTS_DIR: dir });
    assert.throws(() => settings.deployment.contract("oracle"), /31337\.json \(chain 31337\) has no "oracle" contract/);
  });
});

describe("checkRpcChainId", () => {
  let server: http.Server | undefined;
  let url = "";
  before(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ jsonrpc: "2.0", id: 1, result: "0x7a69" }));
      });
    });
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });
  after(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  it("accepts the configured chain", async () => {
    await checkRpcChainId({ chainId: 31337, rpcUrl: url });
  });

  it("refuses an RPC that serves another chain, naming both ids", async () => {
    await assert.rejects(
      checkRpcChainId({ chainId: 11155111, rpcUrl: url }),
      /serves chain 31337, but CHAIN_ID is 11155111/,
    );
  });

  it("says the node is not running when nothing answers", async () => {
    await assert.rejects(checkRpcChainId({ chainId: 31337, rpcUrl: "http://127.0.0.1:9" }), /is the node running/);
  });
});

describe("fills and candles", () => {
  it("reads a buy (maker gave collateral) and a sell (maker gave tokens)", () => {
    const cases = [
      [{ makerAssetId: 0n, takerAssetId: 7n, makerAmountFilled: 3n, takerAmountFilled: 10n }, "buy", 3n],
      [{ makerAssetId: 7n, takerAssetId: 0n, makerAmountFilled: 10n, takerAmountFilled: 6n }, "sell", 6n],
    ] as const;
    for (const [fill, side, collateral] of cases) {
      assert.deepEqual(describeFill(fill), { side, tokenId: 7n, size: 10n, collateral }, side);
    }
    assert.equal(priceE6(6n, 10n), 600_000n);
    assert.equal(priceE6(1n, 3n), 333_333n, "rounds down");
    assert.equal(priceE6(1n, 0n), 0n);
  });

  it("aggregates points into OHLC candles per interval, skipping empty intervals", () => {
    const point = (timestamp: bigint, priceE6: bigint) => ({
      timestamp,
      priceE6,
      size: 10n,
      collateral: priceE6 / 100_000n,
    });
    const candles = buildCandles(
      [point(60n, 500_000n), point(100n, 700_000n), point(110n, 400_000n), point(400n, 550_000n)],
      120n,
    );
    assert.deepEqual(candles, [
      { start: 0n, open: 500_000n, high: 700_000n, low: 400_000n, close: 400_000n, volume: 16n, size: 30n, trades: 3 },
      { start: 360n, open: 550_000n, high: 550_000n, low: 550_000n, close: 550_000n, volume: 5n, size: 10n, trades: 1 },
    ]);
    assert.deepEqual(buildCandles([], 60n), []);
    assert.throws(() => buildCandles([], 0n), RangeError);
  });
});

describe("oracle bonds at settlement", () => {
  const P1 = "0x00000000000000000000000000000000000000a1" as const;
  const D1 = "0x00000000000000000000000000000000000000d1" as const;
  const P2 = "0x00000000000000000000000000000000000000a2" as const;
  const D2 = "0x00000000000000000000000000000000000000d2" as const;
  const disputedTwice: BondedQuestion = {
    reset: true,
    firstProposer: P1,
    firstAnswer: 1n,
    firstDisputer: D1,
    proposer: P2,
    proposedAnswer: 0n,
    disputer: D2,
    reward: 10n,
    bondsPosted: 4,
    resolution: null,
  };

  it("forfeits the first round's loser and the arbitrated round's loser", () => {
    assert.deepEqual(lostBonds(disputedTwice, 0n, "arbitrated"), [
      { round: "first", account: P1 },
      { round: "final", account: D2 },
    ]);
    assert.deepEqual(lostBonds(disputedTwice, 1n, "arbitrated"), [
      { round: "first", account: D1 },
      { round: "final", account: P2 },
    ]);
  });

  it("forfeits only the first round's loser when the second proposal settles undisputed", () => {
    const proposedAgain = { ...disputedTwice, disputer: D1, bondsPosted: 3 };
    assert.deepEqual(lostBonds(proposedAgain, 0n, "undisputed"), [{ round: "first", account: P1 }]);
  });

  it("forfeits nothing in an emergency resolution or an undisputed first proposal", () => {
    assert.deepEqual(lostBonds(disputedTwice, 0n, "emergency"), []);
    const plain = { ...disputedTwice, reset: false, firstProposer: null, firstAnswer: null, firstDisputer: null };
    assert.deepEqual(lostBonds({ ...plain, disputer: null }, 0n, "undisputed"), []);
  });

  it("takes the reward out of the first payout of an undisputed or arbitrated settlement", () => {
    const settled = { ...disputedTwice, resolution: "arbitrated" };
    assert.deepEqual(splitPayout(settled, 0, 200n), { bond: 190n, reward: 10n });
    assert.deepEqual(splitPayout(settled, 1, 190n), { bond: 190n, reward: 0n }, "the first round's payout");
    assert.deepEqual(splitPayout({ ...settled, reward: 0n }, 0, 100n), { bond: 100n, reward: 0n });
  });

  it("returns every posted bond before the reward refund in an emergency resolution", () => {
    const emergency = { ...disputedTwice, resolution: "emergency" };
    for (const index of [0, 1, 2, 3]) assert.deepEqual(splitPayout(emergency, index, 100n), { bond: 100n, reward: 0n });
    assert.deepEqual(splitPayout(emergency, 4, 10n), { bond: 0n, reward: 10n }, "the requester's refund comes last");
  });
});

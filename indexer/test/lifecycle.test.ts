/**
 * The indexer against a real node: deploy with the repository's deploy script, start the
 * indexer, drive a scripted lifecycle with viem, then assert the indexed tables through GraphQL,
 * SQL and the price-history endpoint. The stages and their assertions live in `lifecycle/` by
 * subsystem (order book, oracle, pool, account activity, API); they share one chain and one
 * indexer, started here once.
 */
import { after, before, describe } from "node:test";

import { Stack } from "./harness.ts";
import { activityChecks, driveFaucet } from "./lifecycle/activity.ts";
import { apiChecks } from "./lifecycle/api.ts";
import { driveBinaryDisputes, oracleChecks } from "./lifecycle/oracle.ts";
import { driveBinaryMarket, driveMultiOutcome, orderBookChecks } from "./lifecycle/orderBook.ts";
import { drivePool, poolChecks } from "./lifecycle/pool.ts";
import { type World, startWorld } from "./lifecycle/world.ts";

const stack = new Stack();
let current: World | undefined;
const world = (): World => {
  if (!current) throw new Error("the lifecycle did not run (see the before hook's error)");
  return current;
};

describe("indexer lifecycle", { timeout: 240_000 }, () => {
  before(async () => {
    const w = await startWorld(stack);
    await driveBinaryMarket(w);
    await driveBinaryDisputes(w);
    await driveMultiOutcome(w);
    await drivePool(w);
    await driveFaucet(w);
    await w.indexerReady;
    await stack.waitIndexed();
    current = w;
  });

  after(async () => {
    await stack.close();
  });

  describe("order book", () => orderBookChecks(world));
  describe("oracle", () => oracleChecks(world));
  describe("betting pool", () => poolChecks(world));
  describe("account activity", () => activityChecks(world));
  describe("API and databases", () => apiChecks(world));
});

import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, describe, it } from "node:test";

import { openDatabase, type Database } from "../../../src/db/driver.js";
import { migrate } from "../../../src/db/migrations.js";
import { pendingSettlement } from "../../../src/db/rows.js";
import { Store, type TradeRow, type TradeStatus } from "../../../src/db/store.js";
import { tradesOfAddress, tradesOfOrders } from "../../../src/db/trade-queries.js";
import { freshDataDir } from "../../helpers/operator.js";

const ALICE = "0x00000000000000000000000000000000000000a1";
const BOB = "0x00000000000000000000000000000000000000b2";
const SHARE = 1_000_000n;
const hash = (n: number): string => `0x${n.toString(16).padStart(64, "0")}`;

function trade(id: string, taker: number, maker: number, shares: bigint, status: TradeStatus, ms: number): TradeRow {
  return {
    id,
    settlement_id: Number(id.split(":")[0]),
    market_id: "0xmarket",
    taker_hash: hash(taker),
    maker_hash: hash(maker),
    taker: ALICE,
    maker: BOB,
    match_type: "COMPLEMENTARY",
    shares: shares.toString(),
    maker_price: 400_000,
    taker_price: 600_000,
    maker_token: "2",
    maker_side: 0,
    taker_token: "1",
    taker_side: 0,
    status,
    tx_hash: null,
    created_ms: ms,
    updated_ms: ms,
  };
}

describe("db/trade-queries", () => {
  const dataDir = freshDataDir();
  let db: Database;

  before(async () => {
    db = await openDatabase({ databaseUrl: undefined, dataDir });
    await migrate(db);
    const store = new Store(db);
    for (const id of [1, 2, 3])
      store.addSettlement({
        ...pendingSettlement({ id, market_id: "0xmarket", taker_hash: hash(10), match_type: "COMPLEMENTARY" }, 1_000),
        status: "CONFIRMED",
      });
    // Order 10 takes 4 from order 20 (confirmed), 3 from order 21 (failed), 2 from order 20 (in flight).
    store.addTrade(trade("1:0", 10, 20, 4n * SHARE, "CONFIRMED", 1_000));
    store.addTrade(trade("2:0", 10, 21, 3n * SHARE, "FAILED", 2_000));
    store.addTrade(trade("3:0", 10, 20, 2n * SHARE, "MATCHED", 3_000));
    await store.commit();
  });
  after(async () => {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("counts an order's trades that are not FAILED as matched, from either side, ids oldest first", async () => {
    const map = await tradesOfOrders(db, [hash(10), hash(20), hash(21), hash(99)]);
    assert.deepEqual(map.get(hash(10)), { ids: ["1:0", "2:0", "3:0"], matched: 6n * SHARE });
    assert.deepEqual(map.get(hash(20)), { ids: ["1:0", "3:0"], matched: 6n * SHARE });
    assert.deepEqual(map.get(hash(21)), { ids: ["2:0"], matched: 0n }, "a failed trade matched nothing");
    assert.equal(map.has(hash(99)), false, "an order without trades is absent");
    assert.equal((await tradesOfOrders(db, [])).size, 0);
  });

  it("pages an address's trades newest first with the CLOB filters", async () => {
    const all = await tradesOfAddress(db, { address: BOB, offset: 0, limit: 10 });
    assert.deepEqual(
      all.map((t) => t.id),
      ["3:0", "2:0", "1:0"],
    );
    const page = await tradesOfAddress(db, { address: ALICE, offset: 1, limit: 1 });
    assert.deepEqual(
      page.map((t) => t.id),
      ["2:0"],
    );
    const window = await tradesOfAddress(db, { address: ALICE, afterMs: 2_000, beforeMs: 3_000, offset: 0, limit: 10 });
    assert.deepEqual(
      window.map((t) => t.id),
      ["2:0"],
    );
    assert.equal((await tradesOfAddress(db, { address: ALICE, assetId: "2", offset: 0, limit: 10 })).length, 3);
    assert.equal((await tradesOfAddress(db, { address: ALICE, assetId: "7", offset: 0, limit: 10 })).length, 0);
    assert.equal((await tradesOfAddress(db, { address: ALICE, id: "1:0", offset: 0, limit: 10 })).length, 1);
    assert.equal((await tradesOfAddress(db, { address: hash(1).slice(0, 42), offset: 0, limit: 10 })).length, 0);
  });
});

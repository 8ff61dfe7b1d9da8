/**
 * Crash safety: the operator runs as a child process under concurrent load and is killed with
 * SIGKILL mid-stream. After a restart on the same database (both backends), every order that
 * was acknowledged still exists, every match reaches CONFIRMED or FAILED, and the chain shows
 * each order consumed exactly by the operator's confirmed trades, with one OrderFilled event
 * per trade: no match was settled twice and none was lost.
 */
import { SHARE_UNIT, PRICE_SCALE } from "@forkcast/shared";
import assert from "node:assert/strict";
import { after, before, describe, it, type TestContext } from "node:test";

import { decodeEventLog, type Hex } from "viem";

import { deployStack, startChain, type LocalChain, type Stack, type Trader } from "../helpers/chain.js";
import { api, freshDataDir, operatorEnv, waitFor, type DbChoice } from "../helpers/operator.js";
import { OrderSigner, orderBody } from "../helpers/orders.js";
import { freePort } from "../../../scripts/lib/processes.ts";
import { startPostgres, type TempPostgres } from "../../../scripts/lib/services.ts";
import { exited, killHard, spawnOperator, stopGracefully, type OperatorProcess } from "../helpers/process.js";
import { orderFilledEvents, reconcile } from "../helpers/reconcile.js";

type Json = Record<string, unknown>;
const LOAD_MS = 5_000;
const KILL_AFTER_ACKS = 60;
const CLIENTS = 6;
type Child = OperatorProcess;

for (const backend of ["pglite", "postgres"] as const) {
  describe(`crash recovery under load (${backend})`, { concurrency: false }, () => {
    let chain: LocalChain;
    let stack: Stack;
    let pg: TempPostgres | undefined;
    let db: DbChoice;
    let child: Child | undefined;

    before(async () => {
      if (backend === "postgres") {
        pg = await startPostgres();
        db = { databaseUrl: pg.url };
      } else db = { dataDir: freshDataDir() };
      chain = await startChain();
      stack = await deployStack(chain, { traders: 6 });
    });

    after(async () => {
      if (child && child.process.exitCode === null) {
        child.process.kill("SIGTERM");
        await exited(child.process);
      }
      await chain?.stop();
      await pg?.stop();
    });

    it("loses no acknowledged order and settles no match twice after SIGKILL", async (t) => {
      const port = await freePort();
      const env = { ...operatorEnv(stack, db, { OPERATOR_PORT: String(port), OPERATOR_LOG_LEVEL: "warn" }) };
      child = await spawnOperator(env);
      const url0 = child.url;
      const signer = new OrderSigner(31337, stack.exchange);
      const acked: string[] = [];
      let sent = 0;
      let lastError = "";
      const traders = stack.traders;
      // Warm-up: one acknowledged order per maker (caches loaded), so the kill lands mid-load.
      for (const [i, who] of traders.entries()) {
        const body = orderBody(
          signer.signed(who.key, who.address, {
            tokenId: stack.yes,
            side: 1,
            price: BigInt(900_000 + i * 10_000),
            shares: SHARE_UNIT,
          }),
        );
        const response: { status: number; body: Json } = await api<Json>(url0, "POST", "/order", body);
        assert.equal(response.status, 200, `warm-up order rejected: ${JSON.stringify(response.body)}`);
        acked.push(String(response.body["orderID"]));
      }
      const stopAt = Date.now() + LOAD_MS * 10;
      const worker = async (index: number): Promise<void> => {
        const maker = traders[index % traders.length] as Trader;
        const taker = traders[(index + 1) % traders.length] as Trader;
        let round = 0;
        while (Date.now() < stopAt) {
          round++;
          const price = BigInt(400_000 + ((index * 7 + round) % 20) * 10_000);
          for (const [who, side] of [
            [maker, 1],
            [taker, 0],
          ] as const) {
            const body = orderBody(
              signer.signed(who.key, who.address, { tokenId: stack.yes, side, price, shares: SHARE_UNIT }),
            );
            sent++;
            try {
              const response = await api<Json>((child as Child).url, "POST", "/order", body);
              if (response.status === 200) acked.push(String(response.body["orderID"]));
            } catch (error) {
              lastError = `${String(error)} ${String((error as { cause?: unknown }).cause)} exit=${String((child as Child).process.exitCode)} signal=${String((child as Child).process.signalCode)}`;
              return; // connection refused/reset: the process is gone
            }
          }
        }
      };
      const load = Promise.all(Array.from({ length: CLIENTS }, (_, i) => worker(i)));
      // Kill mid-stream: once the load has had KILL_AFTER_ACKS orders acknowledged (or after LOAD_MS).
      const warm = acked.length;
      await waitFor("load in flight", () => (acked.length >= warm + KILL_AFTER_ACKS ? true : undefined), LOAD_MS).catch(
        () => undefined,
      );
      child.process.kill("SIGKILL");
      await exited(child.process);
      await load;
      assert.ok(
        acked.length > 20 + traders.length,
        `the load must have produced acknowledged orders (got ${acked.length} of ${sent}; last client error: ${lastError}; operator stderr: ${child.stderr.slice(-1500)})`,
      );

      child = await spawnOperator(env);
      const url = child.url;
      for (const hash of acked) {
        const { status } = await api(url, "GET", `/data/order/${hash}`);
        assert.equal(status, 200, `acknowledged order ${hash} must survive the crash`);
      }

      // Every trade reaches a final state.
      const trades = await waitFor(
        "all trades final",
        async () => {
          const all: Json[] = [];
          let cursor = "";
          for (;;) {
            const { body } = await api<{ data: Json[]; next_cursor: string }>(
              url,
              "GET",
              `/trades?market=${stack.conditionId}&limit=500${cursor ? `&next_cursor=${cursor}` : ""}`,
            );
            all.push(...body.data);
            if (body.next_cursor === "LTE=") break;
            cursor = body.next_cursor;
          }
          return all.every((t) => t["status"] === "CONFIRMED") ? all : undefined;
        },
        30_000,
      );
      assert.ok(trades.length > 0, "the load must have matched orders");
      t.diagnostic(
        `${acked.length} orders acknowledged before SIGKILL, ${trades.length} trades confirmed after restart`,
      );

      // Chain truth: one OrderFilled per maker leg, and per order the on-chain consumption equals the confirmed fills.
      const logs = await chain.client.getLogs({ address: stack.exchange, fromBlock: 0n });
      const fillEvents = new Map<string, number>();
      for (const log of logs) {
        try {
          const event = decodeEventLog({ abi: stack.abis.exchange, data: log.data, topics: log.topics });
          if (event.eventName !== "OrderFilled") continue;
          const args = event.args as unknown as { orderHash: Hex; taker: string };
          if (args.taker.toLowerCase() === stack.exchange.toLowerCase()) continue; // the taker leg of a match
          fillEvents.set(args.orderHash, (fillEvents.get(args.orderHash) ?? 0) + 1);
        } catch {
          // not an exchange event we decode
        }
      }
      const makerTrades = new Map<string, number>();
      for (const trade of trades) {
        const makerHash = ((trade["maker_orders"] as Json[])[0] as Json)["order_id"] as string;
        makerTrades.set(makerHash, (makerTrades.get(makerHash) ?? 0) + 1);
      }
      assert.deepEqual(
        [...fillEvents.entries()].sort(),
        [...makerTrades.entries()].sort(),
        "each confirmed maker fill must appear exactly once on chain",
      );
      const consumed = new Map<string, bigint>();
      for (const trade of trades) {
        const shares = BigInt(Math.round(Number(trade["size"]) * 1e6));
        const maker = (trade["maker_orders"] as Json[])[0] as Json;
        const makerAmount =
          maker["side"] === "BUY" ? (shares * BigInt(Math.round(Number(maker["price"]) * 1e6))) / PRICE_SCALE : shares;
        consumed.set(String(maker["order_id"]), (consumed.get(String(maker["order_id"])) ?? 0n) + makerAmount);
      }
      for (const [hash, amount] of consumed) {
        const view = (await api<Json>(url, "GET", `/data/order/${hash}`)).body;
        const originalShares = BigInt(Math.round(Number(view["original_size"]) * 1e6));
        const original =
          view["side"] === "BUY"
            ? (originalShares * BigInt(Math.round(Number(view["price"]) * 1e6))) / PRICE_SCALE
            : originalShares;
        const [filledOrCancelled, remaining] = await stack.read<readonly [boolean, bigint]>(
          stack.exchange,
          stack.abis.exchange,
          "getOrderStatus",
          [hash],
        );
        const onChainConsumed = filledOrCancelled && remaining === 0n ? original : original - remaining;
        assert.equal(
          onChainConsumed,
          amount,
          `order ${hash}: chain consumed ${onChainConsumed}, operator confirmed ${amount}`,
        );
      }
      child.process.kill("SIGTERM");
      await exited(child.process);
    });
  });
}

/**
 * Kill points: SIGKILL at chosen moments of a match's life, restart on the same database, and
 * compare the operator with the chain after each one. The points run in sequence on one
 * operator database, so each reconciliation also covers everything before it.
 */
describe("crash at chosen kill points (pglite)", { concurrency: false }, () => {
  const PRICE = 500_000n;
  const BURST = 100;
  let chain: LocalChain;
  let stack: Stack;
  let env: Record<string, string>;
  let child: OperatorProcess | undefined;
  let signer: OrderSigner;
  let alice: Trader;
  let bob: Trader;
  /** Every order the operator acknowledged, with what it said matched at once. */
  const acked = new Map<string, { side: 0 | 1; status: string; making: bigint; taking: bigint }>();

  const pendingSettlements = async (): Promise<number> => {
    const address = stack.operator.address;
    const [pending, latest] = await Promise.all([
      chain.client.getTransactionCount({ address, blockTag: "pending" }),
      chain.client.getTransactionCount({ address, blockTag: "latest" }),
    ]);
    return pending - latest;
  };
  const place = async (who: Trader, side: 0 | 1, shares: bigint): Promise<Json> => {
    const body = orderBody(signer.signed(who.key, who.address, { tokenId: stack.yes, side, price: PRICE, shares }));
    const response = await api<Json>((child as OperatorProcess).url, "POST", "/order", body);
    assert.equal(response.status, 200, `order refused: ${JSON.stringify(response.body)}`);
    acked.set(String(response.body["orderID"]), {
      side,
      status: String(response.body["status"]),
      making: BigInt(String(response.body["makingAmount"])),
      taking: BigInt(String(response.body["takingAmount"])),
    });
    return response.body;
  };
  /** Restarts on the same database and checks the chain against the operator. */
  const restartAndReconcile = async (what: string, t: TestContext): Promise<void> => {
    child = await spawnOperator(env);
    const url = child.url;
    for (const hash of acked.keys()) {
      const { status } = await api(url, "GET", `/data/order/${hash}`);
      assert.equal(status, 200, `${what}: acknowledged order ${hash} must survive the crash`);
    }
    const { trades, problems } = await reconcile(url, stack, acked.keys());
    assert.deepEqual(problems, [], `${what}: the operator and the chain disagree`);
    // None lost: each acknowledged immediate match is in the trades, with the size the answer gave.
    for (const [hash, ack] of acked) {
      const immediate = ack.side === 0 ? ack.taking : ack.making;
      if (immediate === 0n) continue;
      const shares = trades
        .filter((t) => String(t["taker_order_id"]).toLowerCase() === hash.toLowerCase())
        .reduce((sum, t) => sum + BigInt(Math.round(Number(t["size"]) * 1e6)), 0n);
      assert.equal(
        shares,
        immediate,
        `${what}: order ${hash} was acknowledged with ${immediate} matched, trades hold ${shares}`,
      );
    }
    t.diagnostic(
      `${what}: ${acked.size} orders acknowledged so far, ${trades.length} trades, all CONFIRMED once on chain`,
    );
  };

  before(async () => {
    chain = await startChain();
    stack = await deployStack(chain, { traders: 2 });
    [alice, bob] = stack.traders as [Trader, Trader];
    signer = new OrderSigner(31337, stack.exchange);
    env = operatorEnv(
      stack,
      { dataDir: freshDataDir() },
      { OPERATOR_PORT: String(await freePort()), OPERATOR_LOG_LEVEL: "warn" },
    );
  });

  /**
   * Starts the operator with automine off, matches 2 shares and kills it once the settlement is
   * in the mempool; `whileDown` runs before automine is back on.
   */
  const killMidSettlement = async (whileDown: () => Promise<void>): Promise<void> => {
    child = await spawnOperator(env);
    await chain.rpc("evm_setAutomine", [false]);
    try {
      await place(alice, 1, 2n * SHARE_UNIT);
      await place(bob, 0, 2n * SHARE_UNIT);
      await waitFor("the settlement in the mempool", async () => ((await pendingSettlements()) > 0 ? true : undefined));
      await killHard(child);
      await whileDown();
    } finally {
      await chain.rpc("evm_setAutomine", [true]);
    }
  };

  after(async () => {
    await stopGracefully(child);
    await chain?.rpc("evm_setAutomine", [true]).catch(() => undefined);
    await chain?.stop();
  });

  it("keeps a match acknowledged but not yet sent, and settles it once after SIGKILL", async (t) => {
    // Settlement waits 10 s after a match (even a loaded machine kills sooner), so the kill lands
    // between the answer and the transaction.
    child = await spawnOperator({ ...env, OPERATOR_SETTLE_BATCH_MS: "10000" });
    await place(alice, 1, 3n * SHARE_UNIT);
    const taker = await place(bob, 0, 3n * SHARE_UNIT);
    await killHard(child);
    assert.equal(taker["status"], "matched", "the crossing order must be acknowledged as matched");
    assert.equal(await pendingSettlements(), 0, "the kill must land before the settlement was sent");
    assert.equal((await orderFilledEvents(stack)).length, 0, "nothing may be on chain before the restart");
    await restartAndReconcile("after acknowledging a match", t);
    await stopGracefully(child);
  });

  it("settles once a match whose transaction was sent but not mined when killed (mined while down)", async (t) => {
    await killMidSettlement(async () => {
      await chain.rpc("evm_mine");
    });
    await restartAndReconcile("mid-settlement, mined while down", t);
    await stopGracefully(child);
  });

  it("settles once a match whose transaction is still pending at restart (rebroadcast of the same bytes)", async (t) => {
    await killMidSettlement(async () => {
      child = await spawnOperator(env);
      // Give the restarted operator time to rebroadcast; the node must still hold one transaction.
      await new Promise((r) => setTimeout(r, 4_000));
      assert.equal(await pendingSettlements(), 1, "a restart must not send a second settlement transaction");
      await stopGracefully(child);
      await chain.rpc("evm_mine");
    });
    await restartAndReconcile("mid-settlement, pending at restart", t);
    await stopGracefully(child);
  });

  it(`loses and doubles nothing when killed mid-burst of ${BURST} crossing orders`, async (t) => {
    child = await spawnOperator(env);
    const before = acked.size;
    const burst = Array.from({ length: BURST }, (_, i) => [i % 2 === 0 ? alice : bob, (i % 2) as 0 | 1] as const);
    let next = 0;
    let refusedAfterKill = 0;
    const worker = async (): Promise<void> => {
      while (next < burst.length) {
        const item = burst[next++];
        if (!item) return;
        try {
          await place(item[0], item[1], SHARE_UNIT);
        } catch {
          refusedAfterKill++; // the process is gone: connection refused or reset
          return;
        }
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, () => worker()));
    await waitFor("half the burst acknowledged", () => (acked.size - before >= BURST / 2 ? true : undefined), 30_000);
    await killHard(child);
    await load;
    const inBurst = acked.size - before;
    assert.ok(
      inBurst >= BURST / 2 && inBurst < BURST,
      `the kill must land mid-burst (${inBurst} of ${BURST} acknowledged, ${refusedAfterKill} clients cut off)`,
    );
    await restartAndReconcile(`mid-burst (${inBurst} of ${BURST} acknowledged)`, t);
    await stopGracefully(child);
  });
});

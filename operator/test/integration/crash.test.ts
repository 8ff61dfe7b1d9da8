/**
 * Crash safety: the operator runs as a child process under concurrent load and is killed with
 * SIGKILL mid-stream. After a restart on the same database (both backends), every order that
 * was acknowledged still exists, every match reaches CONFIRMED or FAILED, and the chain shows
 * each order consumed exactly by the operator's confirmed trades, with one OrderFilled event
 * per trade: no match was settled twice and none was lost.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

import { decodeEventLog, type Hex } from "viem";

import { deployStack, ONE, startChain, type LocalChain, type Stack, type Trader } from "../helpers/chain.js";
import { api, freshDataDir, operatorEnv, waitFor, type DbChoice } from "../helpers/operator.js";
import { OrderSigner, orderBody } from "../helpers/orders.js";
import { freePort, startPostgres, type TempPostgres } from "../helpers/postgres.js";

type Json = Record<string, unknown>;
const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src/main.ts");
const LOAD_MS = 5_000;
const KILL_AFTER_ACKS = 60;
const CLIENTS = 6;

interface Child {
  readonly process: ChildProcess;
  readonly url: string;
  stderr: string;
}

async function spawnOperator(env: Record<string, string>): Promise<Child> {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const state = { stderr: "" };
  child.stderr?.on("data", (chunk: Buffer) => (state.stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Operator: (\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) =>
      reject(new Error(`operator exited with ${code} before listening: ${state.stderr.slice(-2000)}`)),
    );
  });
  return {
    process: child,
    url,
    get stderr() {
      return state.stderr;
    },
    set stderr(v) {
      state.stderr = v;
    },
  };
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once("exit", () => resolve()));
}

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
            shares: ONE,
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
              signer.signed(who.key, who.address, { tokenId: stack.yes, side, price, shares: ONE }),
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
          maker["side"] === "BUY" ? (shares * BigInt(Math.round(Number(maker["price"]) * 1e6))) / ONE : shares;
        consumed.set(String(maker["order_id"]), (consumed.get(String(maker["order_id"])) ?? 0n) + makerAmount);
      }
      for (const [hash, amount] of consumed) {
        const view = (await api<Json>(url, "GET", `/data/order/${hash}`)).body;
        const originalShares = BigInt(Math.round(Number(view["original_size"]) * 1e6));
        const original =
          view["side"] === "BUY"
            ? (originalShares * BigInt(Math.round(Number(view["price"]) * 1e6))) / ONE
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

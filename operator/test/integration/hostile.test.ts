/**
 * Hostile input: a real operator process (PGlite) on a local Hardhat node receives a fixed,
 * seeded set of more than 20,000 hostile HTTP requests, raw TCP requests, WebSocket frames and
 * channel messages. Afterwards the process must still be the same process, have answered no
 * request with a 5xx, have answered every error with JSON carrying a stable `error` code, hold
 * no rejected order, accept and match a valid order, and stay within a memory bound.
 * The groups live in ./hostile/ (HTTP, WebSocket); they share one run (helpers/hostile/harness.ts).
 * Reproduce a failure with `HOSTILE_SEED=<seed printed in the output>`.
 */
import assert from "node:assert/strict";
import { describe, it, type TestContext } from "node:test";

import { SHARE_UNIT, Side } from "@forkcast/shared";
import type { Address, Hex } from "viem";

import type { Trader } from "../helpers/chain.js";
import { CONCURRENCY, HostileRun, pool, type Json } from "../helpers/hostile/harness.js";
import { waitFor } from "../helpers/operator.js";
import { orderBody } from "../helpers/orders.js";
import { rssBytes } from "../helpers/process.js";
import { onSharedRun } from "../helpers/suite.js";
import { httpGroups } from "./hostile/http.js";
import { webSocketGroups } from "./hostile/websocket.js";

const SEED = Number(process.env["HOSTILE_SEED"] ?? 20_261_203);
/** Growth of the operator's resident memory over the run, after it settles. */
const RSS_GROWTH_BOUND_BYTES = 256 * 1024 * 1024;

describe(`hostile input against a real operator process (PGlite, seed ${SEED})`, { concurrency: false }, () => {
  const run = new HostileRun(SEED);

  onSharedRun(run, [httpGroups, webSocketGroups]);

  it("is still alive afterwards, holds no refused order, serves a valid order, and stays within its memory bound", async (t: TestContext) => {
    const total = [...run.tallies.values()].reduce((s, x) => s + x.sent, 0);
    const rows = [...run.tallies.entries()].map(
      ([category, x]) =>
        `${category.padEnd(28)} ${String(x.sent).padStart(6)} ${String(x.ok2xx).padStart(6)} ${String(x.rejected4xx).padStart(6)} ${String(x.failed5xx).padStart(5)} ${String(x.closed).padStart(6)} ${String(x.unanswered).padStart(6)} ${String(x.violations.length).padStart(6)}`,
    );
    t.diagnostic(`hostile input, seed ${SEED}`);
    t.diagnostic(
      `${"category".padEnd(28)} ${"sent".padStart(6)} ${"2xx".padStart(6)} ${"4xx".padStart(6)} ${"5xx".padStart(5)} ${"closed".padStart(6)} ${"no-ans".padStart(6)} ${"wrong".padStart(6)}`,
    );
    for (const row of rows) t.diagnostic(row);
    t.diagnostic(`${"total".padEnd(28)} ${String(total).padStart(6)}`);

    // Every check runs and reports; the test fails at the end with all that went wrong.
    const failures: string[] = [];
    const check = (ok: boolean, message: string): void => {
      if (!ok) failures.push(message);
    };
    check(run.op.alive(), "the operator process must be alive after the run");
    check(total >= 20_000, `the suite must send at least 20,000 hostile requests (sent ${total})`);
    const fivexx = [...run.tallies.values()].reduce((s, x) => s + x.failed5xx, 0);
    check(fivexx === 0, `no hostile request may get a 5xx (got ${fivexx})`);
    check(run.deaths.length === 0, `the operator exited ${run.deaths.length} times because of client input`);

    // No refused order is stored (sampled: the lookups are cheap but not free).
    const sample = [...run.refusedHashes].filter((h) => !run.controls.has(h)).slice(0, 400);
    const stored: string[] = [];
    await pool(sample, CONCURRENCY, async (hash) => {
      const o = await run.calm("GET", `/data/order/${hash}`);
      if (o.status !== 404) stored.push(`${hash}: ${o.status} ${o.body.slice(0, 120)}`);
    });
    check(stored.length === 0, `refused orders must not be stored: ${stored.slice(0, 5).join("; ")}`);
    // The open orders of every maker the run used are exactly the control orders still open.
    const open = new Set<string>();
    for (const [, maker] of [...run.fixture.funded, ...run.fixture.unfunded, run.fixture.unapproved] as (readonly [
      Hex,
      Address,
    ])[]) {
      const o = await run.calm("GET", `/data/orders?maker=${maker}&limit=500`);
      if (o.status !== 200) {
        failures.push(`open orders of ${maker}: ${o.status} ${o.body.slice(0, 200)}`);
        continue;
      }
      for (const row of (JSON.parse(o.body) as { data: Json[] }).data) open.add(String(row["id"]));
    }
    const expectedOpen = new Set([...run.controls].filter(([, isOpen]) => isOpen).map(([hash]) => hash));
    const extra = [...open].filter((h) => !expectedOpen.has(h));
    const missing = [...expectedOpen].filter((h) => !open.has(h));
    check(
      extra.length === 0,
      `${extra.length} orders on the book that the suite did not place validly: ${extra.slice(0, 5).join(", ")}`,
    );
    check(missing.length === 0, `valid control orders missing from the book: ${missing.join(", ")}`);

    // A valid order rests, a crossing one matches and settles on chain.
    const { signer, stack } = run;
    const [alice, bob] = stack.traders as [Trader, Trader, Trader];
    const place = (trader: Trader, side: Side) =>
      run.post(
        "/order",
        orderBody(
          signer.signed(trader.key, trader.address, {
            tokenId: stack.yes,
            side,
            price: 600_000n,
            shares: 2n * SHARE_UNIT,
          }),
        ),
      );
    const rest = await place(alice, Side.SELL);
    assert.equal(rest.status, 200, `a valid order after the run must be accepted: ${JSON.stringify(rest.body)}`);
    assert.equal(rest.body["status"], "live");
    const book = await run.calm("GET", `/book?token_id=${stack.yes}`);
    const asks = (JSON.parse(book.body) as { asks: { price: string; size: string }[] }).asks;
    assert.deepEqual(
      asks.find((a) => a.price === "0.6"),
      { price: "0.6", size: "2" },
      "the valid order must rest on the book",
    );
    const take = await place(bob, Side.BUY);
    assert.equal(take.status, 200, `a crossing order must be accepted: ${JSON.stringify(take.body)}`);
    assert.equal(take.body["status"], "matched");
    await waitFor(
      "the control trade CONFIRMED",
      async () => {
        const o = await run.calm("GET", `/trades?maker_address=${alice.address}`);
        if (o.status !== 200) return undefined;
        const trades = (JSON.parse(o.body) as { data: Json[] }).data;
        return trades.some((x) => x["taker_order_id"] === take.body["orderID"] && x["status"] === "CONFIRMED")
          ? true
          : undefined;
      },
      20_000,
    );

    await new Promise((r) => setTimeout(r, 1_000));
    const rssAfter = rssBytes(run.op.process.pid ?? 0);
    t.diagnostic(
      `operator RSS: ${(run.rssBefore / 2 ** 20).toFixed(0)} MiB before, ${(rssAfter / 2 ** 20).toFixed(0)} MiB after (bound: +${RSS_GROWTH_BOUND_BYTES / 2 ** 20} MiB)`,
    );
    check(
      run.deaths.length > 0 || rssAfter - run.rssBefore <= RSS_GROWTH_BOUND_BYTES,
      `operator RSS grew by ${((rssAfter - run.rssBefore) / 2 ** 20).toFixed(0)} MiB over the run (bound ${RSS_GROWTH_BOUND_BYTES / 2 ** 20} MiB)`,
    );
    assert.deepEqual(failures, [], `seed ${SEED}`);
  });
});

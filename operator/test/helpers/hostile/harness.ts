/**
 * The hostile-input suite's run: one operator process (PGlite) on a local Hardhat node, the
 * tallies of every hostile request sent to it, and the judging rules. The suite's test files
 * (test/integration/hostile.test.ts and the groups it registers) share one `HostileRun`, so the
 * last test can judge the whole run: totals, refused orders never stored, memory growth.
 */
import assert from "node:assert/strict";
import { Agent } from "node:http";

import { COLLATERAL_UNIT, type SignedOrder } from "@forkcast/shared";
import { toHex, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

import { freePort } from "../../../../scripts/lib/processes.ts";
import { deployStack, startChain, type LocalChain, type Stack } from "../chain.js";
import { freshDataDir, operatorEnv } from "../operator.js";
import { OrderSigner, orderBody } from "../orders.js";
import { rssBytes, spawnOperator, stopGracefully, type OperatorProcess } from "../process.js";
import { Prng } from "../prng.js";
import { HostileOrders, type Fixture, type HttpCase } from "./http-cases.js";
import { httpAgent, sendHttp, type HttpOutcome } from "./wire.js";

export type Json = Record<string, unknown>;

export const CONCURRENCY = 16;
export const ERROR_CODE = /^[A-Z][A-Z0-9_]{2,63}$/;

export interface Tally {
  sent: number;
  ok2xx: number;
  rejected4xx: number;
  failed5xx: number;
  closed: number;
  unanswered: number;
  violations: string[];
}

export async function pool<T>(
  items: readonly T[],
  concurrency: number,
  run: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await run(items[index] as T, index);
      }
    }),
  );
}

/** The `error` code of a JSON error body, or undefined when the body is not one. */
export function errorCode(body: string): string | undefined {
  try {
    const json = JSON.parse(body) as unknown;
    if (json && typeof json === "object" && !Array.isArray(json)) {
      const code = (json as Json)["error"];
      if (typeof code === "string" && ERROR_CODE.test(code)) return code;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

export function describeCase(c: { method: string; path: string; body?: string | Buffer; note?: string }): string {
  const body = c.body === undefined ? "" : ` body(${c.body.length}B)=${String(c.body).slice(0, 160)}`;
  return `${c.note ? `(${c.note}) ` : ""}${c.method} ${c.path.slice(0, 160)}${body}`;
}

export class HostileRun {
  readonly rng: Prng;
  readonly agent = httpAgent(CONCURRENCY);
  readonly oneShot = new Agent({ keepAlive: false });
  readonly tallies = new Map<string, Tally>();
  readonly deaths: string[] = [];
  /** Orders the suite itself placed validly and expects on the book (hash → still open). */
  readonly controls = new Map<string, boolean>();
  /** Hashes of orders that were refused: none may ever be stored. */
  readonly refusedHashes = new Set<Hex>();
  chain!: LocalChain;
  stack!: Stack;
  env!: Record<string, string>;
  op!: OperatorProcess;
  base!: URL;
  fixture!: Fixture;
  orders!: HostileOrders;
  signer!: OrderSigner;
  rssBefore = 0;

  constructor(readonly seed: number) {
    this.rng = new Prng(seed);
  }

  async start(): Promise<void> {
    this.chain = await startChain();
    const stack = (this.stack = await deployStack(this.chain, { traders: 3 }));
    // An account that holds collateral but never approved the exchange.
    const unapprovedKey = toHex(this.rng.bytes(32));
    const unapproved = privateKeyToAccount(unapprovedKey).address;
    await stack.write(stack.admin, stack.collateral, stack.abis.collateral, "mint", [
      unapproved,
      1_000n * COLLATERAL_UNIT,
    ]);
    const unfunded = Array.from({ length: 16 }, () => {
      const key = generatePrivateKey();
      return [key, privateKeyToAccount(key).address] as const;
    });
    this.fixture = {
      chainId: 31337,
      exchange: stack.exchange,
      yes: stack.yes,
      no: stack.no,
      conditionId: stack.conditionId,
      funded: stack.traders.map((t) => [t.key, t.address] as const),
      unfunded,
      unapproved: [unapprovedKey, unapproved],
    };
    this.orders = new HostileOrders(this.fixture, this.rng);
    this.signer = new OrderSigner(31337, stack.exchange);
    this.env = operatorEnv(
      stack,
      { dataDir: freshDataDir() },
      { OPERATOR_PORT: String(await freePort()), OPERATOR_LOG_LEVEL: "warn" },
    );
    this.op = await spawnOperator(this.env);
    this.base = new URL(this.op.url);
    // Warm up (caches, JIT) before taking the memory baseline.
    for (let i = 0; i < 50; i++) await sendHttp(this.agent, this.base, "GET", `/book?token_id=${stack.yes}`);
    this.rssBefore = rssBytes(this.op.process.pid ?? 0);
  }

  async stop(): Promise<void> {
    this.agent.destroy();
    this.oneShot.destroy();
    await stopGracefully(this.op);
    await this.chain?.stop();
  }

  /** The operator's WebSocket origin (`ws://host:port`). */
  get wsUrl(): string {
    return this.base.href.replace(/^http/, "ws").replace(/\/$/, "");
  }

  tally(category: string): Tally {
    let t = this.tallies.get(category);
    if (!t)
      this.tallies.set(
        category,
        (t = { sent: 0, ok2xx: 0, rejected4xx: 0, failed5xx: 0, closed: 0, unanswered: 0, violations: [] }),
      );
    return t;
  }

  violate(t: Tally, text: string): void {
    if (t.violations.length < 200) t.violations.push(text);
    else t.violations.length++;
  }

  /** Counts and judges one HTTP answer. */
  judgeHttp(t: Tally, c: HttpCase, o: HttpOutcome): void {
    t.sent++;
    if (o.status === 0) {
      t.unanswered++;
      return this.violate(t, `no response (${o.failure ?? "?"}) to ${describeCase(c)}`);
    }
    if (o.status >= 500) {
      t.failed5xx++;
      return this.violate(t, `${o.status} ${o.body.slice(0, 200)} for ${describeCase(c)}`);
    }
    if (o.status >= 400) {
      t.rejected4xx++;
      if (c.orderHash) this.refusedHashes.add(c.orderHash);
      if (!errorCode(o.body) || !o.contentType.startsWith("application/json"))
        this.violate(
          t,
          `${o.status} without a JSON error code (${o.contentType}: ${o.body.slice(0, 200)}) for ${describeCase(c)}`,
        );
      return;
    }
    t.ok2xx++;
    if (c.expect === "reject")
      this.violate(t, `accepted with ${o.status}: ${o.body.slice(0, 200)} for ${describeCase(c)}`);
  }

  async runHttp(cases: readonly HttpCase[]): Promise<void> {
    await pool(cases, CONCURRENCY, async (c) => {
      const o = await sendHttp(
        c.ownConnection ? this.oneShot : this.agent,
        this.base,
        c.method,
        c.path,
        c.headers,
        c.body,
      );
      this.judgeHttp(this.tally(c.category), c, o);
      // A refused request under the rate limit still has to be well-formed; wait as told, no retry.
      if (o.status === 429 && o.retryAfter === undefined)
        this.violate(this.tally(c.category), `429 without Retry-After for ${describeCase(c)}`);
    });
  }

  /** After each group: the process must be the one we started; if it died, note it and start another. */
  async checkAlive(group: string): Promise<void> {
    await new Promise((r) => setTimeout(r, 100));
    if (this.op.alive()) return;
    this.deaths.push(
      `${group}: operator exited (code ${this.op.process.exitCode}, signal ${this.op.process.signalCode}): ${this.op.stderr.slice(-1500)}`,
    );
    this.op = await spawnOperator(this.env);
    this.base = new URL(this.op.url);
  }

  assertGroup(group: string, categories: readonly string[]): void {
    const problems = categories.flatMap((c) => (this.tallies.get(c)?.violations ?? []).map((v) => `[${c}] ${v}`));
    // The first few of each category, so one noisy category does not hide another.
    const shown = categories.flatMap((c) =>
      (this.tallies.get(c)?.violations ?? []).slice(0, 4).map((v) => `[${c}] ${v}`),
    );
    const died = this.deaths.filter((d) => d.startsWith(`${group}:`));
    assert.deepEqual(died, [], `the operator must survive ${group}`);
    assert.equal(
      problems.length,
      0,
      `${problems.length} hostile requests answered wrongly (seed ${this.seed}); first ones per category:\n${shown.join("\n")}`,
    );
  }

  /** The end of every group: the operator survived it and answered each of its categories rightly. */
  async settle(group: string, categories: readonly string[]): Promise<void> {
    await this.checkAlive(group);
    this.assertGroup(group, categories);
  }

  /**
   * The suite's own control and check requests: a rate limit that answers 429 is honoured
   * (wait Retry-After, capped at 2 s, then send again), so only the hostile traffic is judged.
   */
  async calm(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<HttpOutcome> {
    for (let attempt = 0; ; attempt++) {
      const o = await sendHttp(this.agent, this.base, method, path, headers, body);
      if (o.status !== 429 || attempt >= 30) return o;
      await new Promise((r) => setTimeout(r, Math.min(Number(o.retryAfter ?? "1") || 1, 2) * 1000));
    }
  }

  async post(route: string, body: unknown, method = "POST"): Promise<{ status: number; body: Json }> {
    const o = await this.calm(method, route, { "content-type": "application/json" }, JSON.stringify(body));
    return { status: o.status, body: (o.body ? JSON.parse(o.body) : {}) as Json };
  }

  /** Places a valid control order, which must be accepted; it is then expected open on the book. */
  async placeControl(order: SignedOrder): Promise<string> {
    const response = await this.post("/order", orderBody(order));
    assert.equal(response.status, 200, `control order refused: ${JSON.stringify(response.body)}`);
    const id = String(response.body["orderID"]);
    this.controls.set(id, true);
    return id;
  }
}

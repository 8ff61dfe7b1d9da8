/**
 * `npm run dev` end to end, from this checkout, on free non-default ports for all four
 * services: every step honours the ports, every service answers, a second start is refused
 * while the first runs, a killed operator is reported and restarted, and Ctrl-C leaves nothing
 * running or listening. One stack is started and shared by the tests, in order.
 */
import assert from "node:assert/strict";
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import net from "node:net";
import { after, before, describe, it } from "node:test";

import { DEV_LOCK_FILE, isDevProcess } from "../lib/dev-lock.ts";
import { freePort, rpc } from "../lib/processes.ts";

// About 30 s on an idle 2-core machine; several times that when the machine is shared.
const READY_TIMEOUT_MS = 300_000;

const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ["npm"];

interface Ports {
  RPC_PORT: number;
  OPERATOR_PORT: number;
  INDEXER_PORT: number;
  APP_PORT: number;
}

async function freePorts(): Promise<Ports> {
  const taken = new Set([8545, 8787, 42069, 5173]); // never the defaults
  const pick = async (): Promise<number> => {
    for (;;) {
      const port = await freePort();
      if (!taken.has(port)) {
        taken.add(port);
        return port;
      }
    }
  };
  return { RPC_PORT: await pick(), OPERATOR_PORT: await pick(), INDEXER_PORT: await pick(), APP_PORT: await pick() };
}

/** A running `npm run dev` with its output collected line by line. */
class DevRun {
  readonly lines: string[] = [];
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  #waiters: { regex: RegExp; resolve: (line: string) => void }[] = [];

  constructor(ports: Ports) {
    const [command = "npm", ...args] = npm;
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.FORKCAST_NODE_LOGS;
    for (const [name, port] of Object.entries(ports)) env[name] = String(port);
    // Its own process group, like a terminal job: Ctrl-C is a SIGINT to the whole group.
    this.child = spawn(command, [...args, "run", "dev"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    const collect = (stream: NodeJS.ReadableStream | null) => {
      let buffer = "";
      stream?.on("data", (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        for (const line of lines) this.#add(line);
      });
    };
    collect(this.child.stdout);
    collect(this.child.stderr);
    this.exited = new Promise((resolve) => this.child.once("exit", (code) => resolve(code)));
  }

  #add(line: string): void {
    this.lines.push(line);
    this.#waiters = this.#waiters.filter((w) => {
      if (!w.regex.test(line)) return true;
      w.resolve(line);
      return false;
    });
  }

  /** The first line (already printed or still to come) that matches. */
  waitForLine(regex: RegExp, timeoutMs: number, from = 0): Promise<string> {
    const seen = this.lines.slice(from).find((l) => regex.test(l));
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`no line matching ${regex} within ${timeoutMs / 1000} s; output:\n${this.tail()}`));
      }, timeoutMs);
      this.#waiters.push({
        regex,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
      void this.exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`npm run dev exited (code ${code}) before printing ${regex}; output:\n${this.tail()}`));
      });
    });
  }

  /** Every pid the stack reported starting, services and restarts included. */
  servicePids(): number[] {
    return this.lines.flatMap((l) => {
      const m = /^\[dev\] started the .+ \(pid (\d+)\)$/.exec(l);
      return m?.[1] ? [Number(m[1])] : [];
    });
  }

  tail(n = 60): string {
    return this.lines.slice(-n).join("\n");
  }

  kill(signal: NodeJS.Signals): void {
    if (this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      // already gone
    }
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Resolves true if something accepts connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      // A connect to a free port of the ephemeral range can pick that same port as its source and
      // connect to itself (TCP simultaneous open): no process is listening then.
      const self = socket.localPort === port;
      socket.destroy();
      resolve(!self);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Who holds `port` (for the failure message), from `ss` where it exists. */
function listener(port: number): string {
  try {
    return execFileSync("ss", ["-Htanp", `( sport = :${port} or dport = :${port} )`], { encoding: "utf8" });
  } catch (error) {
    return `(ss unavailable: ${(error as Error).message})`;
  }
}

async function until(what: string, probe: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}

async function json<T>(url: string): Promise<T> {
  const response = await fetch(url);
  assert.equal(response.status, 200, `${url} answered ${response.status}`);
  return (await response.json()) as T;
}

interface Health {
  ok: boolean;
  chainId: number;
  exchange: string;
}

/** The operator's books, market by market (levels and sizes), to compare across a restart. */
async function books(operator: string): Promise<string> {
  const markets = await json<{ data: { condition_id: string; tokens: { token_id: string }[] }[] }>(
    `${operator}/markets`,
  );
  const out: string[] = [];
  for (const m of markets.data) {
    for (const t of m.tokens) {
      const book = await json<{ bids: unknown[]; asks: unknown[] }>(`${operator}/book?token_id=${t.token_id}`);
      out.push(`${m.condition_id}/${t.token_id}: ${JSON.stringify(book.bids)} ${JSON.stringify(book.asks)}`);
    }
  }
  return out.join("\n");
}

describe("npm run dev", () => {
  let ports: Ports;
  let dev: DevRun;
  const url = (port: number) => `http://127.0.0.1:${port}`;

  before(async () => {
    if (existsSync(DEV_LOCK_FILE)) {
      const holder = Number((JSON.parse(readFileSync(DEV_LOCK_FILE, "utf8")) as { pid?: unknown }).pid);
      assert.ok(
        !isDevProcess(holder),
        `an \`npm run dev\` (pid ${holder}) is running from this checkout; stop it before running this test`,
      );
    }
    ports = await freePorts();
    const t0 = Date.now();
    dev = new DevRun(ports);
    await dev.waitForLine(/^RPC: /, READY_TIMEOUT_MS);
    const startedMs = Date.now() - t0;
    const ready = dev.lines.find((l) => l.startsWith("Local stack ready in")) ?? "";
    console.log(`npm run dev answered after ${(startedMs / 1000).toFixed(1)} s (its own count: "${ready}")`);
  });

  after(async () => {
    // Whatever a failed test left behind: the stack's group, then every service group.
    dev.kill("SIGKILL");
    for (const pid of dev.servicePids()) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // gone
      }
    }
  });

  it("prints the four service lines with the chosen ports, and each service answers there", async () => {
    assert.ok(dev.lines.includes(`App: ${url(ports.APP_PORT)}`), dev.tail());
    assert.ok(dev.lines.includes(`Operator: ${url(ports.OPERATOR_PORT)}`), dev.tail());
    assert.ok(dev.lines.includes(`Indexer: ${url(ports.INDEXER_PORT)}`), dev.tail());
    assert.ok(dev.lines.includes(`RPC: ${url(ports.RPC_PORT)}`), dev.tail());

    assert.equal(await rpc<string>(url(ports.RPC_PORT), "eth_chainId"), "0x7a69");
    const health = await json<Health>(`${url(ports.OPERATOR_PORT)}/health`);
    assert.equal(health.ok, true);
    assert.equal(health.chainId, 31337);
    // The contracts were deployed to the node on RPC_PORT (not to 8545).
    const code = await rpc<string>(url(ports.RPC_PORT), "eth_getCode", [health.exchange, "latest"]);
    assert.ok(code.length > 2, `no exchange code at ${health.exchange} on the RPC_PORT node`);
    assert.equal((await fetch(`${url(ports.INDEXER_PORT)}/ready`)).status, 200, "indexer /ready");
    const app = await fetch(url(ports.APP_PORT));
    assert.equal(app.status, 200, "app /");
    assert.match(await app.text(), /<div id="root">/);
  });

  it("refuses a second start from the same checkout and leaves the first one running", async () => {
    const book = readFileSync("deployments/31337.json", "utf8");
    const second = new DevRun(await freePorts());
    const code = await Promise.race([
      second.exited,
      new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 90_000)),
    ]);
    if (code === "timeout") second.kill("SIGKILL");
    assert.notEqual(code, "timeout", `the second npm run dev did not stop:\n${second.tail()}`);
    assert.notEqual(code, 0, "the second npm run dev exits non-zero");
    assert.match(
      second.lines.join("\n"),
      new RegExp(`Another \`npm run dev\` is already running from this checkout \\(pid \\d+.*rpc ${ports.RPC_PORT}`),
    );
    assert.deepEqual(second.servicePids(), [], "the second start started nothing");
    assert.equal(readFileSync("deployments/31337.json", "utf8"), book, "the address book is untouched");
    assert.equal((await json<Health>(`${url(ports.OPERATOR_PORT)}/health`)).ok, true, "the first stack still serves");
  });

  it("reports a killed operator, restarts it, and it serves its recovered book again", async () => {
    const operatorUrl = url(ports.OPERATOR_PORT);
    const startLine = /^\[dev\] started the operator \(pid (\d+)\)$/;
    const pidOf = (line: string) => Number(startLine.exec(line)?.[1]);
    const first = pidOf(dev.lines.filter((l) => startLine.test(l)).at(-1) ?? "");
    assert.ok(first > 0 && alive(first), "the operator's pid is printed");
    const before = await books(operatorUrl);
    const mark = dev.lines.length;

    process.kill(first, "SIGKILL");
    await dev.waitForLine(
      new RegExp(`^\\[dev\\] The operator \\(pid ${first}\\) was killed by SIGKILL\\.$`),
      10_000,
      mark,
    );
    await dev.waitForLine(/^\[dev\] Restarting the operator \(restart 1 of 3 allowed within 60 s\)\.$/, 10_000, mark);
    const restarted = pidOf(await dev.waitForLine(startLine, 15_000, mark));
    assert.notEqual(restarted, first);
    await dev.waitForLine(new RegExp(`^\\[dev\\] The operator is back: ${operatorUrl}\\.$`), 60_000, mark);

    assert.equal((await json<Health>(`${operatorUrl}/health`)).ok, true);
    assert.equal(await books(operatorUrl), before, "the restarted operator recovered the same books");
    assert.equal(dev.child.exitCode, null, "the stack keeps running");
  });

  it("stops every process and frees every port on Ctrl-C", async () => {
    const pids = dev.servicePids();
    assert.ok(pids.length >= 5, `expected node, operator, indexer, app and keeper pids, got ${pids.join(", ")}`);
    const t0 = Date.now();
    dev.kill("SIGINT");
    await until("npm run dev to exit", () => dev.child.exitCode !== null || dev.child.signalCode !== null, 30_000);
    await until("every service process to end", () => pids.every((pid) => !alive(pid)), 15_000);
    console.log(`npm run dev stopped in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    for (const [name, port] of Object.entries(ports)) {
      assert.equal(await listening(port), false, `${name} ${port} is still listening:\n${listener(port)}`);
    }
    assert.equal(existsSync(DEV_LOCK_FILE), false, "the dev lock is released");
    assert.ok(dev.lines.includes("Stopping the local stack…"), dev.tail());
  });
});

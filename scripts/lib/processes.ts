/**
 * The process toolkit every suite, the bench and the dev stack share: free ports, services
 * spawned with labelled output in their own process group, readiness waits whose errors carry the
 * service's last stderr lines, and a shutdown that stops politely, then kills the group and waits
 * until it is gone. Services built on it (a Hardhat node, PostgreSQL) are in `services.ts`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import net from "node:net";

const COLORS = [36, 35, 33, 32, 34, 31];
let nextColor = 0;

/** How many of a process's last stderr lines are kept for the report when it dies. */
const STDERR_TAIL_LINES = 20;

export interface Labelled {
  label: string;
  child: ChildProcess;
  /** The signal that stops this program cleanly (Ponder wants SIGINT). */
  stopSignal: NodeJS.Signals;
  /** The last lines the process wrote to stderr (at most STDERR_TAIL_LINES). */
  stderrTail(): string[];
  /** Calls `listener` with every later stdout line; returns a function that unsubscribes. */
  onStdoutLine(listener: (line: string) => void): () => void;
}

/** "\n<label> stderr (last lines):\n…", or "" when the process wrote nothing to stderr. */
export function stderrReport(p: Labelled): string {
  const tail = p.stderrTail();
  return tail.length === 0 ? "" : `\n${p.label} stderr (last lines):\n${tail.join("\n")}`;
}

/** "exited with code 1" / "was killed by SIGKILL", for reports about a process that ended. */
export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `was killed by ${signal}`;
  return `exited with code ${code ?? "unknown"}`;
}

/** True once the process has ended, whether it exited or was killed by a signal. */
export function hasEnded(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Spawns a command whose every output line is prefixed with a coloured label. */
export function spawnLabelled(
  label: string,
  command: string,
  args: string[],
  options: {
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    stopSignal?: NodeJS.Signals;
    /** Keep the output off this process's stdout/stderr (still kept for reports and listeners). */
    quiet?: boolean;
  } = {},
): Labelled {
  const color = COLORS[nextColor++ % COLORS.length] ?? 36;
  const prefix = process.stdout.isTTY ? `\u001b[${color}m[${label}]\u001b[0m ` : `[${label}] `;
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const tail: string[] = [];
  const listeners = new Set<(line: string) => void>();
  const pipe = (stream: NodeJS.ReadableStream | null, out: NodeJS.WriteStream | undefined, keep: boolean) => {
    let buffer = "";
    stream?.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        out?.write(`${prefix}${line}\n`);
        if (!keep) for (const listener of listeners) listener(line);
        if (keep && line.trim() !== "") {
          tail.push(line);
          if (tail.length > STDERR_TAIL_LINES) tail.shift();
        }
      }
    });
  };
  pipe(child.stdout, options.quiet ? undefined : process.stdout, false);
  pipe(child.stderr, options.quiet ? undefined : process.stderr, true);
  return {
    label,
    child,
    stopSignal: options.stopSignal ?? "SIGTERM",
    stderrTail: () => [...tail],
    onStdoutLine(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * Runs a command to completion with labelled output; rejects saying how it ended and with its
 * last stderr lines. `onSpawn` receives the process (so a Ctrl-C meanwhile can stop it).
 */
export function runLabelled(
  label: string,
  command: string,
  args: string[],
  env?: NodeJS.ProcessEnv,
  onSpawn?: (p: Labelled) => void,
): Promise<void> {
  const p = spawnLabelled(label, command, args, { env });
  onSpawn?.(p);
  return new Promise((resolve, reject) => {
    p.child.on("error", reject);
    p.child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${label} ${describeExit(code, signal)}`)),
    );
  });
}

/**
 * Runs a command to completion in its own process group, collecting its combined output; after
 * `timeoutMs` the group gets SIGINT. Never rejects: the caller judges `code` (tests assert on it).
 * `unset` removes variables from the inherited environment.
 */
export function runCommand(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number; unset?: readonly string[] } = {},
): Promise<{ code: number; output: string }> {
  const env = Object.fromEntries(
    Object.entries({ ...process.env, ...options.env }).filter(([name]) => !(options.unset ?? []).includes(name)),
  );
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let output = "";
    child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      if (child.pid !== undefined) signalGroup(child.pid, "SIGINT");
    }, options.timeoutMs ?? 120_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ code: 1, output: `${output}${error.message}` });
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output });
    });
  });
}

/** Sends a signal to a whole process group; false if the group is already gone. */
export function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops a process group politely, then forcefully after `graceMs`. A group whose leader has
 * already ended is killed outright (its other members would otherwise keep ports open).
 */
export async function stop(p: Labelled, graceMs = 5_000): Promise<void> {
  const { child } = p;
  if (child.pid === undefined) return;
  if (hasEnded(child)) {
    signalGroup(child.pid, "SIGKILL");
    await groupGone(child.pid);
    return;
  }
  const { pid } = child;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  if (!signalGroup(pid, p.stopSignal)) return;
  const timer = setTimeout(() => signalGroup(pid, "SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
  // Whatever the leader left behind in its group (a bundler's helper, a wrapped child) goes too,
  // and we wait until it has: a SIGKILLed member keeps its ports until the kernel reaps it, and
  // `npm run dev` must not return while a port of the stack is still bound.
  signalGroup(pid, "SIGKILL");
  await groupGone(pid);
}

/**
 * True while a process of group `pgid` is still running. A zombie (dead, not yet reaped: its
 * sockets are already closed) does not count, so a container whose init does not reap orphans
 * does not hold the shutdown up. Without /proc, any member counts.
 */
export function groupRunning(pgid: number): boolean {
  if (!signalGroup(pgid, 0)) return false;
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return true;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so split after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) === pgid && fields[0] !== "Z") return true;
  }
  return false;
}

/** Resolves once no process of the group is running (or after `timeoutMs`, whichever is first). */
export async function groupGone(pgid: number, timeoutMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!groupRunning(pgid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return !groupRunning(pgid);
}

/** Throws a clear error if something already listens on host:port. */
export async function assertPortFree(port: number, host = "127.0.0.1", what = "service"): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        new Error(
          error.code === "EADDRINUSE"
            ? `Port ${port} on ${host} is already in use, so the ${what} cannot start. ` +
                `Stop whatever uses it (another \`npm run dev\`?) or choose another port.`
            : `Cannot bind ${host}:${port} for the ${what}: ${error.message}`,
          { cause: error },
        ),
      );
    });
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

/** Finds a free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Calls a JSON-RPC method on a node. */
export async function rpc<T>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

/**
 * Polls until `probe` resolves truthy, or throws after `timeoutMs` naming what it waited for.
 * With `service`, gives up as soon as that process ends, and both errors carry its last stderr lines.
 */
export async function waitFor(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs = 60_000,
  service?: Labelled,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = "";
  const report = () => (service ? stderrReport(service) : "");
  while (Date.now() < deadline) {
    if (service && hasEnded(service.child)) {
      const { exitCode, signalCode } = service.child;
      throw new Error(`Gave up waiting for ${what}: ${service.label} ${describeExit(exitCode, signalCode)}${report()}`);
    }
    try {
      if (await probe()) return;
    } catch (error) {
      lastError = (error as Error).message;
      if (/exited/.test(lastError))
        throw new Error(`Gave up waiting for ${what}: ${lastError}${report()}`, { cause: error });
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `Timed out after ${timeoutMs / 1000}s waiting for ${what}${lastError ? `: ${lastError}` : ""}${report()}`,
  );
}

/** Waits until `url` answers 2xx (a service's health or readiness route). */
export async function waitForHttp(
  url: string,
  options: { service?: Labelled; timeoutMs?: number } = {},
): Promise<void> {
  const what = options.service ? `the ${options.service.label} at ${url}` : url;
  await waitFor(what, async () => (await fetch(url)).ok, options.timeoutMs ?? 60_000, options.service);
}

/** Waits until a JSON-RPC node at `url` answers eth_chainId (and, when given, with `chainId`). */
export async function waitForRpc(
  url: string,
  options: { chainId?: number; service?: Labelled; timeoutMs?: number } = {},
): Promise<void> {
  const what = options.service ? `the ${options.service.label} at ${url}` : `the node at ${url}`;
  await waitFor(
    what,
    async () => {
      const id = Number(BigInt(await rpc<string>(url, "eth_chainId")));
      if (options.chainId !== undefined && id !== options.chainId)
        throw new Error(`it serves chain ${id}, not ${options.chainId}`);
      return true;
    },
    options.timeoutMs ?? 60_000,
    options.service,
  );
}

/**
 * Resolves with the first stdout line of `p` matching `pattern` (e.g. the URL a service prints
 * once it listens). Rejects, with its last stderr lines, if the process ends first or after `timeoutMs`.
 */
export function waitForLine(p: Labelled, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const finish = (error: Error | undefined, match?: RegExpExecArray) => {
      clearTimeout(timer);
      unsubscribe();
      p.child.off("exit", onExit);
      if (error) reject(error);
      else if (match) resolve(match);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      finish(new Error(`${p.label} ${describeExit(code, signal)} before printing ${pattern}${stderrReport(p)}`));
    const unsubscribe = p.onStdoutLine((line) => {
      const match = pattern.exec(line);
      if (match) finish(undefined, match);
    });
    const timer = setTimeout(
      () =>
        finish(
          new Error(
            `Timed out after ${timeoutMs / 1000}s waiting for ${p.label} to print ${pattern}${stderrReport(p)}`,
          ),
        ),
      timeoutMs,
    );
    if (hasEnded(p.child)) onExit(p.child.exitCode, p.child.signalCode);
    else p.child.once("exit", onExit);
  });
}

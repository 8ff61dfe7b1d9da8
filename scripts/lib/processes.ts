/**
 * Child-process helpers for the local stack: labelled log lines, readiness polling, clean
 * shutdown, and clear errors for the usual faults (port in use, node not running).
 */
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";

const COLORS = [36, 35, 33, 32, 34, 31];
let nextColor = 0;

export interface Labelled {
  label: string;
  child: ChildProcess;
  /** The signal that stops this program cleanly (Ponder wants SIGINT). */
  stopSignal: NodeJS.Signals;
}

/** Spawns a command whose every output line is prefixed with a coloured label. */
export function spawnLabelled(
  label: string,
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; stopSignal?: NodeJS.Signals; quiet?: boolean } = {},
): Labelled {
  const color = COLORS[nextColor++ % COLORS.length] ?? 36;
  const prefix = process.stdout.isTTY ? `\u001b[${color}m[${label}]\u001b[0m ` : `[${label}] `;
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const pipe = (stream: NodeJS.ReadableStream | null, out: NodeJS.WriteStream) => {
    let buffer = "";
    stream?.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) out.write(`${prefix}${line}\n`);
    });
  };
  if (options.quiet) {
    child.stdout?.resume();
    child.stderr?.resume();
  } else {
    pipe(child.stdout, process.stdout);
    pipe(child.stderr, process.stderr);
  }
  return { label, child, stopSignal: options.stopSignal ?? "SIGTERM" };
}

/** Runs a command to completion with labelled output; rejects with its exit code. */
export function runLabelled(label: string, command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<void> {
  const { child } = spawnLabelled(label, command, args, { env });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${label} exited with code ${code}`))));
  });
}

/** Stops a process group politely, then forcefully after `graceMs`. */
export async function stop(p: Labelled, graceMs = 5_000): Promise<void> {
  const { child } = p;
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    process.kill(-child.pid, p.stopSignal);
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }, graceMs);
  await exited;
  clearTimeout(timer);
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

/** Polls until `probe` resolves truthy, or throws after `timeoutMs` naming what it waited for. */
export async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = "";
  while (Date.now() < deadline) {
    try {
      if (await probe()) return;
    } catch (error) {
      lastError = (error as Error).message;
      if (/exited/.test(lastError)) throw new Error(`Gave up waiting for ${what}: ${lastError}`, { cause: error });
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Timed out after ${timeoutMs / 1000}s waiting for ${what}${lastError ? `: ${lastError}` : ""}`);
}

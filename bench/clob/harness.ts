/** Shared pieces of the CLOB benchmarks: the operator child process (the test toolkit's) and a keep-alive HTTP client. */
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";

import { CHAIN_ID, deployStack, type LocalChain } from "../../operator/test/helpers/chain.js";
import { OrderSigner } from "../../operator/test/helpers/orders.js";
import { type OperatorProcess, spawnOperator as spawnOperatorProcess } from "../../operator/test/helpers/process.ts";

export type { OperatorProcess };

/** Traders of the end-to-end and HTTP benchmarks (makers and takers). */
const BENCH_TRADERS = 18;

/**
 * The protocol on `chain` with the benchmarks' traders, each funded with `fundUsd` of collateral
 * of which `splitUsd` is split into YES and NO, and the signer for its exchange.
 */
export async function deployBenchStack(chain: LocalChain, usd: { fundUsd: bigint; splitUsd: bigint }) {
  const stack = await deployStack(chain, { traders: BENCH_TRADERS, ...usd });
  return { stack, signer: new OrderSigner(CHAIN_ID, stack.exchange) };
}

/**
 * The operator as a child process; OPERATOR_NODE_ARGS (e.g. `--cpu-prof`) go to its Node, and
 * BENCH_OPERATOR_MAIN points an A/B run at another checkout's main.ts.
 */
export function spawnOperator(env: Record<string, string>): Promise<OperatorProcess> {
  const nodeArgs = process.env["OPERATOR_NODE_ARGS"]?.split(" ").filter((a) => a.length > 0) ?? [];
  const main = process.env["BENCH_OPERATOR_MAIN"];
  return spawnOperatorProcess(env, main === undefined ? { nodeArgs } : { nodeArgs, main });
}

/** CPU seconds (user + system, all threads) a process has used so far, from /proc (Linux). */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100;
}

/** Parent pid of a process, from /proc (undefined once it is gone). */
function parentPid(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

/**
 * The PostgreSQL server listening on `port` and its backends: the postmaster is found by the
 * `-p <port>` on its command line, the backends by their parent pid.
 */
export function postgresPids(port: number): number[] {
  const pids = readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
  const postmaster = pids.find((pid) => {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      return argv.some((a) => a.endsWith("postgres")) && argv.join(" ").includes(`-p ${port} `);
    } catch {
      return false;
    }
  });
  if (postmaster === undefined) return [];
  return [postmaster, ...pids.filter((pid) => parentPid(pid) === postmaster)];
}

/** CPU seconds of a set of processes that exist now (ones that exited in between are not counted). */
export function processesCpuSeconds(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      total += processCpuSeconds(pid);
    } catch {
      // exited
    }
  }
  return total;
}

export class Client {
  private readonly agent: http.Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(base: string, sockets: number) {
    const url = new URL(base);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  request(method: string, route: string, body?: string): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: this.host,
          port: this.port,
          path: route,
          method,
          agent: this.agent,
          headers: body ? { "content-type": "application/json", "content-length": Buffer.byteLength(body) } : {},
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        },
      );
      req.on("error", reject);
      if (body) req.write(body);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

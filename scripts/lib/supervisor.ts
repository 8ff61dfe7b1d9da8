/**
 * Watches the long-running processes of `npm run dev`. When one ends while the stack is meant
 * to be up, it says which and why (exit code or signal, and the last lines it wrote to
 * stderr), then either restarts it (services with a restart policy, within a bounded number of
 * restarts per window) or gives up on the whole stack through `onFatal`.
 */
import { type Labelled, describeExit, hasEnded, signalGroup, stop, waitFor } from "./processes.ts";

export interface RestartPolicy {
  /** Restarts allowed within `windowMs`; one more death inside the window stops the stack. */
  maxRestarts: number;
  windowMs: number;
  /** Pause before a restart, so a crash loop does not spin. */
  delayMs: number;
  /** How long a restarted service gets to answer its readiness probe again. */
  readyTimeoutMs: number;
}

/** The operator (and the keeper) restart up to 3 times a minute. */
export const SERVICE_RESTARTS: RestartPolicy = {
  maxRestarts: 3,
  windowMs: 60_000,
  delayMs: 1_000,
  readyTimeoutMs: 60_000,
};

/** Restarts already made inside the window that ends at `now`. */
export function restartsInWindow(history: readonly number[], now: number, windowMs: number): number {
  return history.filter((at) => now - at < windowMs).length;
}

/** Whether one more restart at `now` stays within the policy. */
export function mayRestart(history: readonly number[], now: number, policy: RestartPolicy): boolean {
  return restartsInWindow(history, now, policy.windowMs) < policy.maxRestarts;
}

export interface SupervisedService {
  /** Human name used in reports: "operator", "indexer", "Hardhat node". */
  name: string;
  start(): Labelled;
  /** Without a policy, the stack stops when this process ends. */
  restart?: RestartPolicy;
  /** Resolves true once a (re)started process answers. */
  ready?(): Promise<boolean>;
  /** What to print once a restarted process answers again (for example its URL). */
  describe?(): string;
}

interface Entry {
  spec: SupervisedService;
  current: Labelled;
  restarts: number[];
}

export interface SupervisorOptions {
  /** Where reports go (the dev script's own `[dev]` lines). */
  log(line: string): void;
  /** Called once when a death cannot be recovered; the caller stops the stack. */
  onFatal(message: string): void;
  /** Called with every (re)started process, e.g. to print its pid. */
  onStart?(service: SupervisedService, p: Labelled): void;
  now?(): number;
}

/** How many stderr lines a death report quotes. */
const REPORTED_STDERR_LINES = 10;

export class Supervisor {
  readonly #entries: Entry[] = [];
  readonly #options: SupervisorOptions;
  #stopping = false;
  #fatal = false;

  constructor(options: SupervisorOptions) {
    this.#options = options;
  }

  /** Starts a service and watches it from now on. */
  add(spec: SupervisedService): Labelled {
    const entry: Entry = { spec, current: spec.start(), restarts: [] };
    this.#entries.push(entry);
    this.#watch(entry);
    return entry.current;
  }

  /** The process currently running for a service. */
  current(name: string): Labelled | undefined {
    return this.#entries.find((e) => e.spec.name === name)?.current;
  }

  get stopping(): boolean {
    return this.#stopping;
  }

  /** Stops every service, last started first; deaths from here on are expected. */
  async stopAll(): Promise<void> {
    this.#stopping = true;
    for (const entry of [...this.#entries].reverse()) await stop(entry.current);
  }

  #watch(entry: Entry): void {
    const p = entry.current;
    this.#options.onStart?.(entry.spec, p);
    p.child.once("exit", (code, signal) => this.#ended(entry, p, code, signal));
  }

  #ended(entry: Entry, p: Labelled, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.#stopping || this.#fatal) return;
    const { spec } = entry;
    const { log } = this.#options;
    log(`The ${spec.name} (pid ${p.child.pid ?? "?"}) ${describeExit(code, signal)}.`);
    const tail = p.stderrTail().slice(-REPORTED_STDERR_LINES);
    if (tail.length === 0) log("  It wrote nothing to stderr.");
    else {
      log(`  Its last stderr line${tail.length === 1 ? "" : "s"}:`);
      for (const line of tail) log(`  | ${line}`);
    }
    // Whatever else ran in its process group would hold its port: clear it before a restart.
    if (p.child.pid !== undefined) signalGroup(p.child.pid, "SIGKILL");

    const policy = spec.restart;
    if (!policy) {
      this.#giveUp(`The local stack cannot run without the ${spec.name}; stopping it.`);
      return;
    }
    const now = this.#now();
    if (!mayRestart(entry.restarts, now, policy)) {
      this.#giveUp(
        `The ${spec.name} died ${policy.maxRestarts + 1} times within ${policy.windowMs / 1000} s; ` +
          "stopping the local stack. Its log above says why.",
      );
      return;
    }
    entry.restarts.push(now);
    const made = restartsInWindow(entry.restarts, now, policy.windowMs);
    log(
      `Restarting the ${spec.name} (restart ${made} of ${policy.maxRestarts} allowed within ` +
        `${policy.windowMs / 1000} s).`,
    );
    setTimeout(() => void this.#restart(entry, policy), policy.delayMs);
  }

  async #restart(entry: Entry, policy: RestartPolicy): Promise<void> {
    if (this.#stopping || this.#fatal) return;
    const { spec } = entry;
    entry.current = spec.start();
    this.#watch(entry);
    const { ready } = spec;
    if (!ready) return;
    const p = entry.current;
    try {
      await waitFor(
        `the restarted ${spec.name}`,
        async () => {
          if (hasEnded(p.child)) return true; // its exit handler reports and decides
          return ready();
        },
        policy.readyTimeoutMs,
      );
    } catch (error) {
      this.#giveUp(`${(error as Error).message}; stopping the local stack.`);
      return;
    }
    if (!hasEnded(p.child) && !this.#stopping) {
      this.#options.log(`The ${spec.name} is back${spec.describe ? `: ${spec.describe()}` : ""}.`);
    }
  }

  #giveUp(message: string): void {
    if (this.#fatal) return;
    this.#fatal = true;
    this.#options.onFatal(message);
  }

  #now(): number {
    return this.#options.now ? this.#options.now() : Date.now();
  }
}

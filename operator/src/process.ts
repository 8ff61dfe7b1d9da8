/**
 * Process-level safety for the operator binary. An uncaught exception or unhandled rejection
 * means some state may be half-changed: it is logged and the process exits non-zero at once
 * (recovery on restart is the crash-safe path: the book is rebuilt from storage and the chain).
 * SIGTERM/SIGINT stop the operator gracefully, bounded by a timeout; a second signal exits now.
 */
import type { EventEmitter } from "node:events";

/** Exit codes (sysexits-style) so a supervisor can tell why the operator stopped. */
export const EXIT = {
  OK: 0,
  START_FAILED: 1,
  /** Uncaught exception or unhandled rejection. */
  CRASHED: 70,
  /** The graceful stop did not finish in time. */
  STOP_TIMEOUT: 75,
  /** A second signal arrived while stopping. */
  INTERRUPTED: 130,
} as const;

export const STOP_TIMEOUT_MS = 10_000;

export interface ProcessLike extends Pick<EventEmitter, "on" | "once"> {
  exit(code: number): void;
}

export interface GuardOptions {
  readonly proc: ProcessLike;
  readonly report: (message: string) => void;
  /** Graceful stop of the running operator (undefined until it has started). */
  readonly stop: () => Promise<void> | undefined;
  readonly stopTimeoutMs?: number;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

export function installProcessGuards(options: GuardOptions): void {
  const { proc, report } = options;
  let exiting = false;
  let stopTimer: NodeJS.Timeout | undefined;
  const crash = (kind: string) => (error: unknown) => {
    report(`operator ${kind}: ${describe(error)}\nexiting with code ${EXIT.CRASHED}; restart recovers from storage`);
    exiting = true;
    proc.exit(EXIT.CRASHED);
  };
  proc.on("uncaughtException", crash("uncaught exception"));
  proc.on("unhandledRejection", crash("unhandled rejection"));

  const onSignal = (signal: string) => () => {
    if (exiting) {
      clearTimeout(stopTimer);
      report(`operator: ${signal} while stopping; exiting now`);
      proc.exit(EXIT.INTERRUPTED);
      return;
    }
    exiting = true;
    report(`operator: ${signal} received, stopping`);
    const timeoutMs = options.stopTimeoutMs ?? STOP_TIMEOUT_MS;
    // Not unref'd: a hung stop must still end in an exit with STOP_TIMEOUT.
    const timer = setTimeout(() => {
      report(`operator: stop did not finish within ${timeoutMs} ms; exiting`);
      proc.exit(EXIT.STOP_TIMEOUT);
    }, timeoutMs);
    stopTimer = timer;
    Promise.resolve(options.stop()).then(
      () => {
        clearTimeout(timer);
        proc.exit(EXIT.OK);
      },
      (error: unknown) => {
        clearTimeout(timer);
        report(`operator: stop failed: ${describe(error)}`);
        proc.exit(EXIT.CRASHED);
      },
    );
  };
  proc.on("SIGINT", onSignal("SIGINT"));
  proc.on("SIGTERM", onSignal("SIGTERM"));
}

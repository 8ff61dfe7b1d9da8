/** Minimal leveled logger writing one JSON line per entry to stderr. Never pass secrets to it. */
export type Level = "debug" | "info" | "warn" | "error" | "silent";
const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function createLogger(level: Level): Logger {
  const write = (at: Level) => (message: string, fields?: Record<string, unknown>) => {
    if (RANK[at] < RANK[level]) return;
    process.stderr.write(
      `${JSON.stringify({ t: new Date().toISOString(), level: at, msg: message, ...fields }, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}\n`,
    );
  };
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}

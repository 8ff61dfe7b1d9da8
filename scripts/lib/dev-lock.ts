/**
 * One `npm run dev` per checkout. The stack owns `.data/dev`, `deployments/31337.json` and
 * Ignition's local journal; a second start would wipe them under the first. The running stack
 * holds a lock file naming its pid; a second start reads it and refuses while that process
 * lives. A lock left by a process that is gone (killed, crashed) is stale and taken over.
 */
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

export const DEV_LOCK_FILE = ".data/dev.lock";

export interface DevLockInfo {
  pid: number;
  startedAt: string;
  ports: Record<string, number>;
}

export class DevLockHeldError extends Error {
  readonly holder: DevLockInfo;

  constructor(holder: DevLockInfo, lockFile: string) {
    const ports = Object.entries(holder.ports)
      .map(([name, port]) => `${name} ${port}`)
      .join(", ");
    super(
      `Another \`npm run dev\` is already running from this checkout (pid ${holder.pid}, started ` +
        `${holder.startedAt}${ports ? `; ports: ${ports}` : ""}). A second one would wipe its data ` +
        `(.data/dev, deployments/). Stop it first (Ctrl-C in its terminal, or \`kill ${holder.pid}\`); ` +
        `if no such stack is running, delete ${lockFile}.`,
    );
    this.name = "DevLockHeldError";
    this.holder = holder;
  }
}

/** Whether `pid` is a live `npm run dev` (a live process whose command line runs dev.ts). */
export function isDevProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else, so it is alive.
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return true; // no /proc here: a live pid is all we can know
  }
  // A recycled pid now running something else does not hold the lock.
  return cmdline.split("\0").some((arg) => arg.endsWith("dev.ts"));
}

function parseLock(text: string): DevLockInfo | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null) return undefined;
    const { pid, startedAt, ports } = value as Record<string, unknown>;
    if (typeof pid !== "number" || !Number.isInteger(pid) || pid <= 0) return undefined;
    const portMap: Record<string, number> = {};
    if (typeof ports === "object" && ports !== null) {
      for (const [name, port] of Object.entries(ports)) if (typeof port === "number") portMap[name] = port;
    }
    return { pid, startedAt: typeof startedAt === "string" ? startedAt : "at an unknown time", ports: portMap };
  } catch {
    return undefined;
  }
}

export interface DevLock {
  /** Removes the lock if it is still ours. Safe to call more than once. */
  release(): void;
}

export interface AcquireOptions {
  isAlive?: (pid: number) => boolean;
  /** Told when a stale lock is taken over. */
  log?: (line: string) => void;
}

/**
 * Takes the lock or throws DevLockHeldError naming the running stack. The lock file appears
 * with its whole content at once (written aside, then hard-linked into place), so a
 * concurrent start never reads a half-written lock.
 */
export function acquireDevLock(lockFile: string, info: DevLockInfo, options: AcquireOptions = {}): DevLock {
  const isAlive = options.isAlive ?? isDevProcess;
  mkdirSync(path.dirname(lockFile), { recursive: true });
  const temp = `${lockFile}.${info.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(info, null, 2)}\n`);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(temp, lockFile);
        return lockHandle(lockFile, info.pid);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      let text: string;
      try {
        text = readFileSync(lockFile, "utf8");
      } catch {
        continue; // released between our link and our read: try again
      }
      const holder = parseLock(text);
      if (holder && holder.pid !== info.pid && isAlive(holder.pid)) throw new DevLockHeldError(holder, lockFile);
      options.log?.(
        holder
          ? `Taking over a stale lock ${lockFile}: its \`npm run dev\` (pid ${holder.pid}) is not running.`
          : `Replacing an unreadable lock ${lockFile}.`,
      );
      try {
        unlinkSync(lockFile);
      } catch {
        // someone else removed it first
      }
    }
    throw new Error(`Could not take the lock ${lockFile}: it keeps changing; is another \`npm run dev\` starting?`);
  } finally {
    unlinkSync(temp);
  }
}

function lockHandle(lockFile: string, pid: number): DevLock {
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      try {
        if (parseLock(readFileSync(lockFile, "utf8"))?.pid === pid) unlinkSync(lockFile);
      } catch {
        // already gone
      }
    },
  };
}

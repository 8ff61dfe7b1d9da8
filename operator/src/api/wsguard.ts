/**
 * What keeps one WebSocket client from hurting the operator or other clients: a handler for
 * every socket error (a bad frame closes that socket only, with the RFC 6455 close code and a
 * readable reason), a per-address connection cap, a send-buffer bound that drops slow
 * consumers, a per-socket message rate, and a ping/pong heartbeat that ends dead sockets.
 */
import type { WebSocket } from "ws";

import { RateLimiter } from "../ratelimit.js";

export interface WsLimits {
  /** Largest message a client may send (bytes); larger ones close the socket with 1009. */
  readonly maxMessageBytes: number;
  /** Asset ids one /ws/market socket may follow at once. */
  readonly maxMarketSubscriptions: number;
  /** Addresses one /ws/user socket may follow at once. */
  readonly maxUserSubscriptions: number;
  /** Open WebSocket connections from one client address. */
  readonly maxConnectionsPerAddress: number;
  /** Bytes queued for a socket beyond which it is dropped as a slow consumer. */
  readonly maxBufferedBytes: number;
  /** Messages per second a socket may send (sustained) and at once (burst). */
  readonly messagesPerSecond: number;
  readonly messageBurst: number;
  /** Ping interval; a socket that has not answered the previous ping by the next one is ended. */
  readonly heartbeatMs: number;
}

export const DEFAULT_WS_LIMITS: WsLimits = {
  maxMessageBytes: 64 * 1024,
  maxMarketSubscriptions: 500,
  maxUserSubscriptions: 20,
  maxConnectionsPerAddress: 50,
  maxBufferedBytes: 4 * 1024 * 1024,
  messagesPerSecond: 50,
  messageBurst: 200,
  heartbeatMs: 30_000,
};

/** RFC 6455 close codes the operator sends. */
export const CLOSE = {
  NORMAL: 1000,
  GOING_AWAY: 1001,
  PROTOCOL_ERROR: 1002,
  INVALID_DATA: 1007,
  POLICY_VIOLATION: 1008,
  MESSAGE_TOO_BIG: 1009,
  INTERNAL_ERROR: 1011,
} as const;

/** The reason text sent with each close code (close reasons are at most 123 bytes). */
export function closeReason(code: number, limits: WsLimits): string {
  switch (code) {
    case CLOSE.PROTOCOL_ERROR:
      return "protocol error: invalid frame (opcode, RSV bits, mask or fragmentation)";
    case CLOSE.INVALID_DATA:
      return "invalid data: text frames must be UTF-8";
    case CLOSE.MESSAGE_TOO_BIG:
      return `message too big: at most ${limits.maxMessageBytes} bytes`;
    case CLOSE.GOING_AWAY:
      return "operator shutting down";
    default:
      return "";
  }
}

/** Counts open connections per client address. */
export class ConnectionCounter {
  private readonly open = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Takes a slot for `address`; false when it already has `max` connections. */
  acquire(address: string): boolean {
    const count = this.open.get(address) ?? 0;
    if (count >= this.max) return false;
    this.open.set(address, count + 1);
    return true;
  }

  release(address: string): void {
    const count = (this.open.get(address) ?? 0) - 1;
    if (count <= 0) this.open.delete(address);
    else this.open.set(address, count);
  }

  count(address: string): number {
    return this.open.get(address) ?? 0;
  }
}

/** One accepted socket with its guards installed. */
export interface GuardedSocket {
  readonly ws: WebSocket;
  /** Sends JSON (or a string as is) unless the socket is closing; drops the socket when its buffer is over the bound. */
  send(message: unknown): void;
  /** False (and the socket is closed with 1008) when the socket sends faster than its message rate. */
  admitMessage(): boolean;
}

const SLOW_CONSUMER_GRACE_MS = 1_000;

/**
 * Installs the per-socket guards. Socket errors (bad frames, resets) are reported to `onError`
 * and never thrown: `ws` has already sent the close frame with the code of the error.
 */
export function guardSocket(ws: WebSocket, limits: WsLimits, onError: (error: Error) => void): GuardedSocket {
  // `ws` closes the socket on a bad frame with `close(code)` and no reason: add the reason.
  const close = ws.close.bind(ws);
  ws.close = (code?: number, reason?: string | Buffer) =>
    close(code, reason ?? (code === undefined ? undefined : closeReason(code, limits)));
  ws.on("error", onError);

  const rate = new RateLimiter(limits.messagesPerSecond, limits.messageBurst);
  const drop = (reason: string): void => {
    if (ws.readyState !== ws.OPEN) return;
    ws.close(CLOSE.POLICY_VIOLATION, reason);
    // The close frame waits behind the full buffer: do not wait for it for long.
    setTimeout(() => ws.terminate(), SLOW_CONSUMER_GRACE_MS).unref();
  };
  return {
    ws,
    send(message) {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > limits.maxBufferedBytes) {
        drop(`slow consumer: more than ${limits.maxBufferedBytes} bytes waiting to be read`);
        return;
      }
      ws.send(typeof message === "string" ? message : JSON.stringify(message));
    },
    admitMessage() {
      if (rate.take("socket")) return true;
      drop(`too many messages: at most ${limits.messagesPerSecond} per second`);
      return false;
    },
  };
}

/**
 * Pings every socket each `intervalMs`; a socket that did not answer the previous ping is
 * terminated (its peer is gone or stuck).
 */
export class Heartbeat {
  private readonly alive = new WeakMap<WebSocket, boolean>();
  private readonly sockets = new Set<WebSocket>();
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs: number) {
    this.timer = setInterval(() => this.beat(), intervalMs);
    this.timer.unref();
  }

  add(ws: WebSocket): void {
    this.alive.set(ws, true);
    this.sockets.add(ws);
    ws.on("pong", () => this.alive.set(ws, true));
    ws.on("close", () => this.sockets.delete(ws));
  }

  get size(): number {
    return this.sockets.size;
  }

  private beat(): void {
    for (const ws of this.sockets) {
      if (this.alive.get(ws) !== true) {
        ws.terminate();
        this.sockets.delete(ws);
        continue;
      }
      this.alive.set(ws, false);
      try {
        ws.ping();
      } catch {
        ws.terminate();
      }
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

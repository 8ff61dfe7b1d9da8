/**
 * The dead-man switch behind POST /v1/heartbeats. A key starts a chain with its first heartbeat;
 * once started, a gap longer than the timeout fires `onExpired(apiKey, address)` (the operator
 * cancels every open order of the address) and ends the chain, so the next heartbeat starts a
 * new one. Keys that never heartbeat are never touched.
 */
import { randomUUID } from "node:crypto";

import { ApiError } from "../errors.js";

interface Chain {
  readonly address: string;
  heartbeatId: string;
  lastMs: number;
}

export class Heartbeats {
  private readonly chains = new Map<string, Chain>();

  constructor(
    readonly timeoutMs: number,
    private readonly onExpired: (apiKey: string, address: string) => Promise<void>,
  ) {}

  /**
   * Records a heartbeat and returns the id to send with the next one. `previousId` null starts
   * (or restarts) the chain; otherwise it must be the id this key got last.
   */
  beat(apiKey: string, address: string, previousId: string | null, nowMs = Date.now()): string {
    const chain = this.chains.get(apiKey);
    if (previousId !== null && chain && chain.heartbeatId !== previousId)
      throw new ApiError(
        "INVALID_REQUEST",
        `heartbeat_id ${previousId} is not this key's latest (send the id the last heartbeat returned, or null to restart)`,
      );
    const heartbeatId = randomUUID();
    this.chains.set(apiKey, { address, heartbeatId, lastMs: nowMs });
    return heartbeatId;
  }

  /** Whether the key has a running chain (it heartbeated and has not expired since). */
  active(apiKey: string): boolean {
    return this.chains.has(apiKey);
  }

  /** Expires every chain silent for longer than the timeout; returns how many expired. */
  async sweep(nowMs = Date.now()): Promise<number> {
    const expired = [...this.chains.entries()].filter(([, chain]) => nowMs - chain.lastMs > this.timeoutMs);
    for (const [apiKey, chain] of expired) {
      this.chains.delete(apiKey);
      await this.onExpired(apiKey, chain.address);
    }
    return expired.length;
  }

  forget(apiKey: string): void {
    this.chains.delete(apiKey);
  }
}

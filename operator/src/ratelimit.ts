/**
 * Token buckets per key: `perSecond` sustained, `burst` at once. Used per client address (before
 * any work on a request), per maker (only after the maker's signature is verified, so nobody can
 * spend someone else's budget) and per WebSocket.
 */
import { ApiError } from "./errors.js";

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {}

  /** Takes `cost` tokens; false when the key is over its limit. */
  take(key: string, cost = 1, nowMs = Date.now()): boolean {
    const bucket = this.refill(key, nowMs);
    if (bucket.tokens < cost) return false;
    bucket.tokens -= cost;
    return true;
  }

  /** Whole seconds until `cost` tokens are available for `key` (at least 1). */
  retryAfterSeconds(key: string, cost = 1, nowMs = Date.now()): number {
    const bucket = this.refill(key, nowMs);
    return Math.max(1, Math.ceil((cost - bucket.tokens) / this.perSecond));
  }

  private refill(key: string, nowMs: number): { tokens: number; at: number } {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: this.burst, at: nowMs };
      this.buckets.set(key, bucket);
      if (this.buckets.size > 100_000) this.prune(nowMs);
    }
    bucket.tokens = Math.min(this.burst, bucket.tokens + (Math.max(0, nowMs - bucket.at) / 1000) * this.perSecond);
    bucket.at = nowMs;
    return bucket;
  }

  private prune(nowMs: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((nowMs - bucket.at) / 1000) * this.perSecond >= this.burst) this.buckets.delete(key);
    }
  }
}

/** 429 RATE_LIMITED, carrying the Retry-After the response sends. */
export class RateLimitedError extends ApiError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super("RATE_LIMITED", message);
  }
}

/** Takes one token for `key` or throws RateLimitedError naming `who`. */
export function takeOrThrow(limiter: RateLimiter, key: string, who: string): void {
  if (!limiter.take(key))
    throw new RateLimitedError(`too many requests for ${who}: slow down`, limiter.retryAfterSeconds(key));
}

/**
 * The cheap per-client-address request limit, applied first in the HTTP listener (before CORS,
 * body reads, parsing or signatures): a flood from one address gets 429 with Retry-After and
 * costs one map lookup per request.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

import { RateLimiter } from "../ratelimit.js";
import { clientAddress } from "./client.js";

export interface IpRateLimit {
  readonly perSecond: number;
  readonly burst: number;
}

export class IpGate {
  private readonly limiter: RateLimiter;

  constructor(readonly limit: IpRateLimit) {
    this.limiter = new RateLimiter(limit.perSecond, limit.burst);
  }

  /** True when the request may go on; otherwise it has been answered with 429. */
  admit(req: IncomingMessage, res: ServerResponse, nowMs = Date.now()): boolean {
    const address = clientAddress(req);
    if (this.limiter.take(address, 1, nowMs)) return true;
    const retryAfter = this.limiter.retryAfterSeconds(address, 1, nowMs);
    const body = JSON.stringify({
      error: "RATE_LIMITED",
      message: `too many requests from ${address}: at most ${this.limit.perSecond} per second (burst ${this.limit.burst})`,
    });
    res.writeHead(429, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
      "retry-after": String(retryAfter),
      // The body is not read: close the connection rather than drain a flood.
      connection: "close",
    });
    res.end(body);
    return false;
  }
}

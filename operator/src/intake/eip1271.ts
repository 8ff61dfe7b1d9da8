/**
 * EIP-1271 checks that no client can turn into unbounded node work. A contract wallet's
 * `isValidSignature` is arbitrary code, so every check is:
 * - capped in gas (`gasCap`, passed to `eth_call`), so a wallet that loops stops there;
 * - capped in time (`timeoutMs`): a slow answer counts as invalid;
 * - cached per (wallet, digest, signature) for `cacheTtlMs`, so a replayed order costs nothing;
 * - limited per wallet (`maxInFlightPerWallet`) and overall (`maxInFlight`): past either, the
 *   request is refused with 429 and `Retry-After` before any `eth_call`;
 * - and a wallet whose check ran out of gas, reverted with no answer or timed out is refused
 *   outright for `penaltyMs` (its later checks would cost the node the same again).
 */
import type { Address, Hex } from "viem";

import { RateLimitedError } from "../ratelimit.js";

/** What one check returns: a verdict, or that the wallet failed to answer (out of gas, revert, timeout). */
export type ContractCheck = (wallet: Address, digest: Hex, signature: Hex, gas: bigint) => Promise<boolean | "failed">;

export interface Eip1271Limits {
  readonly gasCap: bigint;
  readonly timeoutMs: number;
  readonly cacheTtlMs: number;
  readonly maxCacheEntries: number;
  readonly maxInFlightPerWallet: number;
  readonly maxInFlight: number;
  readonly penaltyMs: number;
}

export const DEFAULT_EIP1271_LIMITS: Eip1271Limits = {
  gasCap: 100_000n,
  timeoutMs: 2_000,
  cacheTtlMs: 30_000,
  maxCacheEntries: 10_000,
  maxInFlightPerWallet: 2,
  maxInFlight: 16,
  penaltyMs: 60_000,
};

export class BoundedContractVerifier {
  private readonly cache = new Map<string, { valid: boolean; untilMs: number }>();
  private readonly inFlight = new Map<string, number>();
  private readonly penalised = new Map<string, number>();
  private total = 0;
  /** `eth_call`s actually made (for tests and metrics). */
  calls = 0;

  constructor(
    private readonly check: ContractCheck,
    readonly limits: Eip1271Limits = DEFAULT_EIP1271_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether `wallet` accepts `signature` for `digest`; throws RateLimitedError past a limit. */
  async verify(wallet: Address, digest: Hex, signature: Hex): Promise<boolean> {
    const nowMs = this.now();
    const who = wallet.toLowerCase();
    const key = `${who}|${digest.toLowerCase()}|${signature.toLowerCase()}`;
    const cached = this.cache.get(key);
    if (cached && cached.untilMs > nowMs) return cached.valid;
    const penaltyUntil = this.penalised.get(who);
    if (penaltyUntil !== undefined) {
      if (penaltyUntil > nowMs) return false;
      this.penalised.delete(who);
    }
    const mine = this.inFlight.get(who) ?? 0;
    if (mine >= this.limits.maxInFlightPerWallet)
      throw new RateLimitedError(`too many EIP-1271 checks in flight for wallet ${who}: retry shortly`, 1);
    if (this.total >= this.limits.maxInFlight)
      throw new RateLimitedError("too many EIP-1271 checks in flight: retry shortly", 1);

    this.inFlight.set(who, mine + 1);
    this.total++;
    this.calls++;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<"failed">((resolve) => {
        timer = setTimeout(() => resolve("failed"), this.limits.timeoutMs);
      });
      const verdict = await Promise.race([
        this.check(wallet, digest, signature, this.limits.gasCap).catch((): "failed" => "failed"),
        timeout,
      ]);
      if (verdict === "failed") {
        this.penalised.set(who, this.now() + this.limits.penaltyMs);
        return false;
      }
      this.remember(key, verdict);
      return verdict;
    } finally {
      clearTimeout(timer);
      this.total--;
      const left = (this.inFlight.get(who) ?? 1) - 1;
      if (left === 0) this.inFlight.delete(who);
      else this.inFlight.set(who, left);
    }
  }

  private remember(key: string, valid: boolean): void {
    if (this.cache.size >= this.limits.maxCacheEntries) {
      // Oldest first (Map keeps insertion order): drop a tenth to amortise the sweep.
      let drop = Math.ceil(this.limits.maxCacheEntries / 10);
      for (const k of this.cache.keys()) {
        if (drop-- <= 0) break;
        this.cache.delete(k);
      }
    }
    this.cache.set(key, { valid, untilMs: this.now() + this.limits.cacheTtlMs });
  }
}

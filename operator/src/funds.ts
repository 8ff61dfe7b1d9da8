/**
 * Makers' balances, allowances and nonces as the exchange will see them, cached and refreshed
 * from chain events. What the operator has already committed of them to open and settling
 * orders is the order ledger's (core/ledger.ts).
 */
import type { Address } from "viem";

import type { ChainReader } from "./chain/chain.js";

import { COLLATERAL, type AssetKey } from "./core/ledger.js";

export { COLLATERAL, type AssetKey };

interface Holding {
  balance: bigint;
  allowance: bigint;
}

const UNLIMITED = (1n << 256n) - 1n;

export class Funds {
  private readonly holdings = new Map<string, Holding>();
  private readonly loading = new Map<string, Promise<Holding>>();
  private readonly nonces = new Map<string, bigint>();
  private readonly nonceLoading = new Map<string, Promise<bigint>>();
  private readonly keysByMaker = new Map<string, Set<string>>();
  /** Bumped on every invalidation so an in-flight load that started earlier is not cached. */
  private generation = 0;

  constructor(private readonly chain: ChainReader) {}

  private static key(maker: string, asset: AssetKey): string {
    return `${maker.toLowerCase()}|${asset}`;
  }

  async holding(maker: Address, asset: AssetKey): Promise<Holding> {
    const key = Funds.key(maker, asset);
    const cached = this.holdings.get(key);
    if (cached) return cached;
    let pending = this.loading.get(key);
    if (!pending) {
      const generation = this.generation;
      pending = (async (): Promise<Holding> => {
        const holding =
          asset === COLLATERAL
            ? await this.chain.collateralBalance(maker)
            : await this.chain
                .tokenBalance(maker, BigInt(asset))
                .then((t) => ({ balance: t.balance, allowance: t.approved ? UNLIMITED : 0n }));
        if (generation === this.generation) {
          this.holdings.set(key, holding);
          let keys = this.keysByMaker.get(maker.toLowerCase());
          if (!keys) this.keysByMaker.set(maker.toLowerCase(), (keys = new Set()));
          keys.add(key);
        }
        return holding;
      })().finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  /** Forgets a maker's cached holdings (after a transfer, approval or settlement touching them). */
  invalidate(maker: string): void {
    this.generation++;
    const keys = this.keysByMaker.get(maker.toLowerCase());
    if (!keys) return;
    for (const key of keys) this.holdings.delete(key);
    this.keysByMaker.delete(maker.toLowerCase());
  }

  async nonce(maker: Address): Promise<bigint> {
    const key = maker.toLowerCase();
    const cached = this.nonces.get(key);
    if (cached !== undefined) return cached;
    let pending = this.nonceLoading.get(key);
    if (!pending) {
      pending = this.chain
        .nonce(maker)
        .then((nonce) => {
          if (!this.nonces.has(key)) this.nonces.set(key, nonce);
          return this.nonces.get(key) ?? nonce;
        })
        .finally(() => this.nonceLoading.delete(key));
      this.nonceLoading.set(key, pending);
    }
    return pending;
  }

  setNonce(maker: string, nonce: bigint): void {
    this.nonces.set(maker.toLowerCase(), nonce);
  }
}

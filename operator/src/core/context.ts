/**
 * The operator's state owners and ports, built once and handed to every lifecycle stage
 * (submit, cancel, chain events, settlement outcomes, recovery). Stages are functions over this
 * context; they call each other's exports, never a shared `this`.
 *
 *   ledger  tracked orders, reservations, in-flight shares, sequence numbers, known hashes
 *   engine  the books (price-time priority, matching)
 *   feed    what the public sees of the books (levels, last trade, price changes)
 *   markets the traded markets and their rules
 *   funds   makers' balances, allowances and nonces as cached from chain
 */
import { exchangeDomain, OrderHasher, type SignedOrder } from "@forkcast/shared";
import type { Hex } from "viem";

import { Bus } from "../bus.js";
import type { ChainReader } from "../chain/chain.js";
import type { Config } from "../config.js";
import type { SettlementRow, Store, TradeRow } from "../db/store.js";
import { MatchingEngine } from "../engine/engine.js";
import { Funds } from "../funds.js";
import { recoverAddress } from "../intake/signature.js";
import type { Logger } from "../log.js";
import { MarketRegistry } from "../markets.js";
import { DurableState } from "../db/durable.js";
import { BoundedContractVerifier } from "../intake/eip1271.js";
import { RateLimiter } from "../ratelimit.js";
import { MarketFeed } from "./feed.js";
import { OrderLedger } from "./ledger.js";
import { Outbox } from "./outbox.js";

export interface SettlementPlan {
  readonly row: SettlementRow;
  readonly trades: TradeRow[];
}

/** What the stages need of the settler. */
export interface SettlerHandle {
  kick(): void;
  track(plan: SettlementPlan): void;
}

export interface SignatureVerifier {
  /** Digest of the order and whether it carries a valid EOA signature by order.signer. */
  verifyEoa(order: SignedOrder): Promise<{ hash: Hex; valid: boolean }>;
}

/** Checks signatures on the main thread (tests, or OPERATOR_SIGNATURE_WORKERS=0). */
export class InlineVerifier implements SignatureVerifier {
  constructor(private readonly hasher: OrderHasher) {}
  verifyEoa(order: SignedOrder): Promise<{ hash: Hex; valid: boolean }> {
    const digest = this.hasher.hashBytes(order);
    const recovered = recoverAddress(digest, order.signature);
    const hash = `0x${Buffer.from(digest).toString("hex")}` as Hex;
    return Promise.resolve({ hash, valid: recovered === order.signer.toLowerCase() });
  }
}

export interface Core {
  readonly config: Config;
  readonly store: Store;
  readonly chain: ChainReader;
  readonly log: Logger;
  readonly engine: MatchingEngine;
  readonly markets: MarketRegistry;
  readonly bus: Bus;
  readonly hasher: OrderHasher;
  readonly funds: Funds;
  readonly ledger: OrderLedger;
  readonly feed: MarketFeed;
  readonly limiter: RateLimiter;
  /** Intake state that must survive restarts (chain cancels, used cancels, failure counts). */
  readonly durable: DurableState;
  /** EIP-1271 checks bounded in gas, time, concurrency and repeats (intake/eip1271.ts). */
  readonly contractSignatures: BoundedContractVerifier;
  settler: SettlerHandle | undefined;
  verifier: SignatureVerifier;
}

export function createCore(config: Config, store: Store, chain: ChainReader, log: Logger): Core {
  const engine = new MatchingEngine();
  const markets = new MarketRegistry();
  const bus = new Bus();
  const hasher = new OrderHasher(
    exchangeDomain(config.chainId, chain.book.exchange, config.domainName, config.domainVersion),
  );
  return {
    config,
    store,
    chain,
    log,
    engine,
    markets,
    bus,
    hasher,
    funds: new Funds(chain),
    ledger: new OrderLedger(store),
    feed: new MarketFeed(engine, markets, bus),
    limiter: new RateLimiter(config.rateLimit.perSecond, config.rateLimit.burst),
    durable: new DurableState(store.db),
    contractSignatures: new BoundedContractVerifier((wallet, digest, signature, gas) =>
      chain.isValidContractSignature(wallet, digest, signature, gas),
    ),
    settler: undefined,
    verifier: new InlineVerifier(hasher),
  };
}

/** A fresh outbox for one change. */
export function outbox(core: Core): Outbox {
  return new Outbox(core.bus, core.feed);
}

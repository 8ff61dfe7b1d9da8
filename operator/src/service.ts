/**
 * The operator's core: intake → engine → storage → settlement, plus the state the API reads.
 *
 * Ordering rule: everything that changes the book happens synchronously between two awaits, in
 * arrival order, and is appended to the order log (book_events) with a sequence number. The
 * resulting rows are group-committed before the caller gets an answer and before the settler
 * may send anything, so an acknowledged order is never lost and a match is never sent twice.
 */
import {
  cancelDomain,
  CANCEL_TYPES,
  formatUnits6,
  OrderHasher,
  Side,
  SignatureType,
  exchangeDomain,
  type SignedOrder,
} from "@forkcast/shared";
import { hashTypedData, hexToBytes, type Address, type Hex } from "viem";

import { Bus, type Message } from "./bus.js";
import type { ChainReader, DecodedEvent } from "./chain/chain.js";
import type { Config } from "./config.js";
import type { MarketsFile } from "./config.js";
import type { OrderRow, OrderStatus, SettlementRow, Store, TradeRow, TradeStatus } from "./db/store.js";
import { MarketFeed } from "./core/feed.js";
import { assetOf, COLLATERAL, needFor, OrderLedger, type TrackedOrder } from "./core/ledger.js";
import { MatchingEngine } from "./engine/engine.js";
import type { EngineOrder, Fill, SubmitResult } from "./engine/types.js";
import { ApiError } from "./errors.js";
import { Funds } from "./funds.js";
import type { CancelBody, PostOrderBody } from "./intake/schema.js";
import { toSignedOrder } from "./intake/schema.js";
import { recoverAddress } from "./intake/signature.js";
import { checkOrder } from "./intake/validate.js";
import type { Logger } from "./log.js";
import { MarketRegistry, type Market } from "./markets.js";
import { RateLimiter, takeOrThrow } from "./ratelimit.js";
import { DurableState } from "./db/durable.js";

/** Cancels signed more than this long ago (or ahead) are refused. */
export const CANCEL_VALIDITY_SECONDS = 300;
/** An order involved in this many failed settlements is dropped instead of restored. */
export const MAX_SETTLEMENT_FAILURES = 2;

export interface OrderResult {
  success: true;
  errorMsg: "";
  orderID: Hex;
  status: "live" | "matched" | "unmatched";
  makingAmount: string;
  takingAmount: string;
  transactionsHashes: Hex[];
}

export interface SettlementPlan {
  readonly row: SettlementRow;
  readonly trades: TradeRow[];
}

export interface SettlerHandle {
  kick(): void;
  track(plan: SettlementPlan): void;
}

export interface SignatureVerifier {
  /** Digest of the order and whether it carries a valid EOA signature by order.signer. */
  verifyEoa(order: SignedOrder): Promise<{ hash: Hex; valid: boolean }>;
}

export class InlineVerifier implements SignatureVerifier {
  constructor(private readonly hasher: OrderHasher) {}
  verifyEoa(order: SignedOrder): Promise<{ hash: Hex; valid: boolean }> {
    const digest = this.hasher.hashBytes(order);
    const recovered = recoverAddress(digest, order.signature);
    const hash = `0x${Buffer.from(digest).toString("hex")}` as Hex;
    return Promise.resolve({ hash, valid: recovered === order.signer.toLowerCase() });
  }
}

/** Status of an order dropped for `reason`: cancelled by the maker's own chain action, expired, or invalid. */
function dropStatus(reason: string): OrderStatus {
  if (reason === "EXPIRED") return "EXPIRED";
  if (reason === "FILLED_OR_CANCELLED_ONCHAIN" || reason === "NONCE_INCREMENTED") return "CANCELED";
  return "INVALID";
}

export class OperatorService {
  readonly engine = new MatchingEngine();
  readonly markets = new MarketRegistry();
  readonly bus = new Bus();
  readonly hasher: OrderHasher;
  readonly funds: Funds;
  readonly ledger: OrderLedger;
  readonly durable: DurableState;
  readonly feed: MarketFeed;
  private readonly limiter: RateLimiter;
  settler: SettlerHandle | undefined;
  verifier: SignatureVerifier;

  constructor(
    readonly config: Config,
    readonly store: Store,
    readonly chain: ChainReader,
    readonly log: Logger,
  ) {
    this.hasher = new OrderHasher(
      exchangeDomain(config.chainId, chain.book.exchange, config.domainName, config.domainVersion),
    );
    this.funds = new Funds(chain);
    this.ledger = new OrderLedger(store);
    this.durable = new DurableState(store.db);
    this.feed = new MarketFeed(this.engine, this.markets, this.bus);
    this.limiter = new RateLimiter(config.rateLimit.perSecond, config.rateLimit.burst);
    this.verifier = new InlineVerifier(this.hasher);
  }

  // ================================================================== startup / recovery

  /** Loads markets, rebuilds the book from stored live orders, and returns unfinished settlements. */
  async recover(nowSeconds: number): Promise<{ settlements: SettlementPlan[]; dropped: number }> {
    for (const row of await this.store.markets()) this.markets.add(MarketRegistry.fromRow(row));
    this.ledger.resume({
      seq: await this.store.maxSeq(),
      settlementId: await this.store.maxSettlementId(),
      knownHashes: (await this.store.db.query<{ hash: string }>("SELECT hash FROM orders")).map((row) => row.hash),
    });

    // Unfinished settlements: their shares are in flight for every order involved.
    const open = await this.store.settlementsByStatus(["PENDING", "SENT", "MINED"]);
    const plans: SettlementPlan[] = [];
    const inflightOrders = new Set<string>();
    for (const row of open) {
      const trades = await this.store.tradesOfSettlement(row.id);
      plans.push({ row, trades });
      for (const trade of trades) {
        inflightOrders.add(trade.taker_hash);
        inflightOrders.add(trade.maker_hash);
      }
    }
    const live = await this.store.liveOrders();
    const inflightRows = await this.store.ordersByHashes(
      [...inflightOrders].filter((hash) => !live.some((row) => row.hash === hash)),
    );
    for (const row of [...live, ...inflightRows]) this.ledger.track(row);
    // Durable intake state (chain cancels, failure counts): see db/durable.ts.
    for (const hash of await this.durable.chainCancels()) this.ledger.markCancelledOnChain(hash);
    for (const [hash, failures] of await this.durable.failures()) {
      const tracked = this.ledger.get(hash);
      if (tracked) tracked.failures = failures;
    }
    for (const plan of plans) {
      for (const trade of plan.trades) {
        this.ledger.addInflight(trade.taker_hash, BigInt(trade.shares));
        this.ledger.addInflight(trade.maker_hash, BigInt(trade.shares));
      }
    }

    let dropped = 0;
    for (const row of live) {
      const tracked = this.ledger.get(row.hash);
      if (!tracked) continue;
      const reason = await this.invalidReason(tracked, nowSeconds);
      if (reason) {
        this.finishOrder(tracked, dropStatus(reason), reason, nowSeconds, true);
        dropped++;
        continue;
      }
      this.engine.restore(tracked.template, BigInt(row.remaining));
    }
    await this.store.commit();
    return { settlements: plans, dropped };
  }

  /** Why a stored order can no longer trade, or undefined when it still can. */
  private async invalidReason(tracked: TrackedOrder, nowSeconds: number): Promise<string | undefined> {
    const { row } = tracked;
    if (row.expiration !== 0 && row.expiration <= nowSeconds) return "EXPIRED";
    const market = this.markets.get(row.market_id);
    if (!market?.open) return "MARKET_CLOSED";
    const [status, nonce] = await Promise.all([
      this.chain.orderStatus(row.hash as Hex),
      this.funds.nonce(row.maker as Address),
    ]);
    if (status.isFilledOrCancelled) return "FILLED_OR_CANCELLED_ONCHAIN";
    if (BigInt(row.nonce) !== nonce) return "NONCE_INCREMENTED";
    const holding = await this.funds.holding(row.maker as Address, tracked.asset);
    const reserved = this.ledger.reservedOf(row.maker, tracked.asset);
    if (holding.balance < reserved) return "INSUFFICIENT_BALANCE";
    if (holding.allowance < reserved) return "INSUFFICIENT_ALLOWANCE";
    return undefined;
  }

  // ================================================================== markets

  /** Adds (or updates) a market for a registered token pair; outcome 0 is the condition's index set 1. */
  async upsertMarket(market: Market): Promise<void> {
    const existing = this.markets.get(market.id);
    if (existing) {
      Object.assign(existing, {
        question: market.question,
        tickSize: market.tickSize,
        minSize: market.minSize,
        feeRateBps: market.feeRateBps,
        open: market.open,
      });
      await this.store.upsertMarket(MarketRegistry.toRow(existing));
      return;
    }
    this.markets.add(market);
    await this.store.upsertMarket(MarketRegistry.toRow(market));
  }

  applyMarketsFile(file: MarketsFile): Promise<void>[] {
    return file.map(async (entry) => {
      const market = this.markets.get(entry.conditionId.toLowerCase());
      if (!market) return;
      await this.upsertMarket({
        ...market,
        question: entry.question || market.question,
        tickSize: entry.tickSize ?? market.tickSize,
        minSize: entry.minSize ?? market.minSize,
        feeRateBps: entry.feeRateBps ?? market.feeRateBps,
        open: entry.status ? entry.status === "open" : market.open,
      });
    });
  }

  // ================================================================== intake

  async submitOrder(body: PostOrderBody, nowMs = Date.now()): Promise<OrderResult> {
    const order = toSignedOrder(body.order);
    const nowSeconds = Math.floor(nowMs / 1000);
    const rules = this.markets.rules(order.tokenId);
    const terms = checkOrder(order, body.orderType, body.postOnly, rules, nowSeconds);
    if (!rules) throw new ApiError("TOKEN_NOT_REGISTERED", `token ${order.tokenId} is not traded on this operator`);

    let hash: Hex;
    if (order.signatureType === SignatureType.EOA) {
      const verified = await this.verifier.verifyEoa(order);
      hash = verified.hash;
      if (!verified.valid)
        throw new ApiError(
          "INVALID_SIGNATURE",
          "signature does not recover to the order's signer for this exchange's EIP-712 domain",
        );
    } else {
      hash = this.hasher.hash(order);
      if (!(await this.chain.isValidContractSignature(order.maker, hash, order.signature))) {
        throw new ApiError(
          "INVALID_SIGNATURE",
          "the maker wallet's isValidSignature (EIP-1271) rejected the signature",
        );
      }
    }
    // Only a verified maker spends the maker's budget (the per-address limit ran before any work).
    takeOrThrow(this.limiter, order.maker, order.maker);
    if (this.ledger.isKnown(hash)) throw new ApiError("DUPLICATE_ORDER", `order ${hash} was already submitted`);
    if (this.ledger.isCancelledOnChain(hash))
      throw new ApiError("ORDER_NOT_OPEN", `order ${hash} is cancelled or filled on chain`);

    const asset = assetOf(order.side, order.tokenId.toString());
    const need = needFor(order.side, terms.price, terms.shares);
    const [nonce, holding] = await Promise.all([this.funds.nonce(order.maker), this.funds.holding(order.maker, asset)]);
    if (order.nonce !== nonce)
      throw new ApiError(
        "INVALID_NONCE",
        `nonce must be the maker's current exchange nonce ${nonce} (got ${order.nonce})`,
      );
    // ---- from here to the commit, no await: the book changes atomically in arrival order
    if (this.ledger.isKnown(hash)) throw new ApiError("DUPLICATE_ORDER", `order ${hash} was already submitted`);
    const reserved = this.ledger.reservedOf(order.maker, asset);
    const unit = asset === COLLATERAL ? "collateral" : `token ${asset}`;
    if (holding.balance < reserved + need) {
      throw new ApiError(
        "INSUFFICIENT_BALANCE",
        `${unit} balance ${holding.balance} does not cover open orders (${reserved}) plus this one (${need})`,
      );
    }
    if (holding.allowance < reserved + need) {
      throw new ApiError(
        "INSUFFICIENT_ALLOWANCE",
        `${unit} allowance for the exchange ${holding.allowance} does not cover open orders (${reserved}) plus this one (${need})`,
      );
    }

    const seq = this.ledger.nextSeq();
    const template: EngineOrder = {
      hash,
      marketId: rules.marketId,
      maker: order.maker,
      outcome: rules.outcome,
      side: order.side,
      price: terms.price,
      remaining: terms.shares,
      orderType: body.orderType,
      postOnly: body.postOnly,
      expiration: Number(order.expiration),
      seq,
    };
    const result = this.engine.submit({ ...template }, nowSeconds);
    if (result.status === "rejected") {
      const code =
        result.rejectReason === "POST_ONLY_WOULD_CROSS"
          ? "POST_ONLY_WOULD_CROSS"
          : result.rejectReason === "FOK_NOT_FILLABLE"
            ? "FOK_NOT_FILLABLE"
            : "DUPLICATE_ORDER";
      throw new ApiError(
        code,
        code === "POST_ONLY_WOULD_CROSS"
          ? "post-only order would cross the book"
          : code === "FOK_NOT_FILLABLE"
            ? "fill-or-kill order cannot be filled entirely now"
            : "duplicate order",
      );
    }

    const row: OrderRow = {
      hash,
      seq,
      market_id: rules.marketId,
      maker: order.maker,
      signer: order.signer,
      token_id: order.tokenId.toString(),
      outcome: rules.outcome,
      side: order.side,
      price: terms.price,
      original_shares: terms.shares.toString(),
      remaining: terms.shares.toString(),
      order_type: body.orderType,
      post_only: body.postOnly,
      expiration: Number(order.expiration),
      salt: order.salt.toString(),
      maker_amount: order.makerAmount.toString(),
      taker_amount: order.takerAmount.toString(),
      nonce: order.nonce.toString(),
      fee_rate_bps: Number(order.feeRateBps),
      signature_type: order.signatureType,
      signature: order.signature,
      status: "LIVE",
      status_reason: null,
      created_ms: nowMs,
      updated_ms: nowMs,
    };
    const tracked = this.ledger.accept(row, order, template);

    const publish = this.applyResult(tracked, result, nowMs, nowSeconds);
    await this.store.commit();
    publish();
    if (result.fills.length > 0) this.settler?.kick();

    const status = result.status === "live" ? "live" : result.status === "matched" ? "matched" : "unmatched";
    const filled = result.fills.reduce((sum, fill) => sum + fill.shares, 0n);
    const making = order.side === Side.BUY ? needFor(Side.BUY, terms.price, filled) : filled;
    const taking = order.side === Side.BUY ? filled : needFor(Side.BUY, terms.price, filled);
    return {
      success: true,
      errorMsg: "",
      orderID: hash,
      status,
      makingAmount: making.toString(),
      takingAmount: taking.toString(),
      transactionsHashes: [],
    };
  }

  /**
   * Turns an engine result into row updates, reservations, settlements and trades (all enqueued
   * for the next commit), and returns the function that publishes the WebSocket messages once
   * that commit is done.
   */
  private applyResult(taker: TrackedOrder, result: SubmitResult, nowMs: number, nowSeconds: number): () => void {
    const messages: { user?: string; asset?: string; message: Message }[] = [];
    const marketId = taker.row.market_id;
    const touchedAssets = new Set<string>();
    const market = this.markets.get(marketId);
    if (market) for (const token of market.tokens) touchedAssets.add(token.toString());

    for (const removal of result.removed) {
      const tracked = this.ledger.get(removal.hash);
      if (!tracked) continue;
      const status: OrderStatus = removal.reason === "EXPIRED" ? "EXPIRED" : "CANCELED";
      messages.push(...this.finishOrder(tracked, status, removal.reason, nowSeconds, false, nowMs));
    }

    // Fills: maker rows, in-flight shares, settlements of up to maxMakersPerMatch makers.
    const fills = result.fills;
    let takerFilled = 0n;
    for (let start = 0; start < fills.length; start += this.config.maxMakersPerMatch) {
      const chunk = fills.slice(start, start + this.config.maxMakersPerMatch);
      const id = this.ledger.nextSettlementId();
      const settlement: SettlementRow = {
        id,
        market_id: marketId,
        taker_hash: taker.row.hash,
        match_type: [...new Set(chunk.map((f) => f.type))].join("+"),
        status: "PENDING",
        tx_hash: null,
        tx_nonce: null,
        raw_tx: null,
        attempts: 0,
        block_number: null,
        error: null,
        created_ms: nowMs,
        updated_ms: nowMs,
      };
      const trades: TradeRow[] = chunk.map((fill, index) => this.tradeRow(id, index, fill, nowMs));
      this.store.addSettlement(settlement);
      for (const trade of trades) this.store.addTrade(trade);
      this.settler?.track({ row: settlement, trades });
      for (const fill of chunk) {
        takerFilled += fill.shares;
        const maker = this.ledger.fillMaker(fill.makerHash, fill.shares, nowMs);
        if (maker) {
          messages.push({ user: maker.row.maker, message: this.orderMessage(maker, "UPDATE", nowMs) });
        }
      }
      for (const trade of trades) {
        const message = this.tradeMessage(trade, nowMs);
        messages.push({ user: trade.taker, message }, { user: trade.maker, message });
      }
      messages.push(this.feed.recordTrade(chunk[chunk.length - 1] as Fill, nowMs));
    }

    // Taker row and its own reservation.
    const status: OrderStatus =
      result.status === "live" ? "LIVE" : result.status === "matched" ? "MATCHED" : "UNMATCHED";
    this.ledger.placeTaker(taker, takerFilled, status, nowMs);
    messages.unshift({ user: taker.row.maker, message: this.orderMessage(taker, "PLACEMENT", nowMs) });

    return () => {
      for (const entry of messages) {
        if (entry.user) this.bus.publishUser(entry.user, entry.message);
        if (entry.asset) this.bus.publishMarket(entry.asset, entry.message);
      }
      for (const asset of touchedAssets) this.feed.publishPriceChanges(asset, nowMs);
    };
  }

  private tradeRow(settlementId: number, index: number, fill: Fill, nowMs: number): TradeRow {
    const market = this.markets.get(fill.marketId);
    const token = (outcome: 0 | 1): string => (market ? market.tokens[outcome].toString() : "");
    return {
      id: `${settlementId}:${index}`,
      settlement_id: settlementId,
      market_id: fill.marketId,
      taker_hash: fill.takerHash,
      maker_hash: fill.makerHash,
      taker: fill.taker.toLowerCase(),
      maker: fill.maker.toLowerCase(),
      match_type: fill.type,
      shares: fill.shares.toString(),
      maker_price: fill.makerPrice,
      taker_price: fill.takerPrice,
      maker_token: token(fill.makerOutcome),
      maker_side: fill.makerSide,
      taker_token: token(fill.takerOutcome),
      taker_side: fill.takerSide,
      status: "MATCHED",
      tx_hash: null,
      created_ms: nowMs,
      updated_ms: nowMs,
    };
  }

  /**
   * Takes an order off the book for good (cancel, expiry, invalidity): row status, reservation,
   * log event. Returns the user message; publishes it too when `publishNow`.
   */
  private finishOrder(
    tracked: TrackedOrder,
    status: OrderStatus,
    reason: string,
    nowSeconds: number,
    publishNow: boolean,
    nowMs = Date.now(),
  ): { user: string; message: Message }[] {
    this.engine.cancel(tracked.row.hash as Hex);
    this.ledger.finish(tracked, status, reason, nowSeconds, nowMs);
    const message = {
      user: tracked.row.maker,
      message: { ...this.orderMessage(tracked, "CANCELLATION", nowMs), reason },
    };
    if (publishNow) this.bus.publishUser(message.user, message.message);
    return [message];
  }

  // ================================================================== cancels

  async cancel(
    body: CancelBody,
    nowMs = Date.now(),
  ): Promise<{ canceled: string[]; not_canceled: Record<string, string> }> {
    const nowSeconds = Math.floor(nowMs / 1000);
    const issued = Number(body.timestamp);
    if (Math.abs(nowSeconds - issued) > CANCEL_VALIDITY_SECONDS) {
      throw new ApiError(
        "CANCEL_EXPIRED",
        `cancel timestamp must be within ${CANCEL_VALIDITY_SECONDS} s of the operator's clock (${nowSeconds})`,
      );
    }
    if (body.scope === 0 && body.orderHashes.length === 0)
      throw new ApiError("INVALID_REQUEST", "orderHashes must list at least one order for scope 0");
    const digest = hashTypedData({
      domain: cancelDomain(this.config.chainId, this.chain.book.exchange),
      types: CANCEL_TYPES,
      primaryType: "Cancel",
      message: {
        maker: body.maker,
        scope: body.scope,
        orderHashes: body.orderHashes,
        market: body.market,
        timestamp: body.timestamp,
      },
    });
    const recovered = recoverAddress(hexToBytes(digest), body.signature);
    if (
      recovered !== body.maker &&
      !(await this.chain.isValidContractSignature(body.maker, digest, body.signature as Hex))
    ) {
      throw new ApiError("INVALID_SIGNATURE", "cancel signature does not come from the maker");
    }
    takeOrThrow(this.limiter, body.maker, body.maker);
    // A cancel message is usable once (its digest is kept until its timestamp expires) and
    // reaches only orders created up to its timestamp and before its first use.
    if (!(await this.durable.claimCancel(digest, body.maker, issued + CANCEL_VALIDITY_SECONDS)))
      throw new ApiError("CANCEL_REPLAYED", "this signed cancel was already used: sign a new one");
    const reachUpToMs = Math.min(issued * 1000 + 999, nowMs);
    const canceled: string[] = [];
    const notCanceled: Record<string, string> = {};
    const messages: { user: string; message: Message }[] = [];
    const targets: TrackedOrder[] = [];
    if (body.scope === 0) {
      for (const hash of body.orderHashes) {
        const tracked = this.ledger.get(hash);
        if (!tracked || tracked.row.status !== "LIVE") notCanceled[hash] = "order is not open";
        else if (tracked.row.maker !== body.maker) notCanceled[hash] = "order belongs to another maker";
        else targets.push(tracked);
      }
    } else {
      for (const tracked of this.ledger.all()) {
        if (tracked.row.maker !== body.maker || tracked.row.status !== "LIVE") continue;
        if (tracked.row.created_ms > reachUpToMs) continue;
        if (body.scope === 2 && tracked.row.market_id !== body.market) continue;
        targets.push(tracked);
      }
    }
    for (const tracked of targets) {
      messages.push(...this.finishOrder(tracked, "CANCELED", "CANCELLED_BY_MAKER", nowSeconds, false, nowMs));
      canceled.push(tracked.row.hash);
    }
    await this.store.commit();
    for (const { user, message } of messages) this.bus.publishUser(user, message);
    this.feed.publishMarkets(
      targets.map((t) => t.row.market_id),
      nowMs,
    );
    return { canceled, not_canceled: notCanceled };
  }

  /** Drops open orders for a reason found outside the API (chain event, expiry, funding). */
  async drop(hashes: string[], status: OrderStatus, reason: string, nowMs = Date.now()): Promise<number> {
    const nowSeconds = Math.floor(nowMs / 1000);
    const messages: { user: string; message: Message }[] = [];
    const markets: string[] = [];
    for (const hash of hashes) {
      const tracked = this.ledger.get(hash);
      if (!tracked || tracked.row.status !== "LIVE") continue;
      messages.push(...this.finishOrder(tracked, status, reason, nowSeconds, false, nowMs));
      markets.push(tracked.row.market_id);
    }
    if (messages.length === 0) return 0;
    await this.store.commit();
    for (const { user, message } of messages) this.bus.publishUser(user, message);
    this.feed.publishMarkets(markets, nowMs);
    return messages.length;
  }

  async expireOrders(nowMs = Date.now()): Promise<number> {
    const nowSeconds = Math.floor(nowMs / 1000);
    const expired = [...this.ledger.all()].filter(
      (t) => t.row.status === "LIVE" && t.row.expiration !== 0 && t.row.expiration <= nowSeconds,
    );
    return this.drop(
      expired.map((t) => t.row.hash),
      "EXPIRED",
      "EXPIRED",
      nowMs,
    );
  }

  // ================================================================== chain events

  async onChainEvents(events: DecodedEvent[]): Promise<void> {
    const invalidated = new Set<string>();
    for (const event of events) {
      const args = event.args;
      switch (event.eventName) {
        case "OrderCancelled": {
          const hash = String(args["orderHash"]).toLowerCase();
          await this.durable.recordChainCancel(hash, event.blockNumber);
          this.ledger.markCancelledOnChain(hash);
          await this.drop([hash], "CANCELED", "CANCELLED_ONCHAIN");
          break;
        }
        case "NonceIncremented": {
          const maker = String(args["maker"]).toLowerCase();
          const nonce = BigInt(args["newNonce"] as bigint);
          this.funds.setNonce(maker, nonce);
          const stale = [...this.ledger.all()]
            .filter((t) => t.row.maker === maker && BigInt(t.row.nonce) < nonce)
            .map((t) => t.row.hash);
          await this.drop(stale, "CANCELED", "NONCE_INCREMENTED");
          break;
        }
        case "TokenRegistered":
          await this.onTokenRegistered(
            BigInt(args["token"] as bigint),
            BigInt(args["complement"] as bigint),
            String(args["conditionId"]).toLowerCase() as Hex,
          );
          break;
        case "ConditionResolved":
        case "ConditionResolution": {
          const market = this.markets.get(String(args["conditionId"]).toLowerCase());
          if (market?.open) {
            await this.upsertMarket({ ...market, open: false });
            const hashes = [...this.ledger.all()].filter((t) => t.row.market_id === market.id).map((t) => t.row.hash);
            await this.drop(hashes, "CANCELED", "MARKET_RESOLVED");
          }
          break;
        }
        case "Transfer":
          invalidated.add(String(args["from"]).toLowerCase());
          invalidated.add(String(args["to"]).toLowerCase());
          break;
        case "Approval":
          invalidated.add(String(args["owner"]).toLowerCase());
          break;
        case "TransferSingle":
        case "TransferBatch":
          invalidated.add(String(args["from"]).toLowerCase());
          invalidated.add(String(args["to"]).toLowerCase());
          break;
        case "ApprovalForAll":
          invalidated.add(String(args["owner"] ?? args["account"]).toLowerCase());
          break;
        default:
          break;
      }
    }
    for (const maker of invalidated) this.funds.invalidate(maker);
    await this.checkFunding([...invalidated]);
  }

  /** For makers whose holdings changed: drops their newest open orders until what is left is covered. */
  async checkFunding(makers: string[]): Promise<void> {
    for (const maker of makers) {
      const orders = this.ledger.openOf(maker);
      if (orders.length === 0) continue;
      for (const asset of new Set(orders.map((t) => t.asset))) {
        const holding = await this.funds.holding(maker as Address, asset);
        const newestFirst = orders.filter((t) => t.asset === asset).sort((a, b) => b.row.seq - a.row.seq);
        // Shares already handed to a settlement stay reserved until it is CONFIRMED, but once it is
        // mined the balance no longer holds them: counting them here would drop a funded order.
        // Only what rests on the book is checked against the holding; a settlement whose funds
        // really left fails on chain and takes the failure path (restore or drop with a reason).
        const inflightNeed = [...this.ledger.all()]
          .filter((t) => t.row.maker === maker && t.asset === asset && t.inflight > 0n)
          .reduce((sum, t) => sum + needFor(t.row.side, t.row.price, t.inflight), 0n);
        const restingNeed = () => this.ledger.reservedOf(maker, asset) - inflightNeed;
        const drop: string[] = [];
        let reserved = restingNeed();
        for (const tracked of newestFirst) {
          if (holding.balance >= reserved && holding.allowance >= reserved) break;
          drop.push(tracked.row.hash);
          reserved -= needFor(tracked.row.side, tracked.row.price, BigInt(tracked.row.remaining));
        }
        if (drop.length > 0)
          await this.drop(
            drop,
            "INVALID",
            holding.balance < restingNeed() ? "INSUFFICIENT_BALANCE" : "INSUFFICIENT_ALLOWANCE",
          );
      }
    }
  }

  private async onTokenRegistered(token: bigint, complement: bigint, conditionId: Hex): Promise<void> {
    if (this.markets.get(conditionId) || this.markets.byTokenId(token)) return;
    const yesToken = await this.outcomeZeroToken(conditionId, token, complement);
    await this.upsertMarket({
      id: conditionId,
      question: "",
      tokens: yesToken === token ? [token, complement] : [complement, token],
      tickSize: this.config.defaults.tickSize,
      minSize: this.config.defaults.minSize,
      feeRateBps: this.config.defaults.feeRateBps,
      open: !(await this.chain.isResolved(conditionId).catch(() => false)),
      createdMs: Date.now(),
    });
  }

  /** The position id of index set 1 (outcome 0) of the condition, when the tokens are plain CTF positions. */
  private async outcomeZeroToken(conditionId: Hex, token: bigint, complement: bigint): Promise<bigint> {
    try {
      const client = this.chain.client;
      const ctf = this.chain.book.conditionalTokens;
      const { conditionalTokensAbi } = await import("./chain/abi.js");
      const collectionId = (await client.readContract({
        address: ctf,
        abi: conditionalTokensAbi(),
        functionName: "getCollectionId",
        args: [`0x${"0".repeat(64)}`, conditionId, 1n],
      })) as Hex;
      const positionId = (await client.readContract({
        address: ctf,
        abi: conditionalTokensAbi(),
        functionName: "getPositionId",
        args: [this.chain.book.collateral, collectionId],
      })) as bigint;
      if (positionId === token || positionId === complement) return positionId;
    } catch {
      // not a plain CTF position (e.g. neg-risk adapter): fall back to registration order
    }
    return token < complement ? token : complement;
  }

  // ================================================================== settlement callbacks

  /** Settlement inputs: the signed orders and the fill amounts in each order's maker asset. */
  settlementCall(plan: SettlementPlan): {
    taker: SignedOrder;
    makers: SignedOrder[];
    takerFillAmount: bigint;
    makerFillAmounts: bigint[];
  } {
    const takerTracked = this.ledger.get(plan.row.taker_hash);
    if (!takerTracked) throw new Error(`settlement ${plan.row.id}: taker order ${plan.row.taker_hash} is not tracked`);
    let takerFillAmount = 0n;
    const makers: SignedOrder[] = [];
    const makerFillAmounts: bigint[] = [];
    for (const trade of plan.trades) {
      const maker = this.ledger.get(trade.maker_hash);
      if (!maker) throw new Error(`settlement ${plan.row.id}: maker order ${trade.maker_hash} is not tracked`);
      const shares = BigInt(trade.shares);
      takerFillAmount += needFor(trade.taker_side, trade.taker_price, shares);
      makers.push(maker.signed);
      makerFillAmounts.push(needFor(trade.maker_side, trade.maker_price, shares));
    }
    return { taker: takerTracked.signed, makers, takerFillAmount, makerFillAmounts };
  }

  /** Trade status change driven by the settler (MINED, CONFIRMED); FAILED goes through settlementFailed. */
  settlementProgress(plan: SettlementPlan, status: "MINED" | "CONFIRMED", txHash: Hex, nowMs = Date.now()): void {
    for (const trade of plan.trades) {
      trade.status = status;
      trade.tx_hash = txHash;
      trade.updated_ms = nowMs;
      this.store.updateTrade(trade.id, { status, tx_hash: txHash, updated_ms: nowMs });
      const message = this.tradeMessage(trade, nowMs);
      this.bus.publishUser(trade.taker, message);
      this.bus.publishUser(trade.maker, message);
    }
    if (status === "CONFIRMED") {
      for (const trade of plan.trades) {
        const shares = BigInt(trade.shares);
        for (const hash of [trade.taker_hash, trade.maker_hash]) this.ledger.settled(hash, shares);
        this.funds.invalidate(trade.taker);
        this.funds.invalidate(trade.maker);
      }
    }
  }

  /**
   * A settlement failed (reverted or refused by simulation): its trades become FAILED; each
   * order involved gets its shares back on the book when it is a resting order that is still
   * valid, and is dropped with a reason otherwise.
   */
  async settlementFailed(plan: SettlementPlan, error: string, txHash: Hex | null, nowMs = Date.now()): Promise<void> {
    const nowSeconds = Math.floor(nowMs / 1000);
    const back = new Map<string, bigint>();
    for (const trade of plan.trades) {
      trade.status = "FAILED";
      trade.updated_ms = nowMs;
      this.store.updateTrade(trade.id, { status: "FAILED" as TradeStatus, tx_hash: txHash, updated_ms: nowMs });
      const message = { ...this.tradeMessage(trade, nowMs), reason: error };
      this.bus.publishUser(trade.taker, message);
      this.bus.publishUser(trade.maker, message);
      const shares = BigInt(trade.shares);
      for (const hash of [trade.taker_hash, trade.maker_hash]) back.set(hash, (back.get(hash) ?? 0n) + shares);
    }
    const candidates = [...back.keys()]
      .map((hash) => this.ledger.get(hash))
      .filter((t): t is TrackedOrder => t !== undefined)
      .sort((a, b) => a.row.seq - b.row.seq);
    for (const tracked of candidates) this.ledger.failed(tracked.row.hash, back.get(tracked.row.hash) ?? 0n);
    await Promise.all(candidates.map((t) => this.durable.setFailures(t.row.hash, t.failures)));
    // Decide restore vs drop with fresh chain state.
    for (const tracked of candidates) this.funds.invalidate(tracked.row.maker);
    const publishers: (() => void)[] = [];
    for (const tracked of candidates) {
      const shares = back.get(tracked.row.hash) ?? 0n;
      const resting = tracked.template.orderType === "GTC" || tracked.template.orderType === "GTD";
      let reason: string | undefined = !resting
        ? "SETTLEMENT_FAILED"
        : tracked.failures >= MAX_SETTLEMENT_FAILURES
          ? "REPEATED_SETTLEMENT_FAILURE"
          : undefined;
      if (!reason) {
        this.ledger.reserve(tracked.row.maker, tracked.asset, needFor(tracked.row.side, tracked.row.price, shares));
        reason = await this.invalidReason(tracked, nowSeconds);
        this.ledger.release(tracked.row.maker, tracked.asset, needFor(tracked.row.side, tracked.row.price, shares));
      }
      if (reason) {
        if (tracked.row.status === "LIVE")
          publishers.push(
            ...this.finishOrder(tracked, "INVALID", reason, nowSeconds, false, nowMs).map(
              (m) => () => this.bus.publishUser(m.user, m.message),
            ),
          );
        else {
          this.ledger.dropAfterFailure(tracked, reason, nowMs);
          const message = { ...this.orderMessage(tracked, "CANCELLATION", nowMs), reason };
          publishers.push(() => this.bus.publishUser(tracked.row.maker, message));
        }
        continue;
      }
      // Restore: resubmit open remainder + failed shares at the original priority.
      const result = this.engine.resubmit({ ...tracked.template, remaining: 0n }, shares, nowSeconds);
      this.ledger.restore(tracked, shares, nowSeconds);
      publishers.push(this.applyResult(tracked, result, nowMs, nowSeconds));
    }
    await this.store.commit();
    for (const publish of publishers) publish();
    this.settler?.kick();
  }

  // ================================================================== read model

  bookMessage(tokenId: bigint, _eventType: "book", nowMs = Date.now()): Message {
    return this.feed.bookMessage(tokenId, nowMs);
  }

  bestPrices(tokenId: bigint): { bid: bigint | undefined; ask: bigint | undefined } | undefined {
    return this.feed.bestPrices(tokenId);
  }

  lastTradePrice(tokenId: bigint): { price: string; side: string } | undefined {
    return this.feed.lastTradePrice(tokenId);
  }

  /** Loads the last trade price per market from storage (after a restart). */
  async loadLastTrades(): Promise<void> {
    for (const market of this.markets.all()) {
      const [trade] = await this.store.trades({ market: market.id, limit: 1 });
      if (!trade) continue;
      const yesPrice =
        trade.maker_token === market.tokens[0].toString() ? trade.maker_price : 1_000_000 - trade.maker_price;
      this.feed.restoreLastTrade(market.id, {
        price: yesPrice,
        side: trade.taker_side === 0 ? "BUY" : "SELL",
        size: BigInt(trade.shares),
        at: trade.created_ms,
      });
    }
  }

  orderMessage(tracked: { row: OrderRow }, type: "PLACEMENT" | "UPDATE" | "CANCELLATION", nowMs: number): Message {
    return { event_type: "order", type, ...this.orderView(tracked.row), timestamp: String(nowMs) };
  }

  orderView(row: OrderRow): Record<string, unknown> {
    return {
      id: row.hash,
      status: row.status,
      reason: row.status_reason,
      owner: row.maker,
      maker_address: row.maker,
      market: row.market_id,
      asset_id: row.token_id,
      side: row.side === 0 ? "BUY" : "SELL",
      price: formatUnits6(BigInt(row.price)),
      original_size: formatUnits6(BigInt(row.original_shares)),
      size_matched: formatUnits6(
        BigInt(row.original_shares) -
          BigInt(row.remaining) -
          (row.status === "LIVE" || row.status === "MATCHED" ? 0n : BigInt(row.remaining)),
      ),
      remaining_size: formatUnits6(BigInt(row.remaining)),
      order_type: row.order_type,
      post_only: row.post_only,
      expiration: String(row.expiration),
      created_at: Math.floor(row.created_ms / 1000),
    };
  }

  tradeMessage(trade: TradeRow, nowMs: number): Message {
    return { event_type: "trade", ...this.tradeView(trade), timestamp: String(nowMs) };
  }

  tradeView(trade: TradeRow): Record<string, unknown> {
    return {
      id: trade.id,
      taker_order_id: trade.taker_hash,
      market: trade.market_id,
      asset_id: trade.taker_token,
      side: trade.taker_side === 0 ? "BUY" : "SELL",
      size: formatUnits6(BigInt(trade.shares)),
      price: formatUnits6(
        BigInt(trade.maker_token === trade.taker_token ? trade.maker_price : 1_000_000 - trade.maker_price),
      ),
      match_type: trade.match_type,
      status: trade.status,
      match_time: String(Math.floor(trade.created_ms / 1000)),
      transaction_hash: trade.tx_hash,
      maker_address: trade.maker,
      taker_address: trade.taker,
      maker_orders: [
        {
          order_id: trade.maker_hash,
          maker_address: trade.maker,
          asset_id: trade.maker_token,
          side: trade.maker_side === 0 ? "BUY" : "SELL",
          matched_amount: formatUnits6(BigInt(trade.shares)),
          price: formatUnits6(BigInt(trade.maker_price)),
        },
      ],
    };
  }

  /** In-memory status of tracked orders (the API prefers it over the stored row, which may lag by one commit). */
  trackedRow(hash: string): OrderRow | undefined {
    return this.ledger.get(hash)?.row;
  }
}

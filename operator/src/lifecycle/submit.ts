/**
 * Submit stage: a signed order from the API becomes a tracked order on the book.
 *
 * Checks run cheapest first (rate limit, terms, signature, duplicates, nonce and funds); from
 * the last await to the commit nothing yields, so the book changes atomically in arrival order.
 * The caller gets its answer only after the commit that holds the order and its matches.
 */
import { Side, SignatureType, type SignedOrder } from "@forkcast/shared";
import type { OrderResult, PostOrder } from "@forkcast/shared/protocol";
import type { Hex } from "viem";

import { orderColumns } from "../db/signed-order.js";
import type { OrderRow } from "../db/store.js";
import type { EngineOrder, SubmitResult } from "../engine/types.js";
import { takeOrThrow } from "../ratelimit.js";
import { ApiError } from "../errors.js";
import { checkOrder, type CheckedTerms, type MarketRules } from "../intake/validate.js";
import { outbox, type Core } from "../core/context.js";
import { assetOf, COLLATERAL, needFor } from "../core/ledger.js";
import { applyResult } from "./book-changes.js";

export type { OrderResult };

/** The order's digest once its signature is known to be good (EOA through the verifier, else EIP-1271). */
async function verifiedHash(core: Core, order: SignedOrder): Promise<Hex> {
  if (order.signatureType === SignatureType.EOA) {
    const verified = await core.verifier.verifyEoa(order);
    if (!verified.valid)
      throw new ApiError(
        "INVALID_SIGNATURE",
        "signature does not recover to the order's signer for this exchange's EIP-712 domain",
      );
    return verified.hash;
  }
  const hash = core.hasher.hash(order);
  if (!(await core.contractSignatures.verify(order.maker, hash, order.signature)))
    throw new ApiError("INVALID_SIGNATURE", "the maker wallet's isValidSignature (EIP-1271) rejected the signature");
  return hash;
}

function rejection(result: SubmitResult): ApiError {
  if (result.rejectReason === "POST_ONLY_WOULD_CROSS")
    return new ApiError("POST_ONLY_WOULD_CROSS", "post-only order would cross the book");
  if (result.rejectReason === "FOK_NOT_FILLABLE")
    return new ApiError("FOK_NOT_FILLABLE", "fill-or-kill order cannot be filled entirely now");
  return new ApiError("DUPLICATE_ORDER", "duplicate order");
}

function orderRow(
  hash: Hex,
  seq: number,
  order: SignedOrder,
  body: PostOrder,
  rules: MarketRules,
  terms: CheckedTerms,
  nowMs: number,
): OrderRow {
  return {
    hash,
    seq,
    market_id: rules.marketId,
    ...orderColumns(order),
    outcome: rules.outcome,
    price: terms.price,
    original_shares: terms.shares.toString(),
    remaining: terms.shares.toString(),
    order_type: body.orderType,
    post_only: body.postOnly,
    status: "LIVE",
    status_reason: null,
    created_ms: nowMs,
    updated_ms: nowMs,
  };
}

export async function submitOrder(core: Core, body: PostOrder, nowMs = Date.now()): Promise<OrderResult> {
  const order = body.order;
  const nowSeconds = Math.floor(nowMs / 1000);
  const rules = core.markets.rules(order.tokenId);
  const terms = checkOrder(order, body.orderType, body.postOnly, rules, nowSeconds);
  if (!rules) throw new ApiError("TOKEN_NOT_REGISTERED", `token ${order.tokenId} is not traded on this operator`);

  const hash = await verifiedHash(core, order);
  // Only a verified maker spends the maker's budget (the per-address limit ran before any work).
  takeOrThrow(core.limiter, order.maker, order.maker);
  if (core.ledger.isKnown(hash)) throw new ApiError("DUPLICATE_ORDER", `order ${hash} was already submitted`);
  if (core.ledger.isCancelledOnChain(hash))
    throw new ApiError("ORDER_NOT_OPEN", `order ${hash} is cancelled or filled on chain`);

  const asset = assetOf(order.side, order.tokenId.toString());
  const need = needFor(order.side, terms.price, terms.shares);
  const [nonce, holding] = await Promise.all([core.funds.nonce(order.maker), core.funds.holding(order.maker, asset)]);
  if (order.nonce !== nonce)
    throw new ApiError(
      "INVALID_NONCE",
      `nonce must be the maker's current exchange nonce ${nonce} (got ${order.nonce})`,
    );
  // ---- from here to the commit, no await: the book changes atomically in arrival order
  if (core.ledger.isKnown(hash)) throw new ApiError("DUPLICATE_ORDER", `order ${hash} was already submitted`);
  const reserved = core.ledger.reservedOf(order.maker, asset);
  const unit = asset === COLLATERAL ? "collateral" : `token ${asset}`;
  if (holding.balance < reserved + need)
    throw new ApiError(
      "INSUFFICIENT_BALANCE",
      `${unit} balance ${holding.balance} does not cover open orders (${reserved}) plus this one (${need})`,
    );
  if (holding.allowance < reserved + need)
    throw new ApiError(
      "INSUFFICIENT_ALLOWANCE",
      `${unit} allowance for the exchange ${holding.allowance} does not cover open orders (${reserved}) plus this one (${need})`,
    );

  const seq = core.ledger.nextSeq();
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
  const result = core.engine.submit({ ...template }, nowSeconds);
  if (result.status === "rejected") throw rejection(result);

  const tracked = core.ledger.accept(orderRow(hash, seq, order, body, rules, terms, nowMs));
  const out = outbox(core);
  applyResult(core, tracked, result, nowMs, nowSeconds, out);
  await core.store.commit();
  out.publish(nowMs);
  if (result.fills.length > 0) core.settler?.kick();

  const filled = result.fills.reduce((sum, fill) => sum + fill.shares, 0n);
  const making = order.side === Side.BUY ? needFor(Side.BUY, terms.price, filled) : filled;
  const taking = order.side === Side.BUY ? filled : needFor(Side.BUY, terms.price, filled);
  return {
    success: true,
    errorMsg: "",
    orderID: hash,
    status: result.status,
    makingAmount: making.toString(),
    takingAmount: taking.toString(),
    transactionsHashes: [],
  };
}

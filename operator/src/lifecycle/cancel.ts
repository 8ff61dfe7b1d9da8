/**
 * Cancel stage: orders leave the book at the maker's signed request (EIP-712 `Cancel`), or for
 * a reason found outside the API (a chain event, expiry, lost funding). Either way the rows are
 * committed before anyone hears about it.
 */
import { cancelDomain, CANCEL_TYPES } from "@forkcast/shared";
import type { CancelBody, CancelResponse } from "@forkcast/shared/protocol";
import { hashTypedData, hexToBytes, type Hex } from "viem";

import type { OrderStatus } from "../db/store.js";
import { takeOrThrow } from "../ratelimit.js";
import { ApiError } from "../errors.js";
import { recoverAddress } from "../intake/signature.js";
import { outbox, type Core } from "../core/context.js";
import type { TrackedOrder } from "../core/ledger.js";
import { takeOff } from "./book-changes.js";

/** Cancels signed more than this long ago (or ahead) are refused. */
export const CANCEL_VALIDITY_SECONDS = 300;

export type CancelResult = CancelResponse;

/** The EIP-712 digest the maker signs to cancel (the exchange's cancel domain). */
export function cancelDigest(chainId: number, exchange: Hex, body: CancelBody): Hex {
  return hashTypedData({
    domain: cancelDomain(chainId, exchange),
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
}

/** The maker's open orders a cancel reaches: the listed ones (scope 0), all (1) or all in a market (2) placed up to `reachUpToMs` (its timestamp, or its first use if earlier). */
function targetsOf(
  core: Core,
  body: CancelBody,
  reachUpToMs: number,
): { targets: TrackedOrder[]; refused: Record<string, string> } {
  const targets: TrackedOrder[] = [];
  const refused: Record<string, string> = {};
  if (body.scope === 0) {
    for (const hash of body.orderHashes) {
      const tracked = core.ledger.get(hash);
      if (!tracked || tracked.row.status !== "LIVE") refused[hash] = "order is not open";
      else if (tracked.row.maker !== body.maker) refused[hash] = "order belongs to another maker";
      else targets.push(tracked);
    }
    return { targets, refused };
  }
  for (const tracked of core.ledger.all()) {
    if (tracked.row.maker !== body.maker || tracked.row.status !== "LIVE") continue;
    if (tracked.row.created_ms > reachUpToMs) continue;
    if (body.scope === 2 && tracked.row.market_id !== body.market) continue;
    targets.push(tracked);
  }
  return { targets, refused };
}

export async function cancel(core: Core, body: CancelBody, nowMs = Date.now()): Promise<CancelResult> {
  const nowSeconds = Math.floor(nowMs / 1000);
  const issued = Number(body.timestamp);
  if (Math.abs(nowSeconds - issued) > CANCEL_VALIDITY_SECONDS)
    throw new ApiError(
      "CANCEL_EXPIRED",
      `cancel timestamp must be within ${CANCEL_VALIDITY_SECONDS} s of the operator's clock (${nowSeconds})`,
    );
  if (body.scope === 0 && body.orderHashes.length === 0)
    throw new ApiError("INVALID_REQUEST", "orderHashes must list at least one order for scope 0");
  const digest = cancelDigest(core.config.chainId, core.chain.book.exchange, body);
  const recovered = recoverAddress(hexToBytes(digest), body.signature);
  if (recovered !== body.maker && !(await core.contractSignatures.verify(body.maker, digest, body.signature as Hex)))
    throw new ApiError("INVALID_SIGNATURE", "cancel signature does not come from the maker");
  takeOrThrow(core.limiter, body.maker, body.maker);
  // A cancel message is usable once (its digest is kept until its timestamp expires) and
  // reaches only orders created up to its timestamp and before its first use.
  if (!(await core.durable.claimCancel(digest, body.maker, issued + CANCEL_VALIDITY_SECONDS)))
    throw new ApiError("CANCEL_REPLAYED", "this signed cancel was already used: sign a new one");

  const { targets, refused } = targetsOf(core, body, Math.min(issued * 1000 + 999, nowMs));
  const out = outbox(core);
  for (const tracked of targets) {
    takeOff(core, tracked, "CANCELED", "CANCELLED_BY_MAKER", nowSeconds, nowMs, out);
    out.touchMarket(tracked.row.market_id);
  }
  await core.store.commit();
  out.publish(nowMs);
  return { canceled: targets.map((t) => t.row.hash), not_canceled: refused };
}

/** Drops open orders for a reason found outside the API (chain event, expiry, funding); returns how many. */
export async function drop(
  core: Core,
  hashes: Iterable<string>,
  status: OrderStatus,
  reason: string,
  nowMs = Date.now(),
): Promise<number> {
  const nowSeconds = Math.floor(nowMs / 1000);
  const out = outbox(core);
  let dropped = 0;
  for (const hash of hashes) {
    const tracked = core.ledger.get(hash);
    if (!tracked || tracked.row.status !== "LIVE") continue;
    takeOff(core, tracked, status, reason, nowSeconds, nowMs, out);
    out.touchMarket(tracked.row.market_id);
    dropped++;
  }
  if (dropped === 0) return 0;
  await core.store.commit();
  out.publish(nowMs);
  return dropped;
}

/** Drops every open order whose expiration has passed. */
export function expireOrders(core: Core, nowMs = Date.now()): Promise<number> {
  const nowSeconds = Math.floor(nowMs / 1000);
  const expired = [...core.ledger.all()]
    .filter((t) => t.row.status === "LIVE" && t.row.expiration !== 0 && t.row.expiration <= nowSeconds)
    .map((t) => t.row.hash);
  return drop(core, expired, "EXPIRED", "EXPIRED", nowMs);
}

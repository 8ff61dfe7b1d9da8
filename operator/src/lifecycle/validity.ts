/** Whether a stored or restored order can still trade, checked against the clock, its market and the chain. */
import type { Address, Hex } from "viem";

import type { Core } from "../core/context.js";
import type { TrackedOrder } from "../core/ledger.js";

/** Why a tracked order can no longer trade, or undefined when it still can. */
export async function invalidReason(
  core: Core,
  tracked: TrackedOrder,
  nowSeconds: number,
): Promise<string | undefined> {
  const { row } = tracked;
  if (row.expiration !== 0 && row.expiration <= nowSeconds) return "EXPIRED";
  const market = core.markets.get(row.market_id);
  if (!market?.open) return "MARKET_CLOSED";
  const [status, nonce] = await Promise.all([
    core.chain.orderStatus(row.hash as Hex),
    core.funds.nonce(row.maker as Address),
  ]);
  if (status.isFilledOrCancelled) return "FILLED_OR_CANCELLED_ONCHAIN";
  if (BigInt(row.nonce) !== nonce) return "NONCE_INCREMENTED";
  const holding = await core.funds.holding(row.maker as Address, tracked.asset);
  const reserved = core.ledger.reservedOf(row.maker, tracked.asset);
  if (holding.balance < reserved) return "INSUFFICIENT_BALANCE";
  if (holding.allowance < reserved) return "INSUFFICIENT_ALLOWANCE";
  return undefined;
}

/**
 * Chain-events stage: what the exchange, the collateral and the conditional tokens report
 * changes the book. Cancels and nonce bumps drop the orders they void; a registered token pair
 * becomes a market; a resolved condition closes its market; transfers and approvals refresh the
 * makers' cached holdings and drop their newest orders that are no longer covered.
 */
import type { Address, Hex } from "viem";

import type { DecodedEvent } from "../chain/chain.js";
import type { Core } from "../core/context.js";
import { needFor } from "../core/ledger.js";
import { drop } from "./cancel.js";
import { upsertMarket } from "./markets.js";

const lower = (value: unknown): string => String(value).toLowerCase();

export async function onChainEvents(core: Core, events: readonly DecodedEvent[]): Promise<void> {
  const invalidated = new Set<string>();
  for (const event of events) {
    const args = event.args;
    switch (event.eventName) {
      case "OrderCancelled": {
        const hash = lower(args["orderHash"]);
        core.ledger.markCancelledOnChain(hash);
        await drop(core, [hash], "CANCELED", "CANCELLED_ONCHAIN");
        break;
      }
      case "NonceIncremented": {
        const maker = lower(args["maker"]);
        const nonce = BigInt(String(args["newNonce"]));
        core.funds.setNonce(maker, nonce);
        const stale = [...core.ledger.all()]
          .filter((t) => t.row.maker === maker && BigInt(t.row.nonce) < nonce)
          .map((t) => t.row.hash);
        await drop(core, stale, "CANCELED", "NONCE_INCREMENTED");
        break;
      }
      case "TokenRegistered":
        await onTokenRegistered(
          core,
          BigInt(String(args["token"])),
          BigInt(String(args["complement"])),
          lower(args["conditionId"]) as Hex,
        );
        break;
      case "ConditionResolved":
      case "ConditionResolution": {
        const market = core.markets.get(lower(args["conditionId"]));
        if (market?.open) {
          await upsertMarket(core, { ...market, open: false });
          const hashes = [...core.ledger.all()].filter((t) => t.row.market_id === market.id).map((t) => t.row.hash);
          await drop(core, hashes, "CANCELED", "MARKET_RESOLVED");
        }
        break;
      }
      case "Transfer":
      case "TransferSingle":
      case "TransferBatch":
        invalidated.add(lower(args["from"]));
        invalidated.add(lower(args["to"]));
        break;
      case "Approval":
        invalidated.add(lower(args["owner"]));
        break;
      case "ApprovalForAll":
        invalidated.add(lower(args["owner"] ?? args["account"]));
        break;
      default:
        break;
    }
  }
  for (const maker of invalidated) core.funds.invalidate(maker);
  await checkFunding(core, [...invalidated]);
}

/** For makers whose holdings changed: drops their newest open orders until what is left is covered. */
export async function checkFunding(core: Core, makers: readonly string[]): Promise<void> {
  for (const maker of makers) {
    const orders = core.ledger.openOf(maker);
    if (orders.length === 0) continue;
    for (const asset of new Set(orders.map((t) => t.asset))) {
      const holding = await core.funds.holding(maker as Address, asset);
      const newestFirst = orders.filter((t) => t.asset === asset).sort((a, b) => b.row.seq - a.row.seq);
      // Shares already handed to a settlement stay reserved until it is CONFIRMED, but once it is
      // mined the balance no longer holds them: counting them here would drop a funded order.
      // Only what rests on the book is checked against the holding; a settlement whose funds
      // really left fails on chain and takes the failure path (restore or drop with a reason).
      const inflightNeed = [...core.ledger.all()]
        .filter((t) => t.row.maker === maker && t.asset === asset && t.inflight > 0n)
        .reduce((sum, t) => sum + needFor(t.row.side, t.row.price, t.inflight), 0n);
      const restingNeed = (): bigint => core.ledger.reservedOf(maker, asset) - inflightNeed;
      const hashes: string[] = [];
      let reserved = restingNeed();
      for (const tracked of newestFirst) {
        if (holding.balance >= reserved && holding.allowance >= reserved) break;
        hashes.push(tracked.row.hash);
        reserved -= needFor(tracked.row.side, tracked.row.price, BigInt(tracked.row.remaining));
      }
      if (hashes.length > 0)
        await drop(
          core,
          hashes,
          "INVALID",
          holding.balance < restingNeed() ? "INSUFFICIENT_BALANCE" : "INSUFFICIENT_ALLOWANCE",
        );
    }
  }
}

async function onTokenRegistered(core: Core, token: bigint, complement: bigint, conditionId: Hex): Promise<void> {
  if (core.markets.get(conditionId) || core.markets.byTokenId(token)) return;
  const yesToken = await outcomeZeroToken(core, conditionId, token, complement);
  await upsertMarket(core, {
    id: conditionId,
    question: "",
    tokens: yesToken === token ? [token, complement] : [complement, token],
    tickSize: core.config.defaults.tickSize,
    minSize: core.config.defaults.minSize,
    feeRateBps: core.config.defaults.feeRateBps,
    open: !(await core.chain.isResolved(conditionId).catch(() => false)),
    createdMs: Date.now(),
  });
}

/** The token of index set 1 (outcome 0) when the pair are plain CTF positions; else the lower id (registration order). */
async function outcomeZeroToken(core: Core, conditionId: Hex, token: bigint, complement: bigint): Promise<bigint> {
  const positionId = await core.chain.plainPositionId(conditionId, 1n).catch(() => undefined);
  if (positionId === token || positionId === complement) return positionId;
  return token < complement ? token : complement;
}

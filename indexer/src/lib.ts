/** Small helpers shared by the indexing functions. */
import { PRICE_SCALE, OracleResolution, enumName } from "@forkcast/shared";

/** The parts of a Ponder event that every history row records. */
export interface LoggedEvent {
  transaction: { hash: `0x${string}` };
  log: { logIndex: number };
  block: { number: bigint; timestamp: bigint };
}

/** Row id of a log: unique within the chain. */
export function logId(event: Pick<LoggedEvent, "transaction" | "log">): string {
  return `${event.transaction.hash}-${event.log.logIndex}`;
}

/**
 * A history row of `event` (the table's `logColumns`): its log id, plus `suffix` to tell apart
 * several rows of one log, then `fields`, then the block, time and transaction of the log.
 */
export function logRow<F extends object>(event: LoggedEvent, fields: F, suffix = "") {
  return {
    id: suffix ? `${logId(event)}-${suffix}` : logId(event),
    ...fields,
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  };
}

/** Collateral per token, scaled by PRICE_SCALE, rounded down. Zero size has no price (0). */
export function priceE6(collateral: bigint, size: bigint): bigint {
  return size === 0n ? 0n : (collateral * PRICE_SCALE) / size;
}

/** The trade a fill describes, from the maker's point of view (asset id 0 = collateral). */
export function describeFill(args: {
  makerAssetId: bigint;
  takerAssetId: bigint;
  makerAmountFilled: bigint;
  takerAmountFilled: bigint;
}): { side: "buy" | "sell"; tokenId: bigint; size: bigint; collateral: bigint } {
  if (args.makerAssetId === 0n) {
    return {
      side: "buy",
      tokenId: args.takerAssetId,
      size: args.takerAmountFilled,
      collateral: args.makerAmountFilled,
    };
  }
  return { side: "sell", tokenId: args.makerAssetId, size: args.makerAmountFilled, collateral: args.takerAmountFilled };
}

/** The indexer's name for each way a question was resolved. */
const RESOLUTION_NAMES = {
  Undisputed: "undisputed",
  Arbitrated: "arbitrated",
  Emergency: "emergency",
} as const satisfies Record<keyof typeof OracleResolution, string>;

export function resolutionName(value: number): string {
  const name = enumName(OracleResolution, value);
  return name ? RESOLUTION_NAMES[name] : `unknown(${value})`;
}

export const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
export const ZERO_BYTES32 = "0x0000000000000000000000000000000000000000000000000000000000000000";

export function sameAddress(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

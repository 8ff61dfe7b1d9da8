/**
 * Trade reads keyed by order and by address: what an order has matched (the one source of
 * `size_matched` in every view) and an address's trades with the CLOB filters. Reads only; the
 * store's write queue owns every trade write.
 */
import type { Sql, SqlValue } from "./driver.js";
import type { TradeRow } from "./rows.js";

/** The trades of one order: their ids oldest first, and the shares of those not FAILED. */
export interface OrderTrades {
  readonly ids: string[];
  matched: bigint;
}

/** Trade ids and matched shares (trades not FAILED) per order hash, for the hashes given. */
export async function tradesOfOrders(db: Sql, hashes: readonly string[]): Promise<Map<string, OrderTrades>> {
  const map = new Map<string, OrderTrades>();
  if (hashes.length === 0) return map;
  const wanted = new Set(hashes);
  const rows = await db.query<Pick<TradeRow, "id" | "taker_hash" | "maker_hash" | "shares" | "status">>(
    "SELECT id, taker_hash, maker_hash, shares, status FROM trades WHERE taker_hash = ANY($1::text[]) OR maker_hash = ANY($1::text[]) ORDER BY created_ms, id",
    [[...wanted]],
  );
  for (const row of rows)
    for (const hash of new Set([row.taker_hash, row.maker_hash])) {
      if (!wanted.has(hash)) continue;
      let entry = map.get(hash);
      if (!entry) map.set(hash, (entry = { ids: [], matched: 0n }));
      entry.ids.push(row.id);
      if (row.status !== "FAILED") entry.matched += BigInt(row.shares);
    }
  return map;
}

export interface AddressTradesFilter {
  /** Lower-case address: trades where it is maker or taker. */
  readonly address: string;
  readonly id?: string | undefined;
  readonly market?: string | undefined;
  /** Either side's token. */
  readonly assetId?: string | undefined;
  /** created_ms ≥ afterMs */
  readonly afterMs?: number | undefined;
  /** created_ms < beforeMs */
  readonly beforeMs?: number | undefined;
  readonly offset: number;
  readonly limit: number;
}

/** An address's trades newest first (every status), one page of `limit` from `offset`. */
export function tradesOfAddress(db: Sql, filter: AddressTradesFilter): Promise<TradeRow[]> {
  const params: SqlValue[] = [filter.address];
  let where = "(taker = $1 OR maker = $1)";
  const add = (clause: (n: string) => string, value: string | number): void => {
    params.push(value);
    where += ` AND ${clause(`$${params.length}`)}`;
  };
  if (filter.id) add((n) => `id = ${n}`, filter.id);
  if (filter.market) add((n) => `market_id = ${n}`, filter.market);
  if (filter.assetId) add((n) => `(taker_token = ${n} OR maker_token = ${n})`, filter.assetId);
  if (filter.afterMs !== undefined) add((n) => `created_ms >= ${n}`, filter.afterMs);
  if (filter.beforeMs !== undefined) add((n) => `created_ms < ${n}`, filter.beforeMs);
  params.push(filter.limit, filter.offset);
  return db.query<TradeRow>(
    `SELECT * FROM trades WHERE ${where} ORDER BY created_ms DESC, id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
}

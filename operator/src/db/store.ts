/**
 * The query layer: typed rows in and out, and a group-commit write queue. Intake enqueues the
 * rows an accepted order produces (the order, its book events, its fills); the queue flushes
 * them in one transaction every few milliseconds, and callers await that commit before they
 * acknowledge, so nothing acknowledged is ever lost and nothing is sent on chain before its
 * intent is stored.
 */
import { PRICE_SCALE_NUMBER } from "@forkcast/shared";
import type { Database, SqlScalar, SqlValue } from "./driver.js";
import {
  EVENT_COLUMNS,
  ORDER_COLUMNS,
  SETTLEMENT_COLUMNS,
  TRADE_COLUMNS,
  type BookEventRow,
  type ColumnTypes,
  type MarketRow,
  type OrderRow,
  type OrderUpdate,
  type SettlementRow,
  type SettlementStatus,
  type TradeRow,
  type TradeStatus,
} from "./rows.js";

export type {
  BookEventRow,
  MarketRow,
  OrderRow,
  OrderStatus,
  OrderUpdate,
  SettlementRow,
  SettlementStatus,
  TradeRow,
  TradeStatus,
} from "./rows.js";

type Statement = [text: string, params: SqlValue[]];

/**
 * Bulk insert as one statement with one array parameter per column (`unnest`): the statement
 * text and the plan stay the same whatever the batch size, which is far cheaper than a VALUES
 * list with thousands of parameters.
 */
function insertMany<R extends object>(table: string, columns: ColumnTypes<R>, rows: R[]): Statement {
  const params: SqlValue[] = columns.map(([column]) =>
    rows.map((row) => (row[column as keyof R] ?? null) as SqlScalar),
  );
  const unnest = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ");
  return [`INSERT INTO ${table} (${columns.map(([c]) => c).join(",")}) SELECT * FROM unnest(${unnest})`, params];
}

interface PendingWrites {
  orders: Map<string, OrderRow>;
  orderUpdates: Map<string, OrderUpdate>;
  events: BookEventRow[];
  settlements: Map<number, SettlementRow>;
  settlementUpdates: Map<number, Partial<SettlementRow>>;
  trades: Map<string, TradeRow>;
  tradeUpdates: Map<string, { status: TradeStatus; tx_hash: string | null; updated_ms: number }>;
  waiters: { resolve: () => void; reject: (error: unknown) => void }[];
}

function emptyWrites(): PendingWrites {
  return {
    orders: new Map(),
    orderUpdates: new Map(),
    events: [],
    settlements: new Map(),
    settlementUpdates: new Map(),
    trades: new Map(),
    tradeUpdates: new Map(),
    waiters: [],
  };
}

export class Store {
  private pending = emptyWrites();
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  /**
   * `onWriteFailure`: a failed commit leaves the in-memory book ahead of storage, so the
   * operator treats it as fatal (exit and recover from storage); tests may observe it instead.
   */
  constructor(
    readonly db: Database,
    private readonly flushDelayMs = 2,
    private readonly onWriteFailure: (error: unknown) => void = () => undefined,
  ) {}

  // ------------------------------------------------------------------ group-commit writes

  addOrder(row: OrderRow): void {
    this.pending.orders.set(row.hash, row);
  }

  updateOrder(hash: string, update: OrderUpdate): void {
    const inserted = this.pending.orders.get(hash);
    if (inserted) Object.assign(inserted, update);
    else this.pending.orderUpdates.set(hash, update);
  }

  addEvent(row: BookEventRow): void {
    this.pending.events.push(row);
  }

  addSettlement(row: SettlementRow): void {
    this.pending.settlements.set(row.id, row);
  }

  updateSettlement(id: number, update: Partial<SettlementRow>): void {
    const inserted = this.pending.settlements.get(id);
    if (inserted) Object.assign(inserted, update);
    else this.pending.settlementUpdates.set(id, { ...this.pending.settlementUpdates.get(id), ...update });
  }

  addTrade(row: TradeRow): void {
    this.pending.trades.set(row.id, row);
  }

  updateTrade(id: string, update: { status: TradeStatus; tx_hash: string | null; updated_ms: number }): void {
    const inserted = this.pending.trades.get(id);
    if (inserted) Object.assign(inserted, update);
    else this.pending.tradeUpdates.set(id, update);
  }

  /** Resolves once everything enqueued so far is committed. */
  commit(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.waiters.push({ resolve, reject });
      this.timer ??= setTimeout(() => void this.flush(), this.flushDelayMs);
    });
  }

  /** Writes everything pending now (also used on shutdown). */
  async flush(): Promise<void> {
    this.timer = undefined;
    while (this.flushing) await this.flushing;
    const writes = this.pending;
    this.pending = emptyWrites();
    if (
      writes.waiters.length === 0 &&
      writes.orders.size + writes.orderUpdates.size + writes.events.length === 0 &&
      writes.settlements.size + writes.settlementUpdates.size + writes.trades.size + writes.tradeUpdates.size === 0
    )
      return;
    this.flushing = this.write(writes);
    try {
      await this.flushing;
      for (const waiter of writes.waiters) waiter.resolve();
    } catch (error) {
      for (const waiter of writes.waiters) waiter.reject(error);
      this.onWriteFailure(error);
    } finally {
      this.flushing = undefined;
    }
    if (this.pending.waiters.length > 0 && !this.timer) this.timer = setTimeout(() => void this.flush(), 0);
  }

  /**
   * One flush is one atomic write. Most flushes are a single statement (the orders a burst of
   * submits produced), which PostgreSQL runs atomically on its own: it goes out as one query,
   * one round trip, instead of BEGIN / INSERT / COMMIT. Several statements run in a transaction.
   */
  private async write(writes: PendingWrites): Promise<void> {
    const statements = this.statements(writes);
    if (statements.length === 0) return;
    if (statements.length === 1) {
      const [text, params] = statements[0] as Statement;
      await this.db.query(text, params);
      return;
    }
    await this.db.transaction(async (tx) => {
      for (const [text, params] of statements) await tx.query(text, params);
    });
  }

  private statements(writes: PendingWrites): Statement[] {
    const statements: Statement[] = [];
    if (writes.orders.size > 0) statements.push(insertMany("orders", ORDER_COLUMNS, [...writes.orders.values()]));
    if (writes.orderUpdates.size > 0) {
      const hashes: string[] = [];
      const remaining: string[] = [];
      const statuses: string[] = [];
      const reasons: (string | null)[] = [];
      const updated: number[] = [];
      for (const [hash, u] of writes.orderUpdates) {
        hashes.push(hash);
        remaining.push(u.remaining);
        statuses.push(u.status);
        reasons.push(u.status_reason);
        updated.push(u.updated_ms);
      }
      statements.push([
        `UPDATE orders SET remaining = v.remaining, status = v.status, status_reason = v.reason, updated_ms = v.updated
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[]) AS v(hash, remaining, status, reason, updated)
         WHERE orders.hash = v.hash`,
        [hashes, remaining, statuses, reasons, updated],
      ]);
    }
    if (writes.events.length > 0) statements.push(insertMany("book_events", EVENT_COLUMNS, writes.events));
    if (writes.settlements.size > 0)
      statements.push(insertMany("settlements", SETTLEMENT_COLUMNS, [...writes.settlements.values()]));
    for (const [id, update] of writes.settlementUpdates) {
      const entries = Object.entries(update);
      if (entries.length === 0) continue;
      const sets = entries.map(([column], i) => `${column} = $${i + 2}`);
      statements.push([
        `UPDATE settlements SET ${sets.join(", ")} WHERE id = $1`,
        [id, ...entries.map(([, v]) => v as SqlValue)],
      ]);
    }
    if (writes.trades.size > 0) statements.push(insertMany("trades", TRADE_COLUMNS, [...writes.trades.values()]));
    for (const [id, update] of writes.tradeUpdates)
      statements.push([
        "UPDATE trades SET status = $2, tx_hash = $3, updated_ms = $4 WHERE id = $1",
        [id, update.status, update.tx_hash, update.updated_ms],
      ]);
    return statements;
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.flush();
  }

  // ------------------------------------------------------------------ reads

  async upsertMarket(row: MarketRow): Promise<void> {
    await this.db.query(
      `INSERT INTO markets (market_id, question, yes_token, no_token, tick_size, min_size, fee_rate_bps, status, created_ms)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)
       ON CONFLICT (market_id) DO UPDATE SET question = EXCLUDED.question, tick_size = EXCLUDED.tick_size,
         min_size = EXCLUDED.min_size, fee_rate_bps = EXCLUDED.fee_rate_bps, status = EXCLUDED.status`,
      [
        row.market_id,
        row.question,
        row.yes_token,
        row.no_token,
        row.tick_size,
        row.min_size,
        row.fee_rate_bps,
        row.status,
        row.created_ms,
      ],
    );
  }

  markets(): Promise<MarketRow[]> {
    return this.db.query<MarketRow>("SELECT * FROM markets ORDER BY created_ms, market_id");
  }

  async maxSeq(): Promise<number> {
    const [row] = await this.db.query<{ seq: number | null }>(
      "SELECT GREATEST((SELECT MAX(seq) FROM orders), (SELECT MAX(seq) FROM book_events)) AS seq",
    );
    return row?.seq ?? 0;
  }

  async maxSettlementId(): Promise<number> {
    const [row] = await this.db.query<{ id: number | null }>("SELECT MAX(id) AS id FROM settlements");
    return row?.id ?? 0;
  }

  /** Every order hash ever stored (duplicates are refused across restarts). */
  async orderHashes(): Promise<string[]> {
    return (await this.db.query<{ hash: string }>("SELECT hash FROM orders")).map((row) => row.hash);
  }

  liveOrders(): Promise<OrderRow[]> {
    return this.db.query<OrderRow>("SELECT * FROM orders WHERE status = 'LIVE' ORDER BY seq");
  }

  async order(hash: string): Promise<OrderRow | undefined> {
    const [row] = await this.db.query<OrderRow>("SELECT * FROM orders WHERE hash = $1", [hash.toLowerCase()]);
    return row;
  }

  ordersByHashes(hashes: string[]): Promise<OrderRow[]> {
    if (hashes.length === 0) return Promise.resolve([]);
    return this.db.query<OrderRow>(
      `SELECT * FROM orders WHERE hash IN (${hashes.map((_, i) => `$${i + 1}`).join(",")})`,
      hashes,
    );
  }

  userOrders(
    maker: string,
    filter: { market?: string | undefined; openOnly: boolean; limit: number; beforeSeq?: number | undefined },
  ): Promise<OrderRow[]> {
    const params: SqlValue[] = [maker.toLowerCase()];
    let where = "maker = $1";
    if (filter.openOnly) where += " AND status = 'LIVE'";
    if (filter.market) {
      params.push(filter.market.toLowerCase());
      where += ` AND market_id = $${params.length}`;
    }
    if (filter.beforeSeq !== undefined) {
      params.push(filter.beforeSeq);
      where += ` AND seq < $${params.length}`;
    }
    params.push(filter.limit);
    return this.db.query<OrderRow>(
      `SELECT * FROM orders WHERE ${where} ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    );
  }

  bookEvents(): Promise<BookEventRow[]> {
    return this.db.query<BookEventRow>("SELECT * FROM book_events ORDER BY seq");
  }

  settlementsByStatus(statuses: SettlementStatus[]): Promise<SettlementRow[]> {
    return this.db.query<SettlementRow>(
      `SELECT * FROM settlements WHERE status IN (${statuses.map((_, i) => `$${i + 1}`).join(",")}) ORDER BY id`,
      statuses,
    );
  }

  settlement(id: number): Promise<SettlementRow | undefined> {
    return this.db.query<SettlementRow>("SELECT * FROM settlements WHERE id = $1", [id]).then((rows) => rows[0]);
  }

  tradesOfSettlement(id: number): Promise<TradeRow[]> {
    return this.db.query<TradeRow>("SELECT * FROM trades WHERE settlement_id = $1 ORDER BY id", [id]);
  }

  /** Trades newest first; `before` is an opaque cursor: "<created_ms>:<id>". */
  trades(filter: {
    market?: string | undefined;
    user?: string | undefined;
    limit: number;
    before?: { ms: number; id: string } | undefined;
  }): Promise<TradeRow[]> {
    const params: SqlValue[] = [];
    const where: string[] = ["status <> 'FAILED'"];
    if (filter.market) {
      params.push(filter.market.toLowerCase());
      where.push(`market_id = $${params.length}`);
    }
    if (filter.user) {
      params.push(filter.user.toLowerCase());
      where.push(`(maker = $${params.length} OR taker = $${params.length})`);
    }
    if (filter.before) {
      params.push(filter.before.ms, filter.before.id);
      where.push(`(created_ms, id) < ($${params.length - 1}::float8, $${params.length}::text)`);
    }
    params.push(filter.limit);
    return this.db.query<TradeRow>(
      `SELECT * FROM trades WHERE ${where.join(" AND ")} ORDER BY created_ms DESC, id DESC LIMIT $${params.length}`,
      params,
    );
  }

  /** Last price per bucket of `fidelitySec` seconds in [startMs, endMs], YES-token price units. */
  priceHistory(
    market: string,
    startMs: number,
    endMs: number,
    fidelitySec: number,
  ): Promise<{ t: number; p: number }[]> {
    return this.db.query<{ t: number; p: number }>(
      `SELECT DISTINCT ON (bucket) bucket AS t, p FROM (
         SELECT floor(created_ms / 1000 / $4) * $4 AS bucket,
                CASE WHEN maker_token = (SELECT yes_token FROM markets WHERE market_id = $1)
                     THEN maker_price ELSE ${PRICE_SCALE_NUMBER} - maker_price END AS p,
                created_ms, id
         FROM trades WHERE market_id = $1 AND status <> 'FAILED' AND created_ms >= $2 AND created_ms <= $3
       ) x ORDER BY bucket, created_ms DESC, id DESC`,
      [market.toLowerCase(), startMs, endMs, fidelitySec],
    );
  }

  async getKv(key: string): Promise<string | undefined> {
    const [row] = await this.db.query<{ value: string }>("SELECT value FROM kv WHERE key = $1", [key]);
    return row?.value;
  }

  async setKv(key: string, value: string): Promise<void> {
    await this.db.query(
      "INSERT INTO kv (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
      [key, value],
    );
  }
}

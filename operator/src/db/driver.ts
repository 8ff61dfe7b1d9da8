/**
 * One SQL surface over two backends: PGlite (embedded, a data directory or memory) and a real
 * PostgreSQL server (node-postgres pool) when DATABASE_URL is set. Columns use only types
 * both drivers return identically (text, int4, float8, bool), so the query layer never
 * branches on the backend.
 */
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

export type SqlScalar = string | number | boolean | null;
export type SqlValue = SqlScalar | readonly SqlScalar[];

/** Array elements that stand unquoted in a PostgreSQL array literal (hex, decimals, words). */
const BARE_ELEMENT = /^[A-Za-z0-9_.:+-]+$/;
const NULL_WORD = /^null$/i;
const QUOTED_SPECIALS = /["\\]/g;

/**
 * A PostgreSQL array literal (`{a,"b c",NULL}`) of `values`, as both drivers would send for an
 * array parameter. Built here with one `join`: the drivers' own serializers quote, escape and
 * concatenate every element, which was the largest single allocation of a group commit (~6 KB
 * per order at the order insert's ~25 array parameters) and so the main feed of the young
 * generation's collections. Elements are quoted only when they need it.
 */
export function arrayLiteral(values: readonly SqlScalar[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) {
      parts[i] = "NULL";
      continue;
    }
    const text = typeof value === "string" ? value : String(value);
    parts[i] = BARE_ELEMENT.test(text) && !NULL_WORD.test(text) ? text : `"${text.replace(QUOTED_SPECIALS, "\\$&")}"`;
  }
  return `{${parts.join(",")}}`;
}

/** The parameters as sent: arrays as their literal (see `arrayLiteral`), scalars unchanged. */
export function wireParams(params: readonly SqlValue[]): SqlScalar[] {
  return params.map((param) => (Array.isArray(param) ? arrayLiteral(param) : (param as SqlScalar)));
}

export interface Sql {
  query<T>(text: string, params?: readonly SqlValue[]): Promise<T[]>;
}

export interface Database extends Sql {
  readonly kind: "pglite" | "postgres";
  exec(text: string): Promise<void>;
  /** Runs `fn` in one transaction; everything it writes commits together or not at all. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

class PgliteDatabase implements Database {
  readonly kind = "pglite" as const;
  constructor(private readonly db: PGlite) {}

  async query<T>(text: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return (await this.db.query<T>(text, wireParams(params))).rows;
  }

  async exec(text: string): Promise<void> {
    await this.db.exec(text);
  }

  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) =>
      fn({
        query: async <R>(text: string, params: readonly SqlValue[] = []) =>
          (await tx.query<R>(text, wireParams(params))).rows,
      }),
    );
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

/** Distinct parameterised statements given a name (beyond this, statements go unnamed). */
const MAX_NAMED_STATEMENTS = 256;

/**
 * Names for the parameterised statements, so each pool connection parses and plans a statement
 * once and then only binds and executes it (the group-commit INSERT of orders has ~25 array
 * parameters; parsing and planning it on every flush was most of PostgreSQL's CPU per flush at low
 * rates, where flushes carry few orders). Statement texts are fixed strings of this codebase (the
 * settlement UPDATE varies with the columns it sets, a few shapes), so the map stays small; the cap
 * is a guard, not a working limit.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();

  constructor(private readonly max = MAX_NAMED_STATEMENTS) {}

  config(text: string, params: readonly SqlValue[]): pg.QueryConfig<SqlScalar[]> {
    let name = this.names.get(text);
    if (name === undefined && params.length > 0 && this.names.size < this.max) {
      name = `forkcast_${this.names.size}`;
      this.names.set(text, name);
    }
    const values = wireParams(params);
    return name === undefined ? { text, values } : { name, text, values };
  }
}

class PostgresDatabase implements Database {
  readonly kind = "postgres" as const;
  private readonly statements = new StatementNames();
  constructor(private readonly pool: pg.Pool) {}

  async query<T>(text: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return (await this.pool.query(this.statements.config(text, params))).rows as T[];
  }

  async exec(text: string): Promise<void> {
    await this.pool.query(text);
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const result = await fn({
        query: async <R>(text: string, params: readonly SqlValue[] = []) =>
          (await client.query(this.statements.config(text, params))).rows as R[],
      });
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** `databaseUrl` wins; otherwise PGlite at `dataDir` (or in memory when dataDir is "memory://"). */
export async function openDatabase(options: { databaseUrl?: string | undefined; dataDir: string }): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 4 });
    await pool.query("SELECT 1");
    return new PostgresDatabase(pool);
  }
  const db = options.dataDir === "memory://" ? new PGlite() : new PGlite(options.dataDir);
  await db.waitReady;
  return new PgliteDatabase(db);
}

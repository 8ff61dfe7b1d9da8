/**
 * The one schema, as ordered migrations. Applied in a transaction each, recorded in
 * schema_migrations; both backends run the same statements.
 *
 * Types: uint256 and amounts are decimal text (exact, both drivers return strings); prices are
 * int4 price units (1.0 = 1_000_000); times are float8 unix milliseconds.
 */
import type { Database } from "./driver.js";

export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: "initial",
    sql: `
CREATE TABLE markets (
  market_id      text PRIMARY KEY,          -- condition id (0x…, 32 bytes)
  question       text NOT NULL,
  yes_token      text NOT NULL UNIQUE,      -- uint256 decimal
  no_token       text NOT NULL UNIQUE,
  tick_size      int4 NOT NULL,             -- price units
  min_size       text NOT NULL,             -- shares, base units
  fee_rate_bps   int4 NOT NULL,
  status         text NOT NULL,             -- open | closed
  created_ms     float8 NOT NULL
);

CREATE TABLE orders (
  hash           text PRIMARY KEY,
  seq            int4 NOT NULL UNIQUE,
  market_id      text NOT NULL REFERENCES markets(market_id),
  maker          text NOT NULL,
  signer         text NOT NULL,
  token_id       text NOT NULL,
  outcome        int4 NOT NULL,
  side           int4 NOT NULL,
  price          int4 NOT NULL,
  original_shares text NOT NULL,
  remaining      text NOT NULL,            -- open shares on the book
  order_type     text NOT NULL,
  post_only      bool NOT NULL,
  expiration     float8 NOT NULL,          -- unix seconds, 0 = none
  salt           text NOT NULL,
  maker_amount   text NOT NULL,
  taker_amount   text NOT NULL,
  nonce          text NOT NULL,
  fee_rate_bps   int4 NOT NULL,
  signature_type int4 NOT NULL,
  signature      text NOT NULL,
  status         text NOT NULL,            -- LIVE | MATCHED | CANCELED | EXPIRED | UNMATCHED | INVALID
  status_reason  text,
  created_ms     float8 NOT NULL,
  updated_ms     float8 NOT NULL
);
CREATE INDEX orders_maker_status ON orders (maker, status);

-- The order log, for deterministic replay: every engine input has a sequence number; submits
-- are the orders rows (orders.seq), everything else is a row here.
CREATE TABLE book_events (
  seq            int4 PRIMARY KEY,
  kind           text NOT NULL,            -- cancel | restore | expire
  order_hash     text NOT NULL,
  at_s           float8 NOT NULL,          -- the engine's "now"
  shares         text                      -- restore: shares put back
);

-- A settlement is one matchOrders call: the intent is stored before the transaction is sent.
CREATE TABLE settlements (
  id             int4 PRIMARY KEY,
  market_id      text NOT NULL,
  taker_hash     text NOT NULL,
  match_type     text NOT NULL,
  status         text NOT NULL,            -- PENDING | SENT | MINED | CONFIRMED | FAILED
  tx_hash        text,
  tx_nonce       int4,
  raw_tx         text,                     -- signed transaction, stored before it is broadcast
  attempts       int4 NOT NULL DEFAULT 0,
  block_number   float8,
  error          text,
  created_ms     float8 NOT NULL,
  updated_ms     float8 NOT NULL
);
CREATE INDEX settlements_status ON settlements (status);

CREATE TABLE trades (
  id             text PRIMARY KEY,         -- settlement id + ":" + index
  settlement_id  int4 NOT NULL REFERENCES settlements(id),
  market_id      text NOT NULL,
  taker_hash     text NOT NULL,
  maker_hash     text NOT NULL,
  taker          text NOT NULL,
  maker          text NOT NULL,
  match_type     text NOT NULL,
  shares         text NOT NULL,
  maker_price    int4 NOT NULL,
  taker_price    int4 NOT NULL,
  maker_token    text NOT NULL,
  maker_side     int4 NOT NULL,
  taker_token    text NOT NULL,
  taker_side     int4 NOT NULL,
  status         text NOT NULL,            -- MATCHED | MINED | CONFIRMED | FAILED
  tx_hash        text,
  created_ms     float8 NOT NULL,
  updated_ms     float8 NOT NULL
);
CREATE INDEX trades_market_time ON trades (market_id, created_ms);
CREATE INDEX trades_maker ON trades (maker, created_ms);
CREATE INDEX trades_taker ON trades (taker, created_ms);
CREATE INDEX trades_settlement ON trades (settlement_id);

-- Operator key/value state (e.g. the last processed block for chain events).
CREATE TABLE kv (
  key            text PRIMARY KEY,
  value          text NOT NULL
);
`,
  },
  {
    version: 2,
    name: "api_keys",
    sql: `
-- Polymarket-style API keys (L2 auth). The secret is never stored: it is re-derived from the
-- server secret, the address, the nonce and the generation; only a hash of the passphrase is kept.
CREATE TABLE api_keys (
  api_key        text PRIMARY KEY,          -- uuid
  address        text NOT NULL,             -- lower-case 0x address
  nonce          text NOT NULL,             -- uint256 decimal, as signed in the L1 message
  generation     int4 NOT NULL,             -- how many keys of (address, nonce) were revoked before
  passphrase_sha256 text NOT NULL,
  created_ms     float8 NOT NULL,
  revoked_ms     float8
);

CREATE INDEX api_keys_address ON api_keys (address, nonce);
`,
  },
  {
    version: 3,
    name: "hostile_client_state",
    sql: `
-- Orders the exchange reported cancelled (OrderCancelled): refused at intake across restarts.
CREATE TABLE chain_cancels (
  order_hash     text PRIMARY KEY,
  block_number   float8 NOT NULL
);

-- Signed cancel messages already applied: each is usable once, until it expires.
CREATE TABLE used_cancels (
  digest         text PRIMARY KEY,          -- EIP-712 digest of the Cancel message
  maker          text NOT NULL,
  expires_s      float8 NOT NULL            -- unix seconds after which its timestamp is refused anyway
);
CREATE INDEX used_cancels_expiry ON used_cancels (expires_s);

-- Failed settlements per order, so that REPEATED_SETTLEMENT_FAILURE survives restarts.
CREATE TABLE order_failures (
  order_hash     text PRIMARY KEY,
  failures       int4 NOT NULL
);
`,
  },
  {
    version: 4,
    name: "trades_by_order",
    sql: `
-- What an order matched is read from its trades (every order view's size_matched).
CREATE INDEX trades_taker_hash ON trades (taker_hash);
CREATE INDEX trades_maker_hash ON trades (maker_hash);
`,
  },
];

export async function migrate(db: Database): Promise<number> {
  await db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version int4 PRIMARY KEY, name text NOT NULL, applied_ms float8 NOT NULL)",
  );
  const applied = new Set(
    (await db.query<{ version: number }>("SELECT version FROM schema_migrations")).map((r) => r.version),
  );
  let count = 0;
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    await db.transaction(async (tx) => {
      for (const statement of migration.sql
        .split(/;\s*\n/)
        .map((s) => s.trim())
        .filter((s) => s.length > 0)) {
        await tx.query(statement);
      }
      await tx.query("INSERT INTO schema_migrations (version, name, applied_ms) VALUES ($1, $2, $3)", [
        migration.version,
        migration.name,
        Date.now(),
      ]);
    });
    count++;
  }
  return count;
}

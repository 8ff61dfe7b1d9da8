/**
 * Intake state that must survive a restart because the chain alone cannot cheaply answer it
 * at intake: orders cancelled on chain, cancel messages already used (replay protection) and
 * per-order settlement-failure counts. Each write is its own statement, applied before the
 * caller acts on it.
 */
import type { Sql } from "./driver.js";

export class DurableState {
  constructor(private readonly db: Sql) {}

  async recordChainCancel(orderHash: string, blockNumber: bigint): Promise<void> {
    await this.db.query(
      "INSERT INTO chain_cancels (order_hash, block_number) VALUES ($1, $2) ON CONFLICT (order_hash) DO NOTHING",
      [orderHash.toLowerCase(), Number(blockNumber)],
    );
  }

  async chainCancels(): Promise<string[]> {
    return (await this.db.query<{ order_hash: string }>("SELECT order_hash FROM chain_cancels")).map(
      (r) => r.order_hash,
    );
  }

  /**
   * Claims a cancel message: true the first time its digest is seen, false for a replay.
   * Atomic in the database, so two concurrent requests with the same message cannot both win.
   */
  async claimCancel(digest: string, maker: string, expiresS: number): Promise<boolean> {
    const rows = await this.db.query<{ digest: string }>(
      "INSERT INTO used_cancels (digest, maker, expires_s) VALUES ($1, $2, $3) ON CONFLICT (digest) DO NOTHING RETURNING digest",
      [digest.toLowerCase(), maker.toLowerCase(), expiresS],
    );
    return rows.length === 1;
  }

  /** Forgets cancel messages whose timestamps are refused anyway; returns how many. */
  async pruneCancels(nowS: number): Promise<number> {
    return (await this.db.query("DELETE FROM used_cancels WHERE expires_s < $1 RETURNING digest", [nowS])).length;
  }

  async setFailures(orderHash: string, failures: number): Promise<void> {
    await this.db.query(
      "INSERT INTO order_failures (order_hash, failures) VALUES ($1, $2) ON CONFLICT (order_hash) DO UPDATE SET failures = EXCLUDED.failures",
      [orderHash.toLowerCase(), failures],
    );
  }

  async failures(): Promise<Map<string, number>> {
    const rows = await this.db.query<{ order_hash: string; failures: number }>(
      "SELECT order_hash, failures FROM order_failures",
    );
    return new Map(rows.map((r) => [r.order_hash, Number(r.failures)]));
  }
}

/** The api_keys table (Polymarket L2 keys): rows in and out, no credential logic (polymarket/keys.ts). */
import type { Sql } from "./driver.js";

export interface ApiKeyRow {
  api_key: string;
  /** Lower-case 0x address. */
  address: string;
  /** uint256 decimal, as signed in the L1 message. */
  nonce: string;
  /** How many keys of (address, nonce) were revoked before this one. */
  generation: number;
  passphrase_sha256: string;
  created_ms: number;
  revoked_ms: number | null;
}

export class ApiKeyTable {
  constructor(private readonly db: Sql) {}

  /** Every key of (address, nonce), revoked ones included, oldest generation first. */
  ofNonce(address: string, nonce: bigint): Promise<ApiKeyRow[]> {
    return this.db.query<ApiKeyRow>("SELECT * FROM api_keys WHERE address = $1 AND nonce = $2 ORDER BY generation", [
      address.toLowerCase(),
      nonce.toString(),
    ]);
  }

  async get(apiKey: string): Promise<ApiKeyRow | undefined> {
    const [row] = await this.db.query<ApiKeyRow>("SELECT * FROM api_keys WHERE api_key = $1", [apiKey]);
    return row;
  }

  async insert(row: ApiKeyRow): Promise<void> {
    await this.db.query(
      "INSERT INTO api_keys (api_key, address, nonce, generation, passphrase_sha256, created_ms, revoked_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      [row.api_key, row.address, row.nonce, row.generation, row.passphrase_sha256, row.created_ms, row.revoked_ms],
    );
  }

  /** Active key ids of an address, oldest first. */
  async activeOf(address: string): Promise<string[]> {
    const rows = await this.db.query<{ api_key: string }>(
      "SELECT api_key FROM api_keys WHERE address = $1 AND revoked_ms IS NULL ORDER BY created_ms",
      [address.toLowerCase()],
    );
    return rows.map((r) => r.api_key);
  }

  async revoke(apiKey: string, nowMs: number): Promise<void> {
    await this.db.query("UPDATE api_keys SET revoked_ms = $2 WHERE api_key = $1 AND revoked_ms IS NULL", [
      apiKey,
      nowMs,
    ]);
  }
}

/**
 * API keys for L2 authentication. Credentials are derived, never stored: for (address, nonce,
 * generation) the key id, secret and passphrase are HMACs of the server secret, so
 * `derive-api-key` answers the same credentials every time. The table keeps the key id, the
 * owner and a SHA-256 of the passphrase; revoking a key bumps the generation, so a later
 * create for the same nonce yields fresh credentials.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

import { ApiKeyTable, type ApiKeyRow } from "../db/api-keys.js";
import type { Sql } from "../db/driver.js";
import { ApiError } from "../errors.js";
import { urlSafeBase64 } from "./hmac.js";

export interface ApiCreds {
  readonly apiKey: string;
  readonly secret: string;
  readonly passphrase: string;
}

export interface ApiKeyRecord {
  readonly apiKey: string;
  readonly address: string;
  readonly nonce: bigint;
  readonly generation: number;
  readonly revoked: boolean;
}

export const SERVER_SECRET_KV = "polymarket.apiKeySecret";

const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

function uuidFrom(bytes: Buffer): string {
  const b = Buffer.from(bytes.subarray(0, 16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40; // version 4 layout
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Pure derivation of the credentials of (address, nonce, generation) under a server secret. */
export function deriveCreds(serverSecret: Buffer, address: string, nonce: bigint, generation: number): ApiCreds {
  const part = (label: string): Buffer =>
    createHmac("sha256", serverSecret).update(`${label}|${address.toLowerCase()}|${nonce}|${generation}`).digest();
  return {
    apiKey: uuidFrom(part("key")),
    secret: urlSafeBase64(part("secret")),
    passphrase: part("passphrase").toString("hex"),
  };
}

export class ApiKeyStore {
  private readonly cache = new Map<string, ApiKeyRow>();

  private readonly table: ApiKeyTable;

  private constructor(
    db: Sql,
    private readonly serverSecret: Buffer,
  ) {
    this.table = new ApiKeyTable(db);
  }

  /**
   * Opens the store with the configured server secret, or with one generated on first start and
   * kept in the kv table (set OPERATOR_API_KEY_SECRET in production so that a database copy
   * alone cannot re-derive secrets).
   */
  static async open(
    db: Sql,
    kv: { getKv(key: string): Promise<string | undefined>; setKv(key: string, value: string): Promise<void> },
    configured: string | undefined,
  ): Promise<ApiKeyStore> {
    let hex = configured;
    if (!hex) {
      hex = await kv.getKv(SERVER_SECRET_KV);
      if (!hex) {
        hex = randomBytes(32).toString("hex");
        await kv.setKv(SERVER_SECRET_KV, hex);
      }
    }
    return new ApiKeyStore(db, Buffer.from(hex, "hex"));
  }

  /** The active credentials of (address, nonce), created when there are none (POST /auth/api-key and derive). */
  async createOrDerive(address: string, nonce: bigint, nowMs = Date.now()): Promise<ApiCreds> {
    const rows = await this.table.ofNonce(address, nonce);
    const active = rows.find((r) => r.revoked_ms === null);
    if (active) return deriveCreds(this.serverSecret, address, nonce, active.generation);
    const generation = rows.length;
    const creds = deriveCreds(this.serverSecret, address, nonce, generation);
    await this.table.insert({
      api_key: creds.apiKey,
      address: address.toLowerCase(),
      nonce: nonce.toString(),
      generation,
      passphrase_sha256: sha256(creds.passphrase),
      created_ms: nowMs,
      revoked_ms: null,
    });
    return creds;
  }

  /** Active key ids of an address. */
  list(address: string): Promise<string[]> {
    return this.table.activeOf(address);
  }

  async revoke(apiKey: string, nowMs = Date.now()): Promise<void> {
    await this.table.revoke(apiKey, nowMs);
    this.cache.delete(apiKey);
  }

  /**
   * Checks POLY_API_KEY + POLY_PASSPHRASE + POLY_ADDRESS and returns the key with its re-derived
   * secret. Every failure is a 401 that names what to fix, never the secret.
   */
  async authenticate(
    apiKey: string,
    passphrase: string,
    address: string,
  ): Promise<{ record: ApiKeyRecord; secret: string }> {
    let row = this.cache.get(apiKey);
    if (!row) {
      row = await this.table.get(apiKey);
      if (row && row.revoked_ms === null) this.cache.set(apiKey, row);
    }
    if (!row) throw new ApiError("UNAUTHORIZED", "unknown POLY_API_KEY: create or derive a key with L1 auth first");
    if (row.revoked_ms !== null) throw new ApiError("UNAUTHORIZED", "POLY_API_KEY was revoked: create a new key");
    const given = Buffer.from(sha256(passphrase), "hex");
    const stored = Buffer.from(row.passphrase_sha256, "hex");
    if (given.length !== stored.length || !timingSafeEqual(given, stored))
      throw new ApiError("UNAUTHORIZED", "POLY_PASSPHRASE does not belong to POLY_API_KEY");
    if (row.address !== address.toLowerCase())
      throw new ApiError("UNAUTHORIZED", "POLY_ADDRESS is not the address this API key was created for");
    const nonce = BigInt(row.nonce);
    const creds = deriveCreds(this.serverSecret, row.address, nonce, row.generation);
    return {
      record: { apiKey: row.api_key, address: row.address, nonce, generation: row.generation, revoked: false },
      secret: creds.secret,
    };
  }

  /** Checks full credentials (the WebSocket user channel's `auth`) and returns the key's address. */
  async authenticateCreds(apiKey: string, secret: string, passphrase: string): Promise<string> {
    const row = await this.table.get(apiKey);
    if (!row) throw new ApiError("UNAUTHORIZED", "unknown apiKey");
    const { secret: expected } = await this.authenticate(apiKey, passphrase, row.address);
    const a = Buffer.from(expected);
    const b = Buffer.from(secret.replace(/\+/g, "-").replace(/\//g, "_"));
    if (a.length !== b.length || !timingSafeEqual(a, b))
      throw new ApiError("UNAUTHORIZED", "secret does not belong to apiKey");
    return row.address;
  }
}

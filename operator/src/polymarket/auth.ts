/**
 * Hono helpers that turn Polymarket's auth headers into an identity: L1 (ClobAuth EIP-712) for
 * the key-management routes, L2 (API key + HMAC over the raw request) for trading routes.
 */
import type { Context } from "hono";

import { ApiError } from "../errors.js";
import { checkTimestamp, verifyL1, type L1Identity } from "./clob-auth.js";
import { verifyPolyHmac } from "./hmac.js";
import type { ApiKeyRecord, ApiKeyStore } from "./keys.js";

export const POLY_API_KEY_HEADER = "poly_api_key";

export function hasL2Headers(c: Context): boolean {
  return c.req.header(POLY_API_KEY_HEADER) !== undefined;
}

export function l1Identity(
  c: Context,
  chainId: number,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<L1Identity> {
  return verifyL1(
    {
      address: c.req.header("poly_address"),
      signature: c.req.header("poly_signature"),
      timestamp: c.req.header("poly_timestamp"),
      nonce: c.req.header("poly_nonce"),
    },
    chainId,
    nowSeconds,
  );
}

export interface L2Identity {
  readonly key: ApiKeyRecord;
  /** The raw request body the HMAC covered ("" when there was none). */
  readonly body: string;
}

/**
 * Verifies the L2 headers against the raw body. Order of checks: headers present → timestamp
 * window → key, passphrase and address → HMAC. Every failure is 401 UNAUTHORIZED.
 */
export async function l2Identity(
  c: Context,
  keys: ApiKeyStore,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<L2Identity> {
  const apiKey = c.req.header(POLY_API_KEY_HEADER);
  const passphrase = c.req.header("poly_passphrase");
  const address = c.req.header("poly_address");
  const signature = c.req.header("poly_signature");
  const timestamp = c.req.header("poly_timestamp");
  if (!apiKey || !passphrase || !address || !signature || !timestamp)
    throw new ApiError(
      "UNAUTHORIZED",
      "L2 auth needs POLY_ADDRESS, POLY_SIGNATURE, POLY_TIMESTAMP, POLY_API_KEY and POLY_PASSPHRASE",
    );
  checkTimestamp(timestamp, nowSeconds);
  const { record, secret } = await keys.authenticate(apiKey, passphrase, address);
  const body = c.req.method === "GET" ? "" : await c.req.text();
  if (!verifyPolyHmac(secret, signature, timestamp, c.req.method, c.req.path, body === "" ? undefined : body))
    throw new ApiError(
      "UNAUTHORIZED",
      "POLY_SIGNATURE is not the HMAC-SHA256 of timestamp + method + path + body under this key's secret",
    );
  return { key: record, body };
}

export function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError("INVALID_REQUEST", "body must be JSON");
  }
}

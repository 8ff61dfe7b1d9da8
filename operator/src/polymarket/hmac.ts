/**
 * Polymarket's L2 request signature: HMAC-SHA256 over `timestamp + method + requestPath + body`
 * keyed with the base64 (or base64url) decoded secret, sent as url-safe base64 that keeps the
 * `=` padding — exactly what `@polymarket/clob-client`'s `buildPolyHmacSignature` produces.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** Decodes a secret the way the client does: base64url is mapped to base64, other characters dropped. */
export function decodeSecret(secret: string): Buffer {
  const sanitized = secret
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .replace(/[^A-Za-z0-9+/=]/g, "");
  return Buffer.from(sanitized, "base64");
}

/** Url-safe base64 with `=` padding kept (`+` → `-`, `/` → `_`). */
export function urlSafeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
}

export function polyHmacSignature(
  secret: string,
  timestamp: string | number,
  method: string,
  requestPath: string,
  body?: string,
): string {
  const message = `${timestamp}${method}${requestPath}${body ?? ""}`;
  return urlSafeBase64(createHmac("sha256", decodeSecret(secret)).update(message, "utf8").digest());
}

/** Constant-time check of a received signature; also accepts the standard-base64 spelling. */
export function verifyPolyHmac(
  secret: string,
  signature: string,
  timestamp: string,
  method: string,
  requestPath: string,
  body?: string,
): boolean {
  const expected = Buffer.from(polyHmacSignature(secret, timestamp, method, requestPath, body));
  const received = Buffer.from(signature.replace(/\+/g, "-").replace(/\//g, "_"));
  return expected.length === received.length && timingSafeEqual(expected, received);
}

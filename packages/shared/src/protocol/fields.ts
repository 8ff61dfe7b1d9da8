/**
 * Field schemas the wire formats are built from. Numbers in queries are canonical decimal
 * strings only (no exponent, sign, hex, spaces or leading zeros); ids and addresses are
 * fixed-length hex, lower-cased; token ids are below 2^256.
 */
import type { Address, Hex } from "viem";
import { z } from "zod/v4";

const UINT256_LIMIT = 1n << 256n;

/** Largest page a list route returns. */
export const MAX_PAGE_LIMIT = 500;
export const DEFAULT_PAGE_LIMIT = 100;

/** A non-negative safe integer written as a canonical decimal string, as a number. */
export const safeUintString = z
  .string()
  .regex(/^(0|[1-9]\d{0,15})$/, "must be a non-negative integer in decimal digits")
  .transform(Number)
  .refine((n) => Number.isSafeInteger(n), "must be at most 2^53 - 1");

/** A token id (uint256) in canonical decimal digits; stays a string. */
export const tokenIdString = z
  .string()
  .regex(/^(0|[1-9]\d{0,77})$/, "must be a token id in decimal digits")
  // Checks run even after the regex failed: only a digit string may reach BigInt.
  .refine((s) => /^\d+$/.test(s) && BigInt(s) < UINT256_LIMIT, "must be below 2^256");

/** A uint256 as a decimal string (or a safe JSON integer), as a bigint. */
export const uint256 = z
  .union([
    z.string().regex(/^\d{1,78}$/, "must be a non-negative integer string"),
    z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  ])
  .transform((v) => BigInt(v))
  .refine((v) => v < UINT256_LIMIT, "must fit in uint256");

export const bytes32 = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, "must be 0x and 64 hex digits")
  .transform((s) => s.toLowerCase() as Hex);

export const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte hex address")
  .transform((s) => s.toLowerCase() as Address);

/** A signature: 0x and whole bytes, at most 4 KiB, lower-cased. */
export const signatureHex = z
  .string()
  .regex(/^0x([0-9a-fA-F]{2})+$/, "must be 0x-prefixed hex bytes")
  .max(2 + 2 * 4096)
  .transform((s) => s.toLowerCase() as Hex);

export const pageLimit = z
  .string()
  .regex(/^[1-9]\d{0,3}$/, `must be an integer from 1 to ${MAX_PAGE_LIMIT}`)
  .transform(Number)
  .refine((n) => n <= MAX_PAGE_LIMIT, `must be an integer from 1 to ${MAX_PAGE_LIMIT}`)
  .default(DEFAULT_PAGE_LIMIT);

/** A response amount or price in whole units with up to 6 decimals (`"0.55"`, `"10"`). */
export const decimal6 = z.string().regex(/^\d+(\.\d{1,6})?$/, "must be a decimal number with at most 6 decimals");

/** A decimal integer string in a response (amounts in base units). */
export const uintString = z.string().regex(/^\d+$/, "must be a decimal integer");

export const hexString = z.string().regex(/^0x[0-9a-fA-F]*$/, "must be 0x-prefixed hex");
export const sideName = z.enum(["BUY", "SELL"]);

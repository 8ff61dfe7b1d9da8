/**
 * Client for the indexer's GraphQL API (Ponder, `indexer/`). Lists, portfolios, bets and LP
 * positions come from here; live state that a transaction depends on (balances, allowances, the
 * oracle countdown, pool quotes) is still read from the chain at the moment it matters.
 *
 * Every response is checked at this boundary: GraphQL `BigInt` values arrive as decimal strings
 * and leave as `bigint`; a malformed row is an `IndexerError`, never a silent zero.
 */
import { useQuery } from "@tanstack/react-query";
import type { Address, Hex } from "viem";

import { useDeployment } from "../hooks/useDeployment.ts";

export const INDEXER_URL: string | undefined = import.meta.env.VITE_INDEXER_URL;

/** Ponder caps a page at 1,000 rows. */
export const PAGE_LIMIT = 1000;

export class IndexerError extends Error {
  override name = "IndexerError";
}

/** Why there is no indexed data, for screens to say instead of showing an empty list. */
export function indexerProblem(url: string | undefined = INDEXER_URL): string | undefined {
  return url ? undefined : "No indexer configured: set VITE_INDEXER_URL (the Ponder indexer) or run `npm run dev`.";
}

/** The GraphQL endpoint for a configured base URL (absolute, or a same-origin prefix). */
export function indexerGraphqlUrl(
  base: string = INDEXER_URL ?? "",
  origin: string = globalThis.location?.origin ?? "http://localhost",
): string {
  return `${new URL(base, origin).href.replace(/\/$/, "")}/graphql`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Runs one query. Transport failures, HTTP errors and GraphQL errors all become an IndexerError. */
export async function gql(query: string, variables: Record<string, unknown> = {}, url?: string): Promise<unknown> {
  if (!url && !INDEXER_URL) throw new IndexerError(indexerProblem() ?? "No indexer configured.");
  let response: Response;
  try {
    response = await fetch(url ?? indexerGraphqlUrl(), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new IndexerError(`The indexer is unreachable (${error instanceof Error ? error.message : String(error)}).`);
  }
  const body: unknown = await response.json().catch(() => undefined);
  const errors = isRecord(body) && Array.isArray(body.errors) ? body.errors : [];
  const first = errors.find(isRecord);
  if (first) throw new IndexerError(`Indexer query failed: ${String(first.message)}`);
  if (!response.ok) throw new IndexerError(`Indexer answered HTTP ${response.status}.`);
  if (!isRecord(body) || !isRecord(body.data)) throw new IndexerError("Indexer answered without data.");
  return body.data;
}

/**
 * One indexer query as a polled TanStack query, keyed by `name`, the chain and the variables, and
 * parsed by `parse`. Off while no indexer is configured or `enabled` is false.
 */
export function useIndexerQuery<T>(
  name: string,
  query: string,
  variables: Record<string, string | number>,
  parse: (data: unknown) => T,
  options: { enabled?: boolean; refetchMs?: number } = {},
) {
  const { chainId } = useDeployment();
  return useQuery({
    queryKey: [name, chainId, variables],
    enabled: Boolean(INDEXER_URL) && (options.enabled ?? true),
    refetchInterval: options.refetchMs ?? 2_000,
    queryFn: async () => parse(await gql(query, variables)),
  });
}

// ------------------------------------------------------------------ field readers

/** A record field, or an IndexerError naming the field. */
export function record(v: unknown, field: string): Record<string, unknown> {
  if (!isRecord(v)) throw new IndexerError(`indexer field ${field} is not an object`);
  return v;
}

/** The `items` of a Ponder page (`{ items: [...] }`). */
export function items(v: unknown, field: string): Record<string, unknown>[] {
  const page = record(v, field);
  if (!Array.isArray(page.items)) throw new IndexerError(`indexer field ${field}.items is not a list`);
  return page.items.map((row, i) => record(row, `${field}.items[${i}]`));
}

export function text(v: unknown, field: string): string {
  if (typeof v !== "string") throw new IndexerError(`indexer field ${field} is not a string`);
  return v;
}

export function hex(v: unknown, field: string): Hex {
  const s = text(v, field);
  if (!/^0x[0-9a-fA-F]*$/.test(s)) throw new IndexerError(`indexer field ${field} is not hex`);
  return s as Hex;
}

export function address(v: unknown, field: string): Address {
  const s = hex(v, field);
  if (s.length !== 42) throw new IndexerError(`indexer field ${field} is not an address`);
  return s;
}

export function big(v: unknown, field: string): bigint {
  if (typeof v === "number" && Number.isSafeInteger(v)) return BigInt(v);
  if (typeof v !== "string" || !/^-?\d+$/.test(v)) throw new IndexerError(`indexer field ${field} is not an integer`);
  return BigInt(v);
}

export function int(v: unknown, field: string): number {
  const n = big(v, field);
  if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < -BigInt(Number.MAX_SAFE_INTEGER))
    throw new IndexerError(`indexer field ${field} is out of range`);
  return Number(n);
}

export function bool(v: unknown, field: string): boolean {
  if (typeof v !== "boolean") throw new IndexerError(`indexer field ${field} is not a boolean`);
  return v;
}

/** A nullable field: `undefined` for null, otherwise `read(v)`. */
export function optional<T>(v: unknown, field: string, read: (v: unknown, field: string) => T): T | undefined {
  return v === null || v === undefined ? undefined : read(v, field);
}

/** A JSON column holding a list of strings (outcome names, payout numerators). */
export function strings(v: unknown, field: string): string[] {
  if (!Array.isArray(v)) throw new IndexerError(`indexer field ${field} is not a list`);
  return v.map((s, i) => text(s, `${field}[${i}]`));
}

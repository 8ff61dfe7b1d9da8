/** Parsing at a boundary: a typed value, or one readable sentence naming every bad field. */
import type { z } from "zod/v4";

export type WireResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** `field.path: problem; other: problem`, with `where` standing for the value itself. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], where: string): string {
  return issues.map((i) => `${i.path.map(String).join(".") || where}: ${i.message}`).join("; ");
}

/** Parses `value` with `schema` (one pass); `where` names the value in messages ("body", "query"). */
export function parseWire<S extends z.ZodType>(schema: S, value: unknown, where = "body"): WireResult<z.output<S>> {
  const result = schema.safeParse(value);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, message: describeIssues(result.error.issues, where) };
}

/** A response that does not fit its schema. */
export class WireError extends Error {
  override name = "WireError";
}

/** Parses an answer from a service; throws a WireError naming the bad fields of `what`. */
export function parseResponse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = parseWire(schema, value, what);
  if (!result.ok) throw new WireError(`${what} does not match the API: ${result.message}`);
  return result.value;
}

/** Any wire schema, and what it parses into (for callers that do not import zod themselves). */
export type WireSchema = z.ZodType;
export type WireOutput<S extends WireSchema> = z.output<S>;

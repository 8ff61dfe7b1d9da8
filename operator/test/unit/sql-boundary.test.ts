import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src");
const DB = path.join(SRC, "db");

/** SQL statement starts (upper case, as the query layer writes them) and direct database calls. */
const SQL = [
  /\bSELECT\s+(DISTINCT\s+)?[\w*(]/,
  /\bINSERT\s+INTO\b/,
  /\bUPDATE\s+\w+\s+SET\b/,
  /\bDELETE\s+FROM\b/,
  /\b(CREATE|ALTER|DROP)\s+(TABLE|INDEX)\b/,
  /\bdb\.query\s*[<(]/,
  /\bdb\.exec\s*\(/,
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

function sqlLines(file: string): string[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .flatMap((line, i) =>
      SQL.some((re) => re.test(line)) ? [`${path.relative(SRC, file)}:${i + 1}: ${line.trim()}`] : [],
    );
}

describe("SQL boundary", () => {
  it("raw SQL and direct database calls live only in operator/src/db", () => {
    const outside = sources(SRC)
      .filter((file) => !file.startsWith(DB + path.sep))
      .flatMap(sqlLines);
    assert.deepEqual(outside, [], "move these queries into a module under operator/src/db");
  });

  it("the check recognises the queries the db layer holds", () => {
    const inside = sources(DB).flatMap(sqlLines);
    for (const re of SQL.slice(0, 5))
      assert.ok(
        inside.some((line) => re.test(line)),
        `${re} matches a statement in operator/src/db`,
      );
  });
});

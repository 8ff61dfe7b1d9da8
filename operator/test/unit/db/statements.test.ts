import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { arrayLiteral, openDatabase, StatementNames, type Database, type SqlScalar } from "../../../src/db/driver.js";
import { startPostgres, type TempPostgres } from "../../../../scripts/lib/services.ts";

/** Text elements a literal must carry through unchanged: every character PostgreSQL's array syntax gives a meaning. */
const AWKWARD: SqlScalar[] = [
  "0xabc",
  "123",
  "",
  "NULL",
  "null",
  "a b",
  " lead",
  "com,ma",
  "{brace}",
  'quo"te',
  "back\\slash",
  'both\\"',
  "tab\tnew\nline",
  "ünï©ødé",
  null,
  "-1.5e-7",
];

async function roundTrip(db: Database): Promise<void> {
  const [text] = await db.query<{ v: (string | null)[] }>("SELECT $1::text[] AS v", [AWKWARD]);
  assert.deepEqual(text?.v, AWKWARD);
  const numbers = [0, -1, 1.5, 1733512345678, Number.MAX_SAFE_INTEGER];
  const [floats] = await db.query<{ v: number[] }>("SELECT $1::float8[] AS v", [numbers]);
  assert.deepEqual(floats?.v, numbers);
  const [bools] = await db.query<{ v: boolean[] }>("SELECT $1::bool[] AS v", [[true, false, null]]);
  assert.deepEqual(bools?.v, [true, false, null]);
  const [empty] = await db.query<{ n: number }>("SELECT cardinality($1::text[]) AS n", [[]]);
  assert.equal(empty?.n, 0);
}

describe("array parameters as literals", () => {
  it("quotes only what needs it and escapes quotes and backslashes", () => {
    assert.equal(arrayLiteral(["0xab", "12", null, true, 3]), "{0xab,12,NULL,true,3}");
    assert.equal(arrayLiteral(["a b", "NULL", "", 'q"', "b\\"]), '{"a b","NULL","","q\\"","b\\\\"}');
    assert.equal(arrayLiteral([]), "{}");
  });

  it("round-trips every awkward element through PGlite", async () => {
    const db = await openDatabase({ dataDir: "memory://" });
    try {
      await roundTrip(db);
      await db.transaction(async (tx) => {
        const [row] = await tx.query<{ v: (string | null)[] }>("SELECT $1::text[] AS v", [AWKWARD]);
        assert.deepEqual(row?.v, AWKWARD);
      });
    } finally {
      await db.close();
    }
  });
});

describe("named statements (PostgreSQL)", { concurrency: false }, () => {
  it("names each parameterised text once and leaves statements without parameters unnamed", () => {
    const names = new StatementNames();
    const insert = names.config("INSERT INTO t (a) SELECT * FROM unnest($1::text[])", [["x"]]);
    const again = names.config("INSERT INTO t (a) SELECT * FROM unnest($1::text[])", [["y", "z"]]);
    const other = names.config("UPDATE t SET a = $1", ["w"]);
    const plain = names.config("SELECT 1", []);
    assert.ok(insert.name);
    assert.equal(again.name, insert.name);
    assert.deepEqual(again.values, ["{y,z}"], "an array goes as its literal");
    assert.ok(other.name && other.name !== insert.name);
    assert.equal(plain.name, undefined);
  });

  it("stops naming new texts at its cap instead of growing without bound", () => {
    const names = new StatementNames(2);
    assert.ok(names.config("SELECT $1::int", [1]).name);
    assert.ok(names.config("SELECT $1::text", ["a"]).name);
    assert.equal(names.config("SELECT $1::bool", [true]).name, undefined);
    assert.ok(names.config("SELECT $1::int", [2]).name, "a text named before the cap keeps its name");
  });

  describe("against a server", () => {
    let pg: TempPostgres;
    let db: Database;
    before(async () => {
      pg = await startPostgres();
      db = await openDatabase({ databaseUrl: pg.url, dataDir: "memory://" });
      await db.exec("CREATE TABLE t (a text NOT NULL, b int4 NOT NULL)");
    });
    after(async () => {
      await db.close();
      await pg.stop();
    });

    it("round-trips every awkward array element through the server", async () => {
      await roundTrip(db);
    });

    it("prepares a repeated statement on the connection once and gives the same rows", async () => {
      const insert = "INSERT INTO t (a, b) SELECT * FROM unnest($1::text[], $2::int4[])";
      await db.query(insert, [
        ["x", "y"],
        [1, 2],
      ]);
      await db.query(insert, [["z"], [3]]);
      await db.transaction(async (tx) => {
        await tx.query(insert, [["w"], [4]]);
      });
      const rows = await db.query<{ a: string; b: number }>("SELECT a, b FROM t WHERE b >= $1 ORDER BY b", [0]);
      assert.deepEqual(rows, [
        { a: "x", b: 1 },
        { a: "y", b: 2 },
        { a: "z", b: 3 },
        { a: "w", b: 4 },
      ]);
      // On the connection that ran it, the statement is prepared under its name (an unnamed one
      // would not be listed): later flushes on that connection bind and execute only.
      const prepared = await db.transaction(async (tx) => {
        await tx.query(insert, [["v"], [5]]);
        return tx.query<{ name: string }>("SELECT name FROM pg_prepared_statements WHERE statement = $1", [insert]);
      });
      assert.equal(prepared.length, 1);
      assert.match(prepared[0]?.name ?? "", /^forkcast_\d+$/);
    });
  });
});

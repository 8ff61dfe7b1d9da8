/**
 * The indexer's surfaces beyond GraphQL tables: read-only SQL over HTTP, refusing a wrong chain or
 * a missing address book, PostgreSQL as the database, and the example queries of docs/indexer.md.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { it } from "node:test";

import { stop } from "../../../scripts/lib/processes.ts";
import { startPostgres } from "../../../scripts/lib/services.ts";
import { INDEXER_DIR, ROOT, runCommand } from "../harness.ts";
import { type World, who } from "./world.ts";

export function apiChecks(world: () => World): void {
  it("answers read-only SQL over HTTP and refuses writes", async () => {
    const { stack, ids } = world();
    // The wire format of @ponder/client: superjson of { sql, params } in the `sql` parameter.
    const sql = async (text: string) =>
      fetch(
        `${stack.indexerUrl}/sql/db?sql=${encodeURIComponent(JSON.stringify({ json: { sql: text, params: [] } }))}`,
      );
    const response = await sql("SELECT id, kind, status FROM market ORDER BY created_block");
    assert.equal(response.status, 200, await response.clone().text());
    const body = (await response.json()) as { rows: unknown[] };
    assert.deepEqual(
      body.rows.map((row) => (Array.isArray(row) ? row : Object.values(row as object))),
      [
        [ids.binary, "binary", "resolved"],
        [ids.multi, "multi", "resolved"],
      ],
    );
    const write = await sql("DELETE FROM market");
    assert.notEqual(write.status, 200, "writes are refused");
    const count = (await (await sql("SELECT count(*) AS n FROM market")).json()) as { rows: unknown[] };
    assert.deepEqual(Object.values(count.rows[0] as object).map(String), ["2"], "nothing was deleted");
  });

  it("refuses to start against a node whose chain id is not CHAIN_ID, or without an address book", async () => {
    const { stack } = world();
    const wrongChain = await runCommand(
      "npx",
      ["ponder", "start", "--schema", `wrong_${process.pid}`, "-H", "127.0.0.1", "-p", "0"],
      {
        cwd: INDEXER_DIR,
        env: stack.indexerEnv({ CHAIN_ID: "31338", FORKCAST_DEPLOYMENTS_DIR: await stack.bookCopyFor(31338) }),
        timeoutMs: 90_000,
      },
    );
    assert.notEqual(wrongChain.code, 0, "exits with an error");
    assert.match(wrongChain.output, /Wrong chain: RPC_URL \S+ serves chain 31337, but CHAIN_ID is 31338/);
    const noBook = await runCommand(
      "npx",
      ["ponder", "start", "--schema", `nobook_${process.pid}`, "-H", "127.0.0.1", "-p", "0"],
      {
        cwd: INDEXER_DIR,
        env: stack.indexerEnv({ CHAIN_ID: "31339" }),
        timeoutMs: 90_000,
      },
    );
    assert.notEqual(noBook.code, 0, "exits with an error");
    assert.match(noBook.output, /No address book for chain 31339 .*npm run deploy -- --network/);
  });

  it("indexes the same chain into PostgreSQL when DATABASE_URL is set", async () => {
    const { stack } = world();
    const postgres = await startPostgres();
    let indexer: Awaited<ReturnType<typeof stack.spawnIndexer>> | undefined;
    try {
      const { url } = postgres;
      indexer = await stack.spawnIndexer(`onpostgres_${process.pid}`, { DATABASE_URL: url });
      await stack.waitIndexed(indexer.url);
      const query = `{
        markets(orderBy: "createdBlock") { items { id status volume openInterest } }
        poolBets { totalCount }
        fills { totalCount }
      }`;
      const onPostgres = await stack.graphql<Record<string, unknown>>(query, {}, indexer.url);
      const onPglite = await stack.graphql<Record<string, unknown>>(query);
      assert.deepEqual(onPostgres, onPglite, "PostgreSQL and PGlite hold the same rows");
      assert.equal((onPostgres.fills as { totalCount: number }).totalCount, 6, "six fills");
    } finally {
      if (indexer) await stop(indexer.process, 15_000);
      await postgres.stop();
    }
  });

  it("answers every example query of docs/indexer.md", async () => {
    const { stack, ids } = world();
    const doc = await readFile(path.join(ROOT, "docs", "indexer.md"), "utf8");
    const queries = [...doc.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
    assert.ok(queries.length >= 4, "the page has example queries");
    const variables = { market: ids.binary, account: who.bob.address.toLowerCase(), id: ids.binary };
    for (const query of queries) {
      const data = await stack.graphql<Record<string, unknown>>(query, variables);
      assert.ok(Object.keys(data).length > 0, `answers:\n${query}`);
    }
    const positions = await stack.graphql<{
      positions: { items: { balance: string; market: { question: string } }[] };
    }>(queries[1] ?? "", variables);
    assert.equal(positions.positions.items.length, 2, "bob holds YES and NO of the binary market");
    assert.equal(positions.positions.items[0]?.market.question, "Will the indexer index this?", "nested market");
  });
}

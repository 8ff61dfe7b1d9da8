import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import { ERROR_CODES, ERRORS, errorBodySchema, isErrorCode, parseWire } from "../src/protocol/index.js";

const DOCS = new URL("../../../docs/operator-api.md", import.meta.url);

/** The rows of the "## Error codes" table: code, status, when. */
function documentedRows(): string[][] {
  const text = readFileSync(DOCS, "utf8");
  const section = text.slice(text.indexOf("## Error codes"));
  const rows: string[][] = [];
  for (const line of section.split("\n").slice(1)) {
    if (!line.startsWith("|")) {
      if (rows.length > 0) break;
      continue;
    }
    rows.push(
      line
        .slice(1, -1)
        .split("|")
        .map((cell) => cell.trim()),
    );
  }
  return rows.slice(2); // header and separator
}

describe("error catalogue", () => {
  it("gives every code a 4xx/5xx status and a sentence a client can show", () => {
    for (const code of ERROR_CODES) {
      const { status, message, when } = ERRORS[code];
      assert.ok(status >= 400 && status < 600, `${code}: status ${status}`);
      assert.match(message, /^[A-Z].*[.)]$/, `${code}: message is a sentence`);
      assert.ok(when.length > 0, `${code}: says when it happens`);
    }
  });

  it("docs/operator-api.md lists exactly the catalogue, with its statuses and meanings", () => {
    const expected = ERROR_CODES.map((code) => [`\`${code}\``, String(ERRORS[code].status), ERRORS[code].when]);
    const table = [
      "| code | status | meaning |",
      "| --- | --- | --- |",
      ...expected.map((row) => `| ${row.join(" | ")} |`),
    ].join("\n");
    assert.deepEqual(
      documentedRows(),
      expected,
      `the error table in docs/operator-api.md is out of date; replace it with this and run prettier:\n${table}`,
    );
  });

  it("parses an error body and refuses a code outside the catalogue", () => {
    const ok = parseWire(errorBodySchema, { error: "RATE_LIMITED", message: "slow down", requestId: "r-1" });
    assert.ok(ok.ok && ok.value.error === "RATE_LIMITED");
    const unknown = parseWire(errorBodySchema, { error: "TEAPOT", message: "" }, "error");
    assert.ok(!unknown.ok && unknown.message.startsWith("error: "), "names the field");
    assert.equal(isErrorCode("MARKET_NOT_FOUND"), true);
    assert.equal(isErrorCode("toString"), false, "only own keys are codes");
  });
});

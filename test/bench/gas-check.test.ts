/**
 * The gas check's rules (bench/gas/compare.ts) and the docs table generator (bench/gas/docs.ts):
 * which rises fail, which rows count as new or gone, and that a marked docs table is rewritten
 * from the snapshot and nothing else on the page changes.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { allowedRise, compareToSnapshot, failures, formatComparison } from "../../bench/gas/compare.js";
import { renderGasTable, replaceGasTables } from "../../bench/gas/docs.js";
import type { LoadedScenario } from "../../bench/gas/scenarios.js";

describe("gas check tolerance", () => {
  it("allows 0.1% of a row, but never less than 32 gas", () => {
    assert.equal(allowedRise(1_320_119), 1_321);
    assert.equal(allowedRise(148_041), 149);
    assert.equal(allowedRise(20_000), 32);
  });

  it("fails a row one gas above the tolerance and passes one exactly at it", () => {
    const snapshot = { "a.row": 100_000 };
    const [atLimit] = compareToSnapshot({ "a.row": 100_100 }, snapshot, true);
    const [overLimit] = compareToSnapshot({ "a.row": 100_101 }, snapshot, true);
    assert.equal(atLimit?.status, "higher");
    assert.equal(overLimit?.status, "OVER");
    assert.deepEqual(
      failures([atLimit, overLimit].flatMap((r) => (r ? [r] : []))).map((r) => r.measured),
      [100_101],
    );
  });

  it("never fails a row that got cheaper or stayed the same", () => {
    const rows = compareToSnapshot({ cheaper: 90, same: 100 }, { cheaper: 100, same: 100 }, true);
    assert.deepEqual(
      rows.map((r) => r.status),
      ["lower", "same"],
    );
    assert.equal(failures(rows).length, 0);
  });

  it("fails a measured row missing from the snapshot, and a snapshot row nothing measures in a full run", () => {
    const full = compareToSnapshot({ kept: 1, added: 2 }, { kept: 1, dropped: 3 }, true);
    assert.deepEqual(
      failures(full).map((r) => [r.name, r.status]),
      [
        ["added", "NEW"],
        ["dropped", "MISSING"],
      ],
    );
    const partial = compareToSnapshot({ kept: 1 }, { kept: 1, other: 3 }, false);
    assert.equal(failures(partial).length, 0, "rows of scenarios that did not run are not reported missing");
  });

  it("prints the delta and percentage of each row", () => {
    const text = formatComparison([
      { title: "T", rows: compareToSnapshot({ r: 101_000 }, { r: 100_000 }, false), references: {} },
    ]);
    assert.match(text, /r\s+100,000\s+101,000\s+\+1,000\s+\+1\.00%\s+OVER/);
  });
});

describe("docs gas tables", () => {
  const scenario: LoadedScenario = {
    file: "demo.ts",
    module: {
      title: "Demo",
      references: { "demo.a": { reference: 200, target: 150 }, "demo.b": {}, "other.c": { reference: 10 } },
      measure: () => Promise.resolve({}),
      notes: (rows) => [`a is ${rows["demo.a"]}`],
    },
  };
  const snapshot = { "demo.a": 160, "demo.b": 7, "other.c": 11 };

  it("renders gasUsed, reference, signed difference and target per row", () => {
    const table = renderGasTable(["demo.a", "demo.b"], snapshot, scenario.module.references, []);
    assert.match(table, /\| `demo\.a` \| 160 \| 200 \| −20\.0% \| 150 \| no \|/);
    assert.match(table, /\| `demo\.b` \| 7 \| {2}\| {2}\| {2}\| {2}\|/);
  });

  it("refuses to render a row the snapshot lacks", () => {
    assert.throws(() => renderGasTable(["demo.x"], snapshot, {}, []), /no row demo\.x/);
  });

  it("replaces only the text between markers, filtered by row prefix, with the scenario's notes when unfiltered", () => {
    const page = [
      "intro",
      "<!-- gas-table demo -->",
      "stale",
      "<!-- /gas-table -->",
      "middle",
      "<!-- gas-table demo other. -->",
      "<!-- /gas-table -->",
      "outro",
    ].join("\n");
    const out = replaceGasTables(page, [scenario], snapshot);
    const [first, second] = out.split("middle");
    assert.ok(first?.startsWith("intro\n<!-- gas-table demo -->\n"));
    assert.ok(!out.includes("stale"));
    assert.match(first ?? "", /`demo\.a`[\s\S]*`demo\.b`[\s\S]*a is 160/);
    assert.match(second ?? "", /`other\.c` \| 11 \| 10 \| \+10\.0%/);
    assert.ok(!(second ?? "").includes("demo.a"), "the prefix filter keeps only other.* rows");
    assert.ok(out.endsWith("<!-- /gas-table -->\noutro"));
  });

  it("refuses a marker that names no scenario", () => {
    assert.throws(
      () => replaceGasTables("<!-- gas-table nope -->\n<!-- /gas-table -->", [scenario], snapshot),
      /unknown scenario "nope"/,
    );
  });
});

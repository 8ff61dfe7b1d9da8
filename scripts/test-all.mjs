// Runs every test suite of the repository in order, streams their output, and ends with one
// line `N passed, N failed` summing all of them. Exits non-zero if anything failed.
//
// Suites: lint (formatter + linters + type check), contracts (Solidity unit/fuzz/invariant and
// TypeScript integration tests under coverage) with a line-coverage gate, the gas check against
// bench/results/gas.json, then the TypeScript packages' own suites when they exist.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

const MIN_LINE_COVERAGE_PERCENT = 95;

/** Counts from the closing lines of the runners we use. */
function parseCounts(output) {
  // eslint-disable-next-line no-control-regex -- strips ANSI colour codes
  const strip = output.replace(/\u001b\[[0-9;]*m/g, "");
  const sum = (regex) => {
    let total = 0;
    let seen = false;
    for (const m of strip.matchAll(regex)) {
      total += Number(m[1]);
      seen = true;
    }
    return { total, seen };
  };
  // Hardhat (mocha style) "71 passing" / "2 failing"; node:test "# pass 12" (tap) or "ℹ pass 12" (spec).
  const counts = [
    sum(/^\s*(\d+) passing\b/gm),
    sum(/^(?:#|ℹ) pass (\d+)$/gm),
    sum(/^\s*(\d+) failing\b/gm),
    sum(/^(?:#|ℹ) fail (\d+)$/gm),
  ];
  let passed = counts[0].total + counts[1].total;
  let failed = counts[2].total + counts[3].total;
  let found = counts.some((c) => c.seen);
  // Vitest: "Tests  12 passed | 1 failed (13)"
  for (const m of strip.matchAll(/^\s*Tests\s+(.*)\(\d+\)\s*$/gm)) {
    found = true;
    const p = /(\d+) passed/.exec(m[1]);
    const f = /(\d+) failed/.exec(m[1]);
    if (p) passed += Number(p[1]);
    if (f) failed += Number(f[1]);
  }
  return { passed, failed, found };
}

function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
      process.stdout.write(d);
    });
    child.stderr.on("data", (d) => {
      output += d;
      process.stderr.write(d);
    });
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

function lineCoverage(lcovPath) {
  let found = 0;
  let hit = 0;
  let file = "";
  for (const line of readFileSync(lcovPath, "utf8").split("\n")) {
    if (line.startsWith("SF:")) file = line.slice(3);
    const counted = file.includes("contracts/") && !file.includes("/test/") && !file.endsWith(".t.sol");
    if (counted && line.startsWith("LF:")) found += Number(line.slice(3));
    if (counted && line.startsWith("LH:")) hit += Number(line.slice(3));
  }
  return found === 0 ? 0 : (hit / found) * 100;
}

const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ["npm"];
const npmRun = (script) => [npm[0], [...npm.slice(1), "run", "--silent", script]];

const suites = [
  { name: "build", cmd: npmRun("build"), gate: true },
  { name: "lint", cmd: npmRun("lint"), gate: true },
  { name: "contracts", cmd: ["npx", ["hardhat", "test", "--coverage"]], coverage: true },
];
const rootScripts = JSON.parse(readFileSync("package.json", "utf8")).scripts ?? {};
for (const script of [
  "test:gas",
  "test:shared",
  "test:operator",
  "test:indexer",
  "test:app",
  "test:deploy",
  "test:dev",
  "test:e2e",
]) {
  if (rootScripts[script]) suites.push({ name: script.slice(5), cmd: npmRun(script) });
}

let totalPassed = 0;
let totalFailed = 0;
const summary = [];
for (const suite of suites) {
  console.log(`\n=== ${suite.name} ===`);
  const started = Date.now();
  const { code, output } = await run(suite.cmd[0], suite.cmd[1]);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  let { passed, failed, found } = suite.gate ? { passed: 0, failed: 0, found: false } : parseCounts(output);
  if (suite.gate || !found) {
    // A gate (build, lint) or a runner whose counts we could not read counts as one check.
    passed = code === 0 ? 1 : 0;
    failed = code === 0 ? 0 : 1;
  } else if (code !== 0 && failed === 0) {
    failed = 1; // the runner failed outside any test (setup error, crash)
  }
  if (suite.coverage) {
    const lcov = "coverage/lcov.info";
    const percent = existsSync(lcov) ? lineCoverage(lcov) : 0;
    const ok = percent >= MIN_LINE_COVERAGE_PERCENT;
    console.log(`line coverage of contracts/: ${percent.toFixed(2)}% (gate ≥ ${MIN_LINE_COVERAGE_PERCENT}%)`);
    if (ok) passed += 1;
    else failed += 1;
  }
  totalPassed += passed;
  totalFailed += failed;
  summary.push(
    `${suite.name.padEnd(12)} ${String(passed).padStart(5)} passed ${String(failed).padStart(4)} failed  ${seconds}s`,
  );
}

console.log("\n=== summary ===");
for (const line of summary) console.log(line);
console.log(`${totalPassed} passed, ${totalFailed} failed`);
process.exitCode = totalFailed === 0 ? 0 : 1;

// Runs the shared-package and operator tests (unit + integration against a local Hardhat node,
// on PGlite and on a throwaway PostgreSQL) with node:test under tsx. The output is TAP and ends
// with node:test's summary (`# pass N` / `# fail N`). Run through `npm run test:operator`.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";

const files = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "helpers" ? [] : files(full);
    return entry.name.endsWith(".test.ts") ? [full] : [];
  });

// The integration tests deploy the contracts from Hardhat's artifacts: build them first (cached).
const build = spawnSync(process.execPath, [path.join("node_modules", "hardhat", "dist", "src", "cli.js"), "build"], {
  stdio: "inherit",
});
if (build.status !== 0) process.exit(build.status ?? 1);

const tests = [...files("packages/shared/test"), ...files("operator/test")];
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-reporter=tap", "--test-concurrency=1", ...tests],
  { stdio: "inherit", env: process.env },
);
process.exit(result.status ?? 1);

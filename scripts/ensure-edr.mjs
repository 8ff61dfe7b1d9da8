// Self-heal for the EDR native binding (see README, "Why Node 22 comes from npm").
//
// When `npm install` runs under a system Node older than 22, npm skips the optional
// package `@nomicfoundation/edr-linux-x64-gnu` because its `engines` field asks for
// Node >= 22 (and removes it again if it was there). npm scripts run under the Node 22
// binary from the `node` devDependency, so this script re-runs `npm install` with that
// binary once, which installs the binding and leaves package-lock.json as it was.
//
// It runs as the root `postinstall` (so `npm install` alone leaves a working tree, and
// `npx hardhat …` works right after it) and as the `pre*` hook of build, test, lint, dev and
// the benchmarks (which heals a tree after an `npm install <pkg>`, which skips `postinstall`).
// It is a no-op when the binding already loads, and when Hardhat is not installed at all
// (`npm install --omit=dev`).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const MIN_NODE_MAJOR = 22;

function installed(specifier) {
  try {
    require.resolve(specifier);
    return true;
  } catch {
    return false;
  }
}

function edrLoads() {
  try {
    require("@nomicfoundation/edr");
    return true;
  } catch {
    return false;
  }
}

function fail(message) {
  console.error(`ensure-edr: ${message}`);
  process.exit(1);
}

if (installed("@nomicfoundation/edr") && !edrLoads()) {
  const major = Number(process.versions.node.split(".")[0]);
  if (major < MIN_NODE_MAJOR) {
    fail(
      `the EDR binding is missing and this is Node ${process.version}; run this through npm ` +
        "(npm test, npm run build), which puts Node 22 from node_modules/.bin first on PATH.",
    );
  }
  const npmCli = process.env.npm_execpath;
  if (!npmCli) fail("the EDR binding is missing; run this through npm (npm install, npm test).");
  console.log(`ensure-edr: installing the EDR native binding with Node ${process.version}…`);
  // A nested install must not inherit the outer command's arguments (`npm install foo`
  // would otherwise be repeated) or its lifecycle state.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith("npm_lifecycle_") && key !== "npm_config_argv"),
  );
  const result = spawnSync(process.execPath, [npmCli, "install", "--no-audit", "--no-fund"], {
    stdio: "inherit",
    env,
  });
  if (result.status !== 0 || !edrLoads()) fail("could not install @nomicfoundation/edr's platform package.");
}

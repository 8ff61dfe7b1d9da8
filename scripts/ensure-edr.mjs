// Self-heal for the EDR native binding (see README, "Why Node 22 comes from npm").
//
// When `npm install` runs under a system Node older than 22, npm skips the optional
// package `@nomicfoundation/edr-linux-x64-gnu` because its `engines` field asks for
// Node >= 22. npm scripts run under the Node 22 binary from the `node` devDependency,
// so this script re-runs `npm install` with that binary once, which installs the
// binding. It is a no-op when the binding already loads.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

function edrLoads() {
  try {
    require("@nomicfoundation/edr");
    return true;
  } catch {
    return false;
  }
}

if (!edrLoads()) {
  const npmCli = process.env.npm_execpath;
  if (!npmCli) {
    console.error("ensure-edr: the EDR binding is missing; run this through npm (npm test).");
    process.exit(1);
  }
  console.log(`ensure-edr: installing the EDR native binding with Node ${process.version}…`);
  const result = spawnSync(process.execPath, [npmCli, "install", "--no-audit", "--no-fund"], {
    stdio: "inherit",
  });
  if (result.status !== 0 || !edrLoads()) {
    console.error("ensure-edr: could not install @nomicfoundation/edr's platform package.");
    process.exit(1);
  }
}

// `tsc --noEmit` over every TypeScript project of the repository, one after another, so a type
// error anywhere (contracts' tests, the app, the indexer, the keeper, scripts, benchmarks)
// fails `npm run lint`. Each project has its own tsconfig (compiler settings differ: the app
// and the indexer use bundler resolution, the rest Node's). Prints one line per project and
// exits non-zero naming the projects that failed.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const tsc = require.resolve("typescript/bin/tsc");

/** Every tsconfig in the repository; a new package adds its own here. */
const PROJECTS = [
  "tsconfig.json", // ignition, deployments, hardhat.config.ts, test/
  "packages/shared/tsconfig.json",
  "operator/tsconfig.json",
  "keeper/tsconfig.json",
  "indexer/tsconfig.json",
  "app/tsconfig.json",
  "scripts/tsconfig.json",
  "bench/tsconfig.json",
];

function check(project) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, "--noEmit", "-p", project], { stdio: "inherit" });
    child.on("error", () => resolve(false));
    child.on("close", (code) => resolve(code === 0));
  });
}

const failed = [];
for (const project of PROJECTS) {
  const started = Date.now();
  const ok = await check(project);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`tsc ${project}: ${ok ? "ok" : "type errors (above)"} (${seconds} s)`);
  if (!ok) failed.push(project);
}
if (failed.length > 0) {
  console.error(`Type errors in ${failed.join(", ")}.`);
  process.exitCode = 1;
}

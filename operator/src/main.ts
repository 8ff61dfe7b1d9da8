#!/usr/bin/env -S npx tsx
/**
 * `npm start -w @forkcast/operator` / `tsx operator/src/main.ts --port=8787`: runs the operator
 * until SIGINT/SIGTERM. Exit codes are in process.ts (0 stopped, 1 failed to start, 70 crashed).
 */
import { startOperator, type RunningOperator } from "./app.js";
import { loadConfig } from "./config.js";
import { EXIT, installProcessGuards } from "./process.js";

let operator: RunningOperator | undefined;
installProcessGuards({
  proc: process,
  report: (message) => process.stderr.write(`${message}\n`),
  stop: () => operator?.stop(),
});

async function main(): Promise<void> {
  const config = loadConfig(process.env, process.argv.slice(2));
  operator = await startOperator(config);
  process.stdout.write(`Operator: ${operator.url}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`operator failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(EXIT.START_FAILED);
});

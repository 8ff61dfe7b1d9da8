#!/usr/bin/env -S npx tsx
/** `npm start -w @forkcast/operator` / `tsx operator/src/main.ts --port=8787`: runs the operator until SIGINT/SIGTERM. */
import { startOperator } from "./app.js";
import { loadConfig } from "./config.js";

async function main(): Promise<void> {
  const config = loadConfig(process.env, process.argv.slice(2));
  const operator = await startOperator(config);
  process.stdout.write(`Operator: ${operator.url}\n`);
  const shutdown = (): void => {
    void operator.stop().then(() => process.exit(0));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`operator failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

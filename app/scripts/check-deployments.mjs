// The app imports ABIs and addresses from the generated @forkcast/deployments module. Say how to
// create it instead of letting Vite fail on an unresolved import.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const generated = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "deployments", "generated");
if (!["abis.ts", "addressBooks.ts"].every((file) => existsSync(path.join(generated, file)))) {
  console.error(
    "deployments/generated is missing: run `npm run build` at the repository root (and `npm run deploy -- --network localhost` for a local chain) first.",
  );
  process.exit(1);
}

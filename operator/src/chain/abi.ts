/**
 * The one place the operator gets contract ABIs and bytecode. Today it reads Hardhat's build
 * artifacts (`npx hardhat build`); a later step swaps this module for generated typed modules
 * without touching callers.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import type { Abi, Hex } from "viem";
import { z } from "zod";

export type ContractName = "Exchange" | "ConditionalTokens" | "TestUSD" | (string & {});

const artifactSchema = z.object({
  contractName: z.string(),
  abi: z.array(z.unknown()),
  bytecode: z.string().regex(/^0x[0-9a-fA-F]*$/),
});

export interface Artifact {
  readonly abi: Abi;
  readonly bytecode: Hex;
}

function findArtifactsRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, "artifacts");
    if (existsSync(path.join(candidate, "contracts"))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("no artifacts/ folder found: run `npx hardhat build` in the repository root");
    dir = parent;
  }
}

function findArtifactFile(root: string, name: string): string | undefined {
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const full = path.join(root, entry.name);
    if (entry.name === `${name}.sol`) {
      const file = path.join(full, `${name}.json`);
      if (existsSync(file)) return file;
    }
    const nested = findArtifactFile(full, name);
    if (nested) return nested;
  }
  return undefined;
}

const cache = new Map<string, Artifact>();

export function artifact(name: ContractName): Artifact {
  const cached = cache.get(name);
  if (cached) return cached;
  const root = findArtifactsRoot();
  // Deployable contracts first; test-only contracts (e.g. an EIP-1271 wallet) after them.
  const file = findArtifactFile(path.join(root, "contracts"), name) ?? (existsSync(path.join(root, "test")) ? findArtifactFile(path.join(root, "test"), name) : undefined);
  if (!file) throw new Error(`artifact for ${name} not found under ${root}: run \`npx hardhat build\``);
  const parsed = artifactSchema.parse(JSON.parse(readFileSync(file, "utf8")) as unknown);
  const result: Artifact = { abi: parsed.abi as Abi, bytecode: parsed.bytecode as Hex };
  cache.set(name, result);
  return result;
}

export const exchangeAbi = (): Abi => artifact("Exchange").abi;
export const conditionalTokensAbi = (): Abi => artifact("ConditionalTokens").abi;
export const collateralAbi = (): Abi => artifact("TestUSD").abi;

/** EIP-1271 is a standard interface; no artifact needed. */
export const erc1271Abi = [
  {
    type: "function",
    name: "isValidSignature",
    stateMutability: "view",
    inputs: [
      { name: "hash", type: "bytes32" },
      { name: "signature", type: "bytes" },
    ],
    outputs: [{ name: "magicValue", type: "bytes4" }],
  },
] as const satisfies Abi;

export const ERC1271_MAGIC_VALUE: Hex = "0x1626ba7e";

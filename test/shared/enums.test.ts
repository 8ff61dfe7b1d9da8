/**
 * The TypeScript enum mirrors in @forkcast/shared against the contracts as compiled: the member
 * names and their order come from the compiler's AST (EnumDefinition nodes in the build info of
 * the contracts under contracts/), and every enum an ABI uses (`internalType: "enum …"`) must
 * have a mirror. `hardhat test` builds first, so this reads the artifacts of the code under test.
 */
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, it } from "node:test";

import { SOLIDITY_ENUMS, enumName, enumNames, type SolidityEnumMirror } from "@forkcast/shared";

const ARTIFACTS = path.resolve(import.meta.dirname, "../../artifacts");

interface Artifact {
  abi: readonly AbiItem[];
  inputSourceName: string;
  buildInfoId: string;
}
interface AbiItem {
  internalType?: string;
  inputs?: readonly AbiItem[];
  outputs?: readonly AbiItem[];
  components?: readonly AbiItem[];
}
interface AstNode {
  nodeType?: string;
  canonicalName?: string;
  members?: readonly { name: string }[];
  [key: string]: unknown;
}

async function contractArtifacts(dir: string): Promise<Artifact[]> {
  const found: Artifact[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await contractArtifacts(full)));
    else if (entry.name.endsWith(".json")) found.push(JSON.parse(await readFile(full, "utf8")) as Artifact);
  }
  return found;
}

function walk(node: unknown, visit: (n: AstNode) => void): void {
  if (Array.isArray(node)) for (const child of node) walk(child, visit);
  else if (node && typeof node === "object") {
    visit(node as AstNode);
    for (const value of Object.values(node)) walk(value, visit);
  }
}

function abiEnums(items: readonly AbiItem[] | undefined, into: Set<string>): void {
  for (const item of items ?? []) {
    const match = /^enum ([\w.]+)/.exec(item.internalType ?? "");
    if (match?.[1]) into.add(match[1]);
    abiEnums(item.inputs, into);
    abiEnums(item.outputs, into);
    abiEnums(item.components, into);
  }
}

const artifacts = await contractArtifacts(path.join(ARTIFACTS, "contracts"));
/** Enum canonical name → member names, from the AST of every source under contracts/. */
const declared = new Map<string, string[]>();
const usedInAbis = new Set<string>();
const buildInfoIds = new Set<string>();
for (const artifact of artifacts) {
  abiEnums(artifact.abi, usedInAbis);
  buildInfoIds.add(artifact.buildInfoId);
}
for (const id of buildInfoIds) {
  const file = path.join(ARTIFACTS, "build-info", `${id}.output.json`);
  const buildInfo = JSON.parse(await readFile(file, "utf8")) as {
    output: { sources: Record<string, { ast: unknown }> };
  };
  for (const [source, { ast }] of Object.entries(buildInfo.output.sources)) {
    if (!source.startsWith("project/contracts/")) continue;
    walk(ast, (n) => {
      if (n.nodeType === "EnumDefinition" && n.canonicalName && n.members)
        declared.set(
          n.canonicalName,
          n.members.map((m) => m.name),
        );
    });
  }
}

const mirrors: Record<string, SolidityEnumMirror> = SOLIDITY_ENUMS;

describe("Solidity enum mirrors", () => {
  it("reads the contracts' enums from the compiler output", () => {
    assert.ok(declared.size > 0, "no EnumDefinition found in artifacts/build-info: did the build run?");
  });

  it("mirrors every enum the contracts declare, under its canonical name", () => {
    assert.deepEqual([...declared.keys()].sort(), Object.keys(mirrors).sort(), "declared enums vs SOLIDITY_ENUMS keys");
  });

  it("mirrors every enum an ABI uses", () => {
    for (const name of usedInAbis) assert.ok(name in mirrors, `${name} appears in an ABI but has no mirror`);
  });

  for (const [name, mirror] of Object.entries(mirrors)) {
    it(`${name}: members and values match the Solidity declaration order`, () => {
      const members = declared.get(name);
      assert.ok(members, `${name} is not declared in contracts/`);
      assert.deepEqual(enumNames(mirror), members, `${name} member names in value order`);
      assert.deepEqual(
        enumNames(mirror).map((member) => mirror[member]),
        members.map((_, i) => i),
        `${name} values are 0..n-1`,
      );
    });
  }

  it("names a value, and nothing for a value outside the enum", () => {
    assert.equal(enumName(SOLIDITY_ENUMS["IOptimisticOracle.State"], 2), "Proposed");
    assert.equal(enumName(SOLIDITY_ENUMS["IBettingPoolBase.ParlayStatus"], 1n), "Lost");
    assert.equal(enumName(SOLIDITY_ENUMS["IBettingPoolBase.ConditionState"], 5), undefined);
  });
});

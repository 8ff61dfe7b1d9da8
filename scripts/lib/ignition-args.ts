/**
 * Resolves what an Ignition module deployed into address-book entries: for each result of
 * the module, its contract name, address, and constructor arguments with parameters,
 * accounts and other futures replaced by their values.
 */
import type { IgnitionModule, IgnitionModuleResult } from "@nomicfoundation/ignition-core";

import { type Address, CONTRACT_KEYS, type ContractKey, type DeployedContract } from "@forkcast/deployments";

type AnyModule = IgnitionModule<string, string, IgnitionModuleResult<string>>;

interface FutureLike {
  id: string;
  type: string;
  contractName?: string;
  constructorArgs?: unknown[];
  /** For contractAt futures: the address, possibly the deployment future it views. */
  address?: unknown;
}

/** The constructor arguments of a deployment, or of the deployment a contractAt future views. */
function constructorArgsOf(future: FutureLike): unknown[] {
  if (future.constructorArgs) return future.constructorArgs;
  const viewed = future.address as FutureLike | undefined;
  if (viewed && typeof viewed === "object" && Array.isArray(viewed.constructorArgs)) return viewed.constructorArgs;
  return [];
}

function allFutures(module: AnyModule, into = new Map<string, FutureLike>()): Map<string, FutureLike> {
  for (const future of module.futures as Set<unknown>) {
    const f = future as FutureLike;
    into.set(f.id, f);
  }
  for (const sub of module.submodules as Set<AnyModule>) allFutures(sub, into);
  return into;
}

function isContractKey(key: string): key is ContractKey {
  return (CONTRACT_KEYS as readonly string[]).includes(key);
}

export function resolveDeployedContracts(
  module: AnyModule,
  addressesByResultKey: Record<string, Address>,
  parameters: Record<string, Record<string, unknown>>,
  accounts: Address[],
): Partial<Record<ContractKey, DeployedContract>> {
  const futures = allFutures(module);
  const addressById = new Map<string, Address>();
  for (const [key, future] of Object.entries(module.results as Record<string, FutureLike>)) {
    const address = addressesByResultKey[key];
    if (address) addressById.set(future.id, address);
  }

  const resolve = (value: unknown): unknown => {
    if (typeof value === "bigint") return value.toString();
    if (Array.isArray(value)) return value.map(resolve);
    if (value && typeof value === "object") {
      const v = value as Record<string, unknown>;
      if (v.type === "ACCOUNT" && typeof v.accountIndex === "number") return accounts[v.accountIndex] ?? null;
      if (v.type === "MODULE_PARAMETER" && typeof v.name === "string" && typeof v.moduleId === "string") {
        const given = parameters[v.moduleId]?.[v.name];
        return resolve(given !== undefined ? given : v.defaultValue);
      }
      if (typeof v.id === "string" && futures.has(v.id)) return addressById.get(v.id) ?? v.id;
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, resolve(inner)]));
    }
    return value;
  };

  const entries: Partial<Record<ContractKey, DeployedContract>> = {};
  for (const [key, future] of Object.entries(module.results as Record<string, FutureLike>)) {
    if (!isContractKey(key))
      throw new Error(
        `The Ignition module returns "${key}", which is not an address-book key: add it to CONTRACT_ARTIFACTS in deployments/src/book.ts.`,
      );
    const address = addressesByResultKey[key];
    if (!address) throw new Error(`Ignition returned no address for "${key}"`);
    entries[key] = {
      contract: future.contractName ?? key,
      address,
      args: constructorArgsOf(future).map(resolve),
    };
  }
  return entries;
}

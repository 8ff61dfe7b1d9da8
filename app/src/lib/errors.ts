/**
 * Turns a failed call or transaction into one sentence a person can act on. Reverts are decoded
 * against the custom errors of every contract in the deployment module (no hand-kept ABIs);
 * each known error name has a sentence built from its arguments.
 */
import { abis } from "@forkcast/deployments";
import {
  type Abi,
  BaseError,
  ContractFunctionRevertedError,
  type Hex,
  UserRejectedRequestError,
  decodeErrorResult,
  formatUnits,
  toFunctionSelector,
} from "viem";

import { formatUtc } from "./time.ts";

type AbiError = Extract<Abi[number], { type: "error" }>;

/** Every custom error of every deployed contract, one entry per selector. */
export const allErrorsAbi: Abi = (() => {
  const bySelector = new Map<string, AbiError>();
  for (const abi of Object.values(abis) as readonly Abi[]) {
    for (const item of abi) {
      if (item.type !== "error") continue;
      const signature = `${item.name}(${item.inputs.map((i) => i.type).join(",")})`;
      bySelector.set(toFunctionSelector(signature), item);
    }
  }
  return [...bySelector.values()];
})();

export interface DecodedRevert {
  /** The custom error's name, "UserRejected", "Revert" (string reason) or "Unknown". */
  name: string;
  args: readonly unknown[];
  sentence: string;
}

type Sentence = (args: readonly unknown[]) => string;

const usd = (v: unknown) => (typeof v === "bigint" ? `${formatUnits(v, 6)} tUSD` : String(v));
const when = (v: unknown) => (typeof v === "bigint" ? formatUtc(Number(v)) : String(v));
const short = (v: unknown) => (typeof v === "string" && v.length > 12 ? `${v.slice(0, 6)}…${v.slice(-4)}` : String(v));

/** Sentences per error name. Unknown names fall back to a generic sentence that still names the error. */
export const ERROR_SENTENCES: Readonly<Record<string, Sentence>> = {
  // Test collateral
  FaucetDisabled: () => "The faucet is switched off on this network.",
  FaucetCoolingDown: ([account, nextAt]) =>
    `The faucet already paid ${short(account)} recently; it can be used again at ${when(nextAt)}.`,
  // ERC-20 (OpenZeppelin 5)
  ERC20InsufficientBalance: ([, balance, needed]) =>
    `Not enough tUSD: you have ${usd(balance)} and this needs ${usd(needed)}.`,
  ERC20InsufficientAllowance: ([, allowance, needed]) =>
    `The contract may spend only ${usd(allowance)} of your tUSD but needs ${usd(needed)}: approve more first.`,
  ERC2612ExpiredSignature: ([deadline]) => `The permit signature expired at ${when(deadline)}; sign again.`,
  ERC2612InvalidSigner: () => "The permit was signed by a different account than the one sending.",
  OwnableUnauthorizedAccount: ([account]) => `Account ${short(account)} is not the owner of this contract.`,
  AccessControlUnauthorizedAccount: ([account]) => `Account ${short(account)} does not have the role this action needs.`,
  // Conditional tokens
  InvalidOutcomeSlotCount: ([n]) => `A market needs between 2 and 256 outcomes, not ${String(n)}.`,
  ConditionAlreadyPrepared: () => "This market's condition already exists.",
  ConditionNotPrepared: () => "This market's condition does not exist on chain.",
  NotConditionOracle: ([caller]) => `Only the market's oracle may report its answer, not ${short(caller)}.`,
  PayoutsAlreadyReported: () => "This market has already been resolved.",
  AllPayoutsZero: () => "An answer must pay at least one outcome.",
  ConditionNotResolved: () => "This market is not resolved yet, so positions cannot be redeemed.",
  ZeroAmount: () => "The amount must be greater than zero.",
  TrivialPartition: () => "Choose at least two outcome groups to split or merge.",
  OverlappingIndexSets: () => "The outcome groups overlap.",
  // Market factory
  EmptyQuestion: () => "Write the market's question.",
  EndTimeNotInFuture: ([end, now]) => `The end time ${when(end)} is not after the chain's current time ${when(now)}.`,
  InvalidOutcomeNames: ([given, min, max]) => `A market needs ${String(min)}–${String(max)} outcomes; you gave ${String(given)}.`,
  EmptyOutcomeName: ([i]) => `Outcome #${typeof i === "bigint" ? Number(i) + 1 : String(i)} has no name.`,
  MarketExists: () => "An identical market already exists.",
  UnknownMarket: () => "This market does not exist.",
  MarketAlreadyResolved: () => "This market is already resolved.",
};

function fallbackSentence(name: string, args: readonly unknown[]): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  const shown = args.length ? ` (${args.map((a) => (typeof a === "bigint" ? a.toString() : short(a))).join(", ")})` : "";
  return `The contract refused: ${words}${shown}.`;
}

export function sentenceFor(name: string, args: readonly unknown[]): string {
  const make = ERROR_SENTENCES[name];
  return make ? make(args) : fallbackSentence(name, args);
}

/** Finds revert data (0x + selector…) anywhere in a viem error chain or a JSON-RPC error payload. */
function findRevertData(error: unknown): Hex | undefined {
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): Hex | undefined => {
    if (depth > 8 || value === null || typeof value !== "object" || seen.has(value)) return undefined;
    seen.add(value);
    const record = value as Record<string, unknown>;
    const data = record.data;
    if (typeof data === "string" && /^0x[0-9a-fA-F]{8}/.test(data)) return data as Hex;
    if (data && typeof data === "object") {
      const inner = (data as Record<string, unknown>).data;
      if (typeof inner === "string" && /^0x[0-9a-fA-F]{8}/.test(inner)) return inner as Hex;
    }
    for (const key of ["cause", "error", "data"]) {
      const found = visit(record[key], depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return visit(error, 0);
}

/** Decodes any error thrown by viem/wagmi (simulate, write, wait) into a name and a sentence. */
export function decodeRevert(error: unknown): DecodedRevert {
  if (error instanceof BaseError) {
    if (error.walk((e) => e instanceof UserRejectedRequestError)) {
      return { name: "UserRejected", args: [], sentence: "You rejected the request in your wallet." };
    }
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError && reverted.data?.errorName) {
      const { errorName, args = [] } = reverted.data;
      if (errorName === "Error") return { name: "Revert", args, sentence: `The contract refused: ${String(args[0])}.` };
      return { name: errorName, args, sentence: sentenceFor(errorName, args) };
    }
  }
  const data = findRevertData(error);
  if (data) {
    try {
      const decoded = decodeErrorResult({ abi: allErrorsAbi, data });
      const args = decoded.args ?? [];
      if (decoded.errorName === "Error") return { name: "Revert", args, sentence: `The contract refused: ${String(args[0])}.` };
      return { name: decoded.errorName, args, sentence: sentenceFor(decoded.errorName, args) };
    } catch {
      // Not one of ours: fall through to the generic message.
    }
  }
  const message =
    error instanceof BaseError ? error.shortMessage : error instanceof Error ? error.message : String(error);
  return { name: "Unknown", args: [], sentence: `The transaction failed: ${message.split("\n")[0] ?? "unknown error"}` };
}

/**
 * One revert decoder for every package: turns whatever viem (or wagmi, or a raw JSON-RPC error)
 * threw into the custom error's name, its arguments and a sentence. Reverts are decoded against
 * the custom errors of every contract in the deployment module, so no package keeps an error
 * list by hand. The sentence comes from the caller's table (the app's readable sentences) or, by
 * default, from the error's name and arguments ("The contract refused: trading paused.").
 */
import { abis } from "@forkcast/deployments";
import {
  type Abi,
  BaseError,
  ContractFunctionRevertedError,
  type Hex,
  UserRejectedRequestError,
  decodeErrorResult,
  toFunctionSelector,
} from "viem";

type AbiError = Extract<Abi[number], { type: "error" }>;

export interface DecodedRevert {
  /** The custom error's name, "UserRejected", "Revert" (a string reason) or "Unknown". */
  readonly name: string;
  readonly args: readonly unknown[];
  readonly sentence: string;
}

/** Builds the sentence for a decoded custom error. */
export type RevertSentence = (name: string, args: readonly unknown[]) => string;

export interface DecodeRevertOptions {
  /** ABIs to decode against; default: every contract of the deployment module. */
  readonly abis?: readonly Abi[];
  /** Sentence for a custom error; default: `fallbackRevertSentence`. */
  readonly sentence?: RevertSentence;
}

/** One entry per error selector across `sources` (a selector shared by two contracts decodes the same). */
export function errorsAbi(sources: readonly Abi[]): Abi {
  const bySelector = new Map<string, AbiError>();
  for (const abi of sources) {
    for (const item of abi) {
      if (item.type !== "error") continue;
      const signature = `${item.name}(${item.inputs.map((i) => i.type).join(",")})`;
      bySelector.set(toFunctionSelector(signature), item);
    }
  }
  return [...bySelector.values()];
}

/** Every custom error of every deployed contract. */
export const projectErrorsAbi: Abi = errorsAbi(Object.values(abis) as readonly Abi[]);

const short = (v: unknown) => (typeof v === "string" && v.length > 12 ? `${v.slice(0, 6)}…${v.slice(-4)}` : String(v));

/** "The contract refused: insufficient free liquidity (5, 3)." from the error's name and arguments. */
export function fallbackRevertSentence(name: string, args: readonly unknown[]): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  const shown = args.length
    ? ` (${args.map((a) => (typeof a === "bigint" ? a.toString() : short(a))).join(", ")})`
    : "";
  return `The contract refused: ${words}${shown}.`;
}

/** `Name(arg, …)` of a decoded revert, for logs and stored failure reasons. */
export function revertSignature(decoded: Pick<DecodedRevert, "name" | "args">): string {
  return `${decoded.name}(${decoded.args.map(String).join(", ")})`;
}

/** Finds revert data (0x + selector…) anywhere in a viem error chain or a JSON-RPC error payload. */
export function findRevertData(error: unknown): Hex | undefined {
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

function named(name: string, args: readonly unknown[], sentence: RevertSentence): DecodedRevert {
  if (name === "Error") return { name: "Revert", args, sentence: `The contract refused: ${String(args[0])}.` };
  return { name, args, sentence: sentence(name, args) };
}

/**
 * Decodes any error thrown by viem/wagmi (simulate, write, wait for receipt) or a JSON-RPC error
 * payload. A wallet rejection is "UserRejected"; revert data no ABI knows, and every other
 * failure, is "Unknown" with the failure's first line in the sentence.
 */
export function decodeRevert(error: unknown, options: DecodeRevertOptions = {}): DecodedRevert {
  const sentence = options.sentence ?? fallbackRevertSentence;
  if (error instanceof BaseError) {
    if (error.walk((e) => e instanceof UserRejectedRequestError))
      return { name: "UserRejected", args: [], sentence: "You rejected the request in your wallet." };
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError && reverted.data?.errorName)
      return named(reverted.data.errorName, reverted.data.args ?? [], sentence);
  }
  const data = findRevertData(error);
  if (data) {
    try {
      const abi = options.abis ? errorsAbi(options.abis) : projectErrorsAbi;
      const decoded = decodeErrorResult({ abi, data });
      return named(decoded.errorName, decoded.args ?? [], sentence);
    } catch {
      // Not one of ours: fall through to the generic message.
    }
  }
  const message =
    error instanceof BaseError ? error.shortMessage : error instanceof Error ? error.message : String(error);
  return {
    name: "Unknown",
    args: [],
    sentence: `The transaction failed: ${message.split("\n")[0] ?? "unknown error"}`,
  };
}

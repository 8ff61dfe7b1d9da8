/**
 * The one wire form of an oracle question's ancillary data, shared by the market factory (on chain),
 * pool markets (opened by the app and the seed), the indexer and the app:
 * `abi.encode(string question, string[] outcomeNames, string rules, uint256 endTime)`.
 */
import { type Hex, decodeAbiParameters, encodeAbiParameters, hexToBytes } from "viem";

export const QUESTION_DATA_PARAMETERS = [
  { name: "question", type: "string" },
  { name: "outcomeNames", type: "string[]" },
  { name: "rules", type: "string" },
  { name: "endTime", type: "uint256" },
] as const;

export interface QuestionData {
  readonly question: string;
  readonly outcomeNames: readonly string[];
  readonly rules: string;
  /** Present only when the data was in the encoded form. */
  readonly endTime?: bigint;
}

/** Ancillary data for `openQuestion`, byte for byte what MarketFactory's `_ancillaryData` builds. */
export function encodeQuestionData(data: {
  question: string;
  outcomeNames: readonly string[];
  rules: string;
  endTime: bigint;
}): Hex {
  return encodeAbiParameters(QUESTION_DATA_PARAMETERS, [data.question, data.outcomeNames, data.rules, data.endTime]);
}

/**
 * Reads ancillary data. Data that is not exactly the encoded form (older questions opened with plain
 * UTF-8 text, or any other encoding) becomes `{ question: <the bytes as UTF-8>, outcomeNames: [], rules: "" }`.
 */
export function decodeQuestionData(data: Hex): QuestionData {
  try {
    const [question, outcomeNames, rules, endTime] = decodeAbiParameters(QUESTION_DATA_PARAMETERS, data);
    // Only the canonical encoding counts: text that happens to parse (with trailing or odd bytes) is text.
    const canonical = encodeAbiParameters(QUESTION_DATA_PARAMETERS, [question, outcomeNames, rules, endTime]);
    if (canonical.toLowerCase() === data.toLowerCase()) return { question, outcomeNames, rules, endTime };
  } catch {
    // Not the encoded form: fall through to plain text.
  }
  return { question: utf8(data), outcomeNames: [], rules: "" };
}

function utf8(data: Hex): string {
  try {
    return new TextDecoder("utf-8").decode(hexToBytes(data));
  } catch {
    return "";
  }
}

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { encodeAbiParameters, toHex } from "viem";

import { decodeQuestionData, encodeQuestionData } from "../src/index.js";

const DERBY = {
  question: "Lisbon derby: Benfica vs Sporting?",
  outcomeNames: ["Benfica", "Draw", "Sporting"],
  rules: "Result after 90 minutes.\n\nResolution source: Liga Portugal",
  endTime: 1_900_000_000n,
};

describe("question data", () => {
  it("round-trips question, outcome names, rules and end time", () => {
    assert.deepEqual(decodeQuestionData(encodeQuestionData(DERBY)), DERBY);
  });

  it("encodes exactly as MarketFactory's abi.encode(question, outcomeNames, rules, endTime)", () => {
    const solidity = encodeAbiParameters(
      [{ type: "string" }, { type: "string[]" }, { type: "string" }, { type: "uint256" }],
      [DERBY.question, DERBY.outcomeNames, DERBY.rules, DERBY.endTime],
    );
    assert.equal(encodeQuestionData(DERBY), solidity);
  });

  it("keeps non-ASCII text intact", () => {
    const data = { question: "Vai chover no Porto? ☔", outcomeNames: ["Sim", "Não"], rules: "IPMA", endTime: 1n };
    assert.deepEqual(decodeQuestionData(encodeQuestionData(data)), data);
  });

  it("falls back to the UTF-8 text for plain-text ancillary data", () => {
    assert.deepEqual(decodeQuestionData(toHex("Will it rain in Porto on Saturday?")), {
      question: "Will it rain in Porto on Saturday?",
      outcomeNames: [],
      rules: "",
    });
  });

  it("falls back to the UTF-8 text for long plain text (more than one ABI word)", () => {
    const text = "Lisbon derby: Benfica vs Sporting (home / draw / away) — a long plain-text question ".repeat(4);
    assert.deepEqual(decodeQuestionData(toHex(text)), { question: text, outcomeNames: [], rules: "" });
  });

  it("treats the encoding with trailing bytes as text, not as a question", () => {
    const decoded = decodeQuestionData(`${encodeQuestionData(DERBY)}00`);
    assert.deepEqual(decoded.outcomeNames, []);
    assert.equal(decoded.rules, "");
  });

  it("decodes empty data to an empty question", () => {
    assert.deepEqual(decodeQuestionData("0x"), { question: "", outcomeNames: [], rules: "" });
  });
});

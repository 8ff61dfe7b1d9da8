import { projectErrorsAbi } from "@forkcast/shared";
import { testUSDAbi } from "@forkcast/deployments";
import {
  BaseError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  UserRejectedRequestError,
  encodeErrorResult,
} from "viem";
import { describe, expect, it } from "vitest";

import { ERROR_SENTENCES, decodeRevert, sentenceFor } from "../src/lib/errors.ts";

const account = "0x70997970C51812dc3A010C7d01b50e20d51dc79C".toLowerCase() as `0x${string}`;
const coolingDown = encodeErrorResult({
  abi: testUSDAbi,
  errorName: "FaucetCoolingDown",
  args: [account, 1_700_003_600n],
});

describe("revert decoding", () => {
  it("collects custom errors from every generated ABI", () => {
    const names = projectErrorsAbi.map((e) => (e.type === "error" ? e.name : ""));
    expect(names).toContain("FaucetCoolingDown");
    expect(names).toContain("ConditionNotPrepared");
    // One entry per selector: the same name may exist with different arguments in two contracts.
    const signatures = projectErrorsAbi.map((e) =>
      e.type === "error" ? `${e.name}(${e.inputs.map((i) => i.type).join(",")})` : "",
    );
    expect(new Set(signatures).size).toBe(signatures.length);
  });
  it("decodes viem's ContractFunctionRevertedError into a sentence with formatted args", () => {
    const reverted = new ContractFunctionRevertedError({ abi: testUSDAbi, data: coolingDown, functionName: "faucet" });
    const error = new ContractFunctionExecutionError(reverted, { abi: testUSDAbi, functionName: "faucet", args: [] });
    const decoded = decodeRevert(error);
    expect(decoded.name).toBe("FaucetCoolingDown");
    expect(decoded.sentence).toBe(
      "The faucet already paid 0x7099…C79C recently; it can be used again at 2023-11-14 23:13 UTC.",
    );
  });
  it("finds raw revert data nested in an RPC error and decodes it against all ABIs", () => {
    const decoded = decodeRevert({ message: "execution reverted", cause: { error: { code: 3, data: coolingDown } } });
    expect(decoded.name).toBe("FaucetCoolingDown");
  });
  it("reports wallet rejection plainly", () => {
    const error = new BaseError("request failed", { cause: new UserRejectedRequestError(new Error("denied")) });
    expect(decodeRevert(error)).toMatchObject({
      name: "UserRejected",
      sentence: "You rejected the request in your wallet.",
    });
  });
  it("falls back to a sentence naming an unknown error and to the message for non-reverts", () => {
    expect(sentenceFor("SomethingOddHappened", [5n])).toBe("The contract refused: something odd happened (5).");
    expect(decodeRevert(new Error("network down")).sentence).toBe("The transaction failed: network down");
    expect(decodeRevert({ data: "0xdeadbeef00" }).name).toBe("Unknown");
  });
  it("has a sentence for every custom error the deployed contracts declare", () => {
    const missing = projectErrorsAbi
      .map((e) => (e.type === "error" ? e.name : ""))
      .filter(
        (n) =>
          !(n in ERROR_SENTENCES) &&
          !n.startsWith("ERC1155") &&
          !n.startsWith("ERC721") &&
          !n.startsWith("ERC20") &&
          !n.startsWith("ECDSA") &&
          n !== "InvalidShortString" &&
          n !== "StringTooLong" &&
          n !== "InvalidAccountNonce" &&
          n !== "OwnableInvalidOwner" &&
          n !== "SafeERC20FailedOperation",
      );
    expect(missing).toEqual([]);
  });
});

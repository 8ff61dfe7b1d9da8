/**
 * The optimistic oracle's writes on one question, as requests for the transaction helper (without
 * their toast label): propose and dispute post the bond, so they carry its collateral approval. Pure.
 */
import { optimisticOracleAbi } from "@forkcast/deployments";
import type { Address, Hex } from "viem";

import type { TxRequest } from "../hooks/useTx.ts";

export type OracleAction = Omit<TxRequest, "label">;

export function oracleActions(oracle: Address, collateral: Address, questionId: Hex, bond: bigint) {
  const approval = { token: collateral, spender: oracle, amount: bond };
  const on = (functionName: "propose" | "dispute" | "settle", args: readonly unknown[]) => ({
    address: oracle,
    abi: optimisticOracleAbi,
    functionName,
    args,
  });
  return {
    propose: (answer: bigint): OracleAction => ({ call: on("propose", [questionId, answer]), approval }),
    dispute: { call: on("dispute", [questionId]), approval } satisfies OracleAction,
    settle: { call: on("settle", [questionId]) } satisfies OracleAction,
  };
}

/** The state machine every write goes through; the hook drives it, toasts render it. */
import type { Hash } from "viem";

export type TxPhase = "idle" | "simulating" | "approving" | "signing" | "pending" | "confirmed" | "failed";

export interface TxState {
  phase: TxPhase;
  /** What the user is doing, e.g. "Get 1,000 tUSD from the faucet". */
  label: string;
  hash?: Hash;
  /** The decoded revert sentence when failed. */
  error?: string;
  errorName?: string;
}

export type TxEvent =
  | { type: "start"; label: string }
  | { type: "approve" }
  | { type: "sign" }
  | { type: "submitted"; hash: Hash }
  | { type: "confirmed" }
  /** An approval-only request (no call) finished its approvals, or needed none. */
  | { type: "approvalsDone" }
  | { type: "failed"; error: string; errorName: string }
  | { type: "reset" };

export const IDLE: TxState = { phase: "idle", label: "" };

/** Illegal transitions (e.g. "confirmed" while signing) leave the state unchanged. */
export function txReducer(state: TxState, event: TxEvent): TxState {
  switch (event.type) {
    case "start":
      return { phase: "simulating", label: event.label };
    case "approve":
      return state.phase === "simulating" ? { ...state, phase: "approving" } : state;
    case "sign":
      return state.phase === "simulating" || state.phase === "approving" ? { ...state, phase: "signing" } : state;
    case "submitted":
      return state.phase === "signing" ? { ...state, phase: "pending", hash: event.hash } : state;
    case "confirmed":
      return state.phase === "pending" ? { ...state, phase: "confirmed" } : state;
    case "approvalsDone":
      return state.phase === "simulating" || state.phase === "approving" ? { ...state, phase: "confirmed" } : state;
    case "failed":
      return state.phase === "idle" || state.phase === "confirmed"
        ? state
        : { ...state, phase: "failed", error: event.error, errorName: event.errorName };
    case "reset":
      return IDLE;
  }
}

export function isBusy(state: TxState): boolean {
  return (
    state.phase === "simulating" ||
    state.phase === "approving" ||
    state.phase === "signing" ||
    state.phase === "pending"
  );
}

/** The toast line for a phase. */
export function describePhase(state: TxState): string {
  switch (state.phase) {
    case "idle":
      return "";
    case "simulating":
      return "Checking the transaction…";
    case "approving":
      return "Approving in your wallet (allowance for the contract)…";
    case "signing":
      return "Waiting for your signature…";
    case "pending":
      return "Pending on chain…";
    case "confirmed":
      return "Confirmed";
    case "failed":
      return state.error ?? "Failed";
  }
}

import { describe, expect, it } from "vitest";

import { IDLE, type TxEvent, describePhase, isBusy, txReducer } from "../src/lib/tx.ts";

const run = (events: TxEvent[]) => events.reduce(txReducer, IDLE);
const hash = `0x${"ab".repeat(32)}` as const;

describe("transaction state machine", () => {
  it("goes simulate → sign → pending → confirmed", () => {
    const s = run([
      { type: "start", label: "Faucet" },
      { type: "sign" },
      { type: "submitted", hash },
      { type: "confirmed" },
    ]);
    expect(s).toEqual({ phase: "confirmed", label: "Faucet", hash });
    expect(isBusy(s)).toBe(false);
  });
  it("passes through the approval step", () => {
    expect(run([{ type: "start", label: "Buy" }, { type: "approve" }]).phase).toBe("approving");
    expect(run([{ type: "start", label: "Buy" }, { type: "approve" }, { type: "sign" }]).phase).toBe("signing");
  });
  it("an approval-only request confirms after its approvals, never once signing a call", () => {
    expect(run([{ type: "start", label: "Allow" }, { type: "approve" }, { type: "approvalsDone" }]).phase).toBe(
      "confirmed",
    );
    expect(run([{ type: "start", label: "Allow" }, { type: "approvalsDone" }]).phase).toBe("confirmed");
    expect(run([{ type: "start", label: "x" }, { type: "sign" }, { type: "approvalsDone" }]).phase).toBe("signing");
  });
  it("records the decoded error when failing", () => {
    const s = run([
      { type: "start", label: "Faucet" },
      { type: "failed", error: "No.", errorName: "FaucetDisabled" },
    ]);
    expect(s.phase).toBe("failed");
    expect(describePhase(s)).toBe("No.");
  });
  it("ignores out-of-order events", () => {
    expect(run([{ type: "start", label: "x" }, { type: "confirmed" }]).phase).toBe("simulating");
    expect(run([{ type: "failed", error: "e", errorName: "E" }])).toBe(IDLE);
    expect(isBusy(run([{ type: "start", label: "x" }, { type: "sign" }]))).toBe(true);
  });
  it("describes every phase", () => {
    expect(describePhase(run([{ type: "start", label: "x" }, { type: "sign" }]))).toBe("Waiting for your signature…");
    expect(describePhase(run([{ type: "start", label: "x" }, { type: "sign" }, { type: "submitted", hash }]))).toBe(
      "Pending on chain…",
    );
    expect(run([{ type: "start", label: "x" }, { type: "reset" }])).toBe(IDLE);
  });
});

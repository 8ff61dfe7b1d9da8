/**
 * The one transaction helper every write goes through:
 * approval (ERC-20 allowance, or an EIP-2612 permit when the call accepts one) → simulate →
 * sign → pending → confirmed / failed, with toasts at each step and reverts decoded into a sentence.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useReducer, useRef } from "react";
import type { Abi, Address, ContractFunctionArgs, ContractFunctionName, Hex } from "viem";
import { parseAbiParameters, parseSignature } from "viem";
import { useConfig } from "wagmi";
import {
  getBlock,
  getConnection,
  readContract,
  signTypedData,
  simulateContract,
  waitForTransactionReceipt,
  writeContract,
} from "wagmi/actions";
import { conditionalTokensAbi, testUSDAbi } from "@forkcast/deployments";

import { newToastId, useToasts } from "../components/toasts.tsx";
import { decodeRevert } from "../lib/errors.ts";
import { IDLE, type TxState, txReducer } from "../lib/tx.ts";

export interface ContractCall<abi extends Abi = Abi> {
  address: Address;
  abi: abi;
  functionName: ContractFunctionName<abi, "nonpayable" | "payable">;
  args?: ContractFunctionArgs<abi, "nonpayable" | "payable">;
}

export interface Permit {
  value: bigint;
  deadline: bigint;
  v: number;
  r: Hex;
  s: Hex;
}

export interface TxRequest {
  /** What the user is doing, shown in the toast: "Buy 10 YES". */
  label: string;
  /** Omitted ⇒ only the approvals (e.g. before signing an off-chain order). */
  call?: ContractCall;
  /** Collateral the called contract will pull from the user. */
  approval?: {
    token: Address;
    spender: Address;
    amount: bigint;
    /** When the contract accepts an EIP-2612 permit, the call to make with it instead of approve + call. */
    withPermit?: (permit: Permit) => ContractCall;
  };
  /** Outcome shares (ERC-1155) the called contract will pull: operator approval on the token contract. */
  approvalForAll?: { token: Address; operator: Address };
}

export interface TxResult {
  ok: boolean;
  hash?: Hex;
  error?: string;
}

const PERMIT_TTL_SECONDS = 1_800n;

/** EIP-2612's typed-data struct, written as the token hashes it (`PERMIT_TYPEHASH`). */
const PERMIT_TYPES = {
  Permit: parseAbiParameters("address owner, address spender, uint256 value, uint256 nonce, uint256 deadline"),
};

export function useTx() {
  const config = useConfig();
  const queryClient = useQueryClient();
  const toasts = useToasts();
  const [state, dispatch] = useReducer(txReducer, IDLE);
  const stateRef = useRef<TxState>(IDLE);

  const run = useCallback(
    async (request: TxRequest): Promise<TxResult> => {
      const toastId = newToastId();
      const step = (event: Parameters<typeof txReducer>[1]) => {
        stateRef.current = txReducer(stateRef.current, event);
        dispatch(event);
        toasts.upsert(toastId, stateRef.current);
      };
      step({ type: "start", label: request.label });
      try {
        const account = getConnection(config).address;
        if (!account) throw new Error("Connect a wallet first.");
        let call = request.call;
        for (const approval of approvalSteps(config, account, request)) {
          if (await approval.granted()) continue;
          step({ type: "approve" });
          call = (await approval.grant()) ?? call;
        }
        if (!call) {
          step({ type: "approvalsDone" });
          return { ok: true };
        }
        const simulation = await simulateContract(config, { ...call, account } as Parameters<
          typeof simulateContract
        >[1]);
        step({ type: "sign" });
        const hash = await writeContract(config, simulation.request as Parameters<typeof writeContract>[1]);
        step({ type: "submitted", hash });
        const receipt = await waitForTransactionReceipt(config, { hash });
        if (receipt.status !== "success") throw new Error("The transaction reverted on chain.");
        step({ type: "confirmed" });
        await queryClient.invalidateQueries();
        return { ok: true, hash };
      } catch (error) {
        const decoded = decodeRevert(error);
        step({ type: "failed", error: decoded.sentence, errorName: decoded.name });
        return { ok: false, error: decoded.sentence };
      }
    },
    [config, queryClient, toasts],
  );

  return { state, run };
}

/** An approval the request needs: whether it is in place, and how to grant it. */
interface ApprovalStep {
  granted(): Promise<boolean>;
  /** Sends the approval and waits for it; or signs a permit and returns the call to make with it instead. */
  grant(): Promise<ContractCall | undefined>;
}

/** The request's approvals in order: the ERC-20 allowance (or its permit), then the ERC-1155 operator approval. */
function approvalSteps(config: ReturnType<typeof useConfig>, account: Address, request: TxRequest): ApprovalStep[] {
  const steps: ApprovalStep[] = [];
  const { approval, approvalForAll } = request;
  if (approval) {
    const { token, spender, amount, withPermit } = approval;
    const erc20 = { address: token, abi: testUSDAbi } as const;
    steps.push({
      granted: async () =>
        (await readContract(config, { ...erc20, functionName: "allowance", args: [account, spender] })) >= amount,
      grant: async () => {
        if (withPermit) return withPermit(await signPermit(config, account, token, spender, amount));
        await sendApproval(config, { account, ...erc20, functionName: "approve", args: [spender, amount] });
        return undefined;
      },
    });
  }
  if (approvalForAll) {
    const { token, operator } = approvalForAll;
    const ctf = { address: token, abi: conditionalTokensAbi } as const;
    steps.push({
      granted: () => readContract(config, { ...ctf, functionName: "isApprovedForAll", args: [account, operator] }),
      grant: async () => {
        await sendApproval(config, { account, ...ctf, functionName: "setApprovalForAll", args: [operator, true] });
        return undefined;
      },
    });
  }
  return steps;
}

/** Sends one approval (simulated first, so a revert is decoded before signing) and waits for it. */
async function sendApproval(
  config: ReturnType<typeof useConfig>,
  request: Parameters<typeof simulateContract>[1],
): Promise<void> {
  const sim = await simulateContract(config, request);
  const hash = await writeContract(config, sim.request as Parameters<typeof writeContract>[1]);
  const receipt = await waitForTransactionReceipt(config, { hash });
  if (receipt.status !== "success") throw new Error("The approval transaction reverted.");
}

/** Signs an EIP-2612 permit for `amount` valid for 30 minutes. */
async function signPermit(
  config: ReturnType<typeof useConfig>,
  owner: Address,
  token: Address,
  spender: Address,
  value: bigint,
): Promise<Permit> {
  const [name, nonce, chainId] = await Promise.all([
    readContract(config, { address: token, abi: testUSDAbi, functionName: "name" }),
    readContract(config, { address: token, abi: testUSDAbi, functionName: "nonces", args: [owner] }),
    Promise.resolve(config.state.chainId),
  ]);
  // The token checks the deadline against the chain's clock, which may run ahead of the wall clock.
  const deadline = (await getBlock(config)).timestamp + PERMIT_TTL_SECONDS;
  const signature = await signTypedData(config, {
    account: owner,
    domain: { name, version: "1", chainId, verifyingContract: token },
    types: PERMIT_TYPES,
    primaryType: "Permit",
    message: { owner, spender, value, nonce, deadline },
  });
  const { v, r, s, yParity } = parseSignature(signature);
  return { value, deadline, v: Number(v ?? BigInt(27 + yParity)), r, s };
}

/**
 * Order-book writes: place a signed order with the operator (approvals first, through useTx) and
 * cancel open orders with a signed cancel message. Signing is EIP-712 through the wallet.
 */
import { CANCEL_TYPES, CancelScope, ORDER_TYPES, cancelDomain, exchangeDomain } from "@forkcast/shared";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { type Address, type Hex, zeroHash } from "viem";
import { useConfig, useConnection } from "wagmi";
import { readContract, signTypedData } from "wagmi/actions";
import { exchangeAbi } from "@forkcast/deployments";

import { OPERATOR_URL, OperatorError, cancelOrders, fetchOpenOrders, postOrder } from "../data/operator.ts";
import { type OrderDraft, buildOrder, postOrderBody, randomSalt } from "../lib/order.ts";
import { operatorErrorSentence } from "../lib/operatorErrors.ts";
import { useDeployment } from "./useDeployment.ts";
import { useTx } from "./useTx.ts";

export interface OrderOutcome {
  ok: boolean;
  message: string;
}

export function useOpenOrders(conditionId: string | undefined) {
  const { address } = useConnection();
  return useQuery({
    queryKey: ["openOrders", address, conditionId],
    queryFn: () => fetchOpenOrders(address ?? "", conditionId ?? ""),
    enabled: Boolean(OPERATOR_URL && address && conditionId),
    refetchInterval: 3_000,
  });
}

/** The connected account's open orders in every market (the portfolio's list). */
export function useAllOpenOrders() {
  const { address } = useConnection();
  return useQuery({
    queryKey: ["openOrders", address, "all"],
    queryFn: () => fetchOpenOrders(address ?? ""),
    enabled: Boolean(OPERATOR_URL && address),
    refetchInterval: 3_000,
  });
}

function describe(error: unknown): string {
  if (error instanceof OperatorError) return operatorErrorSentence(error.code, error.message);
  const text = error instanceof Error ? error.message : String(error);
  if (/reject|denied/i.test(text)) return "You rejected the signature in your wallet.";
  return text.split("\n")[0] ?? text;
}

export function usePlaceOrder() {
  const config = useConfig();
  const queryClient = useQueryClient();
  const { chainId, address } = useDeployment();
  const { run } = useTx();
  const [busy, setBusy] = useState(false);

  const place = useCallback(
    async (draft: OrderDraft, feeRateBps: bigint, postOnly: boolean, label: string): Promise<OrderOutcome> => {
      const exchange = address("exchange");
      const collateral = address("collateral");
      const ctf = address("conditionalTokens");
      const maker = config.state.current ? config.state.connections.get(config.state.current)?.accounts[0] : undefined;
      if (!exchange || !collateral || !ctf || !maker)
        return { ok: false, message: "Connect a wallet on a chain where the exchange is deployed." };
      setBusy(true);
      try {
        const nonce = await readContract(config, {
          address: exchange,
          abi: exchangeAbi,
          functionName: "nonces",
          args: [maker],
        });
        const built = buildOrder(draft, {
          maker,
          nonce,
          feeRateBps,
          salt: randomSalt(),
          now: BigInt(Math.floor(Date.now() / 1000)),
        });
        if (!built.ok) return { ok: false, message: built.reason };
        const order = built.order;
        // BUY gives collateral, SELL gives outcome shares: the exchange must be allowed to move them.
        const approved = await run(
          draft.side === "buy"
            ? {
                label: `Allow the exchange to spend tUSD for "${label}"`,
                approval: { token: collateral, spender: exchange, amount: order.makerAmount },
              }
            : {
                label: `Allow the exchange to move your shares for "${label}"`,
                approvalForAll: { token: ctf, operator: exchange },
              },
        );
        if (!approved.ok) return { ok: false, message: approved.error ?? "The approval failed." };
        const signature = await signTypedData(config, {
          account: maker,
          domain: exchangeDomain(chainId, exchange),
          types: ORDER_TYPES,
          primaryType: "Order",
          message: order,
        });
        const placed = await postOrder(postOrderBody(order, signature, draft.tif, postOnly));
        await queryClient.invalidateQueries();
        const message =
          placed.status === "matched"
            ? "Order filled."
            : placed.status === "unmatched"
              ? placed.makingAmount > 0n
                ? "Order partly filled; the rest was dropped."
                : "Nothing matched; the order was dropped."
              : placed.makingAmount > 0n
                ? "Order partly filled; the rest rests on the book."
                : "Order placed on the book.";
        return { ok: true, message };
      } catch (error) {
        return { ok: false, message: describe(error) };
      } finally {
        setBusy(false);
      }
    },
    [config, queryClient, chainId, address, run],
  );

  return { place, busy };
}

export function useCancelOrders() {
  const config = useConfig();
  const queryClient = useQueryClient();
  const { chainId, address } = useDeployment();
  const [busy, setBusy] = useState(false);

  /** `orderHashes` empty ⇒ every open order of the maker in `market`. */
  const cancel = useCallback(
    async (market: Hex, orderHashes: Hex[]): Promise<OrderOutcome> => {
      const exchange = address("exchange");
      const maker: Address | undefined = config.state.current
        ? config.state.connections.get(config.state.current)?.accounts[0]
        : undefined;
      if (!exchange || !maker) return { ok: false, message: "Connect a wallet first." };
      setBusy(true);
      try {
        const scope = orderHashes.length > 0 ? CancelScope.ORDERS : CancelScope.MARKET;
        const timestamp = BigInt(Math.floor(Date.now() / 1000));
        const message = {
          maker,
          scope,
          orderHashes,
          market: scope === CancelScope.MARKET ? market : zeroHash,
          timestamp,
        };
        const signature = await signTypedData(config, {
          account: maker,
          domain: cancelDomain(chainId, exchange),
          types: CANCEL_TYPES,
          primaryType: "Cancel",
          message,
        });
        const result = await cancelOrders({ ...message, timestamp: timestamp.toString(), signature });
        await queryClient.invalidateQueries();
        const failed = Object.values(result.notCanceled);
        return failed.length > 0
          ? { ok: false, message: `Not cancelled: ${failed.join("; ")}` }
          : {
              ok: true,
              message: `Cancelled ${result.canceled.length} order${result.canceled.length === 1 ? "" : "s"}.`,
            };
      } catch (error) {
        return { ok: false, message: describe(error) };
      } finally {
        setBusy(false);
      }
    },
    [config, queryClient, chainId, address],
  );

  return { cancel, busy };
}

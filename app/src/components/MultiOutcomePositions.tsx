import { negRiskAdapterAbi } from "@forkcast/deployments";
import { useState } from "react";
import { useConnection, useReadContract } from "wagmi";

import type { Market } from "../data/catalog.ts";
import { useShareBalances } from "../data/shares.ts";
import { useDeployment } from "../hooks/useDeployment.ts";
import { useTx } from "../hooks/useTx.ts";
import { formatAmount, parseAmount } from "../lib/amount.ts";
import { convertIndexSet, convertOutput } from "../lib/convert.ts";
import { isBusy } from "../lib/tx.ts";
import { Button } from "./Button.tsx";
import { TableHead } from "./TableHead.tsx";

/**
 * Multi-outcome ("negative risk") positions: one YES/NO pair per outcome, minted through the
 * neg-risk adapter, and conversion of NO shares on several outcomes into collateral plus YES on
 * the rest.
 */
export function MultiOutcomePositions({ market }: { market: Market }) {
  const { address: account } = useConnection();
  const { address } = useDeployment();
  const ctf = address("conditionalTokens");
  const collateral = address("collateral");
  const adapter = address("negRiskAdapter");
  const { run, state } = useTx();
  const [amount, setAmount] = useState("10");
  const [selected, setSelected] = useState<number[]>([]);
  const ids = market.outcomes.flatMap((_, i) => [market.yesTokenIds[i], market.noTokenIds[i]]);
  const balances = useShareBalances(ids);
  const adapterMarketId = useReadContract({
    address: adapter,
    abi: negRiskAdapterAbi,
    functionName: "marketOf",
    args: market.conditionIds[0] ? [market.conditionIds[0]] : undefined,
    query: { enabled: Boolean(adapter && market.conditionIds[0]) },
  });
  if (!ctf || !collateral || !adapter)
    return <p className="panel muted">The neg-risk adapter is not deployed on this chain.</p>;
  const held = (i: number) => balances[i] ?? 0n;
  const parsed = parseAmount(amount);
  const busy = isBusy(state) ? "Transaction in progress" : undefined;
  const baseReason = !account
    ? "Connect a wallet first."
    : !parsed.ok
      ? parsed.reason
      : parsed.value === 0n
        ? "Enter an amount above zero"
        : market.resolved
          ? "The market is resolved."
          : busy;
  const noShort = parsed.ok ? selected.find((i) => held(2 * i + 1) < parsed.value) : undefined;
  const convertReason =
    baseReason ??
    (selected.length === 0
      ? "Tick the outcomes whose NO shares you convert."
      : noShort !== undefined
        ? `You hold fewer than ${amount} NO shares of ${market.outcomes[noShort]}.`
        : adapterMarketId.data === undefined
          ? "Loading the adapter market…"
          : undefined);
  const out = parsed.ok ? convertOutput(selected.length, parsed.value) : 0n;
  return (
    <div className="panel" data-testid="multi-positions">
      <h2>Your shares</h2>
      <label>
        Amount (tUSD / shares){" "}
        <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" aria-label="Amount" />
      </label>
      <table>
        <TableHead columns={["Convert", "Outcome", { num: "YES" }, { num: "NO" }, ""]} />
        <tbody>
          {market.outcomes.map((o, i) => (
            <tr key={o}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Convert NO ${o}`}
                  checked={selected.includes(i)}
                  onChange={(e) => setSelected((s) => (e.target.checked ? [...s, i] : s.filter((x) => x !== i)))}
                />
              </td>
              <td>{o}</td>
              <td className="num" data-testid={`yes-${o}`}>
                {formatAmount(held(2 * i), { unit: "shares" })}
              </td>
              <td className="num" data-testid={`no-${o}`}>
                {formatAmount(held(2 * i + 1), { unit: "shares" })}
              </td>
              <td>
                <Button
                  className="secondary"
                  aria-label={`Split ${o}`}
                  disabledReason={baseReason}
                  onClick={() => {
                    const conditionId = market.conditionIds[i];
                    if (!parsed.ok || !conditionId) return;
                    void run({
                      label: `Split ${formatAmount(parsed.value, { unit: "tUSD" })} into YES + NO ${o}`,
                      call: {
                        address: adapter,
                        abi: negRiskAdapterAbi,
                        functionName: "splitPosition",
                        args: [conditionId, parsed.value],
                      },
                      approval: { token: collateral, spender: adapter, amount: parsed.value },
                    });
                  }}
                >
                  Split
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        Converting {selected.length} × NO gives {formatAmount(out, { unit: "tUSD" })} (before the market's convert fee)
        plus {parsed.ok ? formatAmount(parsed.value, { unit: "YES" }) : "—"} on each other outcome.
      </p>
      <Button
        disabledReason={convertReason}
        onClick={() => {
          const marketId = adapterMarketId.data;
          if (!parsed.ok || !marketId) return;
          void run({
            label: `Convert NO on ${selected.map((i) => market.outcomes[i]).join(", ")}`,
            call: {
              address: adapter,
              abi: negRiskAdapterAbi,
              functionName: "convertPositions",
              args: [marketId, convertIndexSet(selected), parsed.value],
            },
            approvalForAll: { token: ctf, operator: adapter },
          });
        }}
      >
        Convert
      </Button>
    </div>
  );
}

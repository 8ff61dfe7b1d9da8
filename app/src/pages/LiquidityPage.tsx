import { BPS_DENOMINATOR } from "@forkcast/shared";
import { iBettingPoolAbi } from "@forkcast/deployments";
import { useState } from "react";
import { useConnection } from "wagmi";

import { Button } from "../components/Button.tsx";
import { useCollateral } from "../data/collateral.ts";
import { usePoolTotals } from "../data/pool.ts";
import { useLpValues, usePoolAccount } from "../data/poolIndex.ts";
import { useChainTime } from "../hooks/useChainTime.ts";
import { useDeployment } from "../hooks/useDeployment.ts";
import { useTx } from "../hooks/useTx.ts";
import { formatAmount, formatSigned, parseAmount } from "../lib/amount.ts";
import { depositReason as whyNotDeposit, freeForNewMarkets } from "../lib/betSlip.ts";
import { formatDuration } from "../lib/time.ts";
import { isBusy } from "../lib/tx.ts";

export default function LiquidityPage() {
  const { address: account } = useConnection();
  const { address } = useDeployment();
  const collateral = address("collateral");
  const totals = usePoolTotals();
  const { balance } = useCollateral(account);
  const poolAccount = usePoolAccount(account);
  const positions = poolAccount.data?.lps;
  const values = useLpValues(positions);
  const [fractionBps, setFractionBps] = useState(BPS_DENOMINATOR);
  const chainTime = useChainTime();
  const now = chainTime ?? 0;
  const { run, state } = useTx();
  const [amount, setAmount] = useState("");
  const parsed = parseAmount(amount);
  const pool = totals.pool;
  const busy = isBusy(state) ? "Transaction in progress" : undefined;
  const depositReason = !pool
    ? "The betting pool is not deployed on this chain yet"
    : !account
      ? "Connect a wallet first."
      : (whyNotDeposit(parsed, balance) ?? busy);
  const usd = (v: bigint | undefined) => (v === undefined ? "…" : formatAmount(v, { unit: "tUSD" }));
  return (
    <section data-testid="liquidity-page">
      <h1>Liquidity</h1>
      <div className="panel row">
        <span>
          Pool size <strong data-testid="pool-total">{usd(totals.total)}</strong>
        </span>
        <span title="What the open markets' liquidity (the deposits made before the oldest of them opened) has left after their locked reserve: a new deposit backs only markets opened after it, so it does not change this.">
          Free for open markets <strong data-testid="pool-free">{usd(totals.free)}</strong>
        </span>
        <span title="Pool size minus the reserve locked by open bets: what a market opened now could draw on, new deposits included.">
          Free for new markets{" "}
          <strong data-testid="pool-free-new">
            {usd(
              totals.total === undefined || totals.locked === undefined
                ? undefined
                : freeForNewMarkets(totals.total, totals.locked),
            )}
          </strong>
        </span>
        <span>
          Locked in open bets <strong>{usd(totals.locked)}</strong>
        </span>
        {totals.withdrawTimeout !== undefined && (
          <span className="muted">
            Deposits can be withdrawn {formatDuration(totals.withdrawTimeout)} after depositing.
          </span>
        )}
      </div>
      <div className="panel">
        <h2>Deposit</h2>
        <div className="row">
          <input
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            inputMode="decimal"
            aria-label="Deposit amount"
            placeholder="tUSD"
          />
          {balance !== undefined && <small className="muted">You have {formatAmount(balance, { unit: "tUSD" })}</small>}
          <Button
            disabledReason={depositReason}
            onClick={() =>
              pool &&
              collateral &&
              parsed.ok &&
              void run({
                label: `Deposit ${formatAmount(parsed.value, { unit: "tUSD" })} into the pool`,
                call: { address: pool, abi: iBettingPoolAbi, functionName: "deposit", args: [parsed.value] },
                approval: { token: collateral, spender: pool, amount: parsed.value },
              })
            }
          >
            Deposit
          </Button>
        </div>
      </div>
      <div className="panel">
        <h2>Your LP positions</h2>
        {poolAccount.error && <p className="error">Could not load your positions: {poolAccount.error.message}</p>}
        {positions?.length === 0 && <p className="muted">No LP positions.</p>}
        <label>
          Withdraw{" "}
          <select
            aria-label="Withdraw share"
            value={fractionBps.toString()}
            onChange={(e) => setFractionBps(BigInt(e.target.value))}
          >
            <option value="2500">25%</option>
            <option value="5000">50%</option>
            <option value="10000">100%</option>
          </select>{" "}
          of a position
        </label>
        <table data-testid="lp-positions">
          <thead>
            <tr>
              <th>LP #</th>
              <th className="num">Deposited</th>
              <th className="num">Withdrawn</th>
              <th className="num">Value now</th>
              <th className="num">Result</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(positions ?? []).map((p) => {
              const value = values.get(p.lpId);
              const unlocksAt = p.depositedAt + (totals.withdrawTimeout ?? 0);
              const reason =
                busy ??
                (chainTime === undefined
                  ? "Reading the chain's time…"
                  : now < unlocksAt
                    ? `Withdrawable in ${formatDuration(unlocksAt - now)}`
                    : undefined);
              return (
                <tr key={p.lpId.toString()}>
                  <td>{p.lpId.toString()}</td>
                  <td className="num">{formatAmount(p.deposited, { unit: "tUSD" })}</td>
                  <td className="num">{formatAmount(p.withdrawn, { unit: "tUSD" })}</td>
                  <td className="num">{value === undefined ? "—" : formatAmount(value, { unit: "tUSD" })}</td>
                  <td className="num">
                    {value === undefined ? "—" : formatSigned(value + p.withdrawn - p.deposited, { unit: "tUSD" })}
                  </td>
                  <td>
                    <Button
                      className="secondary"
                      disabledReason={reason}
                      onClick={() =>
                        pool &&
                        void run({
                          label: `Withdraw ${Number(fractionBps) / 100}% of LP #${p.lpId}`,
                          call: {
                            address: pool,
                            abi: iBettingPoolAbi,
                            functionName: "withdraw",
                            args: [p.lpId, fractionBps],
                          },
                        })
                      }
                    >
                      Withdraw {Number(fractionBps) / 100}%
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

import { feeValue } from "@forkcast/shared";
import { useMemo, useState } from "react";
import { useConnection } from "wagmi";

import { useDeployment } from "../../hooks/useDeployment.ts";
import { usePlaceOrder } from "../../hooks/useOrders.ts";
import { formatAmount } from "../../lib/amount.ts";
import { buildOrder, roundToLot } from "../../lib/order.ts";
import { type Level, formatCents } from "../../lib/price.ts";
import {
  type OrderType,
  type Side,
  type TimeInForce,
  averagePriceCell,
  quoteTicket,
  sizePresets,
} from "../../lib/ticket.ts";
import { Button } from "../Button.tsx";

export interface TicketProps {
  bids: readonly Level[];
  asks: readonly Level[];
  outcome: string;
  tokenId: bigint | undefined;
  tickSize: bigint;
  feeRateBps: bigint;
  open: boolean;
  /** The account's collateral (a BUY cannot cost more); undefined while loading or disconnected. */
  collateralBalance: bigint | undefined;
  /** Shares of this outcome the account holds (a SELL cannot exceed them); undefined while loading. */
  sharesHeld: bigint | undefined;
  /** The account's own resting orders on this token as levels: a market order never fills against them. */
  own: { bids: readonly Level[]; asks: readonly Level[] } | undefined;
}

export function TradeTicket({
  bids,
  asks,
  outcome,
  tokenId,
  tickSize,
  feeRateBps,
  open,
  collateralBalance,
  sharesHeld,
  own,
}: TicketProps) {
  const { isConnected } = useConnection();
  const { address } = useDeployment();
  const { place, busy } = usePlaceOrder();
  const [side, setSide] = useState<Side>("buy");
  const [type, setType] = useState<OrderType>("market");
  const [tif, setTif] = useState<TimeInForce>("FOK");
  const [postOnly, setPostOnly] = useState(false);
  const [amount, setAmount] = useState("");
  const [limitCents, setLimitCents] = useState("");
  const [result, setResult] = useState<{ ok: boolean; message: string } | undefined>();
  const quote = useMemo(
    () =>
      quoteTicket({
        side,
        type,
        amount,
        limitCents,
        tif,
        bids,
        asks,
        own,
        tickSize,
        balance: isConnected ? (side === "buy" ? collateralBalance : sharesHeld) : undefined,
      }),
    [side, type, amount, limitCents, tif, bids, asks, own, tickSize, isConnected, collateralBalance, sharesHeld],
  );
  const avg = averagePriceCell(quote, type);
  const draft =
    quote.ok && tokenId !== undefined
      ? { side, tif, price: quote.worstPrice, shares: roundToLot(quote.shares), tokenId, tickSize }
      : undefined;
  const draftProblem = draft && quote.ok ? buildOrder(draft, DRY_RUN_CONTEXT) : undefined;
  const fee = quote.shares > 0n ? feeValue(feeRateBps, quote.price, quote.shares) : 0n;
  const reason = !isConnected
    ? "Connect a wallet"
    : !open
      ? "The market is closed: it no longer accepts orders"
      : !quote.ok
        ? quote.reason
        : !address("exchange")
          ? "The exchange is not deployed on this chain yet, so orders cannot be signed"
          : draftProblem && !draftProblem.ok
            ? draftProblem.reason
            : busy
              ? "Placing the order…"
              : undefined;
  // A new order type starts clean: no result of the last order, no message about a limit price
  // that a market order does not have.
  const changeType = (next: OrderType) => {
    setType(next);
    setResult(undefined);
    if (next === "market") setLimitCents("");
    setTif(next === "market" ? "FOK" : "GTC");
  };
  const submit = async () => {
    if (!draft) return;
    setResult(undefined);
    const label = `${side === "buy" ? "Buy" : "Sell"} ${formatAmount(draft.shares)} ${outcome}`;
    setResult(await place(draft, feeRateBps, postOnly, label));
  };
  return (
    <aside className="panel" data-testid="trade-ticket">
      <div className="row tabs">
        <button className={side === "buy" ? "active" : ""} onClick={() => setSide("buy")}>
          Buy
        </button>
        <button className={side === "sell" ? "active" : ""} onClick={() => setSide("sell")}>
          Sell
        </button>
        <select value={type} onChange={(e) => changeType(e.target.value as OrderType)} aria-label="Order type">
          <option value="market">Market</option>
          <option value="limit">Limit</option>
        </select>
        <select value={tif} onChange={(e) => setTif(e.target.value as TimeInForce)} aria-label="Time in force">
          {(type === "market" ? ["FOK", "FAK"] : ["GTC", "GTD", "FOK", "FAK"]).map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </div>
      <p className="muted">Outcome: {outcome}</p>
      {type === "limit" && (
        <label className="field">
          Limit price (¢)
          <input value={limitCents} onChange={(e) => setLimitCents(e.target.value)} inputMode="decimal" />
        </label>
      )}
      <label className="field">
        {side === "buy" && type === "market" ? "Amount (tUSD)" : "Shares"}
        <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" />
      </label>
      <div className="row">
        {sizePresets(side, type).map((p) => (
          <button key={p} className="secondary" onClick={() => setAmount(p)}>
            {p}
          </button>
        ))}
      </div>
      <table>
        <tbody>
          <tr>
            <td>Avg price</td>
            <td className="num" data-testid="ticket-avg" title={avg.why}>
              {avg.text}
              {avg.why && <small className="why"> ({avg.why})</small>}
            </td>
          </tr>
          <tr>
            <td>Shares</td>
            <td className="num">{formatAmount(quote.shares, { unit: "shares" })}</td>
          </tr>
          <tr>
            <td>{side === "buy" ? "Cost" : "You receive"}</td>
            <td className="num">{formatAmount(quote.collateral, { unit: "tUSD" })}</td>
          </tr>
          <tr>
            <td>Fee ({Number(feeRateBps) / 100}% × min(p, 1 − p))</td>
            <td className="num" data-testid="ticket-fee">
              {formatAmount(fee, { unit: "tUSD" })}
            </td>
          </tr>
          {side === "buy" && (
            <tr>
              <td>Payout if right</td>
              <td className="num">{formatAmount(quote.payoutIfRight, { unit: "tUSD" })}</td>
            </tr>
          )}
        </tbody>
      </table>
      {quote.impactWarning && (
        <p className="warn-text">
          Price impact {Number(quote.priceImpactBps) / 100}%: this order moves the price a lot.
        </p>
      )}
      {type === "limit" && (tif === "GTC" || tif === "GTD") && (
        <label className="row">
          <input type="checkbox" checked={postOnly} onChange={(e) => setPostOnly(e.target.checked)} /> Post only (maker
          only, never trades on arrival)
        </label>
      )}
      {tif === "GTD" && <p className="muted">GTD orders expire one hour after signing.</p>}
      {type === "market" && quote.shares > 0n && (
        <p className="muted">
          {tif} at worst price {formatCents(quote.worstPrice)} for {formatAmount(roundToLot(quote.shares))} shares.
        </p>
      )}
      <Button disabledReason={reason} onClick={() => void submit()} data-testid="place-order">
        {side === "buy" ? "Buy" : "Sell"} {outcome}
      </Button>
      {result && (
        <p className={result.ok ? "ok-text" : "error"} data-testid="ticket-message" role="status">
          {result.message}
        </p>
      )}
    </aside>
  );
}

/** Only to validate a draft for the disabled reason; the real context is read when placing. */
const DRY_RUN_CONTEXT = {
  maker: "0x0000000000000000000000000000000000000001",
  nonce: 0n,
  feeRateBps: 0n,
  salt: 0n,
  now: 0n,
} as const;

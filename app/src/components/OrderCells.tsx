/** The cells of one open order (side and outcome, price, size left, type, cancel): the market page and the portfolio share them. */
import type { OpenOrder } from "../data/operator.ts";
import { formatAmount } from "../lib/amount.ts";
import { formatCents } from "../lib/price.ts";
import { Button } from "./Button.tsx";

interface Props {
  order: OpenOrder;
  outcome: string;
  /** A cancel is in flight: every cancel button waits. */
  busy: boolean;
  onCancel: () => void;
}

export function OrderCells({ order, outcome, busy, onCancel }: Props) {
  return (
    <>
      <td className={order.side === "BUY" ? "yes" : "no"}>
        {order.side} {outcome}
      </td>
      <td className="num">{formatCents(order.price)}</td>
      <td className="num">
        {formatAmount(order.remaining)} left of {formatAmount(order.originalSize)}
      </td>
      <td>{order.orderType}</td>
      <td>
        <Button className="secondary" disabledReason={busy ? "Cancelling…" : undefined} onClick={onCancel}>
          Cancel
        </Button>
      </td>
    </>
  );
}

import { formatAmount } from "../../lib/amount.ts";
import { type Level, formatCents, withDepth } from "../../lib/price.ts";

/** The book of one outcome token: asks above bids, each row with its cumulative depth bar. */
export function OrderBook({ bids, asks }: { bids: readonly Level[]; asks: readonly Level[] }) {
  const askDepth = withDepth(asks);
  const bidDepth = withDepth(bids);
  const max = [...askDepth, ...bidDepth].reduce((m, l) => (l.cumulative > m ? l.cumulative : m), 1n);
  const pct = (c: bigint) => `${Number((c * 100n) / max)}%`;
  return (
    <table data-testid="order-book">
      <thead>
        <tr>
          <th>Price</th>
          <th className="num">Shares</th>
          <th className="num">Total</th>
        </tr>
      </thead>
      <tbody>
        {[...askDepth].reverse().map((l) => (
          <tr key={`a${l.price}`} className="depth-ask" style={{ ["--d" as string]: pct(l.cumulative) }}>
            <td className="no">{formatCents(l.price)}</td>
            <td className="num">{formatAmount(l.size)}</td>
            <td className="num">{formatAmount(l.cumulative)}</td>
          </tr>
        ))}
        {bidDepth.map((l) => (
          <tr key={`b${l.price}`} className="depth-bid" style={{ ["--d" as string]: pct(l.cumulative) }}>
            <td className="yes">{formatCents(l.price)}</td>
            <td className="num">{formatAmount(l.size)}</td>
            <td className="num">{formatAmount(l.cumulative)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

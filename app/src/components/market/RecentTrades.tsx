import type { Market } from "../../data/catalog.ts";
import type { Trade } from "../../data/operator.ts";
import { formatAmount } from "../../lib/amount.ts";
import { describeTrade } from "../../lib/marketPrice.ts";
import { formatCents } from "../../lib/price.ts";

/**
 * The condition's trades, newest first, each in the outcome it traded at that outcome's price
 * (the NO leg of a MINT reads "BUY No 37¢", never a 37¢ YES trade).
 */
export function RecentTrades({
  trades,
  market,
  k,
  tokenName,
}: {
  trades: readonly Trade[];
  market: Market;
  k: number;
  tokenName: (market: Market, k: number, side: "yes" | "no") => string;
}) {
  const tokens = [
    { tokenId: market.yesTokenIds[k] ?? -1n, label: tokenName(market, k, "yes") },
    { tokenId: market.noTokenIds[k] ?? -1n, label: tokenName(market, k, "no") },
  ];
  return (
    <div className="panel">
      <h2>Recent trades</h2>
      {trades.length === 0 ? (
        <p className="muted">No trades yet.</p>
      ) : (
        <table data-testid="recent-trades">
          <tbody>
            {trades.map((t) => {
              const view = describeTrade(t, tokens);
              return (
                <tr key={t.id} data-testid="recent-trade">
                  <td className={view.side === "BUY" ? "yes" : "no"}>{view.side}</td>
                  <td>{view.outcome}</td>
                  <td className="num">{formatCents(view.price)}</td>
                  <td className="num">{formatAmount(t.size, { unit: "shares" })}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

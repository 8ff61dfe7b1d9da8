import { PRICE_SCALE } from "@forkcast/shared";
import { useConnection } from "wagmi";

import { type Market, useMarketList } from "../../data/catalog.ts";
import type { OutcomeQuote } from "../../data/marketView.ts";
import { costPositions, usePortfolio } from "../../data/portfolio.ts";
import { formatAmount } from "../../lib/amount.ts";
import { formatCents } from "../../lib/price.ts";
import { TableHead } from "../TableHead.tsx";

/**
 * The account's YES and NO shares of the selected outcome (from the chain), with the average
 * price of its fills (indexer), their value at the current price and the unrealized P&L.
 */
export function YourPosition({
  market,
  k,
  shares,
  quotes,
  tokenName,
}: {
  market: Market;
  k: number;
  shares: readonly [bigint | undefined, bigint | undefined];
  quotes: readonly OutcomeQuote[];
  tokenName: (market: Market, k: number, side: "yes" | "no") => string;
}) {
  const { address: account } = useConnection();
  const portfolio = usePortfolio(account);
  const markets = useMarketList();
  if (!account) return null;
  const costs = portfolio.data
    ? costPositions(portfolio.data.fills, portfolio.data.changes, markets.data ?? [])
    : undefined;
  const quoteOf = (tokenId: bigint | undefined) => quotes.find((q) => q.tokenId === tokenId)?.price?.price;
  const rows = (["yes", "no"] as const).map((side, i) => {
    const tokenId = side === "yes" ? market.yesTokenIds[k] : market.noTokenIds[k];
    const held = shares[i] ?? 0n;
    const yesPrice = quoteOf(market.yesTokenIds[k]);
    // A multi-outcome header quotes YES only: NO is worth 1 − YES.
    const mark = quoteOf(tokenId) ?? (side === "no" && yesPrice !== undefined ? PRICE_SCALE - yesPrice : undefined);
    const avg = tokenId === undefined ? undefined : costs?.get(tokenId)?.averagePrice;
    const value = mark === undefined ? undefined : (held * mark) / PRICE_SCALE;
    const pnl = value === undefined || avg === undefined || avg === 0n ? undefined : value - (held * avg) / PRICE_SCALE;
    return { side, label: tokenName(market, k, side), held, avg, mark, value, pnl };
  });
  const holding = rows.filter((r) => r.held > 0n);
  return (
    <div className="panel" data-testid="your-position">
      <h2>Your position</h2>
      {holding.length === 0 ? (
        <p className="muted">You hold no shares of this outcome.</p>
      ) : (
        <table>
          <TableHead columns={["Outcome", { num: "Shares" }, { num: "Avg" }, { num: "Value" }, { num: "P&L" }]} />
          <tbody>
            {holding.map((r) => (
              <tr key={r.side} data-testid={`position-${r.side}`}>
                <td>{r.label}</td>
                <td className="num">{formatAmount(r.held)}</td>
                <td className="num" title="Average price of your fills (splits cost nothing per side)">
                  {r.avg ? formatCents(r.avg) : "—"}
                </td>
                <td className="num">{r.value === undefined ? "—" : formatAmount(r.value, { unit: "tUSD" })}</td>
                <td className={`num ${r.pnl !== undefined && r.pnl < 0n ? "no" : "yes"}`}>
                  {r.pnl === undefined ? "—" : `${r.pnl > 0n ? "+" : ""}${formatAmount(r.pnl, { unit: "tUSD" })}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

import { useConnection } from "wagmi";

import { usePortfolio } from "../data/portfolio.ts";
import { formatAmount } from "../lib/amount.ts";

export default function PortfolioPage() {
  const { address } = useConnection();
  const portfolio = usePortfolio(address);
  if (!address) return <p data-testid="portfolio-page">Connect a wallet to see your portfolio.</p>;
  const data = portfolio.data;
  return (
    <section data-testid="portfolio-page">
      <h1>Portfolio</h1>
      <div className="panel">
        <h2>Positions</h2>
        <p className="muted">
          Balances of outcome shares held by {address.slice(0, 8)}… (from conditional-token transfer events). Average
          price, value and P&amp;L appear once trades come from the operator/indexer.
        </p>
        {data && data.positions.length === 0 && <p className="muted">No positions yet.</p>}
        <table>
          <thead>
            <tr>
              <th>Position id</th>
              <th className="num">Shares</th>
            </tr>
          </thead>
          <tbody>
            {data?.positions.map((p) => (
              <tr key={p.tokenId.toString()}>
                <td>
                  <code>{p.tokenId.toString().slice(0, 18)}…</code>
                </td>
                <td className="num">{formatAmount(p.balance, { unit: "shares" })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="panel">
        <h2>Open orders, bets, LP positions, redeemable winnings</h2>
        <p className="muted">
          These need the exchange operator, the betting pool and the oracle in this chain's address book.
        </p>
      </div>
      <div className="panel">
        <h2>Activity</h2>
        {portfolio.isLoading && <p className="muted">Loading…</p>}
        {portfolio.error && <p className="error">{portfolio.error.message}</p>}
        <table data-testid="activity">
          <thead>
            <tr>
              <th>Block</th>
              <th>What</th>
              <th className="num">Amount</th>
              <th>Detail</th>
            </tr>
          </thead>
          <tbody>
            {data?.activity.map((a) => (
              <tr key={a.key}>
                <td>{a.block.toString()}</td>
                <td>{a.kind}</td>
                <td className="num">
                  {formatAmount(a.amount, { unit: a.kind.startsWith("collateral") ? "tUSD" : "shares" })}
                </td>
                <td>{a.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

import { conditionalTokensAbi, negRiskAdapterAbi } from "@forkcast/deployments";
import { Link } from "react-router";
import { type Hex, zeroHash } from "viem";
import { useConnection, useReadContracts } from "wagmi";

import { Button } from "../components/Button.tsx";
import { PoolBets } from "../components/PoolBets.tsx";
import { type ChainMarket, useChainMarkets } from "../data/chainMarkets.ts";
import { usePoolConditions } from "../data/pool.ts";
import { usePortfolio } from "../data/portfolio.ts";
import { useDeployment } from "../hooks/useDeployment.ts";
import { useTx } from "../hooks/useTx.ts";
import { formatAmount, formatSigned } from "../lib/amount.ts";
import { formatCents } from "../lib/price.ts";
import { DEFAULT_TOLERANCE_BPS } from "../lib/poolBets.ts";
import { type LabelledPosition, labelPositions } from "../lib/positions.ts";
import { isBusy } from "../lib/tx.ts";

export default function PortfolioPage() {
  const { address } = useConnection();
  const portfolio = usePortfolio(address);
  const markets = useChainMarkets();
  const poolConditions = usePoolConditions();
  if (!address) return <p data-testid="portfolio-page">Connect a wallet to see your portfolio.</p>;
  const data = portfolio.data;
  const positions = labelPositions(data?.positions ?? [], markets.data ?? []);
  const avg = (tokenId: bigint) => {
    const cost = data?.costs.get(tokenId);
    return cost && cost.averagePrice > 0n ? formatCents(cost.averagePrice) : "—";
  };
  const realized = (tokenId: bigint) => {
    const cost = data?.costs.get(tokenId);
    return cost ? formatSigned(cost.realized, { unit: "tUSD" }) : "—";
  };
  return (
    <section data-testid="portfolio-page">
      <h1>Portfolio</h1>
      <div className="panel">
        <h2>Positions</h2>
        {data && positions.length === 0 && <p className="muted">No positions yet.</p>}
        <table data-testid="positions-table">
          <thead>
            <tr>
              <th>Market</th>
              <th>Outcome</th>
              <th className="num">Shares</th>
              <th className="num">Avg price</th>
              <th className="num">Realized P&amp;L</th>
              <th className="num">Value</th>
            </tr>
          </thead>
          <tbody>
            {positions.map((p) => (
              <tr key={p.tokenId.toString()}>
                <td>
                  {p.market ? (
                    <Link to={`/m/${p.market.marketId}`}>{p.market.question}</Link>
                  ) : (
                    <code>{p.tokenId.toString().slice(0, 14)}…</code>
                  )}
                </td>
                <td>{p.outcome ?? "—"}</td>
                <td className="num">{formatAmount(p.balance, { unit: "shares" })}</td>
                <td className="num">{avg(p.tokenId)}</td>
                <td className="num">{realized(p.tokenId)}</td>
                <td className="num" title="Open markets are valued once the order book (operator) provides prices">
                  {p.market?.resolved ? "redeemable" : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">
          Average price and P&amp;L need your fills, which come from the operator's trade history (not connected on this
          network).
        </p>
      </div>
      <Redeemable positions={positions} />
      <div className="panel" data-testid="portfolio-bets">
        <h2>Pool bets</h2>
        <PoolBets account={address} conditions={poolConditions.data} toleranceBps={DEFAULT_TOLERANCE_BPS} />
      </div>
      <div className="panel">
        <h2>Open orders, bets, LP positions</h2>
        <p className="muted">
          Your pool bets (with claim) are under <Link to="/pool">Pool</Link> and your LP positions under{" "}
          <Link to="/liquidity">Liquidity</Link>. Open orders need the exchange operator, which is not connected on this
          network.
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

interface RedeemableCondition {
  market: ChainMarket;
  conditionId: Hex;
  positions: LabelledPosition[];
}

/** Conditions of resolved markets where the account holds shares: one click redeems each
 * (binary markets through the conditional tokens, multi-outcome ones through the neg-risk adapter). */
function Redeemable({ positions }: { positions: readonly LabelledPosition[] }) {
  const { address } = useDeployment();
  const ctf = address("conditionalTokens");
  const collateral = address("collateral");
  const adapter = address("negRiskAdapter");
  const { run, state } = useTx();
  const byCondition = new Map<string, RedeemableCondition>();
  for (const p of positions) {
    const conditionId = p.market?.conditionIds[p.conditionIndex ?? 0];
    if (!p.market?.resolved || !conditionId) continue;
    const entry = byCondition.get(conditionId) ?? { market: p.market, conditionId, positions: [] };
    entry.positions.push(p);
    byCondition.set(conditionId, entry);
  }
  const conditions = [...byCondition.values()];
  const payouts = useReadContracts({
    contracts: conditions.map((c) => ({
      address: ctf,
      abi: conditionalTokensAbi,
      functionName: "getPayoutNumerators" as const,
      args: [c.conditionId] as const,
    })),
    query: { enabled: Boolean(ctf && conditions.length) },
  });
  if (!ctf || !collateral) return null;
  return (
    <div className="panel" data-testid="redeemable">
      <h2>Redeemable winnings</h2>
      {conditions.length === 0 && <p className="muted">Nothing to redeem.</p>}
      {conditions.map((c, i) => {
        const result = payouts.data?.[i];
        const numerators = result?.status === "success" ? (result.result as readonly bigint[]) : undefined;
        const total = numerators?.reduce((a, b) => a + b, 0n) ?? 0n;
        const value = c.positions.reduce(
          (sum, p) => sum + (total > 0n ? (p.balance * (numerators?.[p.outcomeIndex ?? 0] ?? 0n)) / total : 0n),
          0n,
        );
        const multi = c.market.kind === "multi";
        const label = multi
          ? `${c.market.question} — ${c.market.outcomes[c.positions[0]?.conditionIndex ?? 0] ?? ""}`
          : c.market.question;
        return (
          <div className="row" key={c.conditionId} data-testid="redeem-row">
            <span>{label}</span>
            <strong data-testid="redeem-value">{formatAmount(value, { unit: "tUSD" })}</strong>
            <Button
              disabledReason={
                isBusy(state)
                  ? "Transaction in progress"
                  : multi && !adapter
                    ? "The neg-risk adapter is not deployed on this chain."
                    : undefined
              }
              onClick={() =>
                void run(
                  multi && adapter
                    ? {
                        label: `Redeem "${label}"`,
                        call: {
                          address: adapter,
                          abi: negRiskAdapterAbi,
                          functionName: "redeemPositions",
                          args: [c.conditionId],
                        },
                        approvalForAll: { token: ctf, operator: adapter },
                      }
                    : {
                        label: `Redeem "${label}"`,
                        call: {
                          address: ctf,
                          abi: conditionalTokensAbi,
                          functionName: "redeemPositions",
                          args: [collateral, zeroHash, c.conditionId, [1n, 2n]],
                        },
                      },
                )
              }
            >
              Redeem
            </Button>
          </div>
        );
      })}
    </div>
  );
}

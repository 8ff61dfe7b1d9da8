/** Attaches market and outcome names to raw ERC-1155 balances. Pure. */
import type { Market } from "../data/catalog.ts";

export interface LabelledPosition {
  tokenId: bigint;
  balance: bigint;
  market?: Market;
  /** For binary markets 0 = first outcome (YES), 1 = second (NO). */
  outcomeIndex?: number;
  /** Which of the market's conditions the token belongs to (always 0 for binary markets). */
  conditionIndex?: number;
  outcome?: string;
}

type TokenLabel = Required<Pick<LabelledPosition, "market" | "outcomeIndex" | "conditionIndex" | "outcome">>;

/** Market and outcome name of every outcome token of `markets`, by token id. */
export function tokenLabels(markets: readonly Market[]): Map<bigint, TokenLabel> {
  const byToken = new Map<bigint, TokenLabel>();
  for (const market of markets) {
    market.yesTokenIds.forEach((id, i) =>
      byToken.set(id, {
        market,
        outcomeIndex: 0,
        conditionIndex: i,
        outcome: market.kind === "binary" ? (market.outcomes[0] ?? "Yes") : `${market.outcomes[i] ?? i}: Yes`,
      }),
    );
    market.noTokenIds.forEach((id, i) =>
      byToken.set(id, {
        market,
        outcomeIndex: 1,
        conditionIndex: i,
        outcome: market.kind === "binary" ? (market.outcomes[1] ?? "No") : `${market.outcomes[i] ?? i}: No`,
      }),
    );
  }
  return byToken;
}

export function labelPositions(
  balances: readonly { tokenId: bigint; balance: bigint }[],
  markets: readonly Market[],
): LabelledPosition[] {
  const byToken = tokenLabels(markets);
  return balances.map((b) => ({ ...b, ...byToken.get(b.tokenId) }));
}

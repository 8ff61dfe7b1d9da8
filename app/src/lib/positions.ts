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
    // Outcome index 0 is the YES token of each condition, 1 the NO token; a binary market names them by its outcomes.
    const sides = [
      { tokenIds: market.yesTokenIds, side: "Yes" },
      { tokenIds: market.noTokenIds, side: "No" },
    ];
    sides.forEach(({ tokenIds, side }, outcomeIndex) =>
      tokenIds.forEach((id, i) =>
        byToken.set(id, {
          market,
          outcomeIndex,
          conditionIndex: i,
          outcome:
            market.kind === "binary" ? (market.outcomes[outcomeIndex] ?? side) : `${market.outcomes[i] ?? i}: ${side}`,
        }),
      ),
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

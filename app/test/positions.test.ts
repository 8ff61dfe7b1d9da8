import { describe, expect, it } from "vitest";

import type { Market } from "../src/data/catalog.ts";
import { makeMarket } from "./fixtures.ts";
import { labelPositions } from "../src/lib/positions.ts";

const market = (kind: "binary" | "multi", outcomes: string[], yes: bigint[], no: bigint[]): Market =>
  makeMarket({ kind, outcomes, yesTokenIds: yes, noTokenIds: no });

describe("labelPositions", () => {
  it("names binary outcomes and leaves unknown tokens unlabelled", () => {
    const [yes, no, other] = labelPositions(
      [
        { tokenId: 10n, balance: 1n },
        { tokenId: 11n, balance: 2n },
        { tokenId: 99n, balance: 3n },
      ],
      [market("binary", ["Yes", "No"], [10n], [11n])],
    );
    expect(yes).toMatchObject({ outcome: "Yes", outcomeIndex: 0 });
    expect(no).toMatchObject({ outcome: "No", outcomeIndex: 1 });
    expect(other?.market).toBeUndefined();
  });
  it("names multi-outcome legs by outcome and side", () => {
    const [a] = labelPositions([{ tokenId: 21n, balance: 1n }], [market("multi", ["A", "B"], [20n, 21n], [30n, 31n])]);
    expect(a).toMatchObject({ outcome: "B: Yes", outcomeIndex: 0, conditionIndex: 1 });
  });
});

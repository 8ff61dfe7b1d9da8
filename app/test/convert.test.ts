import { describe, expect, it } from "vitest";

import { convertIndexSet, convertOutput } from "../src/lib/convert.ts";

describe("multi-outcome conversion", () => {
  it("builds the index set from outcome indexes", () => {
    expect(convertIndexSet([0, 1])).toBe(3n);
    expect(convertIndexSet([2])).toBe(4n);
    expect(convertIndexSet([])).toBe(0n);
  });
  it("returns (m − 1) × amount collateral", () => {
    expect(convertOutput(2, 10_000_000n)).toBe(10_000_000n);
    expect(convertOutput(3, 5n)).toBe(10n);
    expect(convertOutput(1, 5n)).toBe(0n);
  });
});

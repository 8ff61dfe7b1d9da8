/** Multi-outcome conversion math (see docs/markets.md). Pure. */

/** Bit i set for every selected outcome index. */
export function convertIndexSet(outcomes: readonly number[]): bigint {
  return outcomes.reduce((set, i) => set | (1n << BigInt(i)), 0n);
}

/** Collateral returned for converting `amount` NO on `count` outcomes, before fees: (count − 1) × amount. */
export function convertOutput(count: number, amount: bigint): bigint {
  return count > 1 ? BigInt(count - 1) * amount : 0n;
}

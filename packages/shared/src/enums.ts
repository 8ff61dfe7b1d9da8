/**
 * TypeScript mirrors of the contracts' Solidity enums. The ABI carries an enum only as a `uint8`,
 * so code that reads or writes one uses these names instead of bare numbers. Each mirror lists
 * the Solidity members under their Solidity names, valued by declaration order;
 * `test/shared/enums.test.ts` checks every mirror against the compiler's AST of the contracts
 * (and that every enum the contracts declare has a mirror).
 *
 * `Side` and `SignatureType` (the order's enums) live with the Order type in `order.ts`.
 */
import { Side, SignatureType } from "./order.js";

/** `IOptimisticOracle.State`: where a question is in its lifecycle. */
export const OracleState = { None: 0, Open: 1, Proposed: 2, Escalated: 3, Settled: 4 } as const;
export type OracleState = (typeof OracleState)[keyof typeof OracleState];

/** `IOptimisticOracle.Resolution`: how a settled question got its answer. */
export const OracleResolution = { Undisputed: 0, Arbitrated: 1, Emergency: 2 } as const;
export type OracleResolution = (typeof OracleResolution)[keyof typeof OracleResolution];

/** `IMarketFactory.MarketKind`: a YES/NO market or a negative-risk multi-outcome market. */
export const MarketKind = { Binary: 0, MultiOutcome: 1 } as const;
export type MarketKind = (typeof MarketKind)[keyof typeof MarketKind];

/** `IBettingPoolBase.ConditionState`: a pool condition's lifecycle. */
export const ConditionState = { None: 0, Active: 1, Paused: 2, Resolved: 3, Cancelled: 4 } as const;
export type ConditionState = (typeof ConditionState)[keyof typeof ConditionState];

/** `IBettingPoolBase.ParlayStatus`: a parlay until every leg is known. */
export const ParlayStatus = { Pending: 0, Lost: 1, Won: 2, Void: 3 } as const;
export type ParlayStatus = (typeof ParlayStatus)[keyof typeof ParlayStatus];

/** A mirror: Solidity member name → its value. */
export type SolidityEnumMirror = Readonly<Record<string, number>>;

/** Every mirror under the Solidity enum's canonical name (`Contract.Enum`, or `Enum` at file level). */
export const SOLIDITY_ENUMS = {
  Side,
  SignatureType,
  "IOptimisticOracle.State": OracleState,
  "IOptimisticOracle.Resolution": OracleResolution,
  "IMarketFactory.MarketKind": MarketKind,
  "IBettingPoolBase.ConditionState": ConditionState,
  "IBettingPoolBase.ParlayStatus": ParlayStatus,
} as const satisfies Record<string, SolidityEnumMirror>;

/** The member name of `value` in `mirror`, or undefined for a value the enum does not have. */
export function enumName<E extends SolidityEnumMirror>(
  mirror: E,
  value: number | bigint,
): (keyof E & string) | undefined {
  const n = Number(value);
  for (const [name, v] of Object.entries(mirror)) if (v === n) return name;
  return undefined;
}

/** The member names of `mirror`, in value (declaration) order. */
export function enumNames<E extends SolidityEnumMirror>(mirror: E): (keyof E & string)[] {
  return Object.entries(mirror)
    .sort(([, a], [, b]) => a - b)
    .map(([name]) => name);
}

/**
 * Redeeming a resolved condition: what the account's shares pay (payout numerators over their
 * sum, per outcome slot) and what the Redeem button says. Losing shares pay 0 but still redeem:
 * the call burns them, which clears the position. Pure.
 */
import { formatAmount } from "./amount.ts";

/** Collateral the `held` shares (one entry per outcome slot: YES, NO) pay once resolved; 0 before. */
export function redeemPayout(payouts: readonly bigint[] | undefined, held: readonly bigint[]): bigint {
  const total = payouts?.reduce((a, b) => a + b, 0n) ?? 0n;
  if (!payouts || total === 0n) return 0n;
  return held.reduce((sum, shares, i) => sum + (shares * (payouts[i] ?? 0n)) / total, 0n);
}

export interface RedeemAction {
  /** Why Redeem is disabled; undefined when it may be clicked. */
  reason: string | undefined;
  /** What a click does, in words with the amount: shown beside the button. */
  note: string;
}

/** Whether a holder may redeem and what it pays, for a condition with `payouts` (undefined before resolution). */
export function redeemAction(
  resolved: boolean,
  payouts: readonly bigint[] | undefined,
  held: readonly bigint[],
): RedeemAction {
  const shares = held.reduce((a, b) => a + b, 0n);
  if (!resolved) return { reason: "The market is not resolved yet.", note: "" };
  if (shares === 0n) return { reason: "You hold no shares of this market.", note: "Nothing to redeem." };
  const value = redeemPayout(payouts, held);
  const amount = formatAmount(value, { unit: "tUSD" });
  return {
    reason: undefined,
    note:
      value === 0n
        ? `Your shares lost: redeeming pays 0 (${amount}) and burns them, clearing the position.`
        : `Redeeming pays ${amount} and burns your shares.`,
  };
}

/**
 * Sentences for the indexer's account activity (oracle bonds and rewards, market-creation
 * rewards, faucet drips): what the account paid or received, with the amount in tUSD. Pure.
 */
import { COLLATERAL_UNIT } from "@forkcast/shared";

import { formatAmount } from "./amount.ts";

export const ACCOUNT_ACTIVITY_KINDS = [
  "proposalBond",
  "disputeBond",
  "bondReturned",
  "bondLost",
  "rewardPaid",
  "creationReward",
  "faucetDrip",
] as const;
export type AccountActivityKind = (typeof ACCOUNT_ACTIVITY_KINDS)[number];

/** "100 tUSD" for whole amounts, "12.50 tUSD" otherwise. */
function tusd(amount: bigint): string {
  return formatAmount(amount, { unit: "tUSD", fractionDigits: amount % COLLATERAL_UNIT === 0n ? 0 : 2 });
}

const SENTENCES: Record<AccountActivityKind, (amount: string) => string> = {
  proposalBond: (a) => `Posted a ${a} proposal bond`,
  disputeBond: (a) => `Posted a ${a} dispute bond`,
  bondReturned: (a) => `Got ${a} back from a bond`,
  bondLost: (a) => `Lost a ${a} bond`,
  rewardPaid: (a) => `Received a ${a} oracle reward`,
  creationReward: (a) => `Paid a ${a} market-creation reward`,
  faucetDrip: (a) => `Received ${a} from the faucet`,
};

export function isAccountActivityKind(kind: string): kind is AccountActivityKind {
  return (ACCOUNT_ACTIVITY_KINDS as readonly string[]).includes(kind);
}

/** The activity line of one account-activity row; a kind this app does not know yet is named as is. */
export function accountActivityLabel(kind: string, amount: bigint): string {
  return isAccountActivityKind(kind) ? SENTENCES[kind](tusd(amount)) : `${kind}: ${tusd(amount)}`;
}

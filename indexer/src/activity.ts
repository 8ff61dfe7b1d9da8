/**
 * Account activity outside trading, splits and the pool: the row builder the oracle and market
 * handlers share, and the TestUSD faucet's drips.
 */
import { type Context, ponder } from "ponder:registry";
import { accountEvent, market } from "ponder:schema";

import { type LoggedEvent, logRow } from "./lib.ts";

type Hex = `0x${string}`;

export type ActivityKind =
  "proposalBond" | "disputeBond" | "bondReturned" | "bondLost" | "rewardPaid" | "creationReward" | "faucetDrip";

/** One account_event row of `event`; `suffix` tells apart several rows of one log. */
export function activityRow(
  event: LoggedEvent,
  fields: { kind: ActivityKind; account: Hex; amount: bigint; questionId: Hex | null; marketId: Hex | null },
  suffix = "",
) {
  return logRow(event, fields, suffix);
}

/** The order-book market asking `questionId` (a market's id is its question id), or null. */
export async function marketOfQuestion(db: Context["db"], questionId: Hex): Promise<Hex | null> {
  return (await db.find(market, { id: questionId })) ? questionId : null;
}

ponder.on("TestUSD:FaucetDripped", async ({ event, context }) => {
  const { account, amount } = event.args;
  await context.db
    .insert(accountEvent)
    .values(activityRow(event, { kind: "faucetDrip", account, amount, questionId: null, marketId: null }));
});

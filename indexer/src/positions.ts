/**
 * ERC-1155 balances per account and token, split/merge/redeem/convert history, and open
 * interest. Open interest counts the collateral behind full sets: binary markets through
 * ConditionalTokens events, multi-outcome markets through the NegRiskAdapter's own events
 * (the adapter's calls into ConditionalTokens are skipped so nothing counts twice).
 */
import { type Context, ponder } from "ponder:registry";
import { market, marketOutcome, position, positionChange, token } from "ponder:schema";

import { type LoggedEvent, ZERO_ADDRESS, ZERO_BYTES32, logRow, sameAddress } from "./lib.ts";

type Db = Context["db"];
type Hex = `0x${string}`;

async function addBalance(db: Db, account: Hex, tokenId: bigint, delta: bigint, timestamp: bigint): Promise<void> {
  if (account === ZERO_ADDRESS || delta === 0n) return;
  const tokenRow = await db.find(token, { id: tokenId });
  await db
    .insert(position)
    .values({
      id: `${account.toLowerCase()}-${tokenId}`,
      account,
      tokenId,
      marketId: tokenRow?.marketId ?? null,
      conditionId: tokenRow?.conditionId ?? null,
      balance: delta,
      updatedAt: timestamp,
    })
    .onConflictDoUpdate((row) => ({ balance: row.balance + delta, updatedAt: timestamp }));
}

async function transfer(db: Db, from: Hex, to: Hex, id: bigint, value: bigint, timestamp: bigint): Promise<void> {
  await addBalance(db, from, id, -value, timestamp);
  await addBalance(db, to, id, value, timestamp);
}

/** Adds `delta` collateral to the open interest of a condition's outcome row and its market. */
async function addOpenInterest(db: Db, conditionId: Hex, delta: bigint): Promise<Hex | null> {
  const outcome = await db.find(marketOutcome, { id: conditionId });
  if (!outcome) return null;
  await db.update(marketOutcome, { id: conditionId }).set((row) => ({ openInterest: row.openInterest + delta }));
  await db.update(market, { id: outcome.marketId }).set((row) => ({ openInterest: row.openInterest + delta }));
  return outcome.marketId;
}

async function marketOf(db: Db, conditionId: Hex): Promise<Hex | null> {
  return (await db.find(marketOutcome, { id: conditionId }))?.marketId ?? null;
}

ponder.on("ConditionalTokens:TransferSingle", async ({ event, context }) => {
  const { from, to, id, value } = event.args;
  await transfer(context.db, from, to, id, value, event.block.timestamp);
});

ponder.on("ConditionalTokens:TransferBatch", async ({ event, context }) => {
  const { from, to, ids, values } = event.args;
  for (const [k, id] of ids.entries()) {
    await transfer(context.db, from, to, id, values[k] ?? 0n, event.block.timestamp);
  }
});

/** Whether a ConditionalTokens event moves open interest (root collection, not the adapter). */
function countsForOpenInterest(account: Hex, parentCollectionId: Hex, adapter: Hex): boolean {
  return parentCollectionId === ZERO_BYTES32 && !sameAddress(account, adapter);
}

/** A split, merge or redemption, and how much it moves the open interest of its condition. */
interface SetChange {
  kind: "split" | "merge" | "redeem";
  account: Hex;
  conditionId: Hex;
  openInterestDelta: bigint;
  amount: bigint;
  payout: bigint | null;
}

/** A split (sets created: open interest up) or a merge (down); both events carry the same fields. */
function splitOrMerge(
  kind: "split" | "merge",
  args: { stakeholder: Hex; conditionId: Hex; amount: bigint },
): SetChange {
  const { stakeholder, conditionId, amount } = args;
  const openInterestDelta = kind === "split" ? amount : -amount;
  return { kind, account: stakeholder, conditionId, openInterestDelta, amount, payout: null };
}

/** Inserts the position_change row of a change whose market is `marketId`. */
async function insertChange(
  context: Context,
  event: LoggedEvent,
  source: "ctf" | "negRisk",
  marketId: Hex | null,
  change:
    | Omit<SetChange, "openInterestDelta">
    | { kind: "convert"; account: Hex; conditionId: null; amount: bigint; payout: bigint },
): Promise<void> {
  const { kind, account, conditionId, amount, payout } = change;
  await context.db
    .insert(positionChange)
    .values(logRow(event, { kind, source, account, conditionId, marketId, amount, payout }));
}

/**
 * Records a change on ConditionalTokens; it moves the market's open interest only when it counts
 * (root collection, not the adapter's own moves).
 */
async function recordCtfChange(
  context: Context,
  event: LoggedEvent,
  parentCollectionId: Hex,
  change: SetChange,
): Promise<void> {
  const counts = countsForOpenInterest(change.account, parentCollectionId, context.contracts.NegRiskAdapter.address);
  const marketId = counts
    ? await addOpenInterest(context.db, change.conditionId, change.openInterestDelta)
    : await marketOf(context.db, change.conditionId);
  await insertChange(context, event, "ctf", marketId, change);
}

/** Records a change through the NegRiskAdapter: it always moves the market's open interest. */
async function recordNegRiskChange(context: Context, event: LoggedEvent, change: SetChange): Promise<void> {
  const marketId = await addOpenInterest(context.db, change.conditionId, change.openInterestDelta);
  await insertChange(context, event, "negRisk", marketId, change);
}

ponder.on("ConditionalTokens:PositionSplit", async ({ event, context }) => {
  await recordCtfChange(context, event, event.args.parentCollectionId, splitOrMerge("split", event.args));
});

ponder.on("ConditionalTokens:PositionsMerged", async ({ event, context }) => {
  await recordCtfChange(context, event, event.args.parentCollectionId, splitOrMerge("merge", event.args));
});

ponder.on("ConditionalTokens:PayoutRedeemed", async ({ event, context }) => {
  const { redeemer, parentCollectionId, conditionId, payout } = event.args;
  await recordCtfChange(context, event, parentCollectionId, {
    kind: "redeem",
    account: redeemer,
    conditionId,
    openInterestDelta: -payout,
    amount: payout,
    payout,
  });
});

ponder.on("NegRiskAdapter:PositionSplit", async ({ event, context }) => {
  await recordNegRiskChange(context, event, splitOrMerge("split", event.args));
});

ponder.on("NegRiskAdapter:PositionsMerged", async ({ event, context }) => {
  await recordNegRiskChange(context, event, splitOrMerge("merge", event.args));
});

ponder.on("NegRiskAdapter:PositionsRedeemed", async ({ event, context }) => {
  const { redeemer, conditionId, yesAmount, noAmount, payout } = event.args;
  await recordNegRiskChange(context, event, {
    kind: "redeem",
    account: redeemer,
    conditionId,
    openInterestDelta: -payout,
    amount: yesAmount + noAmount,
    payout,
  });
});

ponder.on("NegRiskAdapter:PositionsConverted", async ({ event, context }) => {
  const { stakeholder, marketId, amount, collateralOut, fee } = event.args;
  // A conversion releases the collateral it pays out (plus its fee) from the market's full sets.
  if (await context.db.find(market, { id: marketId })) {
    await context.db
      .update(market, { id: marketId })
      .set((row) => ({ openInterest: row.openInterest - collateralOut - fee }));
  }
  await insertChange(context, event, "negRisk", marketId, {
    kind: "convert",
    account: stakeholder,
    conditionId: null,
    amount,
    payout: collateralOut,
  });
});

/**
 * ERC-1155 balances per account and token, split/merge/redeem/convert history, and open
 * interest. Open interest counts the collateral behind full sets: binary markets through
 * ConditionalTokens events, multi-outcome markets through the NegRiskAdapter's own events
 * (the adapter's calls into ConditionalTokens are skipped so nothing counts twice).
 */
import { type Context, ponder } from "ponder:registry";
import { market, marketOutcome, position, positionChange, token } from "ponder:schema";

import { ZERO_ADDRESS, ZERO_BYTES32, logId, sameAddress } from "./lib.ts";

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

function activity(
  event: { transaction: { hash: Hex }; log: { logIndex: number }; block: { number: bigint; timestamp: bigint } },
  fields: {
    kind: string;
    source: string;
    account: Hex;
    conditionId: Hex | null;
    marketId: Hex | null;
    amount: bigint;
    payout: bigint | null;
  },
) {
  return {
    id: logId(event),
    ...fields,
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  };
}

/** Whether a ConditionalTokens event moves open interest (root collection, not the adapter). */
function countsForOpenInterest(account: Hex, parentCollectionId: Hex, adapter: Hex): boolean {
  return parentCollectionId === ZERO_BYTES32 && !sameAddress(account, adapter);
}

type ActivityEvent = Parameters<typeof activity>[0];

/**
 * Records a split, merge or redemption on ConditionalTokens and moves the market's open interest
 * by `openInterestDelta` when the event counts (root collection, not the adapter's own moves).
 */
async function recordCtfChange(
  context: Context,
  event: ActivityEvent,
  change: {
    kind: "split" | "merge" | "redeem";
    account: Hex;
    parentCollectionId: Hex;
    conditionId: Hex;
    openInterestDelta: bigint;
    amount: bigint;
    payout: bigint | null;
  },
): Promise<void> {
  const counts = countsForOpenInterest(
    change.account,
    change.parentCollectionId,
    context.contracts.NegRiskAdapter.address,
  );
  const marketId = counts
    ? await addOpenInterest(context.db, change.conditionId, change.openInterestDelta)
    : await marketOf(context.db, change.conditionId);
  await context.db.insert(positionChange).values(
    activity(event, {
      kind: change.kind,
      source: "ctf",
      account: change.account,
      conditionId: change.conditionId,
      marketId,
      amount: change.amount,
      payout: change.payout,
    }),
  );
}

ponder.on("ConditionalTokens:PositionSplit", async ({ event, context }) => {
  const { stakeholder, parentCollectionId, conditionId, amount } = event.args;
  await recordCtfChange(context, event, {
    kind: "split",
    account: stakeholder,
    parentCollectionId,
    conditionId,
    openInterestDelta: amount,
    amount,
    payout: null,
  });
});

ponder.on("ConditionalTokens:PositionsMerged", async ({ event, context }) => {
  const { stakeholder, parentCollectionId, conditionId, amount } = event.args;
  await recordCtfChange(context, event, {
    kind: "merge",
    account: stakeholder,
    parentCollectionId,
    conditionId,
    openInterestDelta: -amount,
    amount,
    payout: null,
  });
});

ponder.on("ConditionalTokens:PayoutRedeemed", async ({ event, context }) => {
  const { redeemer, parentCollectionId, conditionId, payout } = event.args;
  await recordCtfChange(context, event, {
    kind: "redeem",
    account: redeemer,
    parentCollectionId,
    conditionId,
    openInterestDelta: -payout,
    amount: payout,
    payout,
  });
});

ponder.on("NegRiskAdapter:PositionSplit", async ({ event, context }) => {
  const { stakeholder, conditionId, amount } = event.args;
  const marketId = await addOpenInterest(context.db, conditionId, amount);
  await context.db.insert(positionChange).values(
    activity(event, {
      kind: "split",
      source: "negRisk",
      account: stakeholder,
      conditionId,
      marketId,
      amount,
      payout: null,
    }),
  );
});

ponder.on("NegRiskAdapter:PositionsMerged", async ({ event, context }) => {
  const { stakeholder, conditionId, amount } = event.args;
  const marketId = await addOpenInterest(context.db, conditionId, -amount);
  await context.db.insert(positionChange).values(
    activity(event, {
      kind: "merge",
      source: "negRisk",
      account: stakeholder,
      conditionId,
      marketId,
      amount,
      payout: null,
    }),
  );
});

ponder.on("NegRiskAdapter:PositionsRedeemed", async ({ event, context }) => {
  const { redeemer, conditionId, yesAmount, noAmount, payout } = event.args;
  const marketId = await addOpenInterest(context.db, conditionId, -payout);
  await context.db.insert(positionChange).values(
    activity(event, {
      kind: "redeem",
      source: "negRisk",
      account: redeemer,
      conditionId,
      marketId,
      amount: yesAmount + noAmount,
      payout,
    }),
  );
});

ponder.on("NegRiskAdapter:PositionsConverted", async ({ event, context }) => {
  const { stakeholder, marketId, amount, collateralOut, fee } = event.args;
  // A conversion releases the collateral it pays out (plus its fee) from the market's full sets.
  if (await context.db.find(market, { id: marketId })) {
    await context.db
      .update(market, { id: marketId })
      .set((row) => ({ openInterest: row.openInterest - collateralOut - fee }));
  }
  await context.db.insert(positionChange).values(
    activity(event, {
      kind: "convert",
      source: "negRisk",
      account: stakeholder,
      conditionId: null,
      marketId,
      amount,
      payout: collateralOut,
    }),
  );
});

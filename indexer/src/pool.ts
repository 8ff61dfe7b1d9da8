/** The betting pool: conditions, odds, bets and parlays, LP deposits and withdrawals. */
import { type Context, ponder } from "ponder:registry";
import { lpEvent, lpPosition, oddsChange, oracleQuestion, poolBet, poolCondition, poolOutcome } from "ponder:schema";
import { decodeQuestionData, BPS_DENOMINATOR, ParlayStatus, enumName } from "@forkcast/shared";

import { type LoggedEvent, logId, logRow } from "./lib.ts";

type Hex = `0x${string}`;

/** The indexer's name for each parlay status (a pending parlay is "open"). */
const PARLAY_STATUS_NAMES = {
  Pending: "open",
  Lost: "lost",
  Won: "won",
  Void: "void",
} as const satisfies Record<keyof typeof ParlayStatus, string>;

async function setConditionState(
  db: Context["db"],
  id: bigint,
  state: string,
  fields: Partial<typeof poolCondition.$inferInsert> = {},
): Promise<void> {
  if (!(await db.find(poolCondition, { id }))) return;
  await db.update(poolCondition, { id }).set({ state, ...fields });
}

ponder.on("BettingPool:ConditionCreated", async ({ event, context }) => {
  const { conditionId, questionId, creator, probabilities, reinforcement, marginBps, startsAt } = event.args;
  // The pool checks the question exists on its answer source, so it was indexed before this event.
  const question = await context.db.find(oracleQuestion, { id: questionId });
  const text = question ? decodeQuestionData(question.ancillaryData) : { question: "", outcomeNames: [], rules: "" };
  await context.db.insert(poolCondition).values({
    id: conditionId,
    questionId,
    question: text.question,
    outcomeNames: [...text.outcomeNames],
    rules: text.rules,
    creator,
    outcomeCount: probabilities.length,
    probabilities: probabilities.map(String),
    reinforcement,
    marginBps,
    startsAt,
    state: "active",
    totalFund: 0n,
    reserve: 0n,
    lockedReserve: 0n,
    turnover: 0n,
    betCount: 0,
    winningOutcome: null,
    payoutTotal: null,
    lpResult: null,
    treasuryFee: null,
    creatorFee: null,
    createdAt: event.block.timestamp,
    closedAt: null,
  });
});

ponder.on("BettingPool:OddsChanged", async ({ event, context }) => {
  const { conditionId, outcome, outcomeFund, totalFund } = event.args;
  await context.db.insert(oddsChange).values({
    id: logId(event),
    conditionId,
    outcome: Number(outcome),
    outcomeFund,
    totalFund,
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
  });
  await context.db
    .insert(poolOutcome)
    .values({
      id: `${conditionId}-${outcome}`,
      conditionId,
      outcome: Number(outcome),
      fund: outcomeFund,
      totalFund,
      updatedAt: event.block.timestamp,
    })
    .onConflictDoUpdate({ fund: outcomeFund, totalFund, updatedAt: event.block.timestamp });
  if (await context.db.find(poolCondition, { id: conditionId })) {
    await context.db.update(poolCondition, { id: conditionId }).set({ totalFund });
  }
});

ponder.on("BettingPool:ReserveChanged", async ({ event, context }) => {
  const { conditionId, reserve, lockedReserve } = event.args;
  if (!(await context.db.find(poolCondition, { id: conditionId }))) return;
  await context.db.update(poolCondition, { id: conditionId }).set({ reserve, lockedReserve });
});

/** The pool_bet row of a bet just placed (open, nothing paid out); `what` is what it bets on. */
function placedBet(
  event: Omit<LoggedEvent, "log"> & {
    args: { betId: bigint; bettor: Hex; amount: bigint; odds: bigint; payout: bigint };
  },
  what: Pick<typeof poolBet.$inferInsert, "kind" | "conditionId" | "outcome" | "legs">,
): typeof poolBet.$inferInsert {
  const { betId, bettor, amount, odds, payout } = event.args;
  return {
    id: betId,
    bettor,
    ...what,
    amount,
    odds,
    payout,
    status: "open",
    paidOut: 0n,
    placedAt: event.block.timestamp,
    txHash: event.transaction.hash,
  };
}

ponder.on("BettingPool:BetPlaced", async ({ event, context }) => {
  const { conditionId, outcome, amount } = event.args;
  await context.db
    .insert(poolBet)
    .values(placedBet(event, { kind: "single", conditionId, outcome: Number(outcome), legs: null }));
  if (await context.db.find(poolCondition, { id: conditionId })) {
    await context.db
      .update(poolCondition, { id: conditionId })
      .set((row) => ({ turnover: row.turnover + amount, betCount: row.betCount + 1 }));
  }
});

ponder.on("BettingPool:ParlayPlaced", async ({ event, context }) => {
  const { legs, legOdds } = event.args;
  await context.db.insert(poolBet).values(
    placedBet(event, {
      kind: "parlay",
      conditionId: null,
      outcome: null,
      legs: legs.map((leg, k) => ({
        conditionId: String(leg.conditionId),
        outcome: String(leg.outcome),
        odds: String(legOdds[k] ?? 0n),
      })),
    }),
  );
});

ponder.on("BettingPool:PayoutClaimed", async ({ event, context }) => {
  const { betId, amount } = event.args;
  await context.db.update(poolBet, { id: betId }).set((row) => ({ status: "claimed", paidOut: row.paidOut + amount }));
});

ponder.on("BettingPool:BetCashedOut", async ({ event, context }) => {
  const { betId, amount } = event.args;
  await context.db
    .update(poolBet, { id: betId })
    .set((row) => ({ status: "cashedOut", paidOut: row.paidOut + amount }));
});

ponder.on("BettingPool:ParlaySettled", async ({ event, context }) => {
  const { betId, status, amount } = event.args;
  await context.db.update(poolBet, { id: betId }).set((row) => {
    const member = enumName(ParlayStatus, status);
    return { status: member ? PARLAY_STATUS_NAMES[member] : `unknown(${status})`, paidOut: row.paidOut + amount };
  });
});

ponder.on("BettingPool:ConditionResolved", async ({ event, context }) => {
  const { conditionId, winningOutcome, payoutTotal, lpResult, treasuryFee, creatorFee } = event.args;
  await setConditionState(context.db, conditionId, "resolved", {
    winningOutcome,
    payoutTotal,
    lpResult,
    treasuryFee,
    creatorFee,
    closedAt: event.block.timestamp,
  });
});

ponder.on("BettingPool:ConditionCancelled", async ({ event, context }) => {
  const { conditionId, refundTotal, lpResult } = event.args;
  await setConditionState(context.db, conditionId, "cancelled", {
    payoutTotal: refundTotal,
    lpResult,
    closedAt: event.block.timestamp,
  });
});

ponder.on("BettingPool:ConditionPaused", async ({ event, context }) => {
  await setConditionState(context.db, event.args.conditionId, "paused");
});

ponder.on("BettingPool:ConditionResumed", async ({ event, context }) => {
  await setConditionState(context.db, event.args.conditionId, "active");
});

ponder.on("BettingPool:LiquidityDeposited", async ({ event, context }) => {
  const { lpId, provider, amount } = event.args;
  await context.db.insert(lpPosition).values({
    id: lpId,
    provider,
    deposited: amount,
    withdrawn: 0n,
    closed: false,
    depositedAt: event.block.timestamp,
    updatedAt: event.block.timestamp,
  });
  await context.db
    .insert(lpEvent)
    .values(logRow(event, { lpId, provider, kind: "deposit", amount, fractionBps: null }));
});

ponder.on("BettingPool:LiquidityWithdrawn", async ({ event, context }) => {
  const { lpId, provider, fractionBps, amount } = event.args;
  await context.db.update(lpPosition, { id: lpId }).set((row) => ({
    withdrawn: row.withdrawn + amount,
    closed: fractionBps === BPS_DENOMINATOR,
    updatedAt: event.block.timestamp,
  }));
  await context.db.insert(lpEvent).values(logRow(event, { lpId, provider, kind: "withdraw", amount, fractionBps }));
});

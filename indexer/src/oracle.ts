/**
 * Oracle questions, proposals, disputes, escalations, rulings, settlements and flags, and the
 * bonds and rewards they move in and out of accounts (account_event).
 */
import { type Context, ponder } from "ponder:registry";
import { accountEvent, oracleEvent, oracleQuestion } from "ponder:schema";

import { type ActivityKind, activityRow, marketOfQuestion } from "./activity.ts";
import { lostBonds, splitPayout } from "./bonds.ts";
import { type LoggedEvent, logRow, resolutionName, sameAddress } from "./lib.ts";

type Hex = `0x${string}`;
type Db = Context["db"];

function history(
  event: LoggedEvent,
  questionId: Hex,
  kind: string,
  fields: { account?: Hex; answer?: bigint; amount?: bigint } = {},
) {
  return logRow(event, {
    questionId,
    kind,
    account: fields.account ?? null,
    answer: fields.answer ?? null,
    amount: fields.amount ?? null,
  });
}

ponder.on("OptimisticOracle:QuestionOpened", async ({ event, context }) => {
  const { questionId, requester, outcomeCount, endTime, reward, bond, liveness, ancillaryData } = event.args;
  await context.db.insert(oracleQuestion).values({
    id: questionId,
    requester,
    outcomeCount,
    endTime,
    reward,
    bond,
    liveness,
    ancillaryData,
    state: "open",
    reset: false,
    proposer: null,
    proposedAnswer: null,
    expiresAt: null,
    disputer: null,
    disputeCount: 0,
    ruling: null,
    firstProposer: null,
    firstAnswer: null,
    firstDisputer: null,
    bondsPosted: 0,
    payoutCount: 0,
    flagged: false,
    emergencyResolvableAt: null,
    finalAnswer: null,
    resolution: null,
    openedAt: event.block.timestamp,
    settledAt: null,
  });
  await context.db
    .insert(oracleEvent)
    .values(history(event, questionId, "opened", { account: requester, amount: reward }));
  // The factory's markets record their creator's reward at MarketCreated; anyone else opening a
  // question (a pool market's creator) pays the reward here.
  if (reward > 0n && !sameAddress(requester, context.contracts.MarketFactory.address)) {
    await context.db
      .insert(accountEvent)
      .values(
        activityRow(event, { kind: "creationReward", account: requester, amount: reward, questionId, marketId: null }),
      );
  }
});

/** Counts a bond posted on the question and records it as paid by `account`. */
async function postBond(
  db: Db,
  event: LoggedEvent,
  questionId: Hex,
  kind: "proposalBond" | "disputeBond",
  account: Hex,
): Promise<void> {
  const row = await db.update(oracleQuestion, { id: questionId }).set((q) => ({ bondsPosted: q.bondsPosted + 1 }));
  await db.insert(accountEvent).values(
    activityRow(event, {
      kind,
      account,
      amount: row.bond,
      questionId,
      marketId: await marketOfQuestion(db, questionId),
    }),
  );
}

ponder.on("OptimisticOracle:AnswerProposed", async ({ event, context }) => {
  const { questionId, proposer, answer, expiresAt } = event.args;
  await context.db
    .update(oracleQuestion, { id: questionId })
    .set({ state: "proposed", proposer, proposedAnswer: answer, expiresAt });
  await context.db.insert(oracleEvent).values(history(event, questionId, "proposed", { account: proposer, answer }));
  await postBond(context.db, event, questionId, "proposalBond", proposer);
});

ponder.on("OptimisticOracle:QuestionReset", async ({ event, context }) => {
  const { questionId, disputer, proposer, answer } = event.args;
  await context.db.update(oracleQuestion, { id: questionId }).set((row) => ({
    state: "open",
    reset: true,
    firstProposer: proposer,
    firstAnswer: answer,
    firstDisputer: disputer,
    disputer,
    disputeCount: row.disputeCount + 1,
    proposer: null,
    proposedAnswer: null,
    expiresAt: null,
  }));
  await context.db.insert(oracleEvent).values(history(event, questionId, "disputed", { account: disputer, answer }));
  await postBond(context.db, event, questionId, "disputeBond", disputer);
});

ponder.on("OptimisticOracle:DisputeEscalated", async ({ event, context }) => {
  const { questionId, disputer, answer } = event.args;
  await context.db
    .update(oracleQuestion, { id: questionId })
    .set((row) => ({ state: "escalated", disputer, disputeCount: row.disputeCount + 1 }));
  await context.db.insert(oracleEvent).values(history(event, questionId, "escalated", { account: disputer, answer }));
  await postBond(context.db, event, questionId, "disputeBond", disputer);
});

ponder.on("OptimisticOracle:DisputeRuled", async ({ event, context }) => {
  const { questionId, arbitrator, answer } = event.args;
  await context.db.update(oracleQuestion, { id: questionId }).set({ ruling: answer });
  await context.db.insert(oracleEvent).values(history(event, questionId, "ruled", { account: arbitrator, answer }));
});

ponder.on("OptimisticOracle:QuestionSettled", async ({ event, context }) => {
  const { questionId, answer, resolution } = event.args;
  const before = await context.db.find(oracleQuestion, { id: questionId });
  if (before) {
    const marketId = await marketOfQuestion(context.db, questionId);
    for (const { round, account } of lostBonds(before, answer, resolutionName(resolution))) {
      await context.db
        .insert(accountEvent)
        .values(
          activityRow(event, { kind: "bondLost", account, amount: before.bond, questionId, marketId }, `lost-${round}`),
        );
    }
  }
  await context.db.update(oracleQuestion, { id: questionId }).set({
    state: "settled",
    finalAnswer: answer,
    resolution: resolutionName(resolution),
    flagged: false,
    settledAt: event.block.timestamp,
  });
  await context.db.insert(oracleEvent).values(history(event, questionId, "settled", { answer }));
});

ponder.on("OptimisticOracle:BondPaid", async ({ event, context }) => {
  const { questionId, recipient, amount } = event.args;
  await context.db.insert(oracleEvent).values(history(event, questionId, "bondPaid", { account: recipient, amount }));
  const before = await context.db.find(oracleQuestion, { id: questionId });
  if (!before) return;
  await context.db.update(oracleQuestion, { id: questionId }).set({ payoutCount: before.payoutCount + 1 });
  const marketId = await marketOfQuestion(context.db, questionId);
  const parts = splitPayout(before, before.payoutCount, amount);
  const rows: [ActivityKind, bigint][] = [
    ["bondReturned", parts.bond],
    ["rewardPaid", parts.reward],
  ];
  for (const [kind, part] of rows) {
    if (part === 0n) continue;
    await context.db
      .insert(accountEvent)
      .values(activityRow(event, { kind, account: recipient, amount: part, questionId, marketId }, kind));
  }
});

ponder.on("OptimisticOracle:DisputeFeeCollected", async ({ event, context }) => {
  const { questionId, treasury, amount } = event.args;
  await context.db.insert(oracleEvent).values(history(event, questionId, "disputeFee", { account: treasury, amount }));
});

ponder.on("OptimisticOracle:QuestionFlaggedForEmergency", async ({ event, context }) => {
  const { questionId, admin, resolvableAt } = event.args;
  await context.db
    .update(oracleQuestion, { id: questionId })
    .set({ flagged: true, emergencyResolvableAt: resolvableAt });
  await context.db.insert(oracleEvent).values(history(event, questionId, "flagged", { account: admin }));
});

ponder.on("OptimisticOracle:QuestionUnflagged", async ({ event, context }) => {
  const { questionId, admin, expiresAt } = event.args;
  await context.db
    .update(oracleQuestion, { id: questionId })
    .set({ flagged: false, emergencyResolvableAt: null, expiresAt });
  await context.db.insert(oracleEvent).values(history(event, questionId, "unflagged", { account: admin }));
});

ponder.on("OptimisticOracle:EmergencyResolved", async ({ event, context }) => {
  const { questionId, admin, answer } = event.args;
  await context.db
    .insert(oracleEvent)
    .values(history(event, questionId, "emergencyResolved", { account: admin, answer }));
});

ponder.on("CommitteeArbitrator:VoteCast", async ({ event, context }) => {
  const { questionId, member, answer, votes } = event.args;
  await context.db
    .insert(oracleEvent)
    .values(history(event, questionId, "vote", { account: member, answer, amount: votes }));
});

ponder.on("CommitteeArbitrator:RulingSubmitted", async ({ event, context }) => {
  const { questionId, answer } = event.args;
  await context.db.insert(oracleEvent).values(history(event, questionId, "ruling", { answer }));
});

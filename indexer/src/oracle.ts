/** Oracle questions, proposals, disputes, escalations, rulings, settlements and flags. */
import { ponder } from "ponder:registry";
import { oracleEvent, oracleQuestion } from "ponder:schema";

import { logId, resolutionName } from "./lib.ts";

type Hex = `0x${string}`;

function history(
  event: { transaction: { hash: Hex }; log: { logIndex: number }; block: { number: bigint; timestamp: bigint } },
  questionId: Hex,
  kind: string,
  fields: { account?: Hex; answer?: bigint; amount?: bigint } = {},
) {
  return {
    id: logId(event),
    questionId,
    kind,
    account: fields.account ?? null,
    answer: fields.answer ?? null,
    amount: fields.amount ?? null,
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  };
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
});

ponder.on("OptimisticOracle:AnswerProposed", async ({ event, context }) => {
  const { questionId, proposer, answer, expiresAt } = event.args;
  await context.db
    .update(oracleQuestion, { id: questionId })
    .set({ state: "proposed", proposer, proposedAnswer: answer, expiresAt });
  await context.db.insert(oracleEvent).values(history(event, questionId, "proposed", { account: proposer, answer }));
});

ponder.on("OptimisticOracle:QuestionReset", async ({ event, context }) => {
  const { questionId, disputer, answer } = event.args;
  await context.db.update(oracleQuestion, { id: questionId }).set((row) => ({
    state: "open",
    reset: true,
    disputer,
    disputeCount: row.disputeCount + 1,
    proposer: null,
    proposedAnswer: null,
    expiresAt: null,
  }));
  await context.db.insert(oracleEvent).values(history(event, questionId, "disputed", { account: disputer, answer }));
});

ponder.on("OptimisticOracle:DisputeEscalated", async ({ event, context }) => {
  const { questionId, disputer, answer } = event.args;
  await context.db
    .update(oracleQuestion, { id: questionId })
    .set((row) => ({ state: "escalated", disputer, disputeCount: row.disputeCount + 1 }));
  await context.db.insert(oracleEvent).values(history(event, questionId, "escalated", { account: disputer, answer }));
});

ponder.on("OptimisticOracle:DisputeRuled", async ({ event, context }) => {
  const { questionId, arbitrator, answer } = event.args;
  await context.db.update(oracleQuestion, { id: questionId }).set({ ruling: answer });
  await context.db.insert(oracleEvent).values(history(event, questionId, "ruled", { account: arbitrator, answer }));
});

ponder.on("OptimisticOracle:QuestionSettled", async ({ event, context }) => {
  const { questionId, answer, resolution } = event.args;
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

/** Markets, their outcomes and tokens, conditions and resolution. */
import { MarketKind, enumName } from "@forkcast/shared";
import { ponder } from "ponder:registry";
import { accountEvent, condition, market, marketOutcome, registeredToken, token } from "ponder:schema";

import { activityRow } from "./activity.ts";
import { ZERO_ADDRESS } from "./lib.ts";

/** The indexer's name for each market kind. */
const MARKET_KIND_NAMES = {
  Binary: "binary",
  MultiOutcome: "multi",
} as const satisfies Record<keyof typeof MarketKind, string>;

ponder.on("MarketFactory:MarketCreated", async ({ event, context }) => {
  const { marketId, creator, kind, conditionIds, yesTokenIds, noTokenIds, negRiskAdapter, convertFeeBps, params } =
    event.args;
  const kindMember = enumName(MarketKind, kind);
  const kindName = kindMember ? MARKET_KIND_NAMES[kindMember] : `unknown(${kind})`;
  await context.db.insert(market).values({
    id: marketId,
    kind: kindName,
    creator,
    question: params.question,
    outcomeNames: [...params.outcomeNames],
    rules: params.rules,
    category: params.category,
    imageUri: params.imageUri,
    endTime: params.endTime,
    reward: params.reward,
    bond: params.bond,
    liveness: params.liveness,
    negRiskAdapter: negRiskAdapter === ZERO_ADDRESS ? null : negRiskAdapter,
    convertFeeBps,
    status: "open",
    answer: null,
    volume: 0n,
    tradeCount: 0,
    openInterest: 0n,
    createdBlock: event.block.number,
    createdAt: event.block.timestamp,
    createdTx: event.transaction.hash,
    resolvedAt: null,
  });
  // The factory pulled the oracle reward from the creator (and passed it on to the oracle).
  if (params.reward > 0n) {
    await context.db.insert(accountEvent).values(
      activityRow(event, {
        kind: "creationReward",
        account: creator,
        amount: params.reward,
        questionId: marketId,
        marketId,
      }),
    );
  }

  for (const [k, conditionId] of conditionIds.entries()) {
    const yesTokenId = yesTokenIds[k];
    const noTokenId = noTokenIds[k];
    if (yesTokenId === undefined || noTokenId === undefined)
      throw new Error(`MarketCreated ${marketId}: token ids missing`);
    // A binary market's one condition is "YES?"; a multi-outcome market's condition k is "outcome k wins?".
    const name = kindName === "binary" ? params.question : (params.outcomeNames[k] ?? `#${k}`);
    await context.db.insert(marketOutcome).values({
      id: conditionId,
      marketId,
      outcomeIndex: k,
      name,
      yesTokenId,
      noTokenId,
      lastPriceE6: null,
      volume: 0n,
      openInterest: 0n,
      resolved: false,
      payoutNumerators: null,
    });
    const common = { marketId, conditionId, outcomeIndex: k, lastPriceE6: null, volume: 0n };
    await context.db.insert(token).values([
      { ...common, id: yesTokenId, side: "yes", complement: noTokenId },
      { ...common, id: noTokenId, side: "no", complement: yesTokenId },
    ]);
  }
});

ponder.on("MarketFactory:MarketResolved", async ({ event, context }) => {
  await context.db
    .update(market, { id: event.args.marketId })
    .set({ status: "resolved", answer: event.args.answer, resolvedAt: event.block.timestamp });
});

ponder.on("ConditionalTokens:ConditionPrepared", async ({ event, context }) => {
  await context.db
    .insert(condition)
    .values({
      id: event.args.conditionId,
      oracle: event.args.oracle,
      questionId: event.args.questionId,
      outcomeSlotCount: Number(event.args.outcomeSlotCount),
      resolved: false,
      payoutNumerators: null,
      preparedBlock: event.block.number,
      resolvedBlock: null,
    })
    .onConflictDoNothing();
});

ponder.on("ConditionalTokens:ConditionResolved", async ({ event, context }) => {
  const payoutNumerators = event.args.payoutNumerators.map(String);
  await context.db
    .update(condition, { id: event.args.conditionId })
    .set({ resolved: true, payoutNumerators, resolvedBlock: event.block.number });
  const outcome = await context.db.find(marketOutcome, { id: event.args.conditionId });
  if (outcome) {
    await context.db.update(marketOutcome, { id: outcome.id }).set({ resolved: true, payoutNumerators });
  }
});

ponder.on("Exchange:TokenRegistered", async ({ event, context }) => {
  await context.db
    .insert(registeredToken)
    .values({
      id: event.args.token,
      complement: event.args.complement,
      conditionId: event.args.conditionId,
      negRiskAdapter: event.args.negRiskAdapter,
      registeredBlock: event.block.number,
    })
    .onConflictDoNothing();
});

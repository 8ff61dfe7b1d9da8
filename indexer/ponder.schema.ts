/**
 * The indexed tables. Amounts are raw integers (collateral and outcome tokens have 6 decimals);
 * prices are collateral per outcome token scaled by 1e6 (`priceE6`, 0..1_000_000).
 * See docs/indexer.md for what each row means.
 */
import { type PgColumnsBuilders, index, onchainTable, relations } from "ponder";

/**
 * The last columns of a history table (one row per log, id `txHash-logIndex`): the block, time
 * and transaction of the log, which src/lib.ts `logRow` fills.
 */
function loggedAt(t: PgColumnsBuilders) {
  return {
    blockNumber: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  };
}

// ------------------------------------------------------------------ markets

/** One order-book market (binary or multi-outcome); its id is the oracle question id. */
export const market = onchainTable(
  "market",
  (t) => ({
    id: t.hex().primaryKey(),
    kind: t.text().notNull(), // "binary" | "multi"
    creator: t.hex().notNull(),
    question: t.text().notNull(),
    outcomeNames: t.json().$type<string[]>().notNull(),
    rules: t.text().notNull(),
    category: t.text().notNull(),
    imageUri: t.text().notNull(),
    endTime: t.bigint().notNull(),
    reward: t.bigint().notNull(),
    bond: t.bigint().notNull(),
    liveness: t.bigint().notNull(),
    negRiskAdapter: t.hex(),
    convertFeeBps: t.bigint().notNull(),
    /** "open" until the factory reported payouts, then "resolved". */
    status: t.text().notNull(),
    /** Final oracle answer: outcome index, or the INVALID sentinel. */
    answer: t.bigint(),
    /** Collateral traded (the collateral leg of every maker fill). */
    volume: t.bigint().notNull(),
    tradeCount: t.integer().notNull(),
    /** Collateral locked in full sets of the market's conditions (splits − merges − redemptions − conversions). */
    openInterest: t.bigint().notNull(),
    createdBlock: t.bigint().notNull(),
    createdAt: t.bigint().notNull(),
    createdTx: t.hex().notNull(),
    resolvedAt: t.bigint(),
  }),
  (table) => ({ creatorIdx: index().on(table.creator), categoryIdx: index().on(table.category) }),
);

/** One condition of a market: the binary market's only one, or question k of a multi-outcome market. */
export const marketOutcome = onchainTable(
  "market_outcome",
  (t) => ({
    id: t.hex().primaryKey(), // conditionId
    marketId: t.hex().notNull(),
    outcomeIndex: t.integer().notNull(),
    name: t.text().notNull(),
    yesTokenId: t.bigint().notNull(),
    noTokenId: t.bigint().notNull(),
    /** Last traded YES price (a NO trade at p counts as YES at 1 − p). */
    lastPriceE6: t.bigint(),
    volume: t.bigint().notNull(),
    openInterest: t.bigint().notNull(),
    resolved: t.boolean().notNull(),
    payoutNumerators: t.json().$type<string[]>(),
  }),
  (table) => ({ marketIdx: index().on(table.marketId) }),
);

/** An outcome token (ERC-1155 position id) of a market. */
export const token = onchainTable(
  "token",
  (t) => ({
    id: t.bigint().primaryKey(),
    marketId: t.hex().notNull(),
    conditionId: t.hex().notNull(),
    outcomeIndex: t.integer().notNull(),
    side: t.text().notNull(), // "yes" | "no"
    complement: t.bigint().notNull(),
    lastPriceE6: t.bigint(),
    volume: t.bigint().notNull(),
  }),
  (table) => ({ marketIdx: index().on(table.marketId), conditionIdx: index().on(table.conditionId) }),
);

/** A token the exchange accepts, with its complement (one row per direction of TokenRegistered). */
export const registeredToken = onchainTable("registered_token", (t) => ({
  id: t.bigint().primaryKey(),
  complement: t.bigint().notNull(),
  conditionId: t.hex().notNull(),
  negRiskAdapter: t.hex().notNull(),
  registeredBlock: t.bigint().notNull(),
}));

/** A ConditionalTokens condition (prepared by the factory or the NegRiskAdapter). */
export const condition = onchainTable("condition", (t) => ({
  id: t.hex().primaryKey(),
  oracle: t.hex().notNull(),
  questionId: t.hex().notNull(),
  outcomeSlotCount: t.integer().notNull(),
  resolved: t.boolean().notNull(),
  payoutNumerators: t.json().$type<string[]>(),
  preparedBlock: t.bigint().notNull(),
  resolvedBlock: t.bigint(),
}));

// ------------------------------------------------------------------ trading

/** One OrderFilled event. A match emits one per maker order plus one for the taker order. */
export const fill = onchainTable(
  "fill",
  (t) => ({
    id: t.text().primaryKey(), // txHash-logIndex
    orderHash: t.hex().notNull(),
    maker: t.hex().notNull(),
    taker: t.hex().notNull(),
    /** "maker": a resting order filled (counts as a trade); "taker": the taker order of a match. */
    role: t.text().notNull(),
    /** The maker's side: "buy" (gave collateral) or "sell" (gave outcome tokens). */
    side: t.text().notNull(),
    tokenId: t.bigint().notNull(),
    marketId: t.hex(),
    conditionId: t.hex(),
    /** Outcome tokens traded. */
    size: t.bigint().notNull(),
    /** Collateral traded. */
    collateral: t.bigint().notNull(),
    priceE6: t.bigint().notNull(),
    fee: t.bigint().notNull(),
    makerAmountFilled: t.bigint().notNull(),
    takerAmountFilled: t.bigint().notNull(),
    ...loggedAt(t),
    logIndex: t.integer().notNull(),
  }),
  (table) => ({
    tokenTimeIdx: index().on(table.tokenId, table.timestamp),
    marketIdx: index().on(table.marketId),
    makerIdx: index().on(table.maker),
    orderIdx: index().on(table.orderHash),
  }),
);

/** An order seen on chain (filled at least once or cancelled). */
export const order = onchainTable(
  "order",
  (t) => ({
    id: t.hex().primaryKey(), // order hash
    maker: t.hex().notNull(),
    tokenId: t.bigint(),
    side: t.text(),
    makerAmountFilled: t.bigint().notNull(),
    takerAmountFilled: t.bigint().notNull(),
    fillCount: t.integer().notNull(),
    cancelled: t.boolean().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({ makerIdx: index().on(table.maker) }),
);

/** A maker's order nonce (incremented to void every older order). */
export const makerNonce = onchainTable("maker_nonce", (t) => ({
  id: t.hex().primaryKey(),
  nonce: t.bigint().notNull(),
  updatedAt: t.bigint().notNull(),
}));

// ------------------------------------------------------------------ positions

/** A user's balance of one ERC-1155 position (from TransferSingle/TransferBatch). */
export const position = onchainTable(
  "position",
  (t) => ({
    id: t.text().primaryKey(), // account-tokenId
    account: t.hex().notNull(),
    tokenId: t.bigint().notNull(),
    marketId: t.hex(),
    conditionId: t.hex(),
    balance: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({ accountIdx: index().on(table.account), tokenIdx: index().on(table.tokenId) }),
);

/** Split, merge, redeem and convert actions (on ConditionalTokens or the NegRiskAdapter). */
export const positionChange = onchainTable(
  "position_change",
  (t) => ({
    id: t.text().primaryKey(), // txHash-logIndex
    kind: t.text().notNull(), // "split" | "merge" | "redeem" | "convert"
    source: t.text().notNull(), // "ctf" | "negRisk"
    account: t.hex().notNull(),
    conditionId: t.hex(),
    marketId: t.hex(),
    /** Collateral (split/merge), outcome tokens converted (convert), or tokens redeemed. */
    amount: t.bigint().notNull(),
    /** Collateral paid out (redeem, convert). */
    payout: t.bigint(),
    ...loggedAt(t),
  }),
  (table) => ({ accountIdx: index().on(table.account), marketIdx: index().on(table.marketId) }),
);

// ------------------------------------------------------------------ oracle

/** An oracle question and its current state. */
export const oracleQuestion = onchainTable(
  "oracle_question",
  (t) => ({
    id: t.hex().primaryKey(),
    requester: t.hex().notNull(),
    outcomeCount: t.bigint().notNull(),
    endTime: t.bigint().notNull(),
    reward: t.bigint().notNull(),
    bond: t.bigint().notNull(),
    liveness: t.bigint().notNull(),
    ancillaryData: t.hex().notNull(),
    /** "open" | "proposed" | "escalated" | "settled" */
    state: t.text().notNull(),
    /** True after a first dispute reset the question. */
    reset: t.boolean().notNull(),
    proposer: t.hex(),
    proposedAnswer: t.bigint(),
    expiresAt: t.bigint(),
    disputer: t.hex(),
    disputeCount: t.integer().notNull(),
    ruling: t.bigint(),
    /** The voided first round, once a first dispute reset the question. */
    firstProposer: t.hex(),
    firstAnswer: t.bigint(),
    firstDisputer: t.hex(),
    /** Bonds posted on the question so far (proposals and disputes). */
    bondsPosted: t.integer().notNull(),
    /** BondPaid events since settlement (tells apart the reward from the bonds in a payout). */
    payoutCount: t.integer().notNull(),
    flagged: t.boolean().notNull(),
    emergencyResolvableAt: t.bigint(),
    finalAnswer: t.bigint(),
    /** "undisputed" | "arbitrated" | "emergency" once settled. */
    resolution: t.text(),
    openedAt: t.bigint().notNull(),
    settledAt: t.bigint(),
  }),
  (table) => ({ stateIdx: index().on(table.state), requesterIdx: index().on(table.requester) }),
);

/** Every oracle and arbitrator event, in order: a question's history. */
export const oracleEvent = onchainTable(
  "oracle_event",
  (t) => ({
    id: t.text().primaryKey(), // txHash-logIndex
    questionId: t.hex().notNull(),
    /** "opened" | "proposed" | "disputed" | "escalated" | "vote" | "ruling" | "ruled" | "settled" |
     * "bondPaid" | "disputeFee" | "flagged" | "unflagged" | "emergencyResolved" */
    kind: t.text().notNull(),
    account: t.hex(),
    answer: t.bigint(),
    amount: t.bigint(),
    ...loggedAt(t),
  }),
  (table) => ({ questionIdx: index().on(table.questionId) }),
);

// ------------------------------------------------------------------ account activity

/**
 * Collateral an account paid or received outside trading, splits and the pool: oracle bonds
 * (posted, returned, lost), oracle rewards, market-creation rewards and faucet drips. One row per
 * (event, account); `amount` is always positive, the kind says which way it went.
 */
export const accountEvent = onchainTable(
  "account_event",
  (t) => ({
    id: t.text().primaryKey(), // txHash-logIndex, plus "-lost-<account>" for bonds lost at settlement
    /** "proposalBond" | "disputeBond" | "bondReturned" | "bondLost" | "rewardPaid" | "creationReward" | "faucetDrip" */
    kind: t.text().notNull(),
    account: t.hex().notNull(),
    amount: t.bigint().notNull(),
    /** The oracle question (bonds, rewards), null for faucet drips. */
    questionId: t.hex(),
    /** The order-book market of that question, null for pool questions and faucet drips. */
    marketId: t.hex(),
    ...loggedAt(t),
  }),
  (table) => ({ accountIdx: index().on(table.account), marketIdx: index().on(table.marketId) }),
);

// ------------------------------------------------------------------ relations (GraphQL nesting)

export const marketRelations = relations(market, ({ many, one }) => ({
  outcomes: many(marketOutcome),
  tokens: many(token),
  fills: many(fill),
  oracleQuestion: one(oracleQuestion, { fields: [market.id], references: [oracleQuestion.id] }),
}));
export const marketOutcomeRelations = relations(marketOutcome, ({ one }) => ({
  market: one(market, { fields: [marketOutcome.marketId], references: [market.id] }),
}));
export const tokenRelations = relations(token, ({ one }) => ({
  market: one(market, { fields: [token.marketId], references: [market.id] }),
}));
export const fillRelations = relations(fill, ({ one }) => ({
  market: one(market, { fields: [fill.marketId], references: [market.id] }),
}));
export const positionRelations = relations(position, ({ one }) => ({
  market: one(market, { fields: [position.marketId], references: [market.id] }),
  token: one(token, { fields: [position.tokenId], references: [token.id] }),
}));
export const oracleQuestionRelations = relations(oracleQuestion, ({ many }) => ({
  events: many(oracleEvent),
}));
export const oracleEventRelations = relations(oracleEvent, ({ one }) => ({
  question: one(oracleQuestion, { fields: [oracleEvent.questionId], references: [oracleQuestion.id] }),
}));

// ------------------------------------------------------------------ betting pool

/** A pool condition (one oracle question priced by the pool). Odds are scaled by 1e12. */
export const poolCondition = onchainTable(
  "pool_condition",
  (t) => ({
    id: t.bigint().primaryKey(),
    questionId: t.hex().notNull(),
    /** Question text, outcome names and rules, decoded from the oracle question's ancillary data
     * (`decodeQuestionData` of @forkcast/shared): plain-text data gives its text, no names and no
     * rules; a question not opened on the indexed oracle gives "", [] and "". */
    question: t.text().notNull(),
    outcomeNames: t.json().$type<string[]>().notNull(),
    rules: t.text().notNull(),
    creator: t.hex().notNull(),
    outcomeCount: t.integer().notNull(),
    /** Initial probabilities, 1e12 = 100%. */
    probabilities: t.json().$type<string[]>().notNull(),
    reinforcement: t.bigint().notNull(),
    marginBps: t.bigint().notNull(),
    startsAt: t.bigint().notNull(),
    /** "active" | "paused" | "resolved" | "cancelled" */
    state: t.text().notNull(),
    totalFund: t.bigint().notNull(),
    reserve: t.bigint().notNull(),
    lockedReserve: t.bigint().notNull(),
    /** Sum of stakes of single bets on this condition. */
    turnover: t.bigint().notNull(),
    betCount: t.integer().notNull(),
    winningOutcome: t.bigint(),
    payoutTotal: t.bigint(),
    /** LP profit (+) or loss (−) when the condition closed. */
    lpResult: t.bigint(),
    treasuryFee: t.bigint(),
    creatorFee: t.bigint(),
    createdAt: t.bigint().notNull(),
    closedAt: t.bigint(),
  }),
  (table) => ({ questionIdx: index().on(table.questionId), stateIdx: index().on(table.state) }),
);

/** The current fund of one outcome of a pool condition (its odds follow from fund / totalFund). */
export const poolOutcome = onchainTable(
  "pool_outcome",
  (t) => ({
    id: t.text().primaryKey(), // conditionId-outcome
    conditionId: t.bigint().notNull(),
    outcome: t.integer().notNull(),
    fund: t.bigint().notNull(),
    totalFund: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({ conditionIdx: index().on(table.conditionId) }),
);

/** Every OddsChanged event: the odds history of a pool condition. */
export const oddsChange = onchainTable(
  "odds_change",
  (t) => ({
    id: t.text().primaryKey(), // txHash-logIndex
    conditionId: t.bigint().notNull(),
    outcome: t.integer().notNull(),
    outcomeFund: t.bigint().notNull(),
    totalFund: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (table) => ({ conditionTimeIdx: index().on(table.conditionId, table.timestamp) }),
);

/** A bet (an ERC-721 bet token): single or parlay. */
export const poolBet = onchainTable(
  "pool_bet",
  (t) => ({
    id: t.bigint().primaryKey(),
    kind: t.text().notNull(), // "single" | "parlay"
    bettor: t.hex().notNull(),
    /** Single bets: the condition and outcome. */
    conditionId: t.bigint(),
    outcome: t.integer(),
    /** Parlays: [{ conditionId, outcome, odds }]. */
    legs: t.json().$type<{ conditionId: string; outcome: string; odds: string }[]>(),
    amount: t.bigint().notNull(),
    /** Odds at placement, 1e12 = 1.0x. */
    odds: t.bigint().notNull(),
    payout: t.bigint().notNull(),
    /** "open" | "claimed" | "cashedOut" | "lost" | "won" | "void" */
    status: t.text().notNull(),
    /** Collateral paid out to the holder (claim, cash-out or parlay settlement). */
    paidOut: t.bigint().notNull(),
    placedAt: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ bettorIdx: index().on(table.bettor), conditionIdx: index().on(table.conditionId) }),
);

/** An LP deposit (an ERC-721 LP token) and what was withdrawn from it. */
export const lpPosition = onchainTable(
  "lp_position",
  (t) => ({
    id: t.bigint().primaryKey(),
    provider: t.hex().notNull(),
    deposited: t.bigint().notNull(),
    withdrawn: t.bigint().notNull(),
    /** Whether a 100% withdrawal closed it. */
    closed: t.boolean().notNull(),
    depositedAt: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({ providerIdx: index().on(table.provider) }),
);

/** Every LP deposit and withdrawal. */
export const lpEvent = onchainTable(
  "lp_event",
  (t) => ({
    id: t.text().primaryKey(), // txHash-logIndex
    lpId: t.bigint().notNull(),
    provider: t.hex().notNull(),
    kind: t.text().notNull(), // "deposit" | "withdraw"
    amount: t.bigint().notNull(),
    fractionBps: t.bigint(),
    ...loggedAt(t),
  }),
  (table) => ({ lpIdx: index().on(table.lpId), providerIdx: index().on(table.provider) }),
);

export const poolConditionRelations = relations(poolCondition, ({ many }) => ({
  outcomes: many(poolOutcome),
  bets: many(poolBet),
  oddsChanges: many(oddsChange),
}));
export const poolOutcomeRelations = relations(poolOutcome, ({ one }) => ({
  condition: one(poolCondition, { fields: [poolOutcome.conditionId], references: [poolCondition.id] }),
}));
export const oddsChangeRelations = relations(oddsChange, ({ one }) => ({
  condition: one(poolCondition, { fields: [oddsChange.conditionId], references: [poolCondition.id] }),
}));
export const poolBetRelations = relations(poolBet, ({ one }) => ({
  condition: one(poolCondition, { fields: [poolBet.conditionId], references: [poolCondition.id] }),
}));
export const lpPositionRelations = relations(lpPosition, ({ many }) => ({
  events: many(lpEvent),
}));
export const lpEventRelations = relations(lpEvent, ({ one }) => ({
  position: one(lpPosition, { fields: [lpEvent.lpId], references: [lpPosition.id] }),
}));

/**
 * Turns a failed call or transaction into one sentence a person can act on. Decoding is the shared
 * decoder of @forkcast/shared (every contract's custom errors, no hand-kept ABIs); this module adds
 * the app's sentence for each known error name, built from its arguments.
 */
import { type DecodedRevert, decodeRevert as decodeProjectRevert, fallbackRevertSentence } from "@forkcast/shared";

import { shortAddress } from "./address.ts";
import { formatAmount } from "./amount.ts";
import { formatUtc } from "./time.ts";

type Sentence = (args: readonly unknown[]) => string;

// Amounts read as everywhere else in the app: grouped, two decimals, with their unit ("974.78 tUSD").
const usd = (v: unknown) => (typeof v === "bigint" ? formatAmount(v, { unit: "tUSD" }) : String(v));
const when = (v: unknown) => (typeof v === "bigint" ? formatUtc(Number(v)) : String(v));
const num = (v: unknown) => (typeof v === "bigint" ? Number(v) : Number(v ?? 0));
const shares = (v: unknown) => (typeof v === "bigint" ? formatAmount(v, { unit: "shares" }) : String(v));
const bps = (v: unknown) => (typeof v === "bigint" ? `${Number(v) / 100}%` : String(v));
const short = (v: unknown) => (typeof v === "string" && v.length > 12 ? shortAddress(v) : String(v));

/** Sentences per error name. Unknown names fall back to a generic sentence that still names the error. */
export const ERROR_SENTENCES: Readonly<Record<string, Sentence>> = {
  // Test collateral
  FaucetDisabled: () => "The faucet is switched off on this network.",
  FaucetCoolingDown: ([account, nextAt]) =>
    `The faucet already paid ${short(account)} recently; it can be used again at ${when(nextAt)}.`,
  // ERC-20 (OpenZeppelin 5)
  ERC20InsufficientBalance: ([, balance, needed]) =>
    `Not enough tUSD: you have ${usd(balance)} and this needs ${usd(needed)}.`,
  ERC20InsufficientAllowance: ([, allowance, needed]) =>
    `The contract may spend only ${usd(allowance)} of your tUSD but needs ${usd(needed)}: approve more first.`,
  ERC2612ExpiredSignature: ([deadline]) => `The permit signature expired at ${when(deadline)}; sign again.`,
  ERC2612InvalidSigner: () => "The permit was signed by a different account than the one sending.",
  OwnableUnauthorizedAccount: ([account]) => `Account ${short(account)} is not the owner of this contract.`,
  AccessControlUnauthorizedAccount: ([account]) =>
    `Account ${short(account)} does not have the role this action needs.`,
  // Conditional tokens
  InvalidOutcomeSlotCount: ([n]) => `A market needs between 2 and 256 outcomes, not ${String(n)}.`,
  ConditionAlreadyPrepared: () => "This market's condition already exists.",
  ConditionNotPrepared: () => "This market's condition does not exist on chain.",
  NotConditionOracle: ([caller]) => `Only the market's oracle may report its answer, not ${short(caller)}.`,
  PayoutsAlreadyReported: () => "This market has already been resolved.",
  AllPayoutsZero: () => "An answer must pay at least one outcome.",
  ConditionNotResolved: () => "This market is not resolved yet, so positions cannot be redeemed.",
  ZeroAmount: () => "The amount must be greater than zero.",
  TrivialPartition: () => "Choose at least two outcome groups to split or merge.",
  OverlappingIndexSets: () => "The outcome groups overlap.",
  // Market factory
  EmptyQuestion: () => "Write the market's question.",
  EndTimeNotInFuture: ([end, now]) => `The end time ${when(end)} is not after the chain's current time ${when(now)}.`,
  InvalidOutcomeNames: ([given, min, max]) =>
    `A market needs ${String(min)}–${String(max)} outcomes; you gave ${String(given)}.`,
  EmptyOutcomeName: ([i]) => `Outcome #${typeof i === "bigint" ? Number(i) + 1 : String(i)} has no name.`,
  MarketExists: () => "An identical market already exists.",
  UnknownMarket: () => "This market does not exist.",
  MarketAlreadyResolved: () => "This market is already resolved.",
  IndexSetOutOfRange: ([set, full]) =>
    `Outcome group ${String(set)} is outside this market's outcomes (max ${String(full)}).`,
  NonRootCollection: () => "Only top-level positions are supported here.",
  PayoutNumeratorTooLarge: ([i]) => `The payout for outcome #${num(i) + 1} is too large.`,
  ReentrancyGuardReentrantCall: () => "The contract refused a nested call; try again.",
  AnswerNotFinal: () => "The oracle's answer for this market is not final yet.",
  // Exchange
  FillExceedsRemaining: ([, fill, remaining]) =>
    `Only ${shares(remaining)} of this order remain; the fill asked for ${shares(fill)}.`,
  InvalidNonce: ([, orderNonce, current]) =>
    `This order's nonce ${String(orderNonce)} was cancelled (current nonce ${String(current)}).`,
  InvalidSignature: () => "The order's signature does not match its maker.",
  SignerNotMaker: ([signer, maker]) => `The order was signed by ${short(signer)}, not its maker ${short(maker)}.`,
  InvalidSide: () => "The order side is neither buy nor sell.",
  InvalidTokenPair: () => "These two outcome tokens do not belong to the same market.",
  LengthMismatch: () => "The number of orders and fill amounts differ.",
  MismatchedTokenIds: () => "The orders trade different outcome tokens.",
  NotOperator: ([caller]) => `Only the exchange operator may match orders, not ${short(caller)}.`,
  NotOrderMaker: ([caller]) => `Only the order's maker may cancel it, not ${short(caller)}.`,
  NotOrderTaker: ([, taker]) => `This order may only be filled by ${short(taker)}.`,
  NotPauser: ([caller]) => `Account ${short(caller)} may not pause trading.`,
  NotRegistrar: ([caller]) => `Account ${short(caller)} may not register markets on the exchange.`,
  OrderAmountTooLarge: () => "The order's amounts are too large.",
  OrderExpired: ([, expiration]) => `The order expired at ${when(expiration)}.`,
  OrderNotFillable: () => "The order is filled or cancelled.",
  PriceAboveOne: () => "The order's price is above 1.00 tUSD per share.",
  TakerOverspent: ([spent, fill]) =>
    `The match would make the taker pay ${usd(spent)} instead of at most ${usd(fill)}.`,
  TakerUnderpaid: ([received, fill]) => `The match would give the taker ${usd(received)} instead of ${usd(fill)}.`,
  TokenAlreadyRegistered: () => "This outcome token is already registered on the exchange.",
  TokenNotRegistered: () => "This outcome token is not tradable on the exchange.",
  TradingPaused: () => "Trading is paused.",
  UnsupportedSignatureType: ([t]) => `Signature type ${String(t)} is not supported.`,
  ZeroFillAmount: () => "The fill amount is zero.",
  ZeroOrderAmount: () => "The order's amounts must be above zero.",
  FeeRateTooHigh: ([fee, max]) => `The fee rate ${bps(fee)} is above the maximum ${bps(max)}.`,
  NotConditionPositions: () => "These tokens are not the positions of this market's condition.",
  PlainPositionsWithAdapter: () => "This multi-outcome market trades through the neg-risk adapter's positions.",
  UnexpectedTokenTransfer: () => "The contract does not accept this token transfer.",
  // Oracle and arbitrator
  AlreadyRuled: () => "The arbitrator already ruled on this question.",
  AlreadyVoted: ([member]) => `Committee member ${short(member)} already voted.`,
  EmptyAncillaryData: () => "The question's text is empty.",
  InvalidAnswer: ([, answer, count]) => `Answer ${String(answer)} is not one of the ${String(count)} outcomes.`,
  InvalidBond: ([bond]) => `The bond ${usd(bond)} is not allowed.`,
  InvalidLiveness: ([l]) => `A liveness of ${String(l)} seconds is not allowed.`,
  InvalidReward: ([r]) => `The reward ${usd(r)} is not allowed.`,
  InvalidSafetyPeriod: ([s]) => `A safety period of ${String(s)} seconds is not allowed.`,
  InvalidThreshold: ([t, n]) => `A threshold of ${String(t)} votes is not possible with ${String(n)} members.`,
  LivenessOver: ([, at]) => `The challenge window closed at ${when(at)}.`,
  LivenessRunning: ([, at]) => `The challenge window is still open until ${when(at)}.`,
  MembershipUnchanged: () => "The committee membership is already like that.",
  NotArbitrator: ([caller]) => `Only the arbitrator may rule, not ${short(caller)}.`,
  NotMember: ([caller]) => `${short(caller)} is not a committee member.`,
  NotQuestionRequester: ([caller]) => `Only the question's requester may do this, not ${short(caller)}.`,
  QuestionExists: () => "This question was already asked.",
  QuestionFlagged: () => "This question is flagged for manual resolution.",
  QuestionNotEnded: ([, end]) => `The question can be answered only after ${when(end)}.`,
  QuestionNotFlagged: () => "This question is not flagged.",
  QuestionNotFound: () => "This question does not exist.",
  SafetyPeriodRunning: ([, at]) => `The safety period runs until ${when(at)}.`,
  WrongState: ([, state]) => `The question is in the wrong state (${String(state)}) for this action.`,
  ZeroArbitrator: () => "An arbitrator address is required.",
  DisputeFeeTooHigh: ([fee]) => `The dispute fee ${bps(fee)} is too high.`,
  // Markets and neg-risk adapter
  ConvertFeeTooHigh: ([fee]) => `The convert fee ${bps(fee)} is too high.`,
  InvalidEndTime: ([end]) => `The end time ${when(end)} is not allowed.`,
  InvalidIndexSet: () => "Choose a valid set of outcomes to convert.",
  InvalidQuestionCount: ([n]) => `A multi-outcome market cannot have ${String(n)} outcomes.`,
  MarketResolved: () => "This market is already resolved.",
  NotAdapter: ([caller]) => `Only the neg-risk adapter may do this, not ${short(caller)}.`,
  UnknownCondition: () => "This condition does not exist.",
  // Betting pool
  ZeroAddress: () => "An address is missing.",
  NotDelegateCall: () => "This function must be called through the pool.",
  AlreadyInitialized: () => "This contract is already initialised.",
  ExtensionMismatch: () => "The pool extension does not match.",
  AmountTooLarge: ([amount, max]) => `The amount ${usd(amount)} is above the maximum ${usd(max)}.`,
  FeeTooHigh: ([fee, max]) => `The fee ${bps(fee)} is above the maximum ${bps(max)}.`,
  NotTokenHolder: ([id]) => `You do not hold LP position #${String(id)}.`,
  DeadlineExpired: ([deadline]) => `The request expired at ${when(deadline)}; try again.`,
  ConditionNotFound: ([id]) => `Pool market #${String(id)} does not exist.`,
  ConditionNotActive: ([id]) => `Pool market #${String(id)} is not taking bets.`,
  ConditionClosed: ([id]) => `Pool market #${String(id)} is closed.`,
  BettingClosed: ([, startsAt]) => `Betting closed when the event started at ${when(startsAt)}.`,
  InvalidOutcome: ([o, count]) => `Outcome ${String(o)} is not one of the ${String(count)} outcomes.`,
  InvalidOutcomeCount: ([n]) => `A pool market cannot have ${String(n)} outcomes.`,
  OutcomeCountMismatch: ([, expected, actual]) =>
    `The oracle question has ${String(expected)} outcomes, not ${String(actual)}.`,
  InvalidProbabilities: () => "The starting probabilities must add up to 100%.",
  ZeroFund: ([o]) => `Outcome #${num(o) + 1} needs some starting liquidity.`,
  MarginTooHigh: ([m, max]) => `The margin ${bps(m)} is above the maximum ${bps(max)}.`,
  StartTimeInPast: ([at]) => `The start time ${when(at)} is in the past.`,
  ReinforcementCapExceeded: ([, requested, available]) =>
    `You asked for ${usd(requested)} of pool liquidity but only ${usd(available)} is available to you.`,
  OddsBelowMinimum: () => "The odds moved below your slippage tolerance; review the new odds and try again.",
  OddsTooLow: () => "The odds are too low to accept this bet.",
  InsufficientFreeLiquidity: ([requested, free]) =>
    `The pool has only ${usd(free)} free liquidity; this needs ${usd(requested)}.`,
  BetNotFound: ([id]) => `Bet #${String(id)} does not exist.`,
  ConditionNotSettled: ([id]) => `Pool market #${String(id)} is not settled yet.`,
  BetLost: ([id]) => `Bet #${String(id)} lost, so there is nothing to claim.`,
  CashOutBelowMinimum: ([amount, min]) => `The cash-out value ${usd(amount)} is below your minimum ${usd(min)}.`,
  InvalidLegCount: ([n]) => `A combo needs between 2 and the maximum number of legs, not ${String(n)}.`,
  DuplicateLeg: () => "A combo cannot use the same market twice.",
  ParlayExposureExceeded: () => "The pool cannot take more combo risk on this market right now.",
  ParlayPending: () => "The combo has legs still open.",
  WithdrawLocked: ([, at]) => `This LP position can be withdrawn from ${when(at)}.`,
  InvalidFraction: ([f]) => `${bps(f)} is not a valid share to withdraw.`,
  TooManyDeposits: ([max]) => `At most ${String(max)} deposits are allowed.`,
  NoFees: () => "There are no fees to claim.",
  NotPool: ([caller]) => `Only the pool may do this, not ${short(caller)}.`,
  NoLiquidity: () => "The pool has no liquidity yet.",
  ERC721NonexistentToken: ([id]) => `LP position #${String(id)} does not exist.`,
  ERC721IncorrectOwner: ([sender, id]) => `${short(sender)} does not own LP position #${String(id)}.`,
  ERC721InsufficientApproval: ([operator, id]) => `${short(operator)} may not move LP position #${String(id)}.`,
  KeyNotPresent: ([key]) => `Pool entry #${String(key)} does not exist.`,
  KeyOutOfRange: ([key]) => `Pool entry #${String(key)} is out of range.`,
  LeafNotFound: ([leaf]) => `Liquidity position #${String(leaf)} does not exist.`,
  PrefixTooLong: () => "The liquidity range is out of bounds.",
  SafeCastOverflowedUintDowncast: () => "An amount is too large for the contract.",
  AccessControlBadConfirmation: () => "Renouncing a role must be confirmed by the account itself.",
};

export function sentenceFor(name: string, args: readonly unknown[]): string {
  const make = ERROR_SENTENCES[name];
  return make ? make(args) : fallbackRevertSentence(name, args);
}

/** Decodes any error thrown by viem/wagmi (simulate, write, wait) into a name and the app's sentence. */
export function decodeRevert(error: unknown): DecodedRevert {
  return decodeProjectRevert(error, { sentence: sentenceFor });
}

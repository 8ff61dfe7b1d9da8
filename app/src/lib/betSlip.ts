/**
 * The bet slip's rules: the largest stake the pool gives a meaningful price for, and why a bet
 * cannot be placed. Pure; mirrors PoolOdds.sol (see docs/pool.md for the odds model).
 */
import { ODDS_SCALE, BPS_DENOMINATOR } from "@forkcast/shared";
import { type ParseResult, formatAmount } from "./amount.ts";
import { formatDecimalOdds } from "./odds.ts";

/** The pool's largest stake or deposit (`MAX_AMOUNT = type(uint88).max` in BettingPoolStorage.sol). */
export const POOL_MAX_AMOUNT = 2n ** 88n - 1n;

/**
 * The least odds the slip offers a bet at: 1.01. A bigger stake pushes a pool's odds toward 1.00,
 * where the bet could win (almost) nothing beyond its stake; the slip refuses such stakes.
 */
export const MIN_USEFUL_ODDS = ODDS_SCALE + ODDS_SCALE / 100n;

/** What the pool prices a single bet from (`getOutcome(...).fund`, `getCondition(...)`). */
export interface OutcomeBook {
  /** The outcome's virtual fund. */
  fund: bigint;
  /** The condition's total virtual fund. */
  totalFund: bigint;
  marginBps: bigint;
}

/** The pool's odds for `stake` on the outcome (PoolOdds.quote without the cap), rounded down. */
export function singleOdds(book: OutcomeBook, stake: bigint): bigint {
  if (book.fund + stake === 0n) return ODDS_SCALE;
  const fair = ((book.totalFund + stake) * ODDS_SCALE) / (book.fund + stake);
  return ODDS_SCALE + ((fair - ODDS_SCALE) * (BPS_DENOMINATOR - book.marginBps)) / BPS_DENOMINATOR;
}

/**
 * The largest stake whose odds are still at least `minOdds` (default 1.01), capped at the pool's
 * MAX_AMOUNT. From odds = 1 + (T − f)/(f + a)·(1 − m): a ≤ (T − f)(1 − m)/(minOdds − 1) − f.
 * 0 when even the smallest stake gets less.
 */
export function maxSingleStake(book: OutcomeBook, minOdds: bigint = MIN_USEFUL_ODDS): bigint {
  const gain = minOdds - ODDS_SCALE;
  if (gain <= 0n) return POOL_MAX_AMOUNT;
  const edge = book.totalFund - book.fund;
  const limit = (edge * (BPS_DENOMINATOR - book.marginBps) * ODDS_SCALE) / (BPS_DENOMINATOR * gain) - book.fund;
  if (limit <= 0n) return 0n;
  // Integer rounding in the pool can shave the last unit: step down until the pool's own formula agrees.
  let a = limit > POOL_MAX_AMOUNT ? POOL_MAX_AMOUNT : limit;
  while (a > 0n && singleOdds(book, a) < minOdds) a -= 1n;
  return a;
}

export interface SlipInput {
  picks: number;
  stake: ParseResult;
  /** The account's collateral balance; undefined while loading or with no wallet. */
  balance: bigint | undefined;
  /** The largest stake the pool prices usefully for this slip; undefined while loading or for combos. */
  maxStake: bigint | undefined;
  /** Odds the pool quotes at this stake; undefined while loading. */
  odds: bigint | undefined;
  /** Why the pool refuses to quote the slip (a decoded revert), if it does. */
  quoteError: string | undefined;
}

/** Why the slip's bet cannot be placed, or undefined when it can. Checked before any approval. */
export function slipReason(input: SlipInput): string | undefined {
  if (input.picks === 0) return "Pick an outcome first";
  if (!input.stake.ok) return input.stake.reason;
  const stake = input.stake.value;
  if (stake === 0n) return "Enter a stake above zero";
  if (stake > POOL_MAX_AMOUNT) return `The pool takes at most ${formatAmount(POOL_MAX_AMOUNT, { unit: "tUSD" })}`;
  if (input.maxStake !== undefined && stake > input.maxStake)
    return input.maxStake === 0n
      ? "The pool offers no odds above 1.01 on this pick"
      : `Max stake ${formatAmount(input.maxStake, { unit: "tUSD" })}: above it the odds fall below ${formatDecimalOdds(MIN_USEFUL_ODDS)}`;
  if (input.balance !== undefined && stake > input.balance)
    return `Not enough tUSD: you have ${formatAmount(input.balance, { unit: "tUSD" })}, the stake is ${formatAmount(stake, { unit: "tUSD" })}`;
  if (input.quoteError) return input.quoteError;
  if (input.odds !== undefined && input.odds < MIN_USEFUL_ODDS)
    return `The odds at this stake (${formatDecimalOdds(input.odds)}) are below ${formatDecimalOdds(MIN_USEFUL_ODDS)}`;
  return undefined;
}

/** Why an LP deposit cannot be made, or undefined. Checked before any approval. */
export function depositReason(amount: ParseResult, balance: bigint | undefined): string | undefined {
  if (!amount.ok) return amount.reason;
  if (amount.value === 0n) return "Enter an amount above zero";
  if (amount.value > POOL_MAX_AMOUNT)
    return `The pool takes at most ${formatAmount(POOL_MAX_AMOUNT, { unit: "tUSD" })}`;
  if (balance !== undefined && amount.value > balance)
    return `Not enough tUSD: you have ${formatAmount(balance, { unit: "tUSD" })}, the deposit is ${formatAmount(amount.value, { unit: "tUSD" })}`;
  return undefined;
}

/**
 * Liquidity a market opened now could draw on: all LP value minus the reserve open bets lock. The
 * pool's `freeLiquidity()` instead measures the open markets' prefix of deposits, which a new deposit
 * (always at the end of the deposit order) never changes.
 */
export function freeForNewMarkets(total: bigint, lockedReserve: bigint): bigint {
  return total > lockedReserve ? total - lockedReserve : 0n;
}

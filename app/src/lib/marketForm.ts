/** Validation of the create-market form (one message per field) and its conversion to the factory's params. Pure. */
import { PROBABILITY_SCALE, BPS_DENOMINATOR } from "@forkcast/shared";
import { formatAmount, parseAmount } from "./amount.ts";
import { formatUtc } from "./time.ts";

export interface MarketDraft {
  kind: "binary" | "multi" | "pool";
  question: string;
  outcomes: string[];
  /** datetime-local value, interpreted as UTC. */
  endTime: string;
  rules: string;
  resolutionSource: string;
  category: string;
  /** Oracle reward paid by the creator, tUSD. */
  reward: string;
  /** Oracle bond for proposals and disputes, tUSD. */
  bond: string;
}

const MIN_OUTCOMES = 2;
const MAX_OUTCOMES = 32;
/** The betting pool's limit on outcomes per condition. */
const MAX_POOL_OUTCOMES = 20;
const MIN_LEAD_SECONDS = 600;

export type DraftErrors = Partial<Record<keyof MarketDraft, string>>;

export function parseEndTime(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined;
  const ms = Date.parse(`${value}:00Z`);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

export function validateDraft(draft: MarketDraft, now: number): DraftErrors {
  const errors: DraftErrors = {};
  const question = draft.question.trim();
  if (question.length < 10) errors.question = "Write a question of at least 10 characters.";
  else if (!question.endsWith("?")) errors.question = "End the question with a question mark.";
  const outcomes = draft.kind === "binary" ? ["Yes", "No"] : draft.outcomes.map((o) => o.trim());
  const maxOutcomes = draft.kind === "pool" ? MAX_POOL_OUTCOMES : MAX_OUTCOMES;
  if (outcomes.length < MIN_OUTCOMES || outcomes.length > maxOutcomes) {
    errors.outcomes = `Give between ${MIN_OUTCOMES} and ${maxOutcomes} outcomes.`;
  } else if (outcomes.some((o) => o === "")) {
    errors.outcomes = `Outcome #${outcomes.findIndex((o) => o === "") + 1} is empty.`;
  } else if (new Set(outcomes.map((o) => o.toLowerCase())).size !== outcomes.length) {
    errors.outcomes = "Outcome names must be different.";
  }
  const end = parseEndTime(draft.endTime);
  if (end === undefined) errors.endTime = "Pick an end date and time (UTC).";
  else if (end < now + MIN_LEAD_SECONDS)
    errors.endTime = `The end time must be at least 10 minutes after the chain's time (now ${formatUtc(now)}).`;
  if (draft.rules.trim().length < 20) errors.rules = "Describe how the market resolves (at least 20 characters).";
  if (draft.resolutionSource.trim() === "")
    errors.resolutionSource = "Name the resolution source (a URL or an organisation).";
  if (draft.category.trim() === "") errors.category = "Pick a category.";
  const reward = parseAmount(draft.reward);
  if (!reward.ok) errors.reward = reward.reason;
  const bond = parseAmount(draft.bond);
  if (!bond.ok) errors.bond = bond.reason;
  else if (bond.value === 0n) errors.bond = "The bond must be above zero so wrong answers cost something.";
  return errors;
}

export interface FactoryMarketParams {
  question: string;
  outcomeNames: readonly string[];
  rules: string;
  category: string;
  imageUri: string;
  endTime: bigint;
  reward: bigint;
  bond: bigint;
  liveness: bigint;
}

/** The factory's MarketParams for a valid draft (undefined when the draft does not validate). The
 * rules carry the resolution source so it is part of the oracle question. */
export function toMarketParams(draft: MarketDraft, now: number): FactoryMarketParams | undefined {
  if (Object.keys(validateDraft(draft, now)).length > 0) return undefined;
  const reward = parseAmount(draft.reward);
  const bond = parseAmount(draft.bond);
  const end = parseEndTime(draft.endTime);
  if (!reward.ok || !bond.ok || end === undefined) return undefined;
  return {
    question: draft.question.trim(),
    outcomeNames: draft.kind === "binary" ? ["Yes", "No"] : draft.outcomes.map((o) => o.trim()),
    rules: `${draft.rules.trim()}\n\nResolution source: ${draft.resolutionSource.trim()}`,
    category: draft.category,
    imageUri: "",
    endTime: BigInt(end),
    reward: reward.value,
    bond: bond.value,
    liveness: 0n,
  };
}

// ------------------------------------------------------------------ pool markets

/** The pool-only fields of the create form (the question, outcomes, end time, rules, source, category,
 * reward and bond come from the MarketDraft). */
export interface PoolFields {
  /** Initial probability of each outcome in percent, in the order of `MarketDraft.outcomes`. */
  probabilities: string[];
  /** Bookmaker margin in percent. */
  margin: string;
  /** Virtual liquidity in tUSD: how much stake it takes to move the odds. */
  reinforcement: string;
  /** datetime-local value (UTC) from which bets and cash-outs stop. */
  closesAt: string;
}

/** Percent strings parse with this many decimals so that 100% = PROBABILITY_SCALE. */
const PERCENT_DECIMALS = 10;
const MAX_MARGIN_BPS = 2_000n;

export type PoolDraftErrors = DraftErrors & Partial<Record<keyof PoolFields, string>>;

export interface PoolContext {
  /** What is left of the creator's reinforcement cap, when known. */
  reinforcementAvailable?: bigint | undefined;
}

/** A probability typed in percent ("45", "27.5") as the pool's fixed point (1e12 = 100%). */
export function parseProbability(input: string): { ok: true; value: bigint } | { ok: false; reason: string } {
  const parsed = parseAmount(input.replace(/%\s*$/, ""), PERCENT_DECIMALS);
  return parsed.ok ? parsed : { ok: false, reason: parsed.reason };
}

/** Even split of 100% over `count` outcomes as percent strings with two decimals; the first absorbs the rest. */
export function evenProbabilities(count: number): string[] {
  if (count <= 0) return [];
  const each = Math.floor(10_000 / count);
  const first = 10_000 - each * (count - 1);
  const fmt = (hundredths: number) => (hundredths % 100 === 0 ? `${hundredths / 100}` : (hundredths / 100).toFixed(2));
  return Array.from({ length: count }, (_, i) => fmt(i === 0 ? first : each));
}

export function validatePoolDraft(
  draft: MarketDraft,
  pool: PoolFields,
  now: number,
  context: PoolContext = {},
): PoolDraftErrors {
  const errors: PoolDraftErrors = validateDraft({ ...draft, kind: "pool" }, now);
  const count = draft.outcomes.length;
  const probabilities = draft.outcomes.map((_, i) => parseProbability(pool.probabilities[i] ?? ""));
  const bad = probabilities.findIndex((p) => !p.ok);
  const reinforcement = parseAmount(pool.reinforcement);
  if (bad >= 0) {
    const p = probabilities[bad];
    errors.probabilities = `Outcome #${bad + 1}'s probability: ${p && !p.ok ? p.reason : "missing"}.`;
  } else {
    const values = probabilities.map((p) => (p.ok ? p.value : 0n));
    const sum = values.reduce((a, b) => a + b, 0n);
    const zero = values.findIndex((v) => v === 0n);
    if (zero >= 0) errors.probabilities = `Outcome #${zero + 1} needs a probability above 0%.`;
    else if (sum !== PROBABILITY_SCALE)
      errors.probabilities = `The probabilities add up to ${formatPercent(sum)}; they must add up to exactly 100%.`;
    else if (reinforcement.ok && reinforcement.value > 0n) {
      const tiny = values.findIndex((v) => (reinforcement.value * v) / PROBABILITY_SCALE === 0n);
      if (tiny >= 0)
        errors.probabilities = `Outcome #${tiny + 1}'s share of the reinforcement rounds to zero: raise its probability or the reinforcement.`;
    }
  }
  if (count !== pool.probabilities.length && !errors.probabilities)
    errors.probabilities = "Give one probability per outcome.";
  const margin = parseAmount(pool.margin, 2);
  if (!margin.ok) errors.margin = `Margin: ${margin.reason}.`;
  else if (margin.value > MAX_MARGIN_BPS) errors.margin = "The margin can be at most 20%.";
  if (!reinforcement.ok) errors.reinforcement = `Reinforcement: ${reinforcement.reason}.`;
  else if (reinforcement.value === 0n)
    errors.reinforcement = "The reinforcement must be above zero: it is the virtual liquidity that sets the odds.";
  else if (context.reinforcementAvailable !== undefined && reinforcement.value > context.reinforcementAvailable)
    errors.reinforcement = `Your reinforcement cap has ${formatAmount(context.reinforcementAvailable, { unit: "tUSD" })} left.`;
  const closes = parseEndTime(pool.closesAt);
  const end = parseEndTime(draft.endTime);
  if (closes === undefined) errors.closesAt = "Pick when betting closes (UTC).";
  else if (closes <= now) errors.closesAt = "Betting must close in the future.";
  else if (end !== undefined && closes > end) errors.closesAt = "Betting must close no later than the end time.";
  return errors;
}

export interface PoolMarketParams {
  /** For `encodeQuestionData`: the oracle question's ancillary data. */
  questionData: { question: string; outcomeNames: string[]; rules: string; endTime: bigint };
  outcomeCount: bigint;
  endTime: bigint;
  reward: bigint;
  bond: bigint;
  /** 1e12 = 100%, summing to exactly 1e12. */
  probabilities: bigint[];
  reinforcement: bigint;
  marginBps: bigint;
  startsAt: bigint;
}

/** The arguments of `oracle.openQuestion` and `pool.createCondition` for a valid pool draft (undefined
 * otherwise). The rules carry the resolution source and the category, as the question has no other
 * place for them. */
export function toPoolParams(
  draft: MarketDraft,
  pool: PoolFields,
  now: number,
  context: PoolContext = {},
): PoolMarketParams | undefined {
  if (Object.keys(validatePoolDraft(draft, pool, now, context)).length > 0) return undefined;
  const reward = parseAmount(draft.reward);
  const bond = parseAmount(draft.bond);
  const reinforcement = parseAmount(pool.reinforcement);
  const margin = parseAmount(pool.margin, 2);
  const end = parseEndTime(draft.endTime);
  const closes = parseEndTime(pool.closesAt);
  if (!reward.ok || !bond.ok || !reinforcement.ok || !margin.ok || end === undefined || closes === undefined)
    return undefined;
  const outcomeNames = draft.outcomes.map((o) => o.trim());
  const probabilities = outcomeNames.map((_, i) => {
    const p = parseProbability(pool.probabilities[i] ?? "");
    return p.ok ? p.value : 0n;
  });
  return {
    questionData: {
      question: draft.question.trim(),
      outcomeNames,
      rules: `${draft.rules.trim()}\n\nResolution source: ${draft.resolutionSource.trim()}\nCategory: ${draft.category}`,
      endTime: BigInt(end),
    },
    outcomeCount: BigInt(outcomeNames.length),
    endTime: BigInt(end),
    reward: reward.value,
    bond: bond.value,
    probabilities,
    reinforcement: reinforcement.value,
    marginBps: margin.value,
    startsAt: BigInt(closes),
  };
}

/** 1e12 = 100% as "95%" / "33.33%". */
export function formatPercent(probability: bigint): string {
  const hundredths = (probability * BPS_DENOMINATOR) / PROBABILITY_SCALE;
  const whole = hundredths / 100n;
  const fraction = hundredths % 100n;
  return fraction === 0n ? `${whole}%` : `${whole}.${fraction.toString().padStart(2, "0")}%`;
}

/** The create form's field names, as its labels read. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  question: "Question",
  outcomes: "Outcomes",
  endTime: "End time",
  rules: "Rules",
  resolutionSource: "Resolution source",
  category: "Category",
  reward: "Oracle reward",
  bond: "Bond",
  probabilities: "Probabilities",
  margin: "Margin",
  reinforcement: "Reinforcement",
  closesAt: "Betting closes at",
};

/** The first problem of a draft as "Field: message", for the disabled submit button; undefined when valid. */
export function firstProblem(errors: PoolDraftErrors): string | undefined {
  const entry = Object.entries(errors).find(([, message]) => message !== undefined);
  if (!entry) return undefined;
  const [field, message] = entry;
  return `${FIELD_LABELS[field] ?? field}: ${message}`;
}

/** Reward and bond as typed, for the preview (each independent of the other fields). */
export function previewAmounts(draft: Pick<MarketDraft, "reward" | "bond">): {
  reward: bigint | undefined;
  bond: bigint | undefined;
} {
  const reward = parseAmount(draft.reward);
  const bond = parseAmount(draft.bond);
  return { reward: reward.ok ? reward.value : undefined, bond: bond.ok ? bond.value : undefined };
}

/**
 * Categories offered by the create form: the ones the demo and the market list use, in one list so the
 * list's filter and the form agree.
 */
export const MARKET_CATEGORIES = [
  "Crypto",
  "Culture",
  "Economics",
  "Politics",
  "Science",
  "Sports",
  "Weather",
  "Other",
] as const;

/** Validation of the create-market form (one message per field) and its conversion to the factory's params. Pure. */
import { parseAmount } from "./amount.ts";

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

export const MIN_OUTCOMES = 2;
export const MAX_OUTCOMES = 32;
export const MIN_LEAD_SECONDS = 600;

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
  if (outcomes.length < MIN_OUTCOMES || outcomes.length > MAX_OUTCOMES) {
    errors.outcomes = `Give between ${MIN_OUTCOMES} and ${MAX_OUTCOMES} outcomes.`;
  } else if (outcomes.some((o) => o === "")) {
    errors.outcomes = `Outcome #${outcomes.findIndex((o) => o === "") + 1} is empty.`;
  } else if (new Set(outcomes.map((o) => o.toLowerCase())).size !== outcomes.length) {
    errors.outcomes = "Outcome names must be different.";
  }
  const end = parseEndTime(draft.endTime);
  if (end === undefined) errors.endTime = "Pick an end date and time (UTC).";
  else if (end < now + MIN_LEAD_SECONDS) errors.endTime = "The end time must be at least 10 minutes from now.";
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

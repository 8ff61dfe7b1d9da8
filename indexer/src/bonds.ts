/**
 * Where an oracle question's bonds and reward go at settlement, from the question as indexed
 * (pure; mirrors the payment order of OptimisticOracle's settle, rule and emergencyResolve).
 */
type Hex = `0x${string}`;

/** The fields of an indexed oracle question that settle its bonds. */
export interface BondedQuestion {
  reset: boolean;
  firstProposer: Hex | null;
  firstAnswer: bigint | null;
  firstDisputer: Hex | null;
  proposer: Hex | null;
  proposedAnswer: bigint | null;
  disputer: Hex | null;
  reward: bigint;
  bondsPosted: number;
  resolution: string | null;
}

/**
 * The bonds a settlement forfeits: the losing side of the voided first round, and of the final
 * round when it was arbitrated (an undisputed proposal has no opponent; an emergency resolution
 * returns every bond). `q` is the question as it stood before settling.
 */
export function lostBonds(q: BondedQuestion, answer: bigint, resolution: string): { round: string; account: Hex }[] {
  if (resolution === "emergency") return [];
  const lost: { round: string; account: Hex }[] = [];
  if (q.reset && q.firstProposer && q.firstDisputer) {
    lost.push({ round: "first", account: answer === q.firstAnswer ? q.firstDisputer : q.firstProposer });
  }
  if (resolution === "arbitrated" && q.proposer && q.disputer) {
    lost.push({ round: "final", account: answer === q.proposedAnswer ? q.disputer : q.proposer });
  }
  return lost;
}

/**
 * Splits the `index`-th payout of a settled question into its bond part and its reward part, in
 * the oracle's payment order: an undisputed or arbitrated settlement pays the reward with the
 * first payout (the winner's bonds plus the reward), an emergency resolution first returns every
 * posted bond, one payout each, then refunds the reward to the requester.
 */
export function splitPayout(
  q: Pick<BondedQuestion, "resolution" | "reward" | "bondsPosted">,
  index: number,
  amount: bigint,
): { bond: bigint; reward: bigint } {
  if (q.resolution === "emergency")
    return index < q.bondsPosted ? { bond: amount, reward: 0n } : { bond: 0n, reward: amount };
  if (index > 0) return { bond: amount, reward: 0n };
  const reward = q.reward < amount ? q.reward : amount;
  return { bond: amount - reward, reward };
}

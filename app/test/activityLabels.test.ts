import { describe, expect, it } from "vitest";

import { ACCOUNT_ACTIVITY_KINDS, accountActivityLabel } from "../src/lib/activityLabels.ts";

const TUSD = 1_000_000n;

describe("account activity labels", () => {
  it("says what each bond, reward and faucet row paid or received, in tUSD", () => {
    expect(accountActivityLabel("proposalBond", 100n * TUSD)).toBe("Posted a 100 tUSD proposal bond");
    expect(accountActivityLabel("disputeBond", 100n * TUSD)).toBe("Posted a 100 tUSD dispute bond");
    expect(accountActivityLabel("bondReturned", 190n * TUSD)).toBe("Got 190 tUSD back from a bond");
    expect(accountActivityLabel("bondLost", 100n * TUSD)).toBe("Lost a 100 tUSD bond");
    expect(accountActivityLabel("rewardPaid", 10n * TUSD)).toBe("Received a 10 tUSD oracle reward");
    expect(accountActivityLabel("creationReward", 10n * TUSD)).toBe("Paid a 10 tUSD market-creation reward");
    expect(accountActivityLabel("faucetDrip", 1_000n * TUSD)).toBe("Received 1,000 tUSD from the faucet");
  });

  it("shows cents only when the amount has them", () => {
    expect(accountActivityLabel("bondReturned", 12_500_000n)).toBe("Got 12.50 tUSD back from a bond");
  });

  it("names every kind the indexer records with its own sentence", () => {
    const labels = ACCOUNT_ACTIVITY_KINDS.map((kind) => accountActivityLabel(kind, TUSD));
    expect(new Set(labels).size).toBe(ACCOUNT_ACTIVITY_KINDS.length);
    for (const label of labels) expect(label).toMatch(/^[A-Z].* 1 tUSD/);
  });

  it("names an unknown kind as is rather than hiding the row", () => {
    expect(accountActivityLabel("somethingNew", 5n * TUSD)).toBe("somethingNew: 5 tUSD");
  });
});

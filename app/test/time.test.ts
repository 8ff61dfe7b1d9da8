import { describe, expect, it } from "vitest";

import { formatDuration, formatRelativeEnd, formatUtc, rangeStart } from "../src/lib/time.ts";
import { chainNow } from "../src/lib/time.ts";

describe("time", () => {
  it("formats countdowns at the right granularity", () => {
    expect(formatDuration(90_061)).toBe("1d 1h");
    expect(formatDuration(3_725)).toBe("1h 2m");
    expect(formatDuration(65)).toBe("1m 05s");
    expect(formatDuration(-5)).toBe("0s");
  });
  it("says whether a market ends or ended", () => {
    expect(formatRelativeEnd(1_000, 400)).toBe("ends in 10m 00s");
    expect(formatRelativeEnd(400, 4_000)).toBe("ended 1h 0m ago");
  });
  it("formats UTC timestamps", () => {
    expect(formatUtc(0)).toBe("1970-01-01 00:00 UTC");
  });
  it("computes chart range starts", () => {
    expect(rangeStart("1H", 10_000)).toBe(6_400);
    expect(rangeStart("All", 10_000)).toBe(0);
  });
});

describe("chain time", () => {
  it("runs on from the latest block by the wall time elapsed since it was seen", () => {
    // The chain is 66 minutes ahead of the wall clock: countdowns follow the chain, not the wall.
    expect(chainNow(1_800_003_960, 1_800_000_000_000, 1_800_000_030_000)).toBe(1_800_003_990);
  });
  it("never runs backwards when the wall clock lags", () => {
    expect(chainNow(1_000, 5_000, 4_000)).toBe(1_000);
  });
});

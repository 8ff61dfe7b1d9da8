import assert from "node:assert/strict";
import { describe, it } from "node:test";

import type { Address, Hex } from "viem";

import { BoundedContractVerifier, DEFAULT_EIP1271_LIMITS, type ContractCheck } from "../../src/intake/eip1271.js";
import { RateLimitedError } from "../../src/ratelimit.js";

const WALLET = "0x00000000000000000000000000000000000000a1" as Address;
const OTHER = "0x00000000000000000000000000000000000000b2" as Address;
const DIGEST = `0x${"11".repeat(32)}` as Hex;
const SIG = `0x${"22".repeat(65)}` as Hex;

/** A check whose answers the test releases by hand. */
function manualCheck(): { check: ContractCheck; gases: bigint[]; release: (v: boolean | "failed") => void } {
  const pending: ((v: boolean | "failed") => void)[] = [];
  const gases: bigint[] = [];
  return {
    gases,
    check: (_w, _d, _s, gas) => {
      gases.push(gas);
      return new Promise((resolve) => pending.push(resolve));
    },
    release: (v) => pending.shift()?.(v),
  };
}

describe("BoundedContractVerifier (EIP-1271 checks)", () => {
  it("passes the gas cap to every eth_call and returns the wallet's verdict", async () => {
    const gases: bigint[] = [];
    const verifier = new BoundedContractVerifier(async (_w, _d, _s, gas) => {
      gases.push(gas);
      return true;
    });
    assert.equal(await verifier.verify(WALLET, DIGEST, SIG), true);
    assert.deepEqual(gases, [DEFAULT_EIP1271_LIMITS.gasCap], "the call must carry the gas cap");
  });

  it("answers a repeated check from the cache without another eth_call, until the TTL passes", async () => {
    let now = 1_000;
    const verifier = new BoundedContractVerifier(
      async () => true,
      DEFAULT_EIP1271_LIMITS,
      () => now,
    );
    await verifier.verify(WALLET, DIGEST, SIG);
    await verifier.verify(WALLET, DIGEST, SIG);
    assert.equal(verifier.calls, 1, "the second identical check must come from the cache");
    now += DEFAULT_EIP1271_LIMITS.cacheTtlMs + 1;
    await verifier.verify(WALLET, DIGEST, SIG);
    assert.equal(verifier.calls, 2, "an expired entry must be checked again");
  });

  it("refuses with 429 past the per-wallet in-flight limit, before any eth_call", async () => {
    const manual = manualCheck();
    const verifier = new BoundedContractVerifier(manual.check, { ...DEFAULT_EIP1271_LIMITS, maxInFlightPerWallet: 1 });
    const first = verifier.verify(WALLET, DIGEST, SIG);
    await assert.rejects(
      verifier.verify(WALLET, DIGEST, `0x${"33".repeat(65)}`),
      (error: unknown) => error instanceof RateLimitedError && error.retryAfterSeconds === 1,
    );
    assert.equal(verifier.calls, 1, "the refused check must not reach the node");
    // Another wallet is not affected by this one's limit.
    const other = verifier.verify(OTHER, DIGEST, SIG);
    manual.release(true);
    manual.release(false);
    assert.equal(await first, true);
    assert.equal(await other, false);
  });

  it("refuses past the global in-flight limit", async () => {
    const manual = manualCheck();
    const verifier = new BoundedContractVerifier(manual.check, { ...DEFAULT_EIP1271_LIMITS, maxInFlight: 1 });
    const first = verifier.verify(WALLET, DIGEST, SIG);
    await assert.rejects(verifier.verify(OTHER, DIGEST, SIG), RateLimitedError);
    manual.release(true);
    assert.equal(await first, true);
  });

  it("counts a timeout as invalid and refuses that wallet without eth_call for the penalty time", async () => {
    let now = 0;
    const verifier = new BoundedContractVerifier(
      () => new Promise(() => undefined), // never answers
      { ...DEFAULT_EIP1271_LIMITS, timeoutMs: 20 },
      () => now,
    );
    assert.equal(await verifier.verify(WALLET, DIGEST, SIG), false);
    assert.equal(await verifier.verify(WALLET, DIGEST, `0x${"44".repeat(65)}`), false);
    assert.equal(verifier.calls, 1, "a penalised wallet must not cost another eth_call");
    now += DEFAULT_EIP1271_LIMITS.penaltyMs + 1;
    await verifier.verify(WALLET, DIGEST, `0x${"55".repeat(65)}`);
    assert.equal(verifier.calls, 2, "after the penalty the wallet is checked again");
  });

  it("penalises a wallet that ran out of gas or reverted (failed) the same way", async () => {
    const verifier = new BoundedContractVerifier(async () => "failed");
    assert.equal(await verifier.verify(WALLET, DIGEST, SIG), false);
    assert.equal(await verifier.verify(WALLET, DIGEST, `0x${"66".repeat(65)}`), false);
    assert.equal(verifier.calls, 1);
  });

  it("bounds its cache: past maxCacheEntries the oldest entries go", async () => {
    const verifier = new BoundedContractVerifier(async () => true, { ...DEFAULT_EIP1271_LIMITS, maxCacheEntries: 10 });
    for (let i = 0; i < 25; i++) await verifier.verify(WALLET, `0x${i.toString(16).padStart(64, "0")}` as Hex, SIG);
    await verifier.verify(WALLET, `0x${(24).toString(16).padStart(64, "0")}` as Hex, SIG);
    assert.equal(verifier.calls, 25, "the newest entry is still cached");
    await verifier.verify(WALLET, `0x${"0".repeat(64)}` as Hex, SIG);
    assert.equal(verifier.calls, 26, "the oldest entry was evicted");
  });
});

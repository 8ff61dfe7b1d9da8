/**
 * The Polymarket compatibility pieces on their own, checked against `@polymarket/clob-client`'s
 * own header and hash functions: HMAC encoding, ClobAuth L1 verification, key derivation and
 * the key store, book summaries, and the heartbeat dead-man switch.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { ClobClient, createL1Headers, createL2Headers, type Chain } from "@polymarket/clob-client";
import { createWalletClient, http } from "viem";
import { privateKeyToAccount } from "viem/accounts";

import { openDatabase } from "../../src/db/driver.js";
import { migrate } from "../../src/db/migrations.js";
import type { ApiError } from "../../src/errors.js";
import { AUTH_WINDOW_SECONDS, verifyL1 } from "../../src/polymarket/clob-auth.js";
import { Heartbeats } from "../../src/polymarket/heartbeats.js";
import { decodeSecret, polyHmacSignature, verifyPolyHmac } from "../../src/polymarket/hmac.js";
import { ApiKeyStore, deriveCreds } from "../../src/polymarket/keys.js";
import { marketOrderTerms } from "../../src/polymarket/market-orders.js";
import { questionText } from "../../src/polymarket/questions.js";
import { bookSummary, polymarketLevels } from "../../src/polymarket/views.js";
import { freshDataDir } from "../helpers/operator.js";

const account = privateKeyToAccount(`0x${"11".repeat(32)}`);
const other = privateKeyToAccount(`0x${"22".repeat(32)}`);
// Never contacted: the client only asks the wallet to sign locally.
const wallet = createWalletClient({ account, transport: http("http://127.0.0.1:9") });
/** The client types chain ids as Polygon/Amoy only; L1 signing works for any id. */
const LOCAL_CHAIN = 31337 as Chain;
const SERVER_SECRET = Buffer.alloc(32, 5);
const isUnauthorized = (pattern: RegExp) => (error: unknown) =>
  (error as ApiError).code === "UNAUTHORIZED" && pattern.test((error as ApiError).message);

describe("L2 HMAC", () => {
  const creds = { key: "k", secret: deriveCreds(SERVER_SECRET, account.address, 0n, 0).secret, passphrase: "p" };

  it("signs exactly as the client does, with and without a body", async () => {
    for (const body of [undefined, '{"orderID":"0xabc"}', '[{"a":"é"}]']) {
      const headers = await createL2Headers(
        wallet,
        creds,
        { method: "DELETE", requestPath: "/order", body },
        1_700_000_000,
      );
      assert.equal(polyHmacSignature(creds.secret, 1_700_000_000, "DELETE", "/order", body), headers.POLY_SIGNATURE);
      assert.ok(verifyPolyHmac(creds.secret, headers.POLY_SIGNATURE, "1700000000", "DELETE", "/order", body));
    }
  });

  it("rejects a signature over another path, method, timestamp or body", () => {
    const sig = polyHmacSignature(creds.secret, "100", "POST", "/order", "{}");
    assert.ok(!verifyPolyHmac(creds.secret, sig, "100", "POST", "/orders", "{}"));
    assert.ok(!verifyPolyHmac(creds.secret, sig, "100", "GET", "/order", "{}"));
    assert.ok(!verifyPolyHmac(creds.secret, sig, "101", "POST", "/order", "{}"));
    assert.ok(!verifyPolyHmac(creds.secret, sig, "100", "POST", "/order", "{ }"));
    assert.ok(!verifyPolyHmac(creds.secret, "short", "100", "POST", "/order", "{}"));
  });

  it("decodes base64url secrets with or without padding", () => {
    assert.deepEqual(decodeSecret("-_8="), Buffer.from([0xfb, 0xff]));
    assert.deepEqual(decodeSecret("+/8"), Buffer.from([0xfb, 0xff]));
  });
});

describe("L1 ClobAuth", () => {
  const now = 1_700_000_000;

  it("accepts the client's L1 headers and returns the address and nonce", async () => {
    const h = await createL1Headers(wallet, LOCAL_CHAIN, 7, now);
    const id = await verifyL1(
      { address: h.POLY_ADDRESS, signature: h.POLY_SIGNATURE, timestamp: h.POLY_TIMESTAMP, nonce: h.POLY_NONCE },
      31337,
      now,
    );
    assert.deepEqual(id, { address: account.address.toLowerCase(), nonce: 7n });
  });

  it("refuses another chain id, another claimed address and a stale timestamp", async () => {
    const h = await createL1Headers(wallet, LOCAL_CHAIN, 0, now);
    const headers = { address: h.POLY_ADDRESS, signature: h.POLY_SIGNATURE, timestamp: h.POLY_TIMESTAMP, nonce: "0" };
    await assert.rejects(verifyL1(headers, 137, now), isUnauthorized(/does not come from/));
    await assert.rejects(
      verifyL1({ ...headers, address: other.address }, 31337, now),
      isUnauthorized(/does not come from/),
    );
    await assert.rejects(verifyL1(headers, 31337, now + AUTH_WINDOW_SECONDS + 1), isUnauthorized(/POLY_TIMESTAMP/));
    await assert.rejects(verifyL1({ ...headers, nonce: "1" }, 31337, now), isUnauthorized(/does not come from/));
  });
});

describe("API keys", () => {
  it("derives the same credentials for (address, nonce, generation) and different ones otherwise", () => {
    const a = deriveCreds(SERVER_SECRET, account.address, 0n, 0);
    assert.deepEqual(deriveCreds(SERVER_SECRET, account.address.toLowerCase(), 0n, 0), a);
    for (const b of [
      deriveCreds(SERVER_SECRET, account.address, 1n, 0),
      deriveCreds(SERVER_SECRET, account.address, 0n, 1),
      deriveCreds(SERVER_SECRET, other.address, 0n, 0),
      deriveCreds(Buffer.alloc(32, 6), account.address, 0n, 0),
    ]) {
      assert.notEqual(b.apiKey, a.apiKey);
      assert.notEqual(b.secret, a.secret);
    }
    assert.equal(decodeSecret(a.secret).length, 32);
  });

  it("stores no secret, authenticates, revokes, and issues a fresh key after a revoke", async () => {
    const db = await openDatabase({ databaseUrl: undefined, dataDir: freshDataDir() });
    try {
      await migrate(db);
      const kv = new Map<string, string>();
      const store = await ApiKeyStore.open(
        db,
        { getKv: (k) => Promise.resolve(kv.get(k)), setKv: (k, v) => Promise.resolve(void kv.set(k, v)) },
        undefined,
      );
      assert.equal(kv.size, 1, "a generated server secret is kept for restarts");
      const creds = await store.createOrDerive(account.address, 0n);
      assert.deepEqual(await store.createOrDerive(account.address, 0n), creds, "create is idempotent");
      const rows = await db.query<Record<string, unknown>>("SELECT * FROM api_keys");
      assert.equal(rows.length, 1);
      assert.ok(!JSON.stringify(rows).includes(creds.secret), "the secret is not in the table");
      assert.ok(!JSON.stringify(rows).includes(creds.passphrase), "the passphrase is not in the table");
      const auth = await store.authenticate(creds.apiKey, creds.passphrase, account.address);
      assert.equal(auth.secret, creds.secret);
      await assert.rejects(store.authenticate(creds.apiKey, "wrong", account.address), isUnauthorized(/PASSPHRASE/));
      await assert.rejects(
        store.authenticate(creds.apiKey, creds.passphrase, other.address),
        isUnauthorized(/ADDRESS/),
      );
      assert.equal(
        await store.authenticateCreds(creds.apiKey, creds.secret, creds.passphrase),
        account.address.toLowerCase(),
      );
      assert.deepEqual(await store.list(account.address), [creds.apiKey]);
      await store.revoke(creds.apiKey);
      await assert.rejects(
        store.authenticate(creds.apiKey, creds.passphrase, account.address),
        isUnauthorized(/revoked/),
      );
      const fresh = await store.createOrDerive(account.address, 0n);
      assert.notEqual(fresh.apiKey, creds.apiKey);
      assert.deepEqual(await store.list(account.address), [fresh.apiKey]);
    } finally {
      await db.close();
    }
  });
});

describe("book summary", () => {
  it("lists the best level last and carries the hash the client computes", async () => {
    const level = (price: string, size: string) => ({ price, size });
    const levels = { bids: [level("0.5", "10"), level("0.45", "3")], asks: [level("0.64", "1"), level("0.7", "2")] };
    assert.deepEqual(polymarketLevels(levels), {
      bids: [levels.bids[1], levels.bids[0]],
      asks: [levels.asks[1], levels.asks[0]],
    });
    const book = bookSummary({
      market: "0x01",
      assetId: "1",
      timestampMs: 1,
      bestFirst: levels,
      minOrderSize: "1",
      tickSize: "0.01",
      negRisk: false,
      lastTradePrice: "",
    });
    const client = new ClobClient("http://127.0.0.1:9", 137);
    const wire = JSON.parse(JSON.stringify(book)) as Parameters<ClobClient["getOrderBookHash"]>[0];
    assert.equal(await client.getOrderBookHash(wire), book["hash"]);
  });
});

describe("heartbeats", () => {
  it("cancels a key that heartbeated and went silent, once, and leaves silent keys alone", async () => {
    const expired: string[] = [];
    const hb = new Heartbeats(1_000, (key, address) => Promise.resolve(void expired.push(`${key}@${address}`)));
    const id = hb.beat("k1", "0xa", null, 0);
    assert.throws(() => hb.beat("k1", "0xa", "not-the-last-id", 100), /heartbeat_id/);
    hb.beat("k1", "0xa", id, 500);
    assert.equal(await hb.sweep(1_400), 0, "within the timeout of the last beat");
    assert.equal(await hb.sweep(1_501), 1);
    assert.deepEqual(expired, ["k1@0xa"]);
    assert.equal(await hb.sweep(10_000), 0, "an expired chain fires once");
    assert.equal(hb.active("k1"), false);
    assert.equal(hb.active("k2"), false, "a key that never heartbeated has no chain");
  });
});

describe("market questions", () => {
  it("names a binary condition by the question and a linked one by question and outcome", () => {
    const params = { question: "Who wins?", outcomeNames: ["Ana", "Bo", "Cy"] };
    assert.equal(questionText(params, ["0xAA"], "0xaa"), "Who wins?");
    assert.equal(questionText(params, ["0xaa", "0xbb", "0xcc"], "0xbb"), "Who wins? — Bo");
    assert.equal(questionText(params, ["0xaa"], "0xbb"), undefined);
  });
});

describe("market-order terms", () => {
  const TICK = 10_000n; // 0.01

  it("books the client's BUY $5 at 0.66 at the tick below its ratio and whole lots", () => {
    // createMarketOrder(BUY, amount 5, price 0.66, tick 0.01): makerAmount 5, takerAmount 7.5757.
    const terms = marketOrderTerms(0, 5_000_000n, 7_575_700n, TICK);
    assert.deepEqual(terms, { price: 660_000n, shares: 7_570_000n, collateral: 4_996_200n });
    assert.ok(terms && terms.collateral * 7_575_700n <= 5_000_000n * terms.shares, "never pays more than signed");
  });

  it("books a SELL at the tick above its ratio, so the seller never gets less than signed", () => {
    // SELL 7.5757 shares for 4.9999 collateral: ratio 0.65999…, booked at 0.66.
    const terms = marketOrderTerms(1, 7_575_700n, 4_999_900n, TICK);
    assert.deepEqual(terms, { price: 660_000n, shares: 7_570_000n, collateral: 4_996_200n });
  });

  it("keeps an exact tick price and refuses amounts that round to nothing", () => {
    assert.equal(marketOrderTerms(0, 6_400_000n, 10_000_000n, TICK)?.price, 640_000n);
    assert.equal(marketOrderTerms(0, 5_000n, 9_999n, TICK), undefined, "under one lot");
    assert.equal(marketOrderTerms(0, 50n, 10_000_000n, TICK), undefined, "price rounds to 0");
  });
});

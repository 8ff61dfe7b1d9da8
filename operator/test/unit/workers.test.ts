import assert from "node:assert/strict";
import { after, describe, it } from "node:test";

import { exchangeDomain, type SignedOrder } from "@forkcast/shared";
import { generatePrivateKey, privateKeyToAddress } from "viem/accounts";

import { BATCH_MAX_ORDERS, WorkerVerifier } from "../../src/intake/workers.js";
import { OrderSigner } from "../helpers/orders.js";

const EXCHANGE = "0x00000000000000000000000000000000000e0c4a";
const signer = new OrderSigner(31337, EXCHANGE);
const key = generatePrivateKey();
const maker = privateKeyToAddress(key);
const order = (n: number): SignedOrder =>
  signer.signed(key, maker, { tokenId: 7n, side: n % 2 === 0 ? 0 : 1, price: 400_000n, shares: 1_000_000n });

describe("intake/workers: signature checks in worker threads", () => {
  const verifier = new WorkerVerifier(exchangeDomain(31337, EXCHANGE), 2);
  // The workers are unreferenced once loaded (the operator's server keeps the process alive).
  const keepAlive = setInterval(() => undefined, 1_000);
  after(async () => {
    clearInterval(keepAlive);
    await verifier.close();
  });

  it("answers one request on its own, in one message, without waiting for company", async () => {
    await verifier.ready;
    const one = order(0);
    const result = await verifier.verifyEoa(one);
    assert.deepEqual(result, { hash: signer.hasher.hash(one), valid: true });
    assert.equal(verifier.sent.batches, 1);
  });

  it("batches a burst into messages of at most BATCH_MAX_ORDERS and answers each order", async () => {
    const burst = Array.from({ length: BATCH_MAX_ORDERS * 4 + 3 }, (_, i) => order(i));
    const forged = { ...order(1), signer: privateKeyToAddress(generatePrivateKey()) };
    const before = verifier.sent.batches;
    const results = await Promise.all([...burst, forged].map((o) => verifier.verifyEoa(o)));
    assert.deepEqual(
      results.slice(0, burst.length),
      burst.map((o) => ({ hash: signer.hasher.hash(o), valid: true })),
    );
    assert.equal(results[burst.length]?.valid, false, "a signature by someone else than the order's signer");
    const batches = verifier.sent.batches - before;
    assert.ok(batches >= Math.ceil((burst.length + 1) / BATCH_MAX_ORDERS), `${batches} messages`);
    assert.ok(batches < burst.length / 4, `a burst shares messages (${batches} for ${burst.length + 1} orders)`);
    assert.equal(verifier.sent.largestBatch, BATCH_MAX_ORDERS);
  });
});

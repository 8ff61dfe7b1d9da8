/**
 * Contract signatures: EIP-1271 wallet orders checked through the chain, a gas-burning wallet
 * bounded, and the operator accepting exactly the signatures the exchange's validateOrder takes.
 */
import assert from "node:assert/strict";
import { it } from "node:test";

import { COLLATERAL_UNIT, SHARE_UNIT, type SignedOrder } from "@forkcast/shared";
import { encodeFunctionData, hexToBytes, maxUint256, toHex, type Address, type Hex } from "viem";

import { artifact } from "../../../src/chain/abi.js";
import { api } from "../../helpers/operator.js";
import { BUY, SELL, type OperatorRun, type Json } from "../../helpers/operator-run.js";
import { orderBody, type OrderSpec } from "../../helpers/orders.js";

const WALLET_ABI = artifact("ERC1271Wallet").abi;

/** Deploys the test contract `name` from alice's account. */
async function deploy(run: OperatorRun, name: string, args: unknown[]): Promise<Address> {
  const a = artifact(name);
  const hash = await run.stack.wallet(run.alice).deployContract({
    abi: a.abi,
    bytecode: a.bytecode,
    args,
    account: run.alice.account,
    chain: undefined,
  });
  const receipt = await run.chain.client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  if (!receipt.contractAddress) throw new Error(`${name} deployment failed`);
  return receipt.contractAddress;
}

/** An EIP-1271 wallet owned by alice, holding 100 collateral and approving the exchange. */
async function fundedWallet(run: OperatorRun): Promise<Address> {
  const { stack } = run;
  const wallet = await deploy(run, "ERC1271Wallet", [run.alice.address]);
  await stack.write(stack.admin, stack.collateral, stack.abis.collateral, "mint", [wallet, 100n * COLLATERAL_UNIT]);
  await stack.write(run.alice, wallet, WALLET_ABI, "execute", [
    stack.collateral,
    encodeFunctionData({ abi: stack.abis.collateral, functionName: "approve", args: [stack.exchange, maxUint256] }),
  ]);
  return wallet;
}

export function contractSignatureGroup(run: OperatorRun): void {
  it("accepts EIP-1271 wallet orders (checked through the chain) and settles them", async () => {
    const wallet = await fundedWallet(run);
    const spec: OrderSpec = run.spec("yes", BUY, 400_000n, 5n);
    const unsigned = { ...run.signer.build(wallet, spec), signatureType: 3 as const };
    const forged = await api<Json>(run.op.url, "POST", "/order", orderBody(run.signer.sign(run.bob.key, unsigned)));
    assert.equal(forged.body["error"], "INVALID_SIGNATURE", "the wallet must refuse a signature by someone else");
    const placed = await api<Json>(run.op.url, "POST", "/order", orderBody(run.signer.sign(run.alice.key, unsigned)));
    assert.equal(placed.status, 200, JSON.stringify(placed.body));
    const taker = await run.post(run.bob, run.spec("yes", SELL, 400_000n, 5n));
    await run.confirmed(String(taker.body["orderID"]));
    const walletYes = await run.stack.read<bigint>(run.stack.ctf, run.stack.abis.ctf, "balanceOf", [
      wallet,
      run.stack.yes,
    ]);
    assert.equal(walletYes, 5n * SHARE_UNIT, "the wallet receives the shares it bought");
  });

  it("bounds a gas-burning EIP-1271 wallet: capped eth_call, refused, then refused without calling again", async () => {
    const burner = await deploy(run, "GasBurningWallet", []);
    const callsBefore = run.op.service.contractSignatures.calls;
    for (let i = 0n; i < 5n; i++) {
      const spec: OrderSpec = {
        tokenId: run.stack.yes,
        side: BUY,
        price: 300_000n + i * 10_000n,
        shares: 1n * SHARE_UNIT,
      };
      const unsigned = { ...run.signer.build(burner, spec), signatureType: 3 as const };
      const refused = await api<Json>(
        run.op.url,
        "POST",
        "/order",
        orderBody(run.signer.sign(run.alice.key, unsigned)),
      );
      assert.equal(refused.status, 401, JSON.stringify(refused.body));
      assert.equal(refused.body["error"], "INVALID_SIGNATURE");
    }
    assert.equal(
      run.op.service.contractSignatures.calls - callsBefore,
      1,
      "after the first capped call runs out of gas, the wallet is refused without another eth_call",
    );
    const book = await api<Json>(run.op.url, "GET", `/book?token_id=${run.stack.yes}`);
    assert.ok(!JSON.stringify(book.body).includes(burner.toLowerCase()), "no order of the burner may be on the book");
    const honest = await run.post(run.alice, run.spec("yes", BUY, 100_000n, 1n));
    assert.equal(honest.status, 200, "a valid order is served right after");
    await run.cancelAll();
  });

  it("accepts exactly the signatures the exchange's validateOrder accepts (differential)", async () => {
    const wallet = await fundedWallet(run);
    const burner = await deploy(run, "GasBurningWallet", []);
    const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const mutate = (signature: Hex, f: (bytes: Uint8Array) => Uint8Array): Hex => toHex(f(hexToBytes(signature)));
    let price = 10_000n;
    const order = (maker: Address, type: 0 | 3): SignedOrder => {
      price += 10_000n;
      const unsigned = {
        ...run.signer.build(maker, { tokenId: run.stack.yes, side: BUY, price, shares: 1n * SHARE_UNIT }),
      };
      return run.signer.sign(run.alice.key, { ...unsigned, signatureType: type });
    };
    const cases: { name: string; order: SignedOrder }[] = [];
    const eoa = (name: string, f: (sig: Hex) => Hex): void => {
      const o = order(run.alice.address, 0);
      cases.push({ name, order: { ...o, signature: f(o.signature) } });
    };
    eoa("valid", (sig) => sig);
    eoa("v as 0/1", (sig) => mutate(sig, (b) => (b.set([(b[64] ?? 27) - 27], 64), b)));
    eoa("v as 29", (sig) => mutate(sig, (b) => (b.set([29], 64), b)));
    eoa("high s (malleated)", (sig) =>
      mutate(sig, (b) => {
        const s = BigInt(toHex(b.slice(32, 64)));
        const out = new Uint8Array(b);
        out.set(hexToBytes(toHex(N - s, { size: 32 })), 32);
        out.set([b[64] === 27 ? 28 : 27], 64);
        return out;
      }),
    );
    eoa("64 bytes", (sig) => mutate(sig, (b) => b.slice(0, 64)));
    eoa("66 bytes", (sig) => mutate(sig, (b) => Uint8Array.from([...b, 0])));
    eoa("empty", () => "0x");
    {
      const o = order(run.alice.address, 0);
      cases.push({ name: "signed by another key", order: run.signer.sign(run.bob.key, o) });
    }
    cases.push({ name: "EIP-1271 wallet, owner's signature", order: order(wallet, 3) });
    {
      const o = order(wallet, 3);
      cases.push({ name: "EIP-1271 wallet, stranger's signature", order: run.signer.sign(run.bob.key, o) });
    }
    cases.push({ name: "EIP-1271 on a contract without isValidSignature", order: order(run.stack.collateral, 3) });
    cases.push({ name: "EIP-1271 gas-burning wallet", order: order(burner, 3) });

    const verdicts: string[] = [];
    for (const c of cases) {
      const exchangeAccepts = await run.stack
        .read(run.stack.exchange, run.stack.abis.exchange, "validateOrder", [c.order])
        .then(
          () => true,
          () => false,
        );
      const answer = await api<Json>(run.op.url, "POST", "/order", orderBody(c.order));
      const operatorAccepts = answer.status === 200;
      verdicts.push(`${c.name}: exchange ${exchangeAccepts}, operator ${operatorAccepts}`);
      assert.equal(
        operatorAccepts,
        exchangeAccepts,
        `${c.name}: the exchange ${exchangeAccepts ? "accepts" : "refuses"} it, the operator answered ${answer.status} ${JSON.stringify(answer.body)}`,
      );
      if (!operatorAccepts) assert.ok(answer.status >= 400 && answer.status < 500, `${c.name}: a 4xx`);
    }
    assert.deepEqual(
      cases.map((c) => c.name).filter((_, i) => (verdicts[i] ?? "").endsWith("operator true")),
      ["valid", "EIP-1271 wallet, owner's signature"],
      `only the two good signatures pass: ${verdicts.join("; ")}`,
    );
    // Clean up: alice's orders by signed cancel, the wallet's by a nonce increment from the wallet.
    await run.cancelAll();
    await run.stack.write(run.alice, wallet, WALLET_ABI, "execute", [
      run.stack.exchange,
      encodeFunctionData({ abi: run.stack.abis.exchange, functionName: "incrementNonce", args: [] }),
    ]);
  });
}

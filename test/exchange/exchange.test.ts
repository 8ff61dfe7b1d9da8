/**
 * Integration test of the exchange's public surface with viem: orders are signed with
 * `signTypedData` by the node's wallet clients and settled by an operator as COMPLEMENTARY, MINT
 * and MERGE matches and as operator fills, with fees checked against the independent TypeScript
 * fee reference in ./fees.ts.
 */
import { COLLATERAL_UNIT } from "@forkcast/shared";
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import { hashTypedData, keccak256, maxUint256, toHex, zeroAddress, type Address, type Hex } from "viem";

import { expectedFee, expectedTaking } from "./fees.js";
import {
  buildOrder,
  exchangeDomain,
  ORDER_TYPES,
  Side,
  signOrder,
  type SignedOrder,
  type UnsignedOrder,
} from "./orders.js";

const ZERO32 = `0x${"00".repeat(32)}` as Hex;

const { viem } = await network.create();
const publicClient = await viem.getPublicClient();
const wallets = await viem.getWalletClients();
const [admin, operator, feeRecipient, alice, bob, carol] = wallets;
if (!admin || !operator || !feeRecipient || !alice || !bob || !carol) throw new Error("need six accounts");

const usd = await viem.deployContract("TestUSD", [admin.account.address, false]);
const ctf = await viem.deployContract("ConditionalTokens", [""]);
const exchange = await viem.deployContract("Exchange", [
  admin.account.address,
  ctf.address,
  usd.address,
  feeRecipient.account.address,
  "Forkcast",
  "1",
  false,
]);
await exchange.write.addOperator([operator.account.address]);

const questionId = keccak256(toHex("Will the integration test pass?"));
await ctf.write.prepareCondition([admin.account.address, questionId, 2n]);
const conditionId = await ctf.read.getConditionId([admin.account.address, questionId, 2n]);
const positionOf = async (indexSet: bigint) =>
  ctf.read.getPositionId([usd.address, await ctf.read.getCollectionId([ZERO32, conditionId, indexSet])]);
const yes = await positionOf(1n);
const no = await positionOf(2n);
await exchange.write.registerToken([yes, no, conditionId, zeroAddress]);

for (const who of [operator, alice, bob, carol]) {
  const as = { account: who.account };
  await usd.write.mint([who.account.address, 10_000n * COLLATERAL_UNIT]);
  await usd.write.approve([ctf.address, maxUint256], as);
  await ctf.write.splitPosition([usd.address, ZERO32, conditionId, [1n, 2n], 5_000n * COLLATERAL_UNIT], as);
  await usd.write.approve([exchange.address, maxUint256], as);
  await ctf.write.setApprovalForAll([exchange.address, true], as);
}

const chainId = await publicClient.getChainId();
const domain = exchangeDomain(chainId, exchange.address);
let salt = 1_000n;

type Wallet = (typeof wallets)[number];
async function sign(wallet: Wallet, fields: Omit<Parameters<typeof buildOrder>[0], "maker">): Promise<SignedOrder> {
  salt += 1n;
  const order = buildOrder({ ...fields, maker: wallet.account.address, salt });
  return signOrder((args) => wallet.signTypedData({ account: wallet.account, ...args }), domain, order);
}

async function balances(who: Address) {
  const [collateral, yesBalance, noBalance] = await Promise.all([
    usd.read.balanceOf([who]),
    ctf.read.balanceOf([who, yes]),
    ctf.read.balanceOf([who, no]),
  ]);
  return { usd: collateral, yes: yesBalance, no: noBalance };
}

async function settle(hash: Promise<Hex>) {
  const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
  assert.equal(receipt.status, "success", "transaction succeeded");
}

async function assertExchangeEmpty() {
  assert.deepEqual(await balances(exchange.address), { usd: 0n, yes: 0n, no: 0n }, "exchange holds nothing");
}

const asOperator = { account: operator.account };

describe("Exchange (viem integration)", () => {
  it("hashes orders exactly like viem's EIP-712 typed data and validates them", async () => {
    const order = await sign(alice, {
      tokenId: yes,
      side: Side.BUY,
      makerAmount: 40n * COLLATERAL_UNIT,
      takerAmount: 100n * COLLATERAL_UNIT,
    });
    const { signature, ...message } = order;
    const viemHash = hashTypedData({
      domain,
      types: ORDER_TYPES,
      primaryType: "Order",
      message: message satisfies UnsignedOrder,
    });
    assert.equal(await exchange.read.hashOrder([order]), viemHash, "same digest");
    assert.equal(signature.length, 132, "65-byte signature");
    await exchange.read.validateOrder([order]);
  });

  it("settles a COMPLEMENTARY match with price improvement to the taker", async () => {
    const taker = await sign(alice, {
      tokenId: yes,
      side: Side.BUY,
      makerAmount: 60n * COLLATERAL_UNIT,
      takerAmount: 100n * COLLATERAL_UNIT,
    });
    const maker = await sign(bob, {
      tokenId: yes,
      side: Side.SELL,
      makerAmount: 100n * COLLATERAL_UNIT,
      takerAmount: 50n * COLLATERAL_UNIT,
    });
    const a0 = await balances(alice.account.address);
    const b0 = await balances(bob.account.address);
    await settle(
      exchange.write.matchOrders([taker, [maker], 50n * COLLATERAL_UNIT, [100n * COLLATERAL_UNIT]], asOperator),
    );
    const a1 = await balances(alice.account.address);
    const b1 = await balances(bob.account.address);
    assert.equal(a0.usd - a1.usd, 50n * COLLATERAL_UNIT, "taker paid the maker's 0.50");
    assert.equal(a1.yes - a0.yes, 100n * COLLATERAL_UNIT, "taker received 100 YES");
    assert.equal(b1.usd - b0.usd, 50n * COLLATERAL_UNIT, "maker received 50");
    assert.equal(b0.yes - b1.yes, 100n * COLLATERAL_UNIT, "maker gave 100 YES");
    await assertExchangeEmpty();
  });

  it("settles a MINT match with one split of full sets", async () => {
    const taker = await sign(alice, {
      tokenId: yes,
      side: Side.BUY,
      makerAmount: 60n * COLLATERAL_UNIT,
      takerAmount: 100n * COLLATERAL_UNIT,
    });
    const m1 = await sign(bob, {
      tokenId: no,
      side: Side.BUY,
      makerAmount: 20n * COLLATERAL_UNIT,
      takerAmount: 50n * COLLATERAL_UNIT,
    });
    const m2 = await sign(carol, {
      tokenId: no,
      side: Side.BUY,
      makerAmount: 20n * COLLATERAL_UNIT,
      takerAmount: 50n * COLLATERAL_UNIT,
    });
    const ctfUsd = await usd.read.balanceOf([ctf.address]);
    const a0 = await balances(alice.account.address);
    await settle(
      exchange.write.matchOrders(
        [taker, [m1, m2], 60n * COLLATERAL_UNIT, [20n * COLLATERAL_UNIT, 20n * COLLATERAL_UNIT]],
        asOperator,
      ),
    );
    const a1 = await balances(alice.account.address);
    assert.equal((await usd.read.balanceOf([ctf.address])) - ctfUsd, 100n * COLLATERAL_UNIT, "100 full sets minted");
    assert.equal(a0.usd - a1.usd, 60n * COLLATERAL_UNIT, "taker paid 0.60 per YES");
    assert.equal(a1.yes - a0.yes, 100n * COLLATERAL_UNIT, "taker got 100 YES");
    await assertExchangeEmpty();
  });

  it("settles a MERGE match", async () => {
    const taker = await sign(alice, {
      tokenId: yes,
      side: Side.SELL,
      makerAmount: 100n * COLLATERAL_UNIT,
      takerAmount: 55n * COLLATERAL_UNIT,
    });
    const maker = await sign(bob, {
      tokenId: no,
      side: Side.SELL,
      makerAmount: 100n * COLLATERAL_UNIT,
      takerAmount: 40n * COLLATERAL_UNIT,
    });
    const ctfUsd = await usd.read.balanceOf([ctf.address]);
    const a0 = await balances(alice.account.address);
    const b0 = await balances(bob.account.address);
    await settle(
      exchange.write.matchOrders([taker, [maker], 100n * COLLATERAL_UNIT, [100n * COLLATERAL_UNIT]], asOperator),
    );
    assert.equal(ctfUsd - (await usd.read.balanceOf([ctf.address])), 100n * COLLATERAL_UNIT, "100 sets merged");
    assert.equal((await balances(alice.account.address)).usd - a0.usd, 60n * COLLATERAL_UNIT, "taker got 1 - 0.40");
    assert.equal((await balances(bob.account.address)).usd - b0.usd, 40n * COLLATERAL_UNIT, "maker got its price");
    await assertExchangeEmpty();
  });

  it("charges fees that match the independent TypeScript fee vectors (operator fills)", async () => {
    const vectors: Array<{ side: number; makerAmount: bigint; takerAmount: bigint; feeRateBps: bigint; fill: bigint }> =
      [
        {
          side: Side.SELL,
          makerAmount: 100n * COLLATERAL_UNIT,
          takerAmount: 30n * COLLATERAL_UNIT,
          feeRateBps: 100n,
          fill: 100n * COLLATERAL_UNIT,
        },
        {
          side: Side.SELL,
          makerAmount: 100n * COLLATERAL_UNIT,
          takerAmount: 70n * COLLATERAL_UNIT,
          feeRateBps: 100n,
          fill: 33n * COLLATERAL_UNIT,
        },
        {
          side: Side.BUY,
          makerAmount: 40n * COLLATERAL_UNIT,
          takerAmount: 50n * COLLATERAL_UNIT,
          feeRateBps: 200n,
          fill: 40n * COLLATERAL_UNIT,
        },
        {
          side: Side.BUY,
          makerAmount: 60n * COLLATERAL_UNIT,
          takerAmount: 100n * COLLATERAL_UNIT,
          feeRateBps: 1_000n,
          fill: 7_777_777n,
        },
        { side: Side.BUY, makerAmount: 3n, takerAmount: 7n, feeRateBps: 999n, fill: 2n },
        { side: Side.SELL, makerAmount: 9n * COLLATERAL_UNIT, takerAmount: 1n, feeRateBps: 1_000n, fill: 5n },
        {
          side: Side.BUY,
          makerAmount: 99n * COLLATERAL_UNIT,
          takerAmount: 100n * COLLATERAL_UNIT,
          feeRateBps: 50n,
          fill: 99n * COLLATERAL_UNIT,
        },
      ];
    for (const v of vectors) {
      const order = await sign(bob, {
        tokenId: yes,
        side: v.side,
        makerAmount: v.makerAmount,
        takerAmount: v.takerAmount,
        feeRateBps: v.feeRateBps,
      });
      const f0 = await balances(feeRecipient.account.address);
      const b0 = await balances(bob.account.address);
      await settle(exchange.write.fillOrder([order, v.fill], asOperator));
      const f1 = await balances(feeRecipient.account.address);
      const b1 = await balances(bob.account.address);
      const taking = expectedTaking(order, v.fill);
      const shares = v.side === Side.BUY ? taking : v.fill;
      const fee = expectedFee(order, shares);
      if (v.side === Side.BUY) {
        assert.equal(
          f1.yes - f0.yes,
          fee,
          `BUY fee for ${JSON.stringify(v, (_, x) => (typeof x === "bigint" ? x.toString() : x))}`,
        );
        assert.equal(b1.yes - b0.yes, taking - fee, "BUY net tokens");
      } else {
        assert.equal(f1.usd - f0.usd, fee, "SELL fee in collateral");
        assert.equal(b1.usd - b0.usd, taking - fee, "SELL net collateral");
      }
    }
  });

  it("charges taker and maker fees on MINT and MERGE matches as the TypeScript reference says", async () => {
    const taker = await sign(alice, {
      tokenId: yes,
      side: Side.BUY,
      makerAmount: 60n * COLLATERAL_UNIT,
      takerAmount: 100n * COLLATERAL_UNIT,
      feeRateBps: 100n,
    });
    const maker = await sign(bob, {
      tokenId: no,
      side: Side.BUY,
      makerAmount: 40n * COLLATERAL_UNIT,
      takerAmount: 100n * COLLATERAL_UNIT,
      feeRateBps: 300n,
    });
    const f0 = await balances(feeRecipient.account.address);
    await settle(
      exchange.write.matchOrders([taker, [maker], 60n * COLLATERAL_UNIT, [40n * COLLATERAL_UNIT]], asOperator),
    );
    const f1 = await balances(feeRecipient.account.address);
    assert.equal(f1.yes - f0.yes, expectedFee(taker, 100n * COLLATERAL_UNIT), "taker fee in YES");
    assert.equal(f1.no - f0.no, expectedFee(maker, 100n * COLLATERAL_UNIT), "maker fee in NO");

    const seller = await sign(alice, {
      tokenId: yes,
      side: Side.SELL,
      makerAmount: 100n * COLLATERAL_UNIT,
      takerAmount: 55n * COLLATERAL_UNIT,
      feeRateBps: 250n,
    });
    const noSeller = await sign(carol, {
      tokenId: no,
      side: Side.SELL,
      makerAmount: 100n * COLLATERAL_UNIT,
      takerAmount: 40n * COLLATERAL_UNIT,
      feeRateBps: 10n,
    });
    const c0 = await balances(carol.account.address);
    await settle(
      exchange.write.matchOrders([seller, [noSeller], 100n * COLLATERAL_UNIT, [100n * COLLATERAL_UNIT]], asOperator),
    );
    const f2 = await balances(feeRecipient.account.address);
    const makerFee = expectedFee(noSeller, 100n * COLLATERAL_UNIT);
    assert.equal(f2.usd - f1.usd, expectedFee(seller, 100n * COLLATERAL_UNIT) + makerFee, "both fees in collateral");
    assert.equal(
      (await balances(carol.account.address)).usd - c0.usd,
      40n * COLLATERAL_UNIT - makerFee,
      "maker net of fee",
    );
    await assertExchangeEmpty();
  });

  it("lets makers cancel and void orders by nonce", async () => {
    const order = await sign(carol, {
      tokenId: no,
      side: Side.BUY,
      makerAmount: 10n * COLLATERAL_UNIT,
      takerAmount: 20n * COLLATERAL_UNIT,
    });
    await settle(exchange.write.cancelOrder([order], { account: carol.account }));
    const [done] = await exchange.read.getOrderStatus([await exchange.read.hashOrder([order])]);
    assert.equal(done, true, "cancelled");
    await assert.rejects(exchange.write.fillOrder([order, 1n], asOperator), /OrderNotFillable/);

    const old = await sign(carol, {
      tokenId: no,
      side: Side.BUY,
      makerAmount: 10n * COLLATERAL_UNIT,
      takerAmount: 20n * COLLATERAL_UNIT,
    });
    await settle(exchange.write.incrementNonce({ account: carol.account }));
    assert.equal(await exchange.read.nonces([carol.account.address]), 1n, "nonce incremented");
    await assert.rejects(exchange.write.fillOrder([old, 1n], asOperator), /InvalidNonce/);
  });
});

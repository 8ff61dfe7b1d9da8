/**
 * Exchange: matchOrders (COMPLEMENTARY / MINT / MERGE with 1, 5, 10, 20 makers, plus a 100 bps
 * fee variant of each 1-maker match), fillOrder, cancelOrder, incrementNonce.
 *
 * Steady state: every party (taker, makers, operator, fee recipient) already holds non-zero
 * collateral, YES and NO and has approved the exchange; each row is its own transaction on
 * fresh orders (order status slots are new, as in production). Fee 0 unless the row says fee100.
 * Reference: Polymarket CTF Exchange V1 production bytecode measured the same way.
 */
import { COLLATERAL_UNIT } from "@forkcast/shared";
import { createWalletClient, custom, keccak256, maxUint256, toHex, type Address, type Hex } from "viem";
import { privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";

import { buildOrder, exchangeDomain, Side, signOrder, type SignedOrder } from "../../../test/exchange/orders.js";
import { gasUsed } from "../lib.js";
import type { Connection, GasScenarioModule } from "../types.js";

const REF = {
  complementary: { one: 181_481, extra: 68_084, target: 136_000 },
  mint: { one: 257_295, extra: 129_081, target: 193_000 },
  merge: { one: 249_367, extra: 123_960, target: 187_000 },
} as const;
const MAKER_COUNTS = [1, 5, 10, 20] as const;

function matchReferences(): GasScenarioModule["references"] {
  const rows: GasScenarioModule["references"] = {};
  for (const [kind, ref] of Object.entries(REF)) {
    for (const n of MAKER_COUNTS) {
      rows[`exchange.match.${kind}.${n}`] = {
        reference: ref.one + (n - 1) * ref.extra,
        target: ref.target + Math.floor((n - 1) * ref.extra * 0.75),
      };
    }
    rows[`exchange.match.${kind}.1.fee100`] = { reference: ref.one };
  }
  return rows;
}

export const title = "Exchange (signed limit orders, Polymarket V1 order model)";

export const references: GasScenarioModule["references"] = {
  ...matchReferences(),
  "exchange.fillOrder": { reference: 115_066, target: 92_000 },
  "exchange.cancelOrder": { reference: 51_462, target: 51_462 },
  "exchange.incrementNonce": { reference: 43_619, target: 43_619 },
};

/** The docs' "per extra maker" line: the 1 → 5 maker slope of each match kind, next to Polymarket's. */
export function notes(rows: Record<string, number>): string[] {
  const slopes = Object.entries(REF).map(([kind, ref]) => {
    const one = rows[`exchange.match.${kind}.1`];
    const five = rows[`exchange.match.${kind}.5`];
    if (one === undefined || five === undefined) throw new Error(`no ${kind} rows`);
    const extra = Math.round((five - one) / 4).toLocaleString("en-US");
    return `${kind} +${extra} (Polymarket +${ref.extra.toLocaleString("en-US")})`;
  });
  return [`Per extra maker: ${slopes.join(", ")}.`];
}

const ZERO32 = `0x${"00".repeat(32)}` as Hex;

export async function measure(connection: Connection): Promise<Record<string, bigint>> {
  const { viem } = connection;
  const publicClient = await viem.getPublicClient();
  const clients = await viem.getWalletClients();
  const [admin, operator, taker, feeRecipient] = [0, 1, 2, 3].map((i) => {
    const client = clients[i];
    if (!client) throw new Error("need four funded accounts");
    return client;
  }) as [(typeof clients)[0], (typeof clients)[0], (typeof clients)[0], (typeof clients)[0]];
  const chain = publicClient.chain;

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

  const questionId = keccak256(toHex("Will the bench pass?"));
  await ctf.write.prepareCondition([admin.account.address, questionId, 2n]);
  const conditionId = await ctf.read.getConditionId([admin.account.address, questionId, 2n]);
  const yes = await ctf.read.getPositionId([usd.address, await ctf.read.getCollectionId([ZERO32, conditionId, 1n])]);
  const no = await ctf.read.getPositionId([usd.address, await ctf.read.getCollectionId([ZERO32, conditionId, 2n])]);
  await exchange.write.registerToken([yes, no, conditionId, "0x0000000000000000000000000000000000000000"]);

  // Makers are local accounts (more than the node's 20 dev accounts are needed).
  const makers: PrivateKeyAccount[] = [];
  for (let i = 0; i < 20; i++) makers.push(privateKeyToAccount(keccak256(toHex(`bench maker ${i}`))));

  const seed = async (write: {
    approveUsd: () => Promise<Hex>;
    approveCtfForSplit: () => Promise<Hex>;
    split: () => Promise<Hex>;
    approveCtf: () => Promise<Hex>;
  }) => {
    for (const step of [write.approveUsd, write.approveCtfForSplit, write.split, write.approveCtf]) {
      await publicClient.waitForTransactionReceipt({ hash: await step() });
    }
  };
  const stake = 1_000_000n * COLLATERAL_UNIT;
  for (const maker of makers) {
    await connection.provider.request({ method: "hardhat_setBalance", params: [maker.address, toHex(10n ** 20n)] });
    await usd.write.mint([maker.address, 2n * stake]);
    const wallet = createWalletClient({ account: maker, chain, transport: custom(connection.provider) });
    const asMaker = { account: maker, chain };
    await seed({
      approveUsd: () =>
        wallet.writeContract({
          address: usd.address,
          abi: usd.abi,
          functionName: "approve",
          args: [exchange.address, maxUint256],
          ...asMaker,
        }),
      approveCtfForSplit: () =>
        wallet.writeContract({
          address: usd.address,
          abi: usd.abi,
          functionName: "approve",
          args: [ctf.address, maxUint256],
          ...asMaker,
        }),
      split: () =>
        wallet.writeContract({
          address: ctf.address,
          abi: ctf.abi,
          functionName: "splitPosition",
          args: [usd.address, ZERO32, conditionId, [1n, 2n], stake],
          ...asMaker,
        }),
      approveCtf: () =>
        wallet.writeContract({
          address: ctf.address,
          abi: ctf.abi,
          functionName: "setApprovalForAll",
          args: [exchange.address, true],
          ...asMaker,
        }),
    });
  }
  for (const party of [operator, taker, feeRecipient]) {
    const as = { account: party.account };
    await usd.write.mint([party.account.address, 2n * stake]);
    await seed({
      approveUsd: () => usd.write.approve([exchange.address, maxUint256], as),
      approveCtfForSplit: () => usd.write.approve([ctf.address, maxUint256], as),
      split: () => ctf.write.splitPosition([usd.address, ZERO32, conditionId, [1n, 2n], stake], as),
      approveCtf: () => ctf.write.setApprovalForAll([exchange.address, true], as),
    });
  }

  const domain = exchangeDomain(chain.id, exchange.address);
  let salt = 1_700_000_000_000n;
  const nextSalt = () => (salt += 7_919n);
  const signAsMaker = (maker: PrivateKeyAccount, order: Parameters<typeof buildOrder>[0]) =>
    signOrder((args) => maker.signTypedData(args), domain, buildOrder({ ...order, salt: nextSalt() }));
  const signAsTaker = (order: Parameters<typeof buildOrder>[0]) =>
    signOrder(
      (args) => taker.signTypedData({ account: taker.account, ...args }),
      domain,
      buildOrder({ ...order, salt: nextSalt() }),
    );

  const unit = 10n * COLLATERAL_UNIT; // shares per maker
  const half = 5n * COLLATERAL_UNIT; // collateral per maker at price 0.5
  type Kind = keyof typeof REF;

  async function match(kind: Kind, n: number, feeRateBps: bigint): Promise<bigint> {
    const shares = unit * BigInt(n);
    const collateral = half * BigInt(n);
    const makerOrders: SignedOrder[] = [];
    const fills: bigint[] = [];
    for (const maker of makers.slice(0, n)) {
      const order =
        kind === "complementary"
          ? { maker: maker.address, tokenId: yes, side: Side.SELL, makerAmount: unit, takerAmount: half }
          : kind === "mint"
            ? { maker: maker.address, tokenId: no, side: Side.BUY, makerAmount: half, takerAmount: unit }
            : { maker: maker.address, tokenId: no, side: Side.SELL, makerAmount: unit, takerAmount: half };
      makerOrders.push(await signAsMaker(maker, { ...order, feeRateBps }));
      fills.push(order.makerAmount);
    }
    const takerFields =
      kind === "merge"
        ? { side: Side.SELL, makerAmount: shares, takerAmount: collateral }
        : { side: Side.BUY, makerAmount: collateral, takerAmount: shares };
    const takerOrder = await signAsTaker({ maker: taker.account.address, tokenId: yes, feeRateBps, ...takerFields });
    return gasUsed(
      connection,
      exchange.write.matchOrders([takerOrder, makerOrders, takerFields.makerAmount, fills], {
        account: operator.account,
      }),
    );
  }

  const rows: Record<string, bigint> = {};
  for (const kind of Object.keys(REF) as Kind[]) {
    for (const n of MAKER_COUNTS) rows[`exchange.match.${kind}.${n}`] = await match(kind, n, 0n);
    rows[`exchange.match.${kind}.1.fee100`] = await match(kind, 1, 100n);
  }

  const [first] = makers;
  if (!first) throw new Error("no maker");
  const sell = await signAsMaker(first, {
    maker: first.address,
    tokenId: yes,
    side: Side.SELL,
    makerAmount: unit,
    takerAmount: half,
  });
  rows["exchange.fillOrder"] = await gasUsed(
    connection,
    exchange.write.fillOrder([sell, unit], { account: operator.account }),
  );

  const firstWallet = createWalletClient({ account: first, chain, transport: custom(connection.provider) });
  const resting = await signAsMaker(first, {
    maker: first.address,
    tokenId: yes,
    side: Side.BUY,
    makerAmount: half,
    takerAmount: unit,
  });
  rows["exchange.cancelOrder"] = await gasUsed(
    connection,
    firstWallet.writeContract({
      address: exchange.address,
      abi: exchange.abi,
      functionName: "cancelOrder",
      args: [resting],
      account: first,
      chain,
    }),
  );
  rows["exchange.incrementNonce"] = await gasUsed(
    connection,
    firstWallet.writeContract({
      address: exchange.address,
      abi: exchange.abi,
      functionName: "incrementNonce",
      args: [],
      account: first,
      chain,
    }),
  );
  const check: Address = exchange.address;
  for (const token of [yes, no]) {
    if ((await ctf.read.balanceOf([check, token])) !== 0n) throw new Error("exchange kept outcome tokens");
  }
  if ((await usd.read.balanceOf([check])) !== 0n) throw new Error("exchange kept collateral");
  return rows;
}

/**
 * Order-book lifecycle: a binary market (split, transfer, merge, two matches, a cancel, a nonce
 * bump) and a multi-outcome market (a mint through the adapter, a split, a conversion, an
 * undisputed settlement, redemptions); the markets, outcomes, tokens, fills, candles and
 * balances the indexer derives from them.
 */
import { COLLATERAL_UNIT } from "@forkcast/shared";
import { errorBodySchema, pricesResponseSchema } from "@forkcast/shared/protocol";
import assert from "node:assert/strict";
import { it } from "node:test";

import { zeroHash } from "viem";

import { Side } from "../../../test/exchange/orders.ts";
import type { fill, makerNonce, marketOutcome, order, token } from "../../ponder.schema.ts";
import type { Items, Row } from "../harness.ts";
import { HOUR, type World, lower, who } from "./world.ts";

/** Binary market: create, split, transfer, merge, then trades, a cancel and a nonce bump. */
export async function driveBinaryMarket(w: World): Promise<void> {
  const { usd, ctf, exchange, factory } = w.contracts;
  w.txs.binaryCreated = await factory.write.createMarket(
    [
      {
        question: "Will the indexer index this?",
        outcomeNames: ["Yes", "No"],
        rules: "Resolves Yes if the rows appear.",
        category: "Testing",
        imageUri: "ipfs://binary",
        endTime: (await w.now()) + BigInt(HOUR),
        reward: 10n * COLLATERAL_UNIT,
        bond: 100n * COLLATERAL_UNIT,
        liveness: 0n,
      },
    ],
    { account: who.creator },
  );
  const binary = await w.created(w.txs.binaryCreated);
  const ids = w.ids;
  ids.binary = binary.marketId;
  ids.binaryCondition = binary.conditionIds[0] ?? zeroHash;
  ids.yes = binary.yesTokenIds[0] ?? 0n;
  ids.no = binary.noTokenIds[0] ?? 0n;
  await w.wait(
    await ctf.write.splitPosition([usd.address, zeroHash, ids.binaryCondition, [1n, 2n], 50n * COLLATERAL_UNIT], {
      account: who.alice,
    }),
  );
  await w.wait(
    await ctf.write.safeTransferFrom([who.alice.address, who.bob.address, ids.no, 20n * COLLATERAL_UNIT, "0x"], {
      account: who.alice,
    }),
  );
  await w.wait(
    await ctf.write.mergePositions([usd.address, zeroHash, ids.binaryCondition, [1n, 2n], 10n * COLLATERAL_UNIT], {
      account: who.alice,
    }),
  );

  // Alice sells 10 YES at 0.60 to bob (complementary), then bob buys 10 YES at 0.70 while alice
  // buys 10 NO at 0.30 (mint). Alice also cancels an order; bob bumps his nonce.
  const ten = 10n * COLLATERAL_UNIT;
  const aliceSellsYes = await w.order(who.alice, {
    tokenId: ids.yes,
    makerAmount: ten,
    takerAmount: 6n * COLLATERAL_UNIT,
    side: Side.SELL,
    salt: 1n,
  });
  const bobBuysYes = await w.order(who.bob, {
    tokenId: ids.yes,
    makerAmount: 6n * COLLATERAL_UNIT,
    takerAmount: ten,
    side: Side.BUY,
    salt: 2n,
  });
  await w.wait(
    await exchange.write.matchOrders([bobBuysYes, [aliceSellsYes], 6n * COLLATERAL_UNIT, [ten]], {
      account: who.admin,
    }),
  );
  const bobBuysYesAgain = await w.order(who.bob, {
    tokenId: ids.yes,
    makerAmount: 7n * COLLATERAL_UNIT,
    takerAmount: ten,
    side: Side.BUY,
    salt: 3n,
  });
  const aliceBuysNo = await w.order(who.alice, {
    tokenId: ids.no,
    makerAmount: 3n * COLLATERAL_UNIT,
    takerAmount: ten,
    side: Side.BUY,
    salt: 4n,
  });
  await w.wait(
    await exchange.write.matchOrders([bobBuysYesAgain, [aliceBuysNo], 7n * COLLATERAL_UNIT, [3n * COLLATERAL_UNIT]], {
      account: who.admin,
    }),
  );
  const toCancel = await w.order(who.alice, {
    tokenId: ids.yes,
    makerAmount: 5n * COLLATERAL_UNIT,
    takerAmount: 5n * COLLATERAL_UNIT,
    side: Side.SELL,
    salt: 5n,
  });
  ids.cancelledOrder = await exchange.read.hashOrder([toCancel]);
  await w.wait(await exchange.write.cancelOrder([toCancel], { account: who.alice }));
  await w.wait(await exchange.write.incrementNonce({ account: who.bob }));
}

/** Multi-outcome market: mint through the adapter, split, convert, settle undisputed, redeem. */
export async function driveMultiOutcome(w: World): Promise<void> {
  const { exchange, oracle, adapter, factory } = w.contracts;
  const multi = await w.created(
    await factory.write.createMultiOutcomeMarket(
      [
        {
          question: "Who wins the indexer cup?",
          outcomeNames: ["Ada", "Grace", "Linus"],
          rules: "Resolves to the announced winner.",
          category: "Sports",
          imageUri: "",
          endTime: (await w.now()) + BigInt(HOUR),
          reward: 0n,
          bond: 100n * COLLATERAL_UNIT,
          liveness: 0n,
        },
        100n,
      ],
      { account: who.creator },
    ),
  );
  const ids = w.ids;
  ids.multi = multi.marketId;
  ids.multiConditions = multi.conditionIds;
  ids.multiYes = multi.yesTokenIds;
  ids.multiNo = multi.noTokenIds;
  const [ada, grace] = multi.conditionIds;
  const [yesAda] = multi.yesTokenIds;
  const [noAda] = multi.noTokenIds;
  if (!ada || !grace || yesAda === undefined || noAda === undefined) throw new Error("multi market ids missing");
  const aliceBuysYesAda = await w.order(who.alice, {
    tokenId: yesAda,
    makerAmount: 40n * COLLATERAL_UNIT,
    takerAmount: 100n * COLLATERAL_UNIT,
    side: Side.BUY,
    salt: 11n,
  });
  const bobBuysNoAda = await w.order(who.bob, {
    tokenId: noAda,
    makerAmount: 60n * COLLATERAL_UNIT,
    takerAmount: 100n * COLLATERAL_UNIT,
    side: Side.BUY,
    salt: 12n,
    nonce: 1n,
  });
  await w.wait(
    await exchange.write.matchOrders(
      [aliceBuysYesAda, [bobBuysNoAda], 40n * COLLATERAL_UNIT, [60n * COLLATERAL_UNIT]],
      {
        account: who.admin,
      },
    ),
  );
  await w.wait(await adapter.write.splitPosition([grace, 100n * COLLATERAL_UNIT], { account: who.bob }));
  await w.wait(await adapter.write.convertPositions([ids.multi, 0b011n, 50n * COLLATERAL_UNIT], { account: who.bob }));
  await w.advance(HOUR);
  w.txs.multiProposed = await oracle.write.propose([ids.multi, 2n], { account: who.proposer });
  await w.wait(w.txs.multiProposed);
  await w.advance(2 * HOUR);
  w.txs.multiSettled = await oracle.write.settle([ids.multi], { account: who.bob });
  await w.wait(w.txs.multiSettled);
  await w.wait(await factory.write.resolveMarket([ids.multi], { account: who.bob }));
  for (const conditionId of multi.conditionIds) {
    await w.wait(await adapter.write.redeemPositions([conditionId], { account: who.bob }));
  }
}

interface MarketRow {
  id: string;
  kind: string;
  creator: string;
  question: string;
  outcomeNames: string[];
  category: string;
  imageUri: string;
  status: string;
  answer: string | null;
  volume: string;
  tradeCount: number;
  openInterest: string;
  negRiskAdapter: string | null;
  convertFeeBps: string;
}

type OutcomeRow = Row<
  typeof marketOutcome,
  "id" | "outcomeIndex" | "name" | "yesTokenId" | "lastPriceE6" | "resolved" | "payoutNumerators"
>;

export function orderBookChecks(world: () => World): void {
  it("lists both markets with their metadata, final state, volume and open interest", async () => {
    const { stack, ids } = world();
    const { markets } = await stack.graphql<{ markets: { items: MarketRow[] } }>(`{
      markets(orderBy: "createdBlock", orderDirection: "asc") {
        items { id kind creator question outcomeNames category imageUri status answer volume tradeCount
                openInterest negRiskAdapter convertFeeBps }
      }
    }`);
    assert.equal(markets.items.length, 2, "two markets");
    const [binary, multi] = markets.items;
    assert.ok(binary && multi);
    assert.equal(binary.id, ids.binary);
    assert.equal(binary.kind, "binary");
    assert.equal(lower(binary.creator), lower(who.creator.address));
    assert.equal(binary.question, "Will the indexer index this?");
    assert.deepEqual(binary.outcomeNames, ["Yes", "No"]);
    assert.equal(binary.category, "Testing");
    assert.equal(binary.imageUri, "ipfs://binary");
    assert.equal(binary.negRiskAdapter, null, "binary markets have no adapter");
    assert.equal(binary.status, "resolved");
    assert.equal(binary.answer, "0", "YES won by ruling");
    // Maker fills: 6 COLLATERAL_UNIT (alice's YES sale) + 3 COLLATERAL_UNIT (alice's NO buy).
    assert.equal(binary.volume, String(9n * COLLATERAL_UNIT));
    assert.equal(binary.tradeCount, 2);
    // split 50 − merge 10 + mint match 10 − alice's redemption 30.
    assert.equal(binary.openInterest, String(20n * COLLATERAL_UNIT));

    assert.equal(multi.id, ids.multi);
    assert.equal(multi.kind, "multi");
    assert.deepEqual(multi.outcomeNames, ["Ada", "Grace", "Linus"]);
    assert.equal(multi.convertFeeBps, "100");
    assert.ok(multi.negRiskAdapter, "multi-outcome markets name their adapter");
    assert.equal(multi.status, "resolved");
    assert.equal(multi.answer, "2", "Linus won");
    assert.equal(multi.volume, String(60n * COLLATERAL_UNIT), "bob's NO(Ada) maker fill");
    // mint 100 + split 100 − conversion 50 − bob's redemptions 150: every set is paid out.
    assert.equal(multi.openInterest, "0");
  });

  it("indexes every outcome and token of a multi-outcome market with prices and resolution", async () => {
    const { stack, ids } = world();
    const data = await stack.graphql<{
      marketOutcomes: Items<OutcomeRow>;
      tokens: Items<Row<typeof token, "id" | "side" | "complement" | "lastPriceE6">>;
    }>(
      `query ($m: String!) {
        marketOutcomes(where: { marketId: $m }, orderBy: "outcomeIndex", orderDirection: "asc") {
          items { id outcomeIndex name yesTokenId lastPriceE6 resolved payoutNumerators }
        }
        tokens(where: { marketId: $m }) { items { id side complement lastPriceE6 } }
      }`,
      { m: ids.multi },
    );
    assert.deepEqual(
      data.marketOutcomes.items.map((o) => [o.id, o.outcomeIndex, o.name, o.yesTokenId]),
      ids.multiConditions.map((c, k) => [c, k, ["Ada", "Grace", "Linus"][k], String(ids.multiYes[k])]),
    );
    assert.equal(data.marketOutcomes.items[0]?.lastPriceE6, "400000", "NO(Ada) at 0.60 → YES(Ada) 0.40");
    assert.equal(data.marketOutcomes.items[1]?.lastPriceE6, null, "Grace never traded");
    assert.deepEqual(
      data.marketOutcomes.items.map((o) => [o.resolved, o.payoutNumerators]),
      [
        [true, ["0", "1"]],
        [true, ["0", "1"]],
        [true, ["1", "0"]],
      ],
      "only Linus's YES pays",
    );
    assert.equal(data.tokens.items.length, 6, "YES and NO per outcome");
    const noAda = data.tokens.items.find((t) => t.id === String(ids.multiNo[0]));
    assert.equal(noAda?.side, "no");
    assert.equal(noAda?.complement, String(ids.multiYes[0]));
    assert.equal(noAda?.lastPriceE6, "600000");
  });

  it("records fills with side, size, price and role, and order state", async () => {
    const { stack, ids } = world();
    const data = await stack.graphql<{
      fills: Items<Row<typeof fill, "maker" | "role" | "side" | "tokenId" | "size" | "collateral" | "priceE6">>;
      cancelled: Row<typeof order, "cancelled" | "maker"> | null;
      nonce: Row<typeof makerNonce, "nonce"> | null;
    }>(
      `query ($m: String!, $o: String!, $bob: String!) {
        fills(where: { marketId: $m }, orderBy: "blockNumber", orderDirection: "asc", limit: 10) {
          items { maker role side tokenId size collateral priceE6 logIndex }
        }
        cancelled: order(id: $o) { cancelled maker }
        nonce: makerNonce(id: $bob) { nonce }
      }`,
      { m: ids.binary, o: ids.cancelledOrder, bob: who.bob.address },
    );
    const rows = data.fills.items.map((f) => [
      lower(f.maker),
      f.role,
      f.side,
      f.tokenId,
      f.size,
      f.collateral,
      f.priceE6,
    ]);
    const [a, b] = [lower(who.alice.address), lower(who.bob.address)];
    const ten = String(10n * COLLATERAL_UNIT);
    assert.deepEqual(
      rows.sort(),
      [
        [a, "maker", "sell", String(ids.yes), ten, String(6n * COLLATERAL_UNIT), "600000"],
        [b, "taker", "buy", String(ids.yes), ten, String(6n * COLLATERAL_UNIT), "600000"],
        [a, "maker", "buy", String(ids.no), ten, String(3n * COLLATERAL_UNIT), "300000"],
        [b, "taker", "buy", String(ids.yes), ten, String(7n * COLLATERAL_UNIT), "700000"],
      ].sort(),
    );
    assert.equal(data.cancelled?.cancelled, true, "the cancelled order is marked");
    assert.equal(lower(data.cancelled?.maker ?? ""), a);
    assert.equal(data.nonce?.nonce, "1", "bob's nonce was bumped");
  });

  it("serves price candles that include complement trades", async () => {
    const { stack, ids } = world();
    const response = await fetch(`${stack.indexerUrl}/prices/${ids.yes}?interval=86400`);
    assert.equal(response.status, 200);
    const body = pricesResponseSchema.parse(await response.json());
    assert.equal(body.candles.length, 1, "both trades fall in one day");
    assert.deepEqual(body.candles[0], {
      ...body.candles[0],
      open: "600000",
      high: "700000",
      low: "600000",
      close: "700000",
      volume: String(9n * COLLATERAL_UNIT),
      trades: 2,
    });
  });

  it("answers a bad price query or an unknown token with { error: CODE, message }", async () => {
    const { stack, ids } = world();
    const refusal = async (url: string) => {
      const response = await fetch(url);
      return { status: response.status, body: errorBodySchema.parse(await response.json()) };
    };
    const unknown = await refusal(`${stack.indexerUrl}/prices/123?interval=60`);
    assert.equal(unknown.status, 404, "unknown token");
    assert.deepEqual(unknown.body, { error: "MARKET_NOT_FOUND", message: "no market has token 123" });
    const interval = await refusal(`${stack.indexerUrl}/prices/${ids.yes}?interval=0`);
    assert.equal(interval.status, 400, "bad interval");
    assert.equal(interval.body.error, "INVALID_REQUEST");
    assert.match(interval.body.message, /^interval: must be between 1 and 2592000 seconds$/);
    const token = await refusal(`${stack.indexerUrl}/prices/0x12`);
    assert.equal(token.status, 400, "hex token id");
    assert.match(token.body.message, /^tokenId: /);
    const extraPath = await refusal(`${stack.indexerUrl}/prices/${ids.yes}/extra`);
    assert.equal(extraPath.status, 404, "a path below a token");
    assert.deepEqual(extraPath.body, { error: "ROUTE_NOT_FOUND", message: `no route GET /prices/${ids.yes}/extra` });
  });

  it("tracks ERC-1155 balances per account and the split/merge/redeem history", async () => {
    const { stack, ids } = world();
    const data = await stack.graphql<{
      positions: { items: { tokenId: string; balance: string; marketId: string | null }[] };
      positionChanges: { items: { kind: string; source: string; amount: string; payout: string | null }[] };
    }>(
      `query ($alice: String!, $m: String!) {
        positions(where: { account: $alice, marketId: $m }) { items { tokenId balance marketId } }
        positionChanges(where: { account: $alice }, orderBy: "blockNumber", orderDirection: "asc") {
          items { kind source amount payout }
        }
      }`,
      { alice: who.alice.address, m: ids.binary },
    );
    const balances = Object.fromEntries(data.positions.items.map((p) => [p.tokenId, p.balance]));
    // YES: 50 split − 10 merged − 10 sold − 30 redeemed = 0; NO: 50 − 20 sent − 10 merged + 10 bought − 30 redeemed = 0.
    assert.deepEqual(balances, { [String(ids.yes)]: "0", [String(ids.no)]: "0" });
    assert.deepEqual(
      data.positionChanges.items.map((c) => [c.kind, c.source, c.amount, c.payout]),
      [
        ["split", "ctf", String(50n * COLLATERAL_UNIT), null],
        ["merge", "ctf", String(10n * COLLATERAL_UNIT), null],
        ["redeem", "ctf", String(30n * COLLATERAL_UNIT), String(30n * COLLATERAL_UNIT)],
      ],
    );
    const bob = await stack.graphql<{ positions: { items: { tokenId: string; balance: string }[] } }>(
      `query ($bob: String!, $m: String!) { positions(where: { account: $bob, marketId: $m }) { items { tokenId balance } } }`,
      { bob: who.bob.address, m: ids.binary },
    );
    assert.deepEqual(
      Object.fromEntries(bob.positions.items.map((p) => [p.tokenId, p.balance])),
      { [String(ids.yes)]: String(20n * COLLATERAL_UNIT), [String(ids.no)]: String(20n * COLLATERAL_UNIT) },
      "bob bought 20 YES and was sent 20 NO",
    );
  });
}

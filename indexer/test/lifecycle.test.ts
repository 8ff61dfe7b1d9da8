/**
 * The indexer against a real node: deploy with the repository's deploy script, start the
 * indexer, drive a scripted lifecycle with viem (markets of both kinds, splits, merges,
 * transfers, matched orders, a cancel, a nonce bump, proposals, both dispute rounds, a ruling,
 * settlements, resolutions, conversions, redemptions), then assert the indexed tables through
 * GraphQL and the price-history endpoint.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, it } from "node:test";

import { type ContractKey, abis } from "@forkcast/deployments";
import {
  type Hex,
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  getContract,
  http,
  keccak256,
  maxUint256,
  parseEventLogs,
  toHex,
  zeroHash,
  type Abi,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";

import { encodeQuestionData } from "@forkcast/shared";

import { type TypedDataSigner, buildOrder, exchangeDomain, Side, signOrder } from "../../test/exchange/orders.ts";
import { stop } from "../../scripts/lib/processes.ts";
import { startPostgres } from "../../scripts/lib/services.ts";
import { CHAIN_ID, INDEXER_DIR, ROOT, Stack, runCommand } from "./harness.ts";

const USD = 10n ** 6n;
const HOUR = 3_600;
const DEV_MNEMONIC = "test test test test test test test test test test test junk";
const MATCH_QUESTION = {
  question: "Lisbon derby: who wins?",
  outcomeNames: ["Benfica", "Draw", "Sporting"],
  rules: "Result after 90 minutes.",
};

const stack = new Stack();

describe("indexer lifecycle", { timeout: 240_000 }, () => {
  // Filled in by `before`, read by the assertions.
  const ids = {
    binary: "0x" as Hex,
    binaryCondition: "0x" as Hex,
    yes: 0n,
    no: 0n,
    multi: "0x" as Hex,
    multiConditions: [] as readonly Hex[],
    multiYes: [] as readonly bigint[],
    multiNo: [] as readonly bigint[],
    cancelledOrder: "0x" as Hex,
    lpId: 0n,
    lpWithdrawn: 0n,
    match: 0n,
    rain: 0n,
    aliceBet: 0n,
    aliceBetPayout: 0n,
    bobBet: 0n,
    parlay: 0n,
    matchFunds: [] as bigint[],
  };
  const who = {
    admin: mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 0 }),
    creator: mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 1 }),
    alice: mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 2 }),
    bob: mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 3 }),
    proposer: mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 4 }),
    disputer: mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 5 }),
    lp: mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 6 }),
  };
  const lower = (a: string) => a.toLowerCase();

  before(async () => {
    const book = await stack.startChain();

    const chain = defineChain({
      id: CHAIN_ID,
      name: "test",
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [stack.rpcUrl] } },
    });
    const transport = http(stack.rpcUrl);
    const publicClient = createPublicClient({ chain, transport });
    const testClient = createTestClient({ chain, transport, mode: "hardhat" });
    const wallet = createWalletClient({ chain, transport });
    const client = { public: publicClient, wallet };
    const at = (key: ContractKey) => {
      const entry = book.contracts[key];
      if (!entry) throw new Error(`address book lacks ${key}`);
      return entry.address;
    };
    const usd = getContract({ address: at("collateral"), abi: abis.TestUSD, client });
    const ctf = getContract({ address: at("conditionalTokens"), abi: abis.ConditionalTokens, client });
    const exchange = getContract({ address: at("exchange"), abi: abis.Exchange, client });
    const oracle = getContract({ address: at("oracle"), abi: abis.OptimisticOracle, client });
    const arbitrator = getContract({ address: at("arbitrator"), abi: abis.CommitteeArbitrator, client });
    const adapter = getContract({ address: at("negRiskAdapter"), abi: abis.NegRiskAdapter, client });
    const factory = getContract({ address: at("marketFactory"), abi: abis.MarketFactory, client });

    const wait = async (hash: Hex) => {
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      assert.equal(receipt.status, "success", `transaction ${hash} succeeded`);
      return receipt;
    };
    const advance = async (seconds: number) => {
      await testClient.increaseTime({ seconds });
      await testClient.mine({ blocks: 1 });
    };
    const now = async () => (await publicClient.getBlock()).timestamp;
    const created = async (hash: Hex) => {
      const receipt = await wait(hash);
      const [event] = parseEventLogs({ abi: abis.MarketFactory, logs: receipt.logs, eventName: "MarketCreated" });
      if (!event) throw new Error("MarketCreated not emitted");
      return event.args;
    };
    // The betting pool is not in the Ignition module yet: deploy it from its artifacts and add it
    // to the address book before the indexer reads the book.
    const deployArtifact = async (name: string, args: readonly unknown[]) => {
      const artifact = JSON.parse(
        await readFile(path.join(ROOT, "artifacts", "contracts", "pool", `${name}.sol`, `${name}.json`), "utf8"),
      ) as { abi: Abi; bytecode: Hex };
      const hash = await wallet.deployContract({
        abi: artifact.abi,
        bytecode: artifact.bytecode,
        args,
        account: who.admin,
      });
      const { contractAddress } = await wait(hash);
      if (!contractAddress) throw new Error(`${name} not deployed`);
      return contractAddress;
    };
    const extension = await deployArtifact("BettingPoolExtension", [at("collateral"), at("oracle")]);
    const poolAddress = await deployArtifact("BettingPool", [
      at("collateral"),
      at("oracle"),
      extension,
      who.admin.address,
      who.admin.address,
    ]);
    await stack.addToAddressBook("pool", "BettingPool", poolAddress);
    const indexerReady = stack.startIndexer();
    const pool = getContract({ address: poolAddress, abi: abis.IBettingPool, client });

    assert.equal(lower(book.deployer), lower(who.admin.address), "deployed by dev account 0");
    assert.ok(await exchange.read.isOperator([who.admin.address]), "the deployer operates the exchange");
    assert.ok(await arbitrator.read.isMember([who.admin.address]), "the deployer is the 1-of-1 committee");

    for (const account of [who.creator, who.alice, who.bob, who.proposer, who.disputer, who.lp]) {
      await wait(await usd.write.mint([account.address, 1_000_000n * USD], { account: who.admin }));
      for (const spender of [
        factory.address,
        oracle.address,
        adapter.address,
        ctf.address,
        exchange.address,
        pool.address,
      ]) {
        await wait(await usd.write.approve([spender, maxUint256], { account }));
      }
      for (const operator of [adapter.address, exchange.address]) {
        await wait(await ctf.write.setApprovalForAll([operator, true], { account }));
      }
    }

    // ---- binary market: create, split, transfer, merge
    const binary = await created(
      await factory.write.createMarket(
        [
          {
            question: "Will the indexer index this?",
            outcomeNames: ["Yes", "No"],
            rules: "Resolves Yes if the rows appear.",
            category: "Testing",
            imageUri: "ipfs://binary",
            endTime: (await now()) + BigInt(HOUR),
            reward: 10n * USD,
            bond: 100n * USD,
            liveness: 0n,
          },
        ],
        { account: who.creator },
      ),
    );
    ids.binary = binary.marketId;
    ids.binaryCondition = binary.conditionIds[0] ?? zeroHash;
    ids.yes = binary.yesTokenIds[0] ?? 0n;
    ids.no = binary.noTokenIds[0] ?? 0n;
    await wait(
      await ctf.write.splitPosition([usd.address, zeroHash, ids.binaryCondition, [1n, 2n], 50n * USD], {
        account: who.alice,
      }),
    );
    await wait(
      await ctf.write.safeTransferFrom([who.alice.address, who.bob.address, ids.no, 20n * USD, "0x"], {
        account: who.alice,
      }),
    );
    await wait(
      await ctf.write.mergePositions([usd.address, zeroHash, ids.binaryCondition, [1n, 2n], 10n * USD], {
        account: who.alice,
      }),
    );

    // ---- trades: alice sells 10 YES at 0.60 to bob (complementary), then bob buys 10 YES at 0.70
    // while alice buys 10 NO at 0.30 (mint). Alice also cancels an order; bob bumps his nonce.
    const chainId = await publicClient.getChainId();
    const domain = exchangeDomain(chainId, exchange.address);
    const signer =
      (account: typeof who.alice): TypedDataSigner =>
      (args) =>
        account.signTypedData(args);
    const aliceSellsYes = await signOrder(
      signer(who.alice),
      domain,
      buildOrder({
        maker: who.alice.address,
        tokenId: ids.yes,
        makerAmount: 10n * USD,
        takerAmount: 6n * USD,
        side: Side.SELL,
        salt: 1n,
      }),
    );
    const bobBuysYes = await signOrder(
      signer(who.bob),
      domain,
      buildOrder({
        maker: who.bob.address,
        tokenId: ids.yes,
        makerAmount: 6n * USD,
        takerAmount: 10n * USD,
        side: Side.BUY,
        salt: 2n,
      }),
    );
    await wait(
      await exchange.write.matchOrders([bobBuysYes, [aliceSellsYes], 6n * USD, [10n * USD]], { account: who.admin }),
    );
    const bobBuysYesAgain = await signOrder(
      signer(who.bob),
      domain,
      buildOrder({
        maker: who.bob.address,
        tokenId: ids.yes,
        makerAmount: 7n * USD,
        takerAmount: 10n * USD,
        side: Side.BUY,
        salt: 3n,
      }),
    );
    const aliceBuysNo = await signOrder(
      signer(who.alice),
      domain,
      buildOrder({
        maker: who.alice.address,
        tokenId: ids.no,
        makerAmount: 3n * USD,
        takerAmount: 10n * USD,
        side: Side.BUY,
        salt: 4n,
      }),
    );
    await wait(
      await exchange.write.matchOrders([bobBuysYesAgain, [aliceBuysNo], 7n * USD, [3n * USD]], { account: who.admin }),
    );
    const toCancel = await signOrder(
      signer(who.alice),
      domain,
      buildOrder({
        maker: who.alice.address,
        tokenId: ids.yes,
        makerAmount: 5n * USD,
        takerAmount: 5n * USD,
        side: Side.SELL,
        salt: 5n,
      }),
    );
    ids.cancelledOrder = await exchange.read.hashOrder([toCancel]);
    await wait(await exchange.write.cancelOrder([toCancel], { account: who.alice }));
    await wait(await exchange.write.incrementNonce({ account: who.bob }));

    // ---- binary oracle: propose, dispute (reset), propose, dispute (escalate), rule, resolve, redeem
    await advance(HOUR);
    await wait(await oracle.write.propose([ids.binary, 1n], { account: who.proposer }));
    await wait(await oracle.write.dispute([ids.binary], { account: who.disputer }));
    await wait(await oracle.write.propose([ids.binary, 1n], { account: who.proposer }));
    await wait(await oracle.write.dispute([ids.binary], { account: who.disputer }));
    await wait(await arbitrator.write.vote([oracle.address, ids.binary, 0n], { account: who.admin }));
    await wait(await factory.write.resolveMarket([ids.binary], { account: who.bob }));
    await wait(
      await ctf.write.redeemPositions([usd.address, zeroHash, ids.binaryCondition, [1n, 2n]], { account: who.alice }),
    );

    // ---- multi-outcome market: mint through the adapter, split, convert, settle undisputed, redeem
    const multi = await created(
      await factory.write.createMultiOutcomeMarket(
        [
          {
            question: "Who wins the indexer cup?",
            outcomeNames: ["Ada", "Grace", "Linus"],
            rules: "Resolves to the announced winner.",
            category: "Sports",
            imageUri: "",
            endTime: (await now()) + BigInt(HOUR),
            reward: 0n,
            bond: 100n * USD,
            liveness: 0n,
          },
          100n,
        ],
        { account: who.creator },
      ),
    );
    ids.multi = multi.marketId;
    ids.multiConditions = multi.conditionIds;
    ids.multiYes = multi.yesTokenIds;
    ids.multiNo = multi.noTokenIds;
    const [ada, grace] = multi.conditionIds;
    const [yesAda] = multi.yesTokenIds;
    const [noAda] = multi.noTokenIds;
    if (!ada || !grace || yesAda === undefined || noAda === undefined) throw new Error("multi market ids missing");
    const aliceBuysYesAda = await signOrder(
      signer(who.alice),
      domain,
      buildOrder({
        maker: who.alice.address,
        tokenId: yesAda,
        makerAmount: 40n * USD,
        takerAmount: 100n * USD,
        side: Side.BUY,
        salt: 11n,
      }),
    );
    const bobBuysNoAda = await signOrder(
      signer(who.bob),
      domain,
      buildOrder({
        maker: who.bob.address,
        tokenId: noAda,
        makerAmount: 60n * USD,
        takerAmount: 100n * USD,
        side: Side.BUY,
        salt: 12n,
        nonce: 1n,
      }),
    );
    await wait(
      await exchange.write.matchOrders([aliceBuysYesAda, [bobBuysNoAda], 40n * USD, [60n * USD]], {
        account: who.admin,
      }),
    );
    await wait(await adapter.write.splitPosition([grace, 100n * USD], { account: who.bob }));
    await wait(await adapter.write.convertPositions([ids.multi, 0b011n, 50n * USD], { account: who.bob }));
    await advance(HOUR);
    await wait(await oracle.write.propose([ids.multi, 2n], { account: who.proposer }));
    await advance(2 * HOUR);
    await wait(await oracle.write.settle([ids.multi], { account: who.bob }));
    await wait(await factory.write.resolveMarket([ids.multi], { account: who.bob }));
    for (const conditionId of multi.conditionIds) {
      await wait(await adapter.write.redeemPositions([conditionId], { account: who.bob }));
    }

    // ---- betting pool: LP deposit, two conditions on oracle questions, bets and a parlay, settle,
    // resolve, claim, settle the lost parlay, withdraw half the LP position.
    await wait(
      await pool.write.grantRole([keccak256(toHex("MARKET_CREATOR_ROLE")), who.creator.address], {
        account: who.admin,
      }),
    );
    await wait(await pool.write.setReinforcementCap([who.creator.address, 1_000_000n * USD], { account: who.admin }));
    const depositReceipt = await wait(await pool.write.deposit([200_000n * USD], { account: who.lp }));
    const [deposited] = parseEventLogs({
      abi: abis.IBettingPool,
      logs: depositReceipt.logs,
      eventName: "LiquidityDeposited",
    });
    ids.lpId = deposited?.args.lpId ?? 0n;
    const startsAt = (await now()) + BigInt(HOUR);
    const poolCondition = async (ancillaryData: Hex, probabilities: bigint[]) => {
      const opened = await wait(
        await oracle.write.openQuestion([ancillaryData, BigInt(probabilities.length), startsAt, 0n, 100n * USD, 0n], {
          account: who.creator,
        }),
      );
      const [question] = parseEventLogs({ abi: abis.OptimisticOracle, logs: opened.logs, eventName: "QuestionOpened" });
      if (!question) throw new Error("QuestionOpened not emitted");
      const createdReceipt = await wait(
        await pool.write.createCondition([question.args.questionId, probabilities, 20_000n * USD, 500n, startsAt], {
          account: who.creator,
        }),
      );
      const [condition] = parseEventLogs({
        abi: abis.IBettingPool,
        logs: createdReceipt.logs,
        eventName: "ConditionCreated",
      });
      if (!condition) throw new Error("ConditionCreated not emitted");
      return { id: condition.args.conditionId, questionId: question.args.questionId };
    };
    const PROB_ONE = 10n ** 12n;
    // The match question in the shared encoding, the rain question as plain text (the fallback).
    const match = await poolCondition(encodeQuestionData({ ...MATCH_QUESTION, endTime: startsAt }), [
      PROB_ONE / 2n,
      PROB_ONE / 4n,
      PROB_ONE / 4n,
    ]);
    const rain = await poolCondition(toHex("rain tomorrow?"), [PROB_ONE / 2n, PROB_ONE / 2n]);
    ids.match = match.id;
    ids.rain = rain.id;
    const deadline = startsAt;
    const betOf = async (hash: Hex) => {
      const [placed] = parseEventLogs({
        abi: abis.IBettingPool,
        logs: (await wait(hash)).logs,
        eventName: "BetPlaced",
      });
      if (!placed) throw new Error("BetPlaced not emitted");
      return placed.args;
    };
    const aliceBet = await betOf(
      await pool.write.bet([match.id, 0n, 1_000n * USD, 0n, deadline], { account: who.alice }),
    );
    ids.aliceBet = aliceBet.betId;
    ids.aliceBetPayout = aliceBet.payout;
    ids.bobBet = (
      await betOf(await pool.write.bet([match.id, 2n, 600n * USD, 0n, deadline], { account: who.bob }))
    ).betId;
    const parlayReceipt = await wait(
      await pool.write.betParlay(
        [
          [
            { conditionId: match.id, outcome: 1n },
            { conditionId: rain.id, outcome: 0n },
          ],
          50n * USD,
          0n,
          deadline,
        ],
        { account: who.bob },
      ),
    );
    const [parlay] = parseEventLogs({ abi: abis.IBettingPool, logs: parlayReceipt.logs, eventName: "ParlayPlaced" });
    ids.parlay = parlay?.args.betId ?? 0n;
    for (let k = 0n; k < 3n; k++) ids.matchFunds.push((await pool.read.getOutcome([match.id, k]))[0]);

    await advance(HOUR);
    await wait(await oracle.write.propose([match.questionId, 0n], { account: who.proposer }));
    await wait(await oracle.write.propose([rain.questionId, 0n], { account: who.proposer }));
    await advance(2 * HOUR);
    for (const c of [match, rain]) {
      await wait(await oracle.write.settle([c.questionId], { account: who.bob }));
      await wait(await pool.write.resolveCondition([c.id], { account: who.bob }));
    }
    await wait(await pool.write.settleParlay([ids.parlay], { account: who.bob }));
    await wait(await pool.write.claim([ids.aliceBet], { account: who.alice }));
    const withdrawReceipt = await wait(await pool.write.withdraw([ids.lpId, 5_000n], { account: who.lp }));
    const [withdrawn] = parseEventLogs({
      abi: abis.IBettingPool,
      logs: withdrawReceipt.logs,
      eventName: "LiquidityWithdrawn",
    });
    ids.lpWithdrawn = withdrawn?.args.amount ?? 0n;

    await indexerReady;
    await stack.waitIndexed();
  });

  after(async () => {
    await stack.close();
  });

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

  it("lists both markets with their metadata, final state, volume and open interest", async () => {
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
    // Maker fills: 6 USD (alice's YES sale) + 3 USD (alice's NO buy).
    assert.equal(binary.volume, String(9n * USD));
    assert.equal(binary.tradeCount, 2);
    // split 50 − merge 10 + mint match 10 − alice's redemption 30.
    assert.equal(binary.openInterest, String(20n * USD));

    assert.equal(multi.id, ids.multi);
    assert.equal(multi.kind, "multi");
    assert.deepEqual(multi.outcomeNames, ["Ada", "Grace", "Linus"]);
    assert.equal(multi.convertFeeBps, "100");
    assert.ok(multi.negRiskAdapter, "multi-outcome markets name their adapter");
    assert.equal(multi.status, "resolved");
    assert.equal(multi.answer, "2", "Linus won");
    assert.equal(multi.volume, String(60n * USD), "bob's NO(Ada) maker fill");
    // mint 100 + split 100 − conversion 50 − bob's redemptions 150: every set is paid out.
    assert.equal(multi.openInterest, "0");
  });

  it("indexes every outcome and token of a multi-outcome market with prices and resolution", async () => {
    const data = await stack.graphql<{
      marketOutcomes: {
        items: {
          id: string;
          outcomeIndex: number;
          name: string;
          yesTokenId: string;
          lastPriceE6: string | null;
          resolved: boolean;
          payoutNumerators: string[];
        }[];
      };
      tokens: { items: { id: string; side: string; complement: string; lastPriceE6: string | null }[] };
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
    const data = await stack.graphql<{
      fills: {
        items: {
          maker: string;
          role: string;
          side: string;
          tokenId: string;
          size: string;
          collateral: string;
          priceE6: string;
        }[];
      };
      cancelled: { cancelled: boolean; maker: string } | null;
      nonce: { nonce: string } | null;
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
    const ten = String(10n * USD);
    assert.deepEqual(
      rows.sort(),
      [
        [a, "maker", "sell", String(ids.yes), ten, String(6n * USD), "600000"],
        [b, "taker", "buy", String(ids.yes), ten, String(6n * USD), "600000"],
        [a, "maker", "buy", String(ids.no), ten, String(3n * USD), "300000"],
        [b, "taker", "buy", String(ids.yes), ten, String(7n * USD), "700000"],
      ].sort(),
    );
    assert.equal(data.cancelled?.cancelled, true, "the cancelled order is marked");
    assert.equal(lower(data.cancelled?.maker ?? ""), a);
    assert.equal(data.nonce?.nonce, "1", "bob's nonce was bumped");
  });

  it("serves price candles that include complement trades", async () => {
    const response = await fetch(`${stack.indexerUrl}/prices/${ids.yes}?interval=86400`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as {
      candles: { open: string; high: string; low: string; close: string; volume: string; trades: number }[];
    };
    assert.equal(body.candles.length, 1, "both trades fall in one day");
    assert.deepEqual(body.candles[0], {
      ...body.candles[0],
      open: "600000",
      high: "700000",
      low: "600000",
      close: "700000",
      volume: String(9n * USD),
      trades: 2,
    });
    assert.equal((await fetch(`${stack.indexerUrl}/prices/123?interval=60`)).status, 404, "unknown token");
    assert.equal((await fetch(`${stack.indexerUrl}/prices/${ids.yes}?interval=0`)).status, 400, "bad interval");
  });

  it("tracks ERC-1155 balances per account and the split/merge/redeem history", async () => {
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
        ["split", "ctf", String(50n * USD), null],
        ["merge", "ctf", String(10n * USD), null],
        ["redeem", "ctf", String(30n * USD), String(30n * USD)],
      ],
    );
    const bob = await stack.graphql<{ positions: { items: { tokenId: string; balance: string }[] } }>(
      `query ($bob: String!, $m: String!) { positions(where: { account: $bob, marketId: $m }) { items { tokenId balance } } }`,
      { bob: who.bob.address, m: ids.binary },
    );
    assert.deepEqual(
      Object.fromEntries(bob.positions.items.map((p) => [p.tokenId, p.balance])),
      { [String(ids.yes)]: String(20n * USD), [String(ids.no)]: String(20n * USD) },
      "bob bought 20 YES and was sent 20 NO",
    );
  });

  it("follows the oracle question through both disputes, the ruling and settlement", async () => {
    const data = await stack.graphql<{
      oracleQuestion: {
        state: string;
        reset: boolean;
        disputeCount: number;
        ruling: string | null;
        finalAnswer: string | null;
        resolution: string | null;
        reward: string;
        bond: string;
      };
      oracleEvents: { items: { kind: string; answer: string | null }[] };
      multi: { state: string; resolution: string | null; finalAnswer: string | null; disputeCount: number };
    }>(
      `query ($q: String!, $m: String!) {
        oracleQuestion(id: $q) { state reset disputeCount ruling finalAnswer resolution reward bond }
        oracleEvents(where: { questionId: $q }, orderBy: "id", limit: 50) { items { kind answer blockNumber } }
        multi: oracleQuestion(id: $m) { state resolution finalAnswer disputeCount }
      }`,
      { q: ids.binary, m: ids.multi },
    );
    assert.deepEqual(data.oracleQuestion, {
      state: "settled",
      reset: true,
      disputeCount: 2,
      ruling: "0",
      finalAnswer: "0",
      resolution: "arbitrated",
      reward: String(10n * USD),
      bond: String(100n * USD),
    });
    const kinds = data.oracleEvents.items.map((e) => e.kind);
    for (const kind of [
      "opened",
      "proposed",
      "disputed",
      "escalated",
      "vote",
      "ruling",
      "ruled",
      "settled",
      "bondPaid",
    ]) {
      assert.ok(kinds.includes(kind), `history has a "${kind}" event`);
    }
    assert.equal(kinds.filter((k) => k === "proposed").length, 2, "two proposals");
    assert.deepEqual(data.multi, { state: "settled", resolution: "undisputed", finalAnswer: "2", disputeCount: 0 });
  });

  it("indexes pool conditions, odds, bets, the parlay and LP liquidity", async () => {
    const data = await stack.graphql<{
      poolConditions: {
        items: {
          id: string;
          state: string;
          outcomeCount: number;
          winningOutcome: string | null;
          betCount: number;
          turnover: string;
          lpResult: string | null;
          question: string;
          outcomeNames: string[];
          rules: string;
        }[];
      };
      poolOutcomes: { items: { outcome: number; fund: string }[] };
      oddsChanges: { totalCount: number };
      poolBets: {
        items: { id: string; kind: string; status: string; amount: string; paidOut: string; legs: unknown }[];
      };
      lpPosition: { deposited: string; withdrawn: string; closed: boolean; events: { items: { kind: string }[] } };
    }>(
      `query ($match: BigInt!, $lp: BigInt!) {
        poolConditions(orderBy: "id", orderDirection: "asc") {
          items { id state outcomeCount winningOutcome betCount turnover lpResult question outcomeNames rules }
        }
        poolOutcomes(where: { conditionId: $match }, orderBy: "outcome", orderDirection: "asc") { items { outcome fund } }
        oddsChanges(where: { conditionId: $match }) { totalCount }
        poolBets(orderBy: "id", orderDirection: "asc") { items { id kind status amount paidOut legs } }
        lpPosition(id: $lp) { deposited withdrawn closed events(orderBy: "blockNumber") { items { kind } } }
      }`,
      { match: String(ids.match), lp: String(ids.lpId) },
    );
    const [match, rain] = data.poolConditions.items;
    assert.equal(data.poolConditions.items.length, 2);
    assert.deepEqual(match, {
      id: String(ids.match),
      state: "resolved",
      outcomeCount: 3,
      winningOutcome: "0",
      betCount: 2,
      turnover: String(1_600n * USD),
      lpResult: match?.lpResult,
      ...MATCH_QUESTION,
    });
    assert.deepEqual(
      { question: rain?.question, outcomeNames: rain?.outcomeNames, rules: rain?.rules },
      { question: "rain tomorrow?", outcomeNames: [], rules: "" },
      "plain-text ancillary data falls back to its text with no names or rules",
    );
    assert.ok(match?.lpResult !== null, "the LP result is recorded");
    assert.equal(rain?.state, "resolved");
    assert.deepEqual(
      data.poolOutcomes.items.map((o) => o.fund),
      ids.matchFunds.map(String),
      "outcome funds equal the pool's view after the last bet",
    );
    assert.ok(data.oddsChanges.totalCount >= 3, "odds history recorded");
    const bets = Object.fromEntries(data.poolBets.items.map((b) => [b.id, b]));
    assert.equal(bets[String(ids.aliceBet)]?.status, "claimed");
    assert.equal(bets[String(ids.aliceBet)]?.paidOut, String(ids.aliceBetPayout), "claimed the quoted payout");
    assert.equal(bets[String(ids.bobBet)]?.status, "open", "a losing single is never claimed");
    assert.equal(bets[String(ids.parlay)]?.kind, "parlay");
    assert.equal(bets[String(ids.parlay)]?.status, "lost", "the draw leg lost");
    assert.equal((bets[String(ids.parlay)]?.legs as unknown[]).length, 2);
    assert.deepEqual(data.lpPosition, {
      deposited: String(200_000n * USD),
      withdrawn: String(ids.lpWithdrawn),
      closed: false,
      events: { items: [{ kind: "deposit" }, { kind: "withdraw" }] },
    });
    assert.ok(ids.lpWithdrawn > 0n, "half the position was withdrawn");
  });

  it("answers read-only SQL over HTTP and refuses writes", async () => {
    // The wire format of @ponder/client: superjson of { sql, params } in the `sql` parameter.
    const sql = async (text: string) =>
      fetch(
        `${stack.indexerUrl}/sql/db?sql=${encodeURIComponent(JSON.stringify({ json: { sql: text, params: [] } }))}`,
      );
    const response = await sql("SELECT id, kind, status FROM market ORDER BY created_block");
    assert.equal(response.status, 200, await response.clone().text());
    const body = (await response.json()) as { rows: unknown[] };
    assert.deepEqual(
      body.rows.map((row) => (Array.isArray(row) ? row : Object.values(row as object))),
      [
        [ids.binary, "binary", "resolved"],
        [ids.multi, "multi", "resolved"],
      ],
    );
    const write = await sql("DELETE FROM market");
    assert.notEqual(write.status, 200, "writes are refused");
    const count = (await (await sql("SELECT count(*) AS n FROM market")).json()) as { rows: unknown[] };
    assert.deepEqual(Object.values(count.rows[0] as object).map(String), ["2"], "nothing was deleted");
  });

  it("refuses to start against a node whose chain id is not CHAIN_ID, or without an address book", async () => {
    const wrongChain = await runCommand(
      "npx",
      ["ponder", "start", "--schema", `wrong_${process.pid}`, "-H", "127.0.0.1", "-p", "0"],
      {
        cwd: INDEXER_DIR,
        env: stack.indexerEnv({ CHAIN_ID: "31338", FORKCAST_DEPLOYMENTS_DIR: await stack.bookCopyFor(31338) }),
        timeoutMs: 90_000,
      },
    );
    assert.notEqual(wrongChain.code, 0, "exits with an error");
    assert.match(wrongChain.output, /Wrong chain: RPC_URL \S+ serves chain 31337, but CHAIN_ID is 31338/);
    const noBook = await runCommand(
      "npx",
      ["ponder", "start", "--schema", `nobook_${process.pid}`, "-H", "127.0.0.1", "-p", "0"],
      {
        cwd: INDEXER_DIR,
        env: stack.indexerEnv({ CHAIN_ID: "31339" }),
        timeoutMs: 90_000,
      },
    );
    assert.notEqual(noBook.code, 0, "exits with an error");
    assert.match(noBook.output, /No address book for chain 31339 .*npm run deploy -- --network/);
  });

  it("indexes the same chain into PostgreSQL when DATABASE_URL is set", async () => {
    const postgres = await startPostgres();
    let indexer: Awaited<ReturnType<typeof stack.spawnIndexer>> | undefined;
    try {
      const { url } = postgres;
      indexer = await stack.spawnIndexer(`onpostgres_${process.pid}`, { DATABASE_URL: url });
      await stack.waitIndexed(indexer.url);
      const query = `{
        markets(orderBy: "createdBlock") { items { id status volume openInterest } }
        poolBets { totalCount }
        fills { totalCount }
      }`;
      const onPostgres = await stack.graphql<Record<string, unknown>>(query, {}, indexer.url);
      const onPglite = await stack.graphql<Record<string, unknown>>(query);
      assert.deepEqual(onPostgres, onPglite, "PostgreSQL and PGlite hold the same rows");
      assert.equal((onPostgres.fills as { totalCount: number }).totalCount, 6, "six fills");
    } finally {
      if (indexer) await stop(indexer.process, 15_000);
      await postgres.stop();
    }
  });

  it("answers every example query of docs/indexer.md", async () => {
    const doc = await readFile(path.join(ROOT, "docs", "indexer.md"), "utf8");
    const queries = [...doc.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
    assert.ok(queries.length >= 4, "the page has example queries");
    const variables = { market: ids.binary, account: who.bob.address.toLowerCase(), id: ids.binary };
    for (const query of queries) {
      const data = await stack.graphql<Record<string, unknown>>(query, variables);
      assert.ok(Object.keys(data).length > 0, `answers:\n${query}`);
    }
    const positions = await stack.graphql<{
      positions: { items: { balance: string; market: { question: string } }[] };
    }>(queries[1] ?? "", variables);
    assert.equal(positions.positions.items.length, 2, "bob holds YES and NO of the binary market");
    assert.equal(positions.positions.items[0]?.market.question, "Will the indexer index this?", "nested market");
  });
});

/**
 * Polymarket's own TypeScript client, `@polymarket/clob-client` 5.8.1, unchanged, against a real
 * operator on a local Hardhat node: API keys (L1), every market-data call, orders signed with
 * `@polymarket/order-utils` for our exchange (deployed under Polymarket's EIP-712 domain name),
 * post / list / get / cancel, a trade between two accounts, the heartbeat dead-man switch, the
 * authenticated user channel, and the refusals a bot meets (bad HMAC, stale timestamp, revoked
 * key, another address's order) as 401/403 in the client's error shape.
 *
 * ethers 5 appears here only because order-utils signs with an ethers Wallet.
 */
import { SHARE_UNIT, COLLATERAL_UNIT, PRICE_SCALE } from "@forkcast/shared";
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { Wallet } from "@ethersproject/wallet";
import {
  ApiError,
  AssetType,
  type Chain,
  ClobClient,
  createL2Headers,
  OrderType,
  Side,
  type ApiKeyCreds,
  type OpenOrder,
  type OrderBookSummary,
  type Trade,
} from "@polymarket/clob-client";
import { ExchangeOrderBuilder, Side as UtilsSide, type SignedOrder } from "@polymarket/order-utils";
import { createWalletClient, http, parseEventLogs, toHex, type Address, type Hex, type WalletClient } from "viem";

import type { RunningOperator } from "../../src/app.js";
import { artifact } from "../../src/chain/abi.js";
import { localChain } from "../../src/chain/chain.js";
import { deployStack, CHAIN_ID, startChain, type LocalChain, type Stack, type Trader } from "../helpers/chain.js";
import { freshDataDir, startTestOperator, waitFor, wsClient } from "../helpers/operator.js";

const POLYMARKET_DOMAIN_NAME = "Polymarket CTF Exchange";
const HEARTBEAT_TIMEOUT_MS = 1_500;
type Json = Record<string, unknown>;

describe("Polymarket clob-client against the operator", { concurrency: false }, () => {
  let chain: LocalChain;
  let stack: Stack;
  let op: RunningOperator;
  let alice: Trader, bob: Trader, carol: Trader;
  let quiet: { conditionId: string; yes: bigint };
  const clients = new Map<string, ClobClient>();
  const creds = new Map<string, ApiKeyCreds>();

  const walletOf = (t: Trader): WalletClient =>
    createWalletClient({
      account: t.account,
      chain: localChain(CHAIN_ID, chain.rpcUrl),
      transport: http(chain.rpcUrl),
    });
  /** A client as a bot builds it: host, chain id, signer, optional credentials; throwOnError for refusals. */
  const client = (t: Trader, c?: ApiKeyCreds, throwOnError = false): ClobClient =>
    new ClobClient(
      op.url,
      // The client's type lists Polygon and Amoy only; at run time any chain id works for L1 auth.
      CHAIN_ID as Chain,
      walletOf(t),
      c,
      undefined,
      undefined,
      undefined,
      false,
      undefined,
      undefined,
      false,
      undefined,
      throwOnError,
    );
  const authed = (t: Trader): ClobClient => {
    const found = clients.get(t.address);
    if (!found) throw new Error(`no client for ${t.address}: derive its key first`);
    return found;
  };
  /** Signs with @polymarket/order-utils for our exchange address. */
  const sign = (
    t: Trader,
    side: "BUY" | "SELL",
    priceMicros: bigint,
    shares: bigint,
    token = stack.yes,
  ): Promise<SignedOrder> => {
    const builder = new ExchangeOrderBuilder(stack.exchange, CHAIN_ID, new Wallet(t.key));
    const collateral = (shares * priceMicros) / PRICE_SCALE;
    return builder.buildSignedOrder({
      maker: t.address,
      signer: t.address,
      taker: "0x0000000000000000000000000000000000000000",
      tokenId: token.toString(),
      makerAmount: (side === "BUY" ? collateral : shares).toString(),
      takerAmount: (side === "BUY" ? shares : collateral).toString(),
      side: side === "BUY" ? UtilsSide.BUY : UtilsSide.SELL,
      feeRateBps: "0",
      nonce: "0",
    });
  };
  const post = async (t: Trader, side: "BUY" | "SELL", priceMicros: bigint, shares: bigint): Promise<string> => {
    const result = (await authed(t).postOrder(await sign(t, side, priceMicros, shares), OrderType.GTC)) as Json;
    assert.equal(result["success"], true, `postOrder failed: ${JSON.stringify(result)}`);
    return String(result["orderID"]);
  };

  before(async () => {
    chain = await startChain();
    stack = await deployStack(chain, { traders: 3, domainName: POLYMARKET_DOMAIN_NAME });
    [alice, bob, carol] = stack.traders as [Trader, Trader, Trader];
    const second = await stack.addMarket(toHex("quiet-market", { size: 32 }));
    quiet = { conditionId: second.conditionId, yes: second.yes };
    op = await startTestOperator(
      stack,
      { dataDir: freshDataDir() },
      {
        OPERATOR_DOMAIN_NAME: POLYMARKET_DOMAIN_NAME,
        OPERATOR_HEARTBEAT_TIMEOUT_MS: String(HEARTBEAT_TIMEOUT_MS),
        OPERATOR_API_KEY_SECRET: `0x${"ab".repeat(32)}`,
      },
    );
    await waitFor("both markets discovered", async () => {
      const markets = (await client(alice).getMarkets()) as { data: Json[] };
      return markets.data.length === 2 ? true : undefined;
    });
  });

  after(async () => {
    await op?.stop();
    await chain?.stop();
  });

  it("createOrDeriveApiKey and deriveApiKey give the same credentials for an address and nonce", async () => {
    for (const t of [alice, bob]) {
      const l1 = client(t);
      const created = await l1.createOrDeriveApiKey();
      assert.match(created.key, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.ok(created.secret.length >= 40 && created.passphrase.length >= 32);
      assert.deepEqual(await l1.deriveApiKey(), created, "derive answers the created credentials");
      assert.notEqual((await l1.deriveApiKey(1)).key, created.key, "another nonce is another key");
      creds.set(t.address, created);
      clients.set(t.address, client(t, created));
    }
    const keys = (await authed(alice).getApiKeys()) as unknown as { apiKeys: string[] };
    assert.ok(keys.apiKeys.includes(creds.get(alice.address)?.key ?? ""), JSON.stringify(keys));
  });

  it("answers every market-data call in the client's shapes, quiet markets with empty values", async () => {
    const c = authed(alice);
    const yes = stack.yes.toString();
    const q = quiet.yes.toString();
    assert.equal(typeof (await c.getServerTime()), "number");
    const market = (await c.getMarket(stack.conditionId)) as Json;
    assert.equal(market["condition_id"], stack.conditionId.toLowerCase());
    assert.equal(typeof market["question"], "string");
    assert.equal(market["minimum_tick_size"], "0.01");
    for (const list of [await c.getMarkets(), await c.getSamplingMarkets()]) {
      assert.equal(list.next_cursor, "LTE=");
      assert.equal(list.data.length, 2);
    }
    for (const list of [await c.getSimplifiedMarkets(), await c.getSamplingSimplifiedMarkets()]) {
      const first = list.data[0] as Json;
      assert.ok(Array.isArray(first["tokens"]) && typeof first["active"] === "boolean", JSON.stringify(first));
    }
    assert.equal(await c.getTickSize(yes), "0.01");
    assert.equal(await c.getNegRisk(yes), false);
    assert.equal(await c.getFeeRateBps(yes), 0);
    assert.deepEqual(await c.getMidpoint(q), { mid: "" });
    assert.deepEqual(await c.getPrice(q, Side.BUY), { price: "" });
    assert.deepEqual(await c.getSpread(q), { spread: "" });
    assert.deepEqual(await c.getLastTradePrice(q), { price: "", side: "" });
    assert.deepEqual(await c.getMidpoints([{ token_id: q, side: Side.BUY }]), { [q]: "" });
    assert.deepEqual(await c.getPrices([{ token_id: q, side: Side.SELL }]), { [q]: { SELL: "" } });
    assert.deepEqual(await c.getSpreads([{ token_id: q, side: Side.BUY }]), { [q]: "" });
    assert.deepEqual(await c.getLastTradesPrices([{ token_id: q, side: Side.BUY }]), [
      { token_id: q, price: "", side: "" },
    ]);
    const book = await c.getOrderBook(q);
    assert.deepEqual([book.bids, book.asks, book.neg_risk, book.tick_size], [[], [], false, "0.01"]);
    const history = (await c.getPricesHistory({ market: yes, startTs: 0, fidelity: 1 })) as unknown as Json;
    assert.ok(Array.isArray(history["history"]));
    assert.equal(((await c.getOrderBooks([{ token_id: yes, side: Side.BUY }])) as OrderBookSummary[]).length, 1);
  });

  it("posts orders signed with order-utils, lists best-last books and prices a market order from the end", async () => {
    const c = authed(alice);
    const yes = stack.yes.toString();
    await post(alice, "BUY", 450_000n, 10n * SHARE_UNIT);
    await post(alice, "BUY", 500_000n, 10n * SHARE_UNIT);
    await post(alice, "SELL", 640_000n, 10n * SHARE_UNIT);
    await post(alice, "SELL", 700_000n, 10n * SHARE_UNIT);
    const book = await c.getOrderBook(yes);
    assert.deepEqual(
      book.bids.map((l) => l.price),
      ["0.45", "0.5"],
      "bids ascending, best last",
    );
    assert.deepEqual(
      book.asks.map((l) => l.price),
      ["0.7", "0.64"],
      "asks descending, best last",
    );
    assert.equal(await c.getOrderBookHash({ ...book }), book.hash, "the client recomputes the served hash");
    assert.equal(await c.calculateMarketPrice(yes, Side.BUY, 5, OrderType.FOK), 0.64, "BUY $5 prices at the best ask");
    assert.equal(await c.calculateMarketPrice(yes, Side.SELL, 5, OrderType.FOK), 0.5, "SELL 5 prices at the best bid");
    assert.deepEqual(await c.getMidpoint(yes), { mid: "0.57" });
    assert.deepEqual(await c.getPrice(yes, Side.BUY), { price: "0.64" });
    assert.deepEqual(await c.getPrice(yes, Side.SELL), { price: "0.5" });
    assert.deepEqual(await c.getSpread(yes), { spread: "0.14" });
    assert.deepEqual(await c.getPrices([{ token_id: yes, side: Side.BUY }]), { [yes]: { BUY: "0.64" } });

    const market = await wsClient(`${op.url.replace("http", "ws")}/ws/market`, { assets_ids: [yes], type: "market" });
    try {
      const snapshot = await waitFor("book snapshot on the market channel", () =>
        market.messages.find((m) => m["event_type"] === "book"),
      );
      const wsBook = snapshot as unknown as OrderBookSummary;
      assert.deepEqual(
        [wsBook.bids.map((l) => l.price), wsBook.asks.map((l) => l.price)],
        [
          ["0.45", "0.5"],
          ["0.7", "0.64"],
        ],
        "the channel's book lists the best level last too",
      );
      assert.equal(await c.getOrderBookHash({ ...wsBook }), wsBook.hash);
      await post(alice, "BUY", 410_000n, 2n * SHARE_UNIT);
      const change = await waitFor("price_change in Polymarket's form", () =>
        market.messages.find((m) => m["event_type"] === "price_change"),
      );
      assert.deepEqual(change["price_changes"], [
        {
          asset_id: yes,
          side: "BUY",
          price: "0.41",
          size: "2",
          hash: change["hash"],
          best_bid: "0.5",
          best_ask: "0.64",
        },
      ]);
    } finally {
      market.close();
    }

    const batch = (await c.postOrders([
      { order: await sign(alice, "BUY", 200_000n, 2n * SHARE_UNIT), orderType: OrderType.GTC },
      { order: await sign(alice, "BUY", 210_000n, 2n * SHARE_UNIT), orderType: OrderType.GTC, postOnly: true },
      { order: await sign(bob, "BUY", 220_000n, 2n * SHARE_UNIT), orderType: OrderType.GTC },
    ])) as Json[];
    assert.deepEqual(
      batch.map((r) => [r["success"], r["errorCode"]]),
      [
        [true, undefined],
        [true, undefined],
        [false, "FORBIDDEN"],
      ],
      "postOrders answers per order; another address's order is refused alone",
    );
    await c.cancelOrders(batch.slice(0, 2).map((r) => String(r["orderID"])));

    const open: OpenOrder[] = await c.getOpenOrders();
    assert.equal(open.length, 5);
    const keys: (keyof OpenOrder)[] = [
      "id",
      "status",
      "owner",
      "maker_address",
      "market",
      "asset_id",
      "side",
      "original_size",
      "size_matched",
      "price",
      "associate_trades",
      "outcome",
      "created_at",
      "expiration",
      "order_type",
    ];
    for (const order of open) for (const key of keys) assert.ok(key in order, `OpenOrder lacks ${key}`);
    const first = open[0] as OpenOrder;
    assert.equal(first.owner, creds.get(alice.address)?.key);
    assert.equal(first.outcome, "Yes");
    assert.equal((await c.getOpenOrders({ market: stack.conditionId })).length, 5);
    assert.equal((await c.getOpenOrders({ id: first.id })).length, 1);
    assert.equal((await c.getOpenOrders({ asset_id: stack.no.toString() })).length, 0);
    const one = (await c.getOrder(first.id)) as unknown as OpenOrder;
    assert.equal(one.id, first.id);

    const cancelled = (await c.cancelOrder({ orderID: first.id })) as Json;
    assert.deepEqual(cancelled["canceled"], [first.id]);
    assert.equal(((await c.getOrder(first.id)) as unknown as OpenOrder).status, "CANCELED");
    const rest = (await c.getOpenOrders()).map((o) => o.id);
    const many = (await c.cancelOrders(rest.slice(0, 1))) as Json;
    assert.deepEqual(many["canceled"], rest.slice(0, 1));
    const byMarket = (await c.cancelMarketOrders({ asset_id: yes })) as Json;
    assert.equal((byMarket["canceled"] as string[]).length, 3);
    assert.deepEqual(await c.getOpenOrders(), []);
  });

  it("trades against a resting order from a second account and shows the trade to both in getTrades", async () => {
    const resting = await post(alice, "SELL", 600_000n, 10n * SHARE_UNIT);
    const taker = await post(bob, "BUY", 600_000n, 4n * SHARE_UNIT);
    const bobTrades: Trade[] = await waitFor("bob's trade confirmed", async () => {
      const trades = await authed(bob).getTrades({ market: stack.conditionId });
      return trades.length === 1 && trades[0]?.status === "CONFIRMED" ? trades : undefined;
    });
    const trade = bobTrades[0] as Trade;
    const fields: (keyof Trade)[] = [
      "id",
      "taker_order_id",
      "market",
      "asset_id",
      "side",
      "size",
      "fee_rate_bps",
      "price",
      "status",
      "match_time",
      "last_update",
      "outcome",
      "bucket_index",
      "owner",
      "maker_address",
      "maker_orders",
      "transaction_hash",
      "trader_side",
    ];
    for (const key of fields) assert.ok(key in trade, `Trade lacks ${key}`);
    assert.deepEqual(
      [trade.taker_order_id, trade.side, trade.size, trade.price, trade.trader_side, trade.outcome],
      [taker, "BUY", "4", "0.6", "TAKER", "Yes"],
    );
    assert.match(trade.transaction_hash, /^0x[0-9a-f]{64}$/);
    const maker = trade.maker_orders[0];
    assert.ok(maker);
    for (const key of [
      "order_id",
      "owner",
      "maker_address",
      "matched_amount",
      "price",
      "fee_rate_bps",
      "asset_id",
      "outcome",
      "side",
    ])
      assert.ok(key in maker, `MakerOrder lacks ${key}`);
    assert.equal(maker.order_id, resting);
    const aliceTrades = await authed(alice).getTrades({ asset_id: stack.yes.toString() });
    assert.equal(aliceTrades[0]?.trader_side, "MAKER");
    assert.equal((await authed(alice).getTrades({ id: trade.id })).length, 1);
    assert.equal((await authed(alice).getTrades({ after: String(Math.floor(Date.now() / 1000) + 60) })).length, 0);
    const page = await authed(bob).getTradesPaginated({});
    assert.equal(page.trades.length, 1);
    const order = (await authed(alice).getOrder(resting)) as unknown as OpenOrder;
    assert.deepEqual([order.size_matched, order.associate_trades], ["4", [trade.id]]);
    assert.deepEqual(await authed(bob).getLastTradePrice(stack.yes.toString()), { price: "0.6", side: "BUY" });
    const book = await authed(bob).getOrderBook(stack.yes.toString());
    assert.equal(book.last_trade_price, "0.6");
    const all = (await authed(alice).cancelAll()) as Json;
    assert.deepEqual(all["canceled"], [resting]);
  });

  it("fills a market order signed with the client's rounding, priced by the book", async () => {
    const yes = stack.yes.toString();
    const ask = await post(alice, "SELL", 660_000n, 10n * SHARE_UNIT);
    const price = await authed(bob).calculateMarketPrice(yes, Side.BUY, 5, OrderType.FOK);
    assert.equal(price, 0.66);
    // What createMarketOrder({ side: BUY, amount: 5, price: 0.66 }) signs at tick 0.01: 5 collateral
    // for 5 / 0.66 = 7.5757 shares (4 decimals), which is no exact tick price.
    const builder = new ExchangeOrderBuilder(stack.exchange, CHAIN_ID, new Wallet(bob.key));
    const order = await builder.buildSignedOrder({
      maker: bob.address,
      signer: bob.address,
      taker: "0x0000000000000000000000000000000000000000",
      tokenId: yes,
      makerAmount: "5000000",
      takerAmount: "7575700",
      side: UtilsSide.BUY,
      feeRateBps: "0",
      nonce: "0",
    });
    const result = (await authed(bob).postOrder(order, OrderType.FOK)) as Json;
    assert.deepEqual(
      [result["success"], result["status"], result["takingAmount"], result["makingAmount"]],
      [true, "matched", "7570000", "4996200"],
      JSON.stringify(result),
    );
    const trade = await waitFor("market order trade confirmed", async () => {
      const trades = await authed(bob).getTrades();
      const t = trades.find((x) => x.taker_order_id === result["orderID"]);
      return t?.status === "CONFIRMED" ? t : undefined;
    });
    assert.deepEqual([trade.price, trade.size], ["0.66", "7.57"]);
    await authed(alice).cancelOrder({ orderID: ask });
  });

  it("reads balances and allowances for collateral and outcome tokens", async () => {
    const c = authed(alice);
    const usd = await c.getBalanceAllowance({ asset_type: AssetType.COLLATERAL });
    const onChain = await stack.read<bigint>(stack.collateral, stack.abis.collateral, "balanceOf", [alice.address]);
    assert.equal(usd.balance, onChain.toString());
    assert.ok(BigInt(usd.allowance) > 0n);
    const yes = await c.getBalanceAllowance({ asset_type: AssetType.CONDITIONAL, token_id: stack.yes.toString() });
    const yesOnChain = await stack.read<bigint>(stack.ctf, stack.abis.ctf, "balanceOf", [alice.address, stack.yes]);
    assert.equal(yes.balance, yesOnChain.toString());
    const updated = (await c.updateBalanceAllowance({ asset_type: AssetType.COLLATERAL })) as unknown as Json;
    assert.equal(updated["balance"], onChain.toString());
    assert.deepEqual(await c.getClosedOnlyMode(), { closed_only: false });
    assert.deepEqual(await c.getOk(), { service: "forkcast-operator", docs: "docs/operator-api.md" });
  });

  it("cancels every open order of a key whose heartbeats stop, and says so on the user channel", async () => {
    const c = authed(alice);
    const key = creds.get(alice.address);
    assert.ok(key);
    const ws = await wsClient(`${op.url.replace("http", "ws")}/ws/user`, {
      auth: { apiKey: key.key, secret: key.secret, passphrase: key.passphrase },
      markets: [],
      type: "user",
    });
    try {
      await waitFor("user channel subscribed", () =>
        ws.messages.some((m) => m["event_type"] === "subscribed") ? true : undefined,
      );
      const id = await post(alice, "BUY", 300_000n, 5n * SHARE_UNIT);
      const first = await c.postHeartbeat();
      assert.match(first.heartbeat_id, /^[0-9a-f-]{36}$/);
      const second = await c.postHeartbeat(first.heartbeat_id);
      assert.notEqual(second.heartbeat_id, first.heartbeat_id);
      // Still open well inside the timeout.
      assert.equal(((await c.getOrder(id)) as unknown as OpenOrder).status, "LIVE");
      const cancellation = await waitFor(
        "dead-man switch cancellation on the user channel",
        () => ws.messages.find((m) => m["event_type"] === "order" && m["id"] === id && m["type"] === "CANCELLATION"),
        HEARTBEAT_TIMEOUT_MS + 5_000,
      );
      assert.equal(cancellation["reason"], "HEARTBEAT_EXPIRED");
      assert.equal(cancellation["owner"], key.key);
      assert.equal(cancellation["outcome"], "Yes");
      const placement = ws.messages.find(
        (m) => m["event_type"] === "order" && m["id"] === id && m["type"] === "PLACEMENT",
      );
      assert.ok(placement, "the placement came over the channel too");
      const order = (await c.getOrder(id)) as unknown as Json;
      assert.deepEqual([order["status"], order["reason"]], ["CANCELED", "HEARTBEAT_EXPIRED"]);
    } finally {
      ws.close();
    }
  });

  it("refuses a bad HMAC, a stale timestamp, a revoked key and another address's order with 401/403", async () => {
    const key = creds.get(alice.address);
    assert.ok(key);
    const refusal = async (what: string, call: () => Promise<unknown>, status: number): Promise<void> => {
      await assert.rejects(call, (error: unknown) => {
        assert.ok(error instanceof ApiError, `${what}: expected the client's ApiError, got ${String(error)}`);
        assert.equal(error.status, status, `${what}: status`);
        assert.equal(typeof (error.data as Json)["error"], "string", `${what}: { error } body`);
        return true;
      });
    };
    const wrongSecret = { ...key, secret: Buffer.alloc(32, 7).toString("base64") };
    await refusal("bad HMAC", () => client(alice, wrongSecret, true).getOpenOrders(), 401);
    await refusal(
      "wrong passphrase",
      () => client(alice, { ...key, passphrase: "x".repeat(64) }, true).getTrades(),
      401,
    );

    const stale = await createL2Headers(
      walletOf(alice),
      key,
      { method: "GET", requestPath: "/data/orders" },
      Math.floor(Date.now() / 1000) - 3_600,
    );
    const response = await fetch(`${op.url}/data/orders`, { headers: stale as unknown as Record<string, string> });
    assert.equal(response.status, 401, "stale timestamp");
    assert.match(String(((await response.json()) as Json)["message"]), /POLY_TIMESTAMP/);

    const bobOrder = await sign(bob, "BUY", 400_000n, 2n * SHARE_UNIT);
    await refusal("another address's order", () => client(alice, key, true).postOrder(bobOrder), 403);
    const bobOpen = await post(bob, "BUY", 400_000n, 2n * SHARE_UNIT);
    await refusal("another address's order read", () => client(alice, key, true).getOrder(bobOpen), 403);
    const notMine = (await authed(alice).cancelOrder({ orderID: bobOpen })) as Json;
    assert.deepEqual(notMine["canceled"], [], "alice cannot cancel bob's order");
    await authed(bob).cancelAll();

    const carolKey = await client(carol).createOrDeriveApiKey();
    const carolClient = client(carol, carolKey, true);
    assert.equal((await carolClient.getOpenOrders()).length, 0);
    assert.equal(await carolClient.deleteApiKey(), "OK");
    await refusal("revoked key", () => carolClient.getOpenOrders(), 401);
    const fresh = await client(carol).createOrDeriveApiKey();
    assert.notEqual(fresh.key, carolKey.key, "a key created after a revoke is a new key");
    assert.equal((await client(carol, fresh, true).getOpenOrders()).length, 0);
  });

  it("gives a market created through the market factory its question", async () => {
    const admin = stack.admin;
    const viemChain = localChain(CHAIN_ID, chain.rpcUrl);
    const deploy = async (name: string, args: unknown[]): Promise<Address> => {
      const a = artifact(name);
      const hash = await stack
        .wallet(admin)
        .deployContract({ abi: a.abi, bytecode: a.bytecode, args, account: admin.account, chain: viemChain });
      const receipt = await chain.client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
      if (!receipt.contractAddress) throw new Error(`${name} deployment failed`);
      return receipt.contractAddress;
    };
    const zero = "0x0000000000000000000000000000000000000000";
    const oracle = await deploy("OptimisticOracle", [stack.collateral, admin.address, admin.address, 1_000n, zero]);
    const adapter = await deploy("NegRiskAdapter", [stack.ctf, stack.collateral, oracle]);
    const factory = await deploy("MarketFactory", [stack.ctf, stack.collateral, oracle, stack.exchange, adapter, 32n]);
    await stack.write(admin, stack.exchange, stack.abis.exchange, "addRegistrar", [factory]);
    const question = "Will it rain in Porto on Saturday?";
    const factoryAbi = artifact("MarketFactory").abi;
    const tx = await stack.write(admin, factory, factoryAbi, "createMarket", [
      {
        question,
        outcomeNames: ["Yes", "No"],
        rules: "Resolves YES if it rains.",
        category: "weather",
        imageUri: "",
        endTime: BigInt(Math.floor(Date.now() / 1000) + 86_400),
        reward: 0n,
        bond: COLLATERAL_UNIT,
        liveness: 0n,
      },
    ]);
    const receipt = await chain.client.getTransactionReceipt({ hash: tx });
    const [created] = parseEventLogs({
      abi: factoryAbi,
      eventName: "MarketCreated",
      logs: receipt.logs,
    }) as unknown as {
      args: { conditionIds: Hex[] };
    }[];
    const conditionId = created?.args.conditionIds[0];
    assert.ok(conditionId, "MarketCreated names the condition");
    const market = await waitFor("the factory market's question", async () => {
      const m = (await client(alice).getMarket(conditionId)) as Json;
      return m["question"] === question ? m : undefined;
    });
    assert.equal(market["condition_id"], conditionId.toLowerCase());
    const admins = (await client(alice).getMarket(stack.conditionId)) as Json;
    assert.equal(admins["question"], "", "a market registered by hand has no question to find");
  });

  it("keeps the operator's own routes for wallets: /version and unauthenticated reads", async () => {
    const version = (await (await fetch(`${op.url}/version`)).json()) as Json;
    assert.deepEqual(version, { version: 1 });
    const huge = await fetch(`${op.url}/midpoints`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(Array.from({ length: 5_000 }, () => ({ token_id: stack.yes.toString() }))),
    });
    assert.equal(huge.status, 413, "bodies are size-limited on the CLOB routes too");
    const unauthenticated = await fetch(`${op.url}/data/orders?maker=${alice.address}`);
    assert.equal(unauthenticated.status, 200, "the EIP-712 world's read without an API key still answers");
  });
});

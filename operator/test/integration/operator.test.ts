/**
 * The operator against a real local Hardhat node with the real Exchange, on both storage
 * backends: intake checks, matching of every type, settlement to CONFIRMED with on-chain
 * balances, cancels (signed and on chain), market data, WebSocket channels, restart recovery
 * and settlement failure handling.
 */
import { SHARE_UNIT, COLLATERAL_UNIT } from "@forkcast/shared";
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import type { Address, Hex } from "viem";

import type { SignedOrder } from "@forkcast/shared";

import type { RunningOperator } from "../../src/app.js";
import type { OrderRow, TradeRow } from "../../src/db/store.js";
import { replay } from "../../src/engine/replay.js";
import { deployStack, startChain, type LocalChain, type Stack, type Trader } from "../helpers/chain.js";
import {
  api,
  freshDataDir,
  signCancel,
  startTestOperator,
  waitFor,
  wsClient,
  type DbChoice,
} from "../helpers/operator.js";
import { OrderSigner, orderBody, type OrderSpec } from "../helpers/orders.js";
import { startPostgres, type TempPostgres } from "../../../scripts/lib/services.ts";

type Json = Record<string, unknown>;
const BUY = 0 as const;
const SELL = 1 as const;

for (const backend of ["pglite", "postgres"] as const) {
  describe(`operator integration (${backend})`, { concurrency: false }, () => {
    let chain: LocalChain;
    let stack: Stack;
    let pg: TempPostgres | undefined;
    let db: DbChoice;
    let op: RunningOperator;
    let signer: OrderSigner;
    let alice: Trader, bob: Trader, carol: Trader, dave: Trader;

    before(async () => {
      if (backend === "postgres") {
        pg = await startPostgres();
        db = { databaseUrl: pg.url };
      } else {
        db = { dataDir: freshDataDir() };
      }
      chain = await startChain();
      stack = await deployStack(chain, { traders: 4 });
      [alice, bob, carol, dave] = stack.traders as [Trader, Trader, Trader, Trader];
      signer = new OrderSigner(31337, stack.exchange);
      op = await startTestOperator(stack, db);
    });

    after(async () => {
      await op?.stop();
      await chain?.stop();
      await pg?.stop();
    });

    const post = (trader: Trader, spec: OrderSpec, type: "GTC" | "GTD" | "FOK" | "FAK" = "GTC", postOnly = false) =>
      api<Json>(op.url, "POST", "/order", orderBody(signer.signed(trader.key, trader.address, spec), type, postOnly));
    const balanceOf = (who: Trader, token: bigint) =>
      stack.read<bigint>(stack.ctf, stack.abis.ctf, "balanceOf", [who.address, token]);
    const usdOf = (who: Trader) =>
      stack.read<bigint>(stack.collateral, stack.abis.collateral, "balanceOf", [who.address]);
    const tradesOf = async (takerHash: string): Promise<Json[]> => {
      const { body } = await api<{ data: Json[] }>(op.url, "GET", `/trades?market=${stack.conditionId}&limit=500`);
      return body.data.filter((t) => t["taker_order_id"] === takerHash);
    };
    const confirmed = (takerHash: string, count = 1) =>
      waitFor(`trades of ${takerHash} CONFIRMED`, async () => {
        const trades = await tradesOf(takerHash);
        return trades.length === count && trades.every((t) => t["status"] === "CONFIRMED") ? trades : undefined;
      });
    const cancelAll = async () => {
      for (const t of [alice, bob, carol, dave])
        await api(op.url, "DELETE", "/cancel-all", await signCancel(stack, t, 1));
    };

    it("discovers the registered market from chain events", async () => {
      const { status, body } = await api<{ data: Json[] }>(op.url, "GET", "/markets");
      assert.equal(status, 200);
      const market = body.data.find((m) => m["condition_id"] === stack.conditionId.toLowerCase());
      assert.ok(market, "the market registered on the exchange must be listed");
      assert.deepEqual(
        (market["tokens"] as Json[]).map((t) => t["token_id"]),
        [stack.yes.toString(), stack.no.toString()],
        "outcome 0 must be the YES position (index set 1)",
      );
    });

    it("accepts a valid order, rests it and shows it in the book", async () => {
      const { status, body } = await post(alice, {
        tokenId: stack.yes,
        side: SELL,
        price: 550_000n,
        shares: 10n * SHARE_UNIT,
      });
      assert.equal(status, 200, JSON.stringify(body));
      assert.equal(body["status"], "live");
      const book = await api<Json>(op.url, "GET", `/book?token_id=${stack.yes}`);
      assert.deepEqual(book.body["asks"], [{ price: "0.55", size: "10" }]);
      assert.match(String(book.body["hash"]), /^[0-9a-f]{40}$/);
      const noBook = await api<Json>(op.url, "GET", `/book?token_id=${stack.no}`);
      assert.deepEqual(noBook.body["bids"], [{ price: "0.45", size: "10" }], "a YES ask at 0.55 is a NO bid at 0.45");
      const open = await api<{ data: Json[] }>(op.url, "GET", `/data/orders?maker=${alice.address}`);
      assert.equal(open.body.data.length, 1);
      await cancelAll();
    });

    it("rejects bad orders with stable codes", async () => {
      const base: OrderSpec = { tokenId: stack.yes, side: BUY, price: 400_000n, shares: 2n * SHARE_UNIT };
      const good = signer.signed(bob.key, bob.address, base);
      const cases: [string, Json | string, number][] = [
        [
          "INVALID_SIGNATURE",
          orderBody({ ...good, signature: signer.signed(alice.key, alice.address, base).signature }),
          401,
        ],
        ["INVALID_NONCE", orderBody(signer.signed(bob.key, bob.address, { ...base, nonce: 5n })), 400],
        ["INVALID_TICK_SIZE", orderBody(signer.signed(bob.key, bob.address, { ...base, price: 405_000n })), 400],
        ["BELOW_MIN_SIZE", orderBody(signer.signed(bob.key, bob.address, { ...base, shares: 500_000n })), 400],
        [
          "INVALID_SIZE",
          orderBody(signer.signed(bob.key, bob.address, { ...base, shares: 1_000_001n * 10n + 5n })),
          400,
        ],
        ["FEE_RATE_MISMATCH", orderBody(signer.signed(bob.key, bob.address, { ...base, feeRateBps: 100n })), 400],
        ["TOKEN_NOT_REGISTERED", orderBody(signer.signed(bob.key, bob.address, { ...base, tokenId: 12345n })), 400],
        [
          "INSUFFICIENT_BALANCE",
          orderBody(signer.signed(bob.key, bob.address, { ...base, shares: 100_000n * SHARE_UNIT })),
          400,
        ],
        ["ORDER_EXPIRED", orderBody(signer.signed(bob.key, bob.address, { ...base, expiration: 1n }), "GTD"), 400],
        ["INVALID_EXPIRATION", orderBody(signer.signed(bob.key, bob.address, base), "GTD"), 400],
        ["INVALID_REQUEST", { order: { maker: "nope" } }, 400],
        ["INVALID_REQUEST", "{not json", 400],
      ];
      for (const [code, body, status] of cases) {
        const response = await api<Json>(op.url, "POST", "/order", body);
        assert.equal(response.body["error"], code, `expected ${code}, got ${JSON.stringify(response.body)}`);
        assert.equal(response.status, status, `${code} must answer ${status}`);
        assert.equal(typeof response.body["message"], "string");
      }
      const first = await api<Json>(op.url, "POST", "/order", orderBody(good));
      assert.equal(first.status, 200);
      const again = await api<Json>(op.url, "POST", "/order", orderBody(good));
      assert.equal(again.body["error"], "DUPLICATE_ORDER");
      const big = await api<Json>(op.url, "POST", "/order", JSON.stringify({ pad: "x".repeat(20_000) }));
      assert.equal(big.status, 413);
      assert.equal(big.body["error"], "PAYLOAD_TOO_LARGE");
      const crossing = await post(
        alice,
        { tokenId: stack.yes, side: SELL, price: 400_000n, shares: 2n * SHARE_UNIT },
        "GTC",
        true,
      );
      assert.equal(crossing.body["error"], "POST_ONLY_WOULD_CROSS");
      const fok = await post(
        alice,
        { tokenId: stack.yes, side: SELL, price: 400_000n, shares: 3n * SHARE_UNIT },
        "FOK",
      );
      assert.equal(fok.body["error"], "FOK_NOT_FILLABLE");
      await cancelAll();
    });

    it("takes a batch and answers per order, in order", async () => {
      const good = signer.signed(carol.key, carol.address, {
        tokenId: stack.no,
        side: BUY,
        price: 100_000n,
        shares: 1n * SHARE_UNIT,
      });
      const bad = signer.signed(carol.key, carol.address, {
        tokenId: stack.no,
        side: BUY,
        price: 105_000n,
        shares: 1n * SHARE_UNIT,
      });
      const { status, body } = await api<Json[]>(op.url, "POST", "/orders", [orderBody(good), orderBody(bad)]);
      assert.equal(status, 200);
      assert.equal(body[0]?.["success"], true);
      assert.equal(body[0]?.["status"], "live");
      assert.deepEqual([body[1]?.["success"], body[1]?.["errorCode"]], [false, "INVALID_TICK_SIZE"]);
      const tooMany = await api<Json>(
        op.url,
        "POST",
        "/orders",
        Array.from({ length: 51 }, () => orderBody(good)),
      );
      assert.equal(tooMany.body["error"], "BATCH_TOO_LARGE");
      await cancelAll();
    });

    it("settles a COMPLEMENTARY match on chain: MATCHED → MINED → CONFIRMED with exact balances", async () => {
      const [aliceUsd, bobUsd, bobYes, aliceYes] = [
        await usdOf(alice),
        await usdOf(bob),
        await balanceOf(bob, stack.yes),
        await balanceOf(alice, stack.yes),
      ];
      const user = await wsClient(op.url.replace("http", "ws") + "/ws/user", { type: "user", address: bob.address });
      const maker = await post(alice, { tokenId: stack.yes, side: SELL, price: 550_000n, shares: 10n * SHARE_UNIT });
      const taker = await post(bob, { tokenId: stack.yes, side: BUY, price: 600_000n, shares: 10n * SHARE_UNIT });
      assert.equal(taker.body["status"], "matched");
      assert.equal(taker.body["takingAmount"], String(10n * SHARE_UNIT));
      const trades = await confirmed(String(taker.body["orderID"]));
      assert.equal(trades[0]?.["match_type"], "COMPLEMENTARY");
      assert.equal(trades[0]?.["price"], "0.55");
      assert.equal(await balanceOf(bob, stack.yes), bobYes + 10n * SHARE_UNIT, "taker receives the shares");
      assert.equal(await usdOf(bob), bobUsd - 5_500_000n, "taker pays the maker's price; improvement is refunded");
      assert.equal(await usdOf(alice), aliceUsd + 5_500_000n);
      assert.equal(await balanceOf(alice, stack.yes), aliceYes - 10n * SHARE_UNIT);
      const statuses = await waitFor("user channel CONFIRMED", () => {
        const seen = user.messages.filter((m) => m["event_type"] === "trade").map((m) => m["status"]);
        return seen.includes("CONFIRMED") ? seen : undefined;
      });
      assert.deepEqual([...new Set(statuses)], ["MATCHED", "MINED", "CONFIRMED"]);
      assert.ok(user.messages.some((m) => m["event_type"] === "order" && m["type"] === "PLACEMENT"));
      user.close();
      void maker;
      const last = await api<Json>(op.url, "GET", `/last-trade-price?token_id=${stack.yes}`);
      assert.deepEqual(last.body, { price: "0.55", side: "BUY" });
      const lastNo = await api<Json>(op.url, "GET", `/last-trade-price?token_id=${stack.no}`);
      assert.equal(lastNo.body["price"], "0.45");
    });

    it("keeps a maker's second resting order live while the first one's settlement awaits confirmation", async () => {
      // With two confirmations the settlement stays MINED (shares in flight) while the operator
      // already sees its transfer events: the in-flight shares must not be counted twice.
      await op.stop();
      op = await startTestOperator(stack, db, { OPERATOR_CONFIRMATIONS: "2" });
      try {
        const held = await balanceOf(carol, stack.yes);
        const half = (held / 2n / SHARE_UNIT) * SHARE_UNIT;
        assert.ok(half >= 5n * SHARE_UNIT, "carol holds enough YES for two orders");
        await post(carol, { tokenId: stack.yes, side: SELL, price: 700_000n, shares: half });
        const second = await post(carol, { tokenId: stack.yes, side: SELL, price: 720_000n, shares: held - half });
        assert.equal(second.body["status"], "live", "both orders together use exactly carol's YES");
        const taker = await post(bob, { tokenId: stack.yes, side: BUY, price: 700_000n, shares: half });
        const takerHash = String(taker.body["orderID"]);
        await waitFor("the settlement MINED", async () => {
          const trades = await tradesOf(takerHash);
          return trades.length === 1 && trades[0]?.["status"] === "MINED" ? trades : undefined;
        });
        await waitFor("carol's YES leaves her wallet", async () =>
          (await balanceOf(carol, stack.yes)) === held - half ? true : undefined,
        );
        // A few event polls while the trade is still only MINED.
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        const order = await api<Json>(op.url, "GET", `/data/order/${String(second.body["orderID"])}`);
        assert.equal(
          order.body["status"],
          "LIVE",
          `the funded order stays on the book (${String(order.body["reason"])})`,
        );
        await chain.rpc("evm_mine");
        await confirmed(takerHash);
        await cancelAll();
      } finally {
        await op.stop();
        op = await startTestOperator(stack, db);
      }
    });

    it("settles MINT (two BUYs) and MERGE (two SELLs)", async () => {
      const [carolNo, daveYes] = [await balanceOf(carol, stack.no), await balanceOf(dave, stack.yes)];
      await post(carol, { tokenId: stack.no, side: BUY, price: 450_000n, shares: 4n * SHARE_UNIT });
      const mint = await post(dave, { tokenId: stack.yes, side: BUY, price: 550_000n, shares: 4n * SHARE_UNIT });
      const mintTrades = await confirmed(String(mint.body["orderID"]));
      assert.equal(mintTrades[0]?.["match_type"], "MINT");
      assert.equal(await balanceOf(carol, stack.no), carolNo + 4n * SHARE_UNIT);
      assert.equal(await balanceOf(dave, stack.yes), daveYes + 4n * SHARE_UNIT);

      const [carolUsd, daveUsd] = [await usdOf(carol), await usdOf(dave)];
      await post(carol, { tokenId: stack.yes, side: SELL, price: 500_000n, shares: 3n * SHARE_UNIT });
      const merge = await post(dave, { tokenId: stack.no, side: SELL, price: 500_000n, shares: 3n * SHARE_UNIT });
      const mergeTrades = await confirmed(String(merge.body["orderID"]));
      assert.equal(mergeTrades[0]?.["match_type"], "MERGE");
      assert.equal(await usdOf(carol), carolUsd + 1_500_000n);
      assert.equal(await usdOf(dave), daveUsd + 1_500_000n);
    });

    it("batches several makers per taker into one matchOrders and fills partially", async () => {
      const makers = [alice, carol, dave];
      const makerIds: string[] = [];
      for (const [i, m] of makers.entries()) {
        const placed = await post(m, {
          tokenId: stack.yes,
          side: SELL,
          price: BigInt(500_000 + i * 10_000),
          shares: 2n * SHARE_UNIT,
        });
        makerIds.push(String(placed.body["orderID"]));
      }
      const taker = await post(bob, { tokenId: stack.yes, side: BUY, price: 520_000n, shares: 5n * SHARE_UNIT });
      assert.equal(taker.body["status"], "matched");
      const trades = await confirmed(String(taker.body["orderID"]), 3);
      assert.equal(
        new Set(trades.map((t) => t["transaction_hash"])).size,
        1,
        "one transaction settles all three makers",
      );
      const book = await api<Json>(op.url, "GET", `/book?token_id=${stack.yes}`);
      assert.deepEqual(book.body["asks"], [{ price: "0.52", size: "1" }], "the last maker keeps its unfilled share");
      await cancelAll();
      // size_matched is what filled: the full size of the filled makers, the filled part of the cancelled one.
      const views = await Promise.all(makerIds.map((id) => api<Json>(op.url, "GET", `/data/order/${id}`)));
      assert.deepEqual(
        views.map((v) => [v.body["status"], v.body["size_matched"], v.body["remaining_size"]]),
        [
          ["MATCHED", "2", "0"],
          ["MATCHED", "2", "0"],
          ["CANCELED", "1", "0"],
        ],
      );
      const listed = await api<{ data: Json[] }>(op.url, "GET", `/data/orders?maker=${dave.address}&all=true`);
      const daveView = listed.body.data.find((o) => o["id"] === makerIds[2]);
      assert.equal(daveView?.["size_matched"], "1", "the list view agrees with the single-order view");
    });

    it("serves prices, spread, midpoint, history and paginated trades", async () => {
      await post(alice, { tokenId: stack.yes, side: SELL, price: 700_000n, shares: 2n * SHARE_UNIT });
      await post(bob, { tokenId: stack.yes, side: BUY, price: 300_000n, shares: 2n * SHARE_UNIT });
      assert.deepEqual((await api(op.url, "GET", `/price?token_id=${stack.yes}&side=BUY`)).body, { price: "0.7" });
      assert.deepEqual((await api(op.url, "GET", `/price?token_id=${stack.yes}&side=SELL`)).body, { price: "0.3" });
      assert.deepEqual((await api(op.url, "GET", `/midpoint?token_id=${stack.yes}`)).body, { mid: "0.5" });
      assert.deepEqual((await api(op.url, "GET", `/spread?token_id=${stack.yes}`)).body, { spread: "0.4" });
      const history = await api<{ history: { t: number; p: number }[] }>(
        op.url,
        "GET",
        `/prices-history?market=${stack.yes}&interval=1d&fidelity=1`,
      );
      assert.ok(history.body.history.length >= 1);
      assert.ok(history.body.history.every((h) => h.p > 0 && h.p < 1));
      const page1 = await api<{ data: Json[]; next_cursor: string }>(
        op.url,
        "GET",
        `/trades?market=${stack.conditionId}&limit=2`,
      );
      assert.equal(page1.body.data.length, 2);
      const page2 = await api<{ data: Json[]; next_cursor: string }>(
        op.url,
        "GET",
        `/trades?market=${stack.conditionId}&limit=2&next_cursor=${page1.body.next_cursor}`,
      );
      assert.ok(page2.body.data.length >= 1);
      assert.equal(
        new Set([...page1.body.data, ...page2.body.data].map((t) => t["id"])).size,
        page1.body.data.length + page2.body.data.length,
        "pages must not overlap",
      );
      const mine = await api<{ data: Json[] }>(op.url, "GET", `/data/trades?user=${dave.address}`);
      assert.ok(mine.body.data.length >= 2);
      await cancelAll();
    });

    it("accepts EIP-1271 wallet orders (checked through the chain) and settles them", async () => {
      const wallet = await (async () => {
        const { artifact } = await import("../../src/chain/abi.js");
        const a = artifact("ERC1271Wallet");
        const hash = await stack.wallet(alice).deployContract({
          abi: a.abi,
          bytecode: a.bytecode,
          args: [alice.address],
          account: alice.account,
          chain: undefined,
        });
        const receipt = await chain.client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
        if (!receipt.contractAddress) throw new Error("wallet deployment failed");
        return { address: receipt.contractAddress, abi: a.abi };
      })();
      await stack.write(stack.admin, stack.collateral, stack.abis.collateral, "mint", [
        wallet.address,
        100n * COLLATERAL_UNIT,
      ]);
      const { encodeFunctionData, maxUint256 } = await import("viem");
      await stack.write(alice, wallet.address, wallet.abi, "execute", [
        stack.collateral,
        encodeFunctionData({ abi: stack.abis.collateral, functionName: "approve", args: [stack.exchange, maxUint256] }),
      ]);
      const spec: OrderSpec = { tokenId: stack.yes, side: BUY, price: 400_000n, shares: 5n * SHARE_UNIT };
      const unsigned = { ...signer.build(wallet.address, spec), signatureType: 3 as const };
      const forged = await api<Json>(op.url, "POST", "/order", orderBody(signer.sign(bob.key, unsigned)));
      assert.equal(forged.body["error"], "INVALID_SIGNATURE", "the wallet must refuse a signature by someone else");
      const placed = await api<Json>(op.url, "POST", "/order", orderBody(signer.sign(alice.key, unsigned)));
      assert.equal(placed.status, 200, JSON.stringify(placed.body));
      const taker = await post(bob, { tokenId: stack.yes, side: SELL, price: 400_000n, shares: 5n * SHARE_UNIT });
      await confirmed(String(taker.body["orderID"]));
      const walletYes = await stack.read<bigint>(stack.ctf, stack.abis.ctf, "balanceOf", [wallet.address, stack.yes]);
      assert.equal(walletYes, 5n * SHARE_UNIT, "the wallet receives the shares it bought");
    });

    it("bounds a gas-burning EIP-1271 wallet: capped eth_call, refused, then refused without calling again", async () => {
      const { artifact } = await import("../../src/chain/abi.js");
      const a = artifact("GasBurningWallet");
      const hash = await stack.wallet(alice).deployContract({
        abi: a.abi,
        bytecode: a.bytecode,
        account: alice.account,
        chain: undefined,
      });
      const receipt = await chain.client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
      if (!receipt.contractAddress) throw new Error("burner deployment failed");
      const burner = receipt.contractAddress;
      const callsBefore = op.service.contractSignatures.calls;
      for (let i = 0n; i < 5n; i++) {
        const spec: OrderSpec = {
          tokenId: stack.yes,
          side: BUY,
          price: 300_000n + i * 10_000n,
          shares: 1n * SHARE_UNIT,
        };
        const unsigned = { ...signer.build(burner, spec), signatureType: 3 as const };
        const refused = await api<Json>(op.url, "POST", "/order", orderBody(signer.sign(alice.key, unsigned)));
        assert.equal(refused.status, 401, JSON.stringify(refused.body));
        assert.equal(refused.body["error"], "INVALID_SIGNATURE");
      }
      assert.equal(
        op.service.contractSignatures.calls - callsBefore,
        1,
        "after the first capped call runs out of gas, the wallet is refused without another eth_call",
      );
      const book = await api<Json>(op.url, "GET", `/book?token_id=${stack.yes}`);
      assert.ok(!JSON.stringify(book.body).includes(burner.toLowerCase()), "no order of the burner may be on the book");
      const honest = await post(alice, { tokenId: stack.yes, side: BUY, price: 100_000n, shares: 1n * SHARE_UNIT });
      assert.equal(honest.status, 200, "a valid order is served right after");
      await cancelAll();
    });

    it("accepts exactly the signatures the exchange's validateOrder accepts (differential)", async () => {
      const { artifact } = await import("../../src/chain/abi.js");
      const { encodeFunctionData, maxUint256, toHex, hexToBytes } = await import("viem");
      const deploy = async (name: string, args: unknown[]): Promise<Address> => {
        const a = artifact(name);
        const hash = await stack.wallet(alice).deployContract({
          abi: a.abi,
          bytecode: a.bytecode,
          args,
          account: alice.account,
          chain: undefined,
        });
        const receipt = await chain.client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
        if (!receipt.contractAddress) throw new Error(`${name} deployment failed`);
        return receipt.contractAddress;
      };
      const wallet = await deploy("ERC1271Wallet", [alice.address]);
      const walletAbi = artifact("ERC1271Wallet").abi;
      await stack.write(stack.admin, stack.collateral, stack.abis.collateral, "mint", [wallet, 100n * COLLATERAL_UNIT]);
      await stack.write(alice, wallet, walletAbi, "execute", [
        stack.collateral,
        encodeFunctionData({ abi: stack.abis.collateral, functionName: "approve", args: [stack.exchange, maxUint256] }),
      ]);
      const burner = await deploy("GasBurningWallet", []);
      const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
      const mutate = (signature: Hex, f: (bytes: Uint8Array) => Uint8Array): Hex => toHex(f(hexToBytes(signature)));
      let price = 10_000n;
      const order = (maker: Address, type: 0 | 3): SignedOrder => {
        price += 10_000n;
        const unsigned = { ...signer.build(maker, { tokenId: stack.yes, side: BUY, price, shares: 1n * SHARE_UNIT }) };
        return signer.sign(alice.key, { ...unsigned, signatureType: type });
      };
      const cases: { name: string; order: SignedOrder }[] = [];
      const eoa = (name: string, f: (sig: Hex) => Hex): void => {
        const o = order(alice.address, 0);
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
        const o = order(alice.address, 0);
        cases.push({ name: "signed by another key", order: signer.sign(bob.key, o) });
      }
      cases.push({ name: "EIP-1271 wallet, owner's signature", order: order(wallet, 3) });
      {
        const o = order(wallet, 3);
        cases.push({ name: "EIP-1271 wallet, stranger's signature", order: signer.sign(bob.key, o) });
      }
      cases.push({ name: "EIP-1271 on a contract without isValidSignature", order: order(stack.collateral, 3) });
      cases.push({ name: "EIP-1271 gas-burning wallet", order: order(burner, 3) });

      const verdicts: string[] = [];
      for (const c of cases) {
        const exchangeAccepts = await stack.read(stack.exchange, stack.abis.exchange, "validateOrder", [c.order]).then(
          () => true,
          () => false,
        );
        const answer = await api<Json>(op.url, "POST", "/order", orderBody(c.order));
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
      await cancelAll();
      await stack.write(alice, wallet, walletAbi, "execute", [
        stack.exchange,
        encodeFunctionData({ abi: stack.abis.exchange, functionName: "incrementNonce", args: [] }),
      ]);
    });

    it("cancels by signed message (one, all, by market) and refuses a forged cancel", async () => {
      const a = await post(alice, { tokenId: stack.yes, side: SELL, price: 800_000n, shares: 1n * SHARE_UNIT });
      const b = await post(alice, { tokenId: stack.yes, side: SELL, price: 810_000n, shares: 1n * SHARE_UNIT });
      const forged = await signCancel(stack, bob, 0, [a.body["orderID"] as Hex]);
      const forgedResult = await api<Json>(op.url, "DELETE", "/order", { ...forged, maker: alice.address });
      assert.equal(forgedResult.body["error"], "INVALID_SIGNATURE");
      const one = await api<Json>(
        op.url,
        "DELETE",
        "/order",
        await signCancel(stack, alice, 0, [a.body["orderID"] as Hex]),
      );
      assert.deepEqual(one.body["canceled"], [a.body["orderID"]]);
      const stale = await api<Json>(
        op.url,
        "DELETE",
        "/cancel-all",
        await signCancel(stack, alice, 1, [], undefined, 1n),
      );
      assert.equal(stale.body["error"], "CANCEL_EXPIRED");
      const byMarket = await api<Json>(
        op.url,
        "DELETE",
        "/cancel-market-orders",
        await signCancel(stack, alice, 2, [], stack.conditionId),
      );
      assert.deepEqual(byMarket.body["canceled"], [b.body["orderID"]]);
      const view = await api<Json>(op.url, "GET", `/data/order/${String(a.body["orderID"])}`);
      assert.equal(view.body["status"], "CANCELED");
      assert.equal(view.body["size_matched"], "0", "a cancelled order that never filled matched nothing");
    });

    it("drops orders cancelled on chain or invalidated by incrementNonce", async () => {
      const spec: OrderSpec = { tokenId: stack.yes, side: SELL, price: 900_000n, shares: 1n * SHARE_UNIT };
      const order = signer.signed(carol.key, carol.address, spec);
      const placed = await api<Json>(op.url, "POST", "/order", orderBody(order));
      const tuple = { ...order };
      await stack.write(carol, stack.exchange, stack.abis.exchange, "cancelOrder", [tuple]);
      await waitFor("on-chain cancel applied", async () =>
        (await api<Json>(op.url, "GET", `/data/order/${String(placed.body["orderID"])}`)).body["status"] === "CANCELED"
          ? true
          : undefined,
      );
      const other = await post(dave, { ...spec, price: 910_000n });
      await stack.write(dave, stack.exchange, stack.abis.exchange, "incrementNonce", []);
      const dropped = await waitFor("nonce increment applied", async () => {
        const view = (await api<Json>(op.url, "GET", `/data/order/${String(other.body["orderID"])}`)).body;
        return view["status"] === "CANCELED" ? view : undefined;
      });
      assert.equal(dropped["reason"], "NONCE_INCREMENTED");
      const fresh = await post(dave, { ...spec, nonce: 1n, price: 920_000n });
      assert.equal(fresh.status, 200, "orders with the new nonce are accepted");
      await cancelAll();
    });

    it("sends a book snapshot, then price changes and last trade prices on the market channel", async () => {
      const market = await wsClient(op.url.replace("http", "ws") + "/ws/market", {
        type: "market",
        assets_ids: [stack.yes.toString()],
      });
      await waitFor("initial snapshot", () =>
        market.messages.some((m) => m["event_type"] === "book") ? true : undefined,
      );
      await post(alice, { tokenId: stack.yes, side: SELL, price: 650_000n, shares: 3n * SHARE_UNIT });
      const change = await waitFor("price change with the new ask", () =>
        market.messages.find((m) => m["event_type"] === "price_change"),
      );
      // Each entry also carries Polymarket's per-entry fields (asset_id, hash, best_bid, best_ask).
      assert.deepEqual(change["price_changes"], [
        {
          asset_id: stack.yes.toString(),
          side: "SELL",
          price: "0.65",
          size: "3",
          hash: change["hash"],
          best_bid: null,
          best_ask: "0.65",
        },
      ]);
      assert.equal(change["best_ask"], "0.65");
      await post(bob, { tokenId: stack.yes, side: BUY, price: 650_000n, shares: 1n * SHARE_UNIT });
      const last = await waitFor("last trade price", () =>
        market.messages.find((m) => m["event_type"] === "last_trade_price"),
      );
      assert.equal(last["price"], "0.65");
      const shrink = await waitFor("level shrinks to 2", () =>
        market.messages.find(
          (m) => m["event_type"] === "price_change" && JSON.stringify(m["price_changes"]).includes('"size":"2"'),
        ),
      );
      assert.equal(shrink["asset_id"], stack.yes.toString());
      market.close();
      await cancelAll();
    });

    it("marks a settlement FAILED when the maker's funds left, drops the maker and restores the taker", async () => {
      // Slow event polling so the operator does not see the transfer before matching.
      await op.stop();
      op = await startTestOperator(stack, db, { OPERATOR_POLL_MS: "60000" });
      const resting = await post(carol, { tokenId: stack.yes, side: SELL, price: 500_000n, shares: 2n * SHARE_UNIT });
      const all = await balanceOf(carol, stack.yes);
      await stack.write(carol, stack.ctf, stack.abis.ctf, "safeTransferFrom", [
        carol.address,
        alice.address,
        stack.yes,
        all,
        "0x",
      ]);
      const taker = await post(bob, { tokenId: stack.yes, side: BUY, price: 500_000n, shares: 2n * SHARE_UNIT });
      assert.equal(taker.body["status"], "matched");
      const failed = await waitFor("trade FAILED", async () => {
        const { body } = await api<{ data: Json[] }>(op.url, "GET", `/data/order/${String(resting.body["orderID"])}`);
        return (body as unknown as Json)["status"] === "INVALID" ? (body as unknown as Json) : undefined;
      });
      assert.equal(failed["reason"], "INSUFFICIENT_BALANCE");
      const takerView = await waitFor("taker restored", async () => {
        const { body } = await api<Json>(op.url, "GET", `/data/order/${String(taker.body["orderID"])}`);
        return body["status"] === "LIVE" ? body : undefined;
      });
      assert.equal(takerView["remaining_size"], "2", "the taker's shares are back on the book");
      await stack.write(alice, stack.ctf, stack.abis.ctf, "safeTransferFrom", [
        alice.address,
        carol.address,
        stack.yes,
        all,
        "0x",
      ]);
      await op.stop();
      op = await startTestOperator(stack, db);
      await cancelAll();
    });

    it("rebroadcasts a settlement transaction the node dropped, with the same hash", async () => {
      await chain.rpc("evm_setAutomine", [false]);
      try {
        await post(alice, { tokenId: stack.yes, side: SELL, price: 600_000n, shares: 1n * SHARE_UNIT });
        const taker = await post(bob, { tokenId: stack.yes, side: BUY, price: 600_000n, shares: 1n * SHARE_UNIT });
        const sent = await waitFor("settlement SENT", async () => {
          await op.service.store.flush();
          const rows = await op.service.store.settlementsByStatus(["SENT"]);
          return rows.find((r) => r.taker_hash === taker.body["orderID"]);
        });
        const hash = sent.tx_hash as Hex;
        // SENT is stored before the broadcast: wait until the node has it, then drop it.
        await waitFor("broadcast", async () =>
          (await chain.client.getTransaction({ hash }).catch(() => undefined)) ? true : undefined,
        );
        assert.equal(
          await chain.rpc("hardhat_dropTransaction", [hash]),
          true,
          "the node must drop the pending transaction",
        );
        await waitFor(
          "rebroadcast",
          async () => ((await chain.client.getTransaction({ hash }).catch(() => undefined)) ? true : undefined),
          10_000,
        );
        await chain.rpc("evm_mine", []);
        const trades = await confirmed(String(taker.body["orderID"]));
        assert.equal(trades[0]?.["transaction_hash"], hash, "the same signed transaction is mined");
      } finally {
        await chain.rpc("evm_setAutomine", [true]);
      }
      await cancelAll();
    });

    it("rate-limits per maker address with 429 RATE_LIMITED", async () => {
      await op.stop();
      op = await startTestOperator(stack, db, { OPERATOR_RATE_LIMIT_PER_SEC: "1", OPERATOR_RATE_LIMIT_BURST: "2" });
      const spec: OrderSpec = { tokenId: stack.yes, side: SELL, price: 990_000n, shares: 1n * SHARE_UNIT };
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await post(alice, spec)).status);
      assert.deepEqual(statuses, [200, 200, 429]);
      const other = await post(carol, spec);
      assert.equal(other.status, 200, "another maker is not limited");
      await op.stop();
      op = await startTestOperator(stack, db);
      await cancelAll();
    });

    it("refuses to start with a key that is not an exchange operator", async () => {
      await assert.rejects(
        startTestOperator(stack, db, { OPERATOR_PRIVATE_KEY: dave.key }),
        /is not an operator of the exchange/,
      );
    });

    it("rebuilds the book after a restart and drops orders that became invalid meanwhile", async () => {
      const keep = await post(alice, { tokenId: stack.yes, side: SELL, price: 770_000n, shares: 1n * SHARE_UNIT });
      const spec: OrderSpec = { tokenId: stack.yes, side: SELL, price: 780_000n, shares: 1n * SHARE_UNIT };
      const gone = signer.signed(carol.key, carol.address, spec);
      const goneResult = await api<Json>(op.url, "POST", "/order", orderBody(gone));
      await op.stop();
      await stack.write(carol, stack.exchange, stack.abis.exchange, "cancelOrder", [{ ...gone }]);
      op = await startTestOperator(stack, db);
      const book = await api<Json>(op.url, "GET", `/book?token_id=${stack.yes}`);
      assert.deepEqual(book.body["asks"], [{ price: "0.77", size: "1" }]);
      const view = await api<Json>(op.url, "GET", `/data/order/${String(goneResult.body["orderID"])}`);
      assert.equal(view.body["status"], "CANCELED");
      assert.equal(view.body["reason"], "FILLED_OR_CANCELLED_ONCHAIN");
      assert.equal(
        (await api<Json>(op.url, "GET", `/data/order/${String(keep.body["orderID"])}`)).body["status"],
        "LIVE",
      );
      await cancelAll();
    });

    it("replaying the stored order log reproduces every stored trade in order", async () => {
      const store = op.service.store;
      await store.flush();
      const orders = new Map((await store.db.query<OrderRow>("SELECT * FROM orders")).map((row) => [row.hash, row]));
      const { fills } = replay(await store.bookEvents(), orders);
      const stored = (await store.db.query<TradeRow>("SELECT * FROM trades")).sort(
        (a, b) => a.settlement_id - b.settlement_id || Number(a.id.split(":")[1]) - Number(b.id.split(":")[1]),
      );
      assert.ok(stored.length >= 6, "the suite must have produced trades to replay");
      assert.deepEqual(
        fills.map((f) => [f.takerHash, f.makerHash, f.shares.toString(), f.type]),
        stored.map((t) => [t.taker_hash, t.maker_hash, t.shares, t.match_type]),
      );
    });
  });
}

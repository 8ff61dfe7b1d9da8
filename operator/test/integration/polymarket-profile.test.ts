/**
 * LOCAL TESTING ONLY: the Polymarket profile (chain 137, our Exchange at Polymarket's exchange
 * address under its domain name) lets `@polymarket/clob-client` 5.8.1 build, sign and post
 * orders itself — `createAndPostOrder` and `createAndPostMarketOrder` unchanged — and the trade
 * settles on chain.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { ClobClient, OrderType, Side, type Chain, type Trade } from "@polymarket/clob-client";
import { createWalletClient, http } from "viem";

import type { RunningOperator } from "../../src/app.js";
import { localChain } from "../../src/chain/chain.js";
import { deployStack, startChain, type LocalChain, type Stack, type Trader } from "../helpers/chain.js";
import { freshDataDir, startTestOperator, waitFor } from "../helpers/operator.js";
import {
  placeExchangeAt,
  POLYGON_CHAIN_ID,
  POLYMARKET_DOMAIN_NAME,
  POLYMARKET_EXCHANGE,
} from "../helpers/polymarket-profile.js";

type Json = Record<string, unknown>;

describe("Polymarket profile: the client's own order building against the operator", { concurrency: false }, () => {
  let chain: LocalChain;
  let stack: Stack;
  let op: RunningOperator;
  let alice: Trader, bob: Trader;

  const client = async (t: Trader): Promise<ClobClient> => {
    const wallet = createWalletClient({
      account: t.account,
      chain: localChain(POLYGON_CHAIN_ID, chain.rpcUrl),
      transport: http(chain.rpcUrl),
    });
    const l1 = new ClobClient(op.url, POLYGON_CHAIN_ID as Chain, wallet);
    return new ClobClient(op.url, POLYGON_CHAIN_ID as Chain, wallet, await l1.createOrDeriveApiKey());
  };

  before(async () => {
    chain = await startChain(POLYGON_CHAIN_ID);
    stack = await deployStack(chain, {
      traders: 2,
      domainName: POLYMARKET_DOMAIN_NAME,
      polymarketEvents: true,
      placeExchange: (deployed, deps) => placeExchangeAt(chain, deployed, POLYMARKET_EXCHANGE, deps),
    });
    [alice, bob] = stack.traders as [Trader, Trader];
    op = await startTestOperator(
      stack,
      { dataDir: freshDataDir() },
      { OPERATOR_CHAIN_ID: String(POLYGON_CHAIN_ID), OPERATOR_DOMAIN_NAME: POLYMARKET_DOMAIN_NAME },
    );
  });

  after(async () => {
    await op?.stop();
    await chain?.stop();
  });

  it("runs the exchange at Polymarket's address on chain 137", async () => {
    assert.equal(stack.exchange, POLYMARKET_EXCHANGE);
    assert.equal(await chain.client.getChainId(), POLYGON_CHAIN_ID);
    const health = (await (await fetch(`${op.url}/health`)).json()) as Json;
    assert.deepEqual([health["chainId"], health["exchange"]], [POLYGON_CHAIN_ID, POLYMARKET_EXCHANGE]);
    const events = await stack.read<boolean>(stack.exchange, stack.abis.exchange, "polymarketEvents", []);
    assert.equal(events, true, "the profile's exchange logs Polymarket's OrdersMatched and FeeCharged");
  });

  it("createAndPostOrder and createAndPostMarketOrder work unchanged and the trade settles", async () => {
    const yes = stack.yes.toString();
    const maker = await client(alice);
    const taker = await client(bob);
    const yesOfBob = () => stack.read<bigint>(stack.ctf, stack.abis.ctf, "balanceOf", [bob.address, stack.yes]);
    const before = await yesOfBob();
    const resting = (await maker.createAndPostOrder(
      { tokenID: yes, price: 0.66, size: 10, side: Side.SELL },
      undefined,
      OrderType.GTC,
    )) as Json;
    assert.deepEqual([resting["success"], resting["status"]], [true, "live"], JSON.stringify(resting));
    const market = (await taker.createAndPostMarketOrder(
      { tokenID: yes, amount: 5, side: Side.BUY },
      undefined,
      OrderType.FOK,
    )) as Json;
    assert.deepEqual([market["success"], market["status"]], [true, "matched"], JSON.stringify(market));
    const trade: Trade = await waitFor("the market order's trade confirmed", async () => {
      const trades = await taker.getTrades();
      const found = trades.find((t) => t.taker_order_id === market["orderID"]);
      return found?.status === "CONFIRMED" ? found : undefined;
    });
    assert.deepEqual([trade.price, trade.size, trade.maker_orders[0]?.order_id], ["0.66", "7.57", resting["orderID"]]);
    assert.equal((await yesOfBob()) - before, 7_570_000n, "bob received the 7.57 YES shares on chain");
    const matched = await chain.client.getContractEvents({
      address: stack.exchange,
      abi: stack.abis.exchange,
      eventName: "OrdersMatched",
      fromBlock: 0n,
    });
    assert.equal(matched.length, 1, "the settlement logged Polymarket's OrdersMatched once");
  });
});

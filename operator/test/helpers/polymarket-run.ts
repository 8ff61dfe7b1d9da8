/**
 * One run of the Polymarket clob-client suite: a local Hardhat node with our exchange deployed
 * under Polymarket's EIP-712 domain name, two markets (one kept quiet), three traders, and the
 * operator in process. The groups of test/integration/polymarket/ act on it one after another.
 *
 * ethers 5 appears here only because order-utils signs with an ethers Wallet.
 */
import assert from "node:assert/strict";

import { PRICE_SCALE } from "@forkcast/shared";
import { Wallet } from "@ethersproject/wallet";
import { type Chain, ClobClient, OrderType, type ApiKeyCreds } from "@polymarket/clob-client";
import { ExchangeOrderBuilder, Side as UtilsSide, type SignedOrder } from "@polymarket/order-utils";
import { createWalletClient, http, toHex, type WalletClient } from "viem";

import type { RunningOperator } from "../../src/app.js";
import { localChain } from "../../src/chain/chain.js";
import { deployStack, CHAIN_ID, startChain, type LocalChain, type Stack, type Trader } from "./chain.js";
import { freshDataDir, startTestOperator, waitFor } from "./operator.js";

export const POLYMARKET_DOMAIN_NAME = "Polymarket CTF Exchange";
export const HEARTBEAT_TIMEOUT_MS = 1_500;
export type Json = Record<string, unknown>;

export class PolymarketRun {
  chain!: LocalChain;
  stack!: Stack;
  op!: RunningOperator;
  alice!: Trader;
  bob!: Trader;
  carol!: Trader;
  quiet!: { conditionId: string; yes: bigint };
  /** Clients with derived credentials, by trader address. */
  readonly clients = new Map<string, ClobClient>();
  readonly creds = new Map<string, ApiKeyCreds>();

  async start(): Promise<void> {
    this.chain = await startChain();
    const stack = (this.stack = await deployStack(this.chain, { traders: 3, domainName: POLYMARKET_DOMAIN_NAME }));
    [this.alice, this.bob, this.carol] = stack.traders as [Trader, Trader, Trader];
    const second = await stack.addMarket(toHex("quiet-market", { size: 32 }));
    this.quiet = { conditionId: second.conditionId, yes: second.yes };
    this.op = await startTestOperator(
      stack,
      { dataDir: freshDataDir() },
      {
        OPERATOR_DOMAIN_NAME: POLYMARKET_DOMAIN_NAME,
        OPERATOR_HEARTBEAT_TIMEOUT_MS: String(HEARTBEAT_TIMEOUT_MS),
        OPERATOR_API_KEY_SECRET: `0x${"ab".repeat(32)}`,
      },
    );
    await waitFor("both markets discovered", async () => {
      const markets = (await this.client(this.alice).getMarkets()) as { data: Json[] };
      return markets.data.length === 2 ? true : undefined;
    });
  }

  async stop(): Promise<void> {
    await this.op?.stop();
    await this.chain?.stop();
  }

  walletOf(t: Trader): WalletClient {
    return createWalletClient({
      account: t.account,
      chain: localChain(CHAIN_ID, this.chain.rpcUrl),
      transport: http(this.chain.rpcUrl),
    });
  }

  /** A client as a bot builds it: host, chain id, signer, optional credentials; throwOnError for refusals. */
  client(t: Trader, c?: ApiKeyCreds, throwOnError = false): ClobClient {
    return new ClobClient(
      this.op.url,
      // The client's type lists Polygon and Amoy only; at run time any chain id works for L1 auth.
      CHAIN_ID as Chain,
      this.walletOf(t),
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
  }

  authed(t: Trader): ClobClient {
    const found = this.clients.get(t.address);
    if (!found) throw new Error(`no client for ${t.address}: derive its key first`);
    return found;
  }

  /** Signs with @polymarket/order-utils for our exchange address, `shares` at `priceMicros`. */
  sign(
    t: Trader,
    side: "BUY" | "SELL",
    priceMicros: bigint,
    shares: bigint,
    token = this.stack.yes,
  ): Promise<SignedOrder> {
    const collateral = (shares * priceMicros) / PRICE_SCALE;
    return side === "BUY"
      ? this.signAmounts(t, side, collateral, shares, token)
      : this.signAmounts(t, side, shares, collateral, token);
  }

  /** Signs exact maker and taker amounts, as the client's market orders do (not always a tick price). */
  signAmounts(
    t: Trader,
    side: "BUY" | "SELL",
    makerAmount: bigint,
    takerAmount: bigint,
    token = this.stack.yes,
  ): Promise<SignedOrder> {
    const builder = new ExchangeOrderBuilder(this.stack.exchange, CHAIN_ID, new Wallet(t.key));
    return builder.buildSignedOrder({
      maker: t.address,
      signer: t.address,
      taker: "0x0000000000000000000000000000000000000000",
      tokenId: token.toString(),
      makerAmount: makerAmount.toString(),
      takerAmount: takerAmount.toString(),
      side: side === "BUY" ? UtilsSide.BUY : UtilsSide.SELL,
      feeRateBps: "0",
      nonce: "0",
    });
  }

  async post(t: Trader, side: "BUY" | "SELL", priceMicros: bigint, shares: bigint): Promise<string> {
    const result = (await this.authed(t).postOrder(
      await this.sign(t, side, priceMicros, shares),
      OrderType.GTC,
    )) as Json;
    assert.equal(result["success"], true, `postOrder failed: ${JSON.stringify(result)}`);
    return String(result["orderID"]);
  }
}

/**
 * One run of the operator integration suite on one storage backend: a local Hardhat node with
 * the contracts, four funded traders, the operator in process, and the requests the tests share.
 * The groups of test/integration/operator/ all act on the same run, one after another, so the
 * last test can replay everything the run stored.
 */
import { SHARE_UNIT, type SignedOrder } from "@forkcast/shared";

import type { RunningOperator } from "../../src/app.js";
import { startPostgres, type TempPostgres } from "../../../scripts/lib/services.ts";
import { deployStack, startChain, type LocalChain, type Stack, type Trader } from "./chain.js";
import { api, freshDataDir, signCancel, startTestOperator, waitFor, type DbChoice } from "./operator.js";
import { OrderSigner, orderBody, type OrderSpec } from "./orders.js";

export type Json = Record<string, unknown>;
export type Backend = "pglite" | "postgres";
export const BUY = 0 as const;
export const SELL = 1 as const;

export class OperatorRun {
  chain!: LocalChain;
  stack!: Stack;
  pg: TempPostgres | undefined;
  db!: DbChoice;
  op!: RunningOperator;
  signer!: OrderSigner;
  alice!: Trader;
  bob!: Trader;
  carol!: Trader;
  dave!: Trader;

  constructor(readonly backend: Backend) {}

  async start(): Promise<void> {
    if (this.backend === "postgres") {
      this.pg = await startPostgres();
      this.db = { databaseUrl: this.pg.url };
    } else {
      this.db = { dataDir: freshDataDir() };
    }
    this.chain = await startChain();
    this.stack = await deployStack(this.chain, { traders: 4 });
    [this.alice, this.bob, this.carol, this.dave] = this.stack.traders as [Trader, Trader, Trader, Trader];
    this.signer = new OrderSigner(31337, this.stack.exchange);
    this.op = await startTestOperator(this.stack, this.db);
  }

  async stop(): Promise<void> {
    await this.op?.stop();
    await this.chain?.stop();
    await this.pg?.stop();
  }

  /** An order of whole `shares` on the market's YES or NO token. */
  spec(outcome: "yes" | "no", side: 0 | 1, price: bigint, shares: bigint): OrderSpec {
    return { tokenId: this.stack[outcome], side, price, shares: shares * SHARE_UNIT };
  }

  signed(trader: Trader, spec: OrderSpec): SignedOrder {
    return this.signer.signed(trader.key, trader.address, spec);
  }

  post(trader: Trader, spec: OrderSpec, type: "GTC" | "GTD" | "FOK" | "FAK" = "GTC", postOnly = false) {
    return api<Json>(this.op.url, "POST", "/order", orderBody(this.signed(trader, spec), type, postOnly));
  }

  balanceOf(who: Trader, token: bigint): Promise<bigint> {
    return this.stack.read<bigint>(this.stack.ctf, this.stack.abis.ctf, "balanceOf", [who.address, token]);
  }

  usdOf(who: Trader): Promise<bigint> {
    return this.stack.read<bigint>(this.stack.collateral, this.stack.abis.collateral, "balanceOf", [who.address]);
  }

  async tradesOf(takerHash: string): Promise<Json[]> {
    const { body } = await api<{ data: Json[] }>(
      this.op.url,
      "GET",
      `/trades?market=${this.stack.conditionId}&limit=500`,
    );
    return body.data.filter((t) => t["taker_order_id"] === takerHash);
  }

  confirmed(takerHash: string, count = 1): Promise<Json[]> {
    return waitFor(`trades of ${takerHash} CONFIRMED`, async () => {
      const trades = await this.tradesOf(takerHash);
      return trades.length === count && trades.every((t) => t["status"] === "CONFIRMED") ? trades : undefined;
    });
  }

  async cancelAll(): Promise<void> {
    for (const t of [this.alice, this.bob, this.carol, this.dave])
      await api(this.op.url, "DELETE", "/cancel-all", await signCancel(this.stack, t, 1));
  }
}

/**
 * Sends matches to the exchange and follows them to finality.
 *
 * Exactly-once: for each settlement the operator (1) simulates matchOrders, (2) signs the
 * transaction with an explicit account nonce, (3) stores the raw signed transaction and its
 * hash (status SENT) and commits, and only then (4) broadcasts it. Every later attempt —
 * resubmission after a drop, recovery after a crash — rebroadcasts the same raw transaction,
 * so a settlement can be mined at most once whatever happens between the steps.
 *
 * Trade status: MATCHED (stored) → MINED (receipt seen) → CONFIRMED (`confirmations` blocks),
 * or FAILED (simulation refused it, or the transaction reverted).
 */
import { BaseError, encodeFunctionData, keccak256, type Hex, type PrivateKeyAccount } from "viem";

import { decodeRevert, findRevertData, revertSignature } from "@forkcast/shared";

import type { ChainReader } from "../chain/chain.js";
import { exchangeAbi } from "../chain/abi.js";
import type { Store } from "../db/store.js";
import type { Logger } from "../log.js";
import type { SettlementPlan } from "../core/context.js";
import type { SettlementOutcomes } from "../lifecycle/settlement.js";

/** Rebroadcast a SENT transaction that no node knows about after this long. */
const RESEND_AFTER_MS = 3_000;
const GAS_HEADROOM_PERCENT = 130n;
/** Settlements simulated in parallel and stored in one commit. */
const SEND_BATCH = 32;

interface Flight {
  plan: SettlementPlan;
  sentAt: number;
}

export class Settler {
  private readonly abi = exchangeAbi;
  private readonly pending: SettlementPlan[] = [];
  private readonly inFlight = new Map<number, Flight>();
  private readonly mined = new Map<number, { plan: SettlementPlan; block: bigint; tx: Hex }>();
  private nonce: number | undefined;
  /** Highest account nonce given to a stored transaction (-1: none yet in this process). */
  private highestNonce = -1;
  private sending = false;
  private polling = false;
  private timer: NodeJS.Timeout | undefined;
  private kickTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly service: SettlementOutcomes,
    private readonly chain: ChainReader,
    private readonly store: Store,
    private readonly account: PrivateKeyAccount,
    private readonly options: { confirmations: number; pollMs: number; batchMs: number },
    private readonly log: Logger,
  ) {}

  /** Registers a settlement: PENDING ones are sent, SENT/MINED ones are followed (used by intake and recovery). */
  track(plan: SettlementPlan): void {
    if (plan.row.status === "PENDING") this.pending.push(plan);
    else if (plan.row.status === "SENT") this.inFlight.set(plan.row.id, { plan, sentAt: 0 });
    else if (plan.row.status === "MINED" && plan.row.tx_hash && plan.row.block_number !== null) {
      this.mined.set(plan.row.id, { plan, block: BigInt(plan.row.block_number), tx: plan.row.tx_hash as Hex });
    }
  }

  /**
   * After a restart: rebroadcasts every SENT transaction (same bytes) before anything new is
   * signed, and starts the local nonce after the highest one already used.
   */
  async resumeInFlight(): Promise<void> {
    let next = await this.chain.client.getTransactionCount({ address: this.account.address, blockTag: "pending" });
    for (const flight of this.inFlight.values()) {
      if (flight.plan.row.raw_tx) await this.broadcast(flight.plan.row.raw_tx as Hex);
      if (flight.plan.row.tx_nonce !== null) {
        next = Math.max(next, flight.plan.row.tx_nonce + 1);
        this.highestNonce = Math.max(this.highestNonce, flight.plan.row.tx_nonce);
      }
      flight.sentAt = Date.now();
    }
    this.nonce = next;
  }

  kick(): void {
    if (this.kickTimer || this.stopped) return;
    this.kickTimer = setTimeout(() => {
      this.kickTimer = undefined;
      void this.sendPending();
    }, this.options.batchMs);
  }

  start(): void {
    this.stopped = false;
    const loop = (): void => {
      if (this.stopped) return;
      void this.poll().finally(() => {
        if (!this.stopped) this.timer = setTimeout(loop, this.options.pollMs);
      });
    };
    loop();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.kickTimer) clearTimeout(this.kickTimer);
    while (this.sending || this.polling) await new Promise((r) => setTimeout(r, 10));
  }

  get backlog(): number {
    return this.pending.length + this.inFlight.size + this.mined.size;
  }

  private async sendPending(): Promise<void> {
    if (this.sending || this.stopped) return;
    this.sending = true;
    let batch: SettlementPlan[] = [];
    try {
      const count = await this.chain.client.getTransactionCount({ address: this.account.address, blockTag: "pending" });
      // Never reuse a nonce already given to a stored transaction, broadcast or not.
      this.nonce = Math.max(this.nonce ?? 0, count, this.highestNonce + 1);
      const fees = await this.chain.client.estimateFeesPerGas();
      while (this.pending.length > 0 && !this.stopped) {
        batch = this.pending.splice(0, SEND_BATCH);
        await this.sendBatch(batch, fees.maxFeePerGas, fees.maxPriorityFeePerGas);
        batch = [];
      }
    } catch (error) {
      this.log.error("settlement send loop failed; will retry", { error: String(error).slice(0, 300) });
      // Plans not yet stored as SENT go back to the front of the queue.
      this.pending.unshift(...batch.filter((plan) => plan.row.status === "PENDING"));
    } finally {
      this.sending = false;
    }
    if (this.pending.length > 0 && !this.stopped) this.kick();
  }

  /**
   * Simulates a batch of settlements in parallel (each against the latest state), then signs the
   * good ones with consecutive nonces, stores them as SENT in one commit, and only then
   * broadcasts them in nonce order. Refused simulations fail their settlement.
   */
  private async sendBatch(batch: SettlementPlan[], maxFeePerGas: bigint, maxPriorityFeePerGas: bigint): Promise<void> {
    const prepared = await Promise.all(
      batch.map(async (plan): Promise<{ plan: SettlementPlan; data?: Hex; gas?: bigint; error?: string }> => {
        let data: Hex;
        try {
          const call = this.service.settlementCall(plan);
          data = encodeFunctionData({
            abi: this.abi,
            functionName: "matchOrders",
            // A SignedOrder is the exchange's Order struct field for field: viem encodes it as the tuple.
            args: [call.taker, call.makers, call.takerFillAmount, call.makerFillAmounts],
          });
        } catch (error) {
          return { plan, error: `could not build matchOrders: ${String(error)}` };
        }
        try {
          return {
            plan,
            data,
            gas: await this.chain.client.estimateGas({
              account: this.account.address,
              to: this.chain.book.exchange,
              data,
            }),
          };
        } catch (error) {
          return { plan, error: this.describe(error) };
        }
      }),
    );
    const toSend: { plan: SettlementPlan; raw: Hex }[] = [];
    const now = Date.now();
    for (const entry of prepared) {
      if (entry.error !== undefined || entry.data === undefined || entry.gas === undefined) continue;
      const nonce = this.nonce as number;
      const raw = await this.account.signTransaction({
        chainId: this.chain.chainId,
        type: "eip1559",
        to: this.chain.book.exchange,
        data: entry.data,
        nonce,
        gas: (entry.gas * GAS_HEADROOM_PERCENT) / 100n,
        maxFeePerGas,
        maxPriorityFeePerGas,
      });
      const txHash = keccak256(raw);
      const plan = entry.plan;
      Object.assign(plan.row, {
        status: "SENT",
        tx_hash: txHash,
        tx_nonce: nonce,
        raw_tx: raw,
        attempts: plan.row.attempts + 1,
        updated_ms: now,
      });
      this.store.updateSettlement(plan.row.id, {
        status: "SENT",
        tx_hash: txHash,
        tx_nonce: nonce,
        raw_tx: raw,
        attempts: plan.row.attempts,
        updated_ms: now,
      });
      this.nonce = nonce + 1;
      this.highestNonce = nonce;
      toSend.push({ plan, raw });
    }
    // Persist the intents (raw tx + hash) BEFORE broadcasting: recovery rebroadcasts the same bytes.
    if (toSend.length > 0) await this.store.commit();
    for (const { plan, raw } of toSend) {
      this.inFlight.set(plan.row.id, { plan, sentAt: now });
      await this.broadcast(raw);
    }
    for (const entry of prepared) if (entry.error !== undefined) await this.fail(entry.plan, entry.error, null);
  }

  private async broadcast(raw: Hex): Promise<void> {
    try {
      await this.chain.client.sendRawTransaction({ serializedTransaction: raw });
    } catch (error) {
      const message = String(error);
      // Already known / already mined: the same bytes are in; the receipt poll settles it.
      if (!/already known|nonce too low|known transaction|already imported/i.test(message))
        this.log.warn("broadcast failed; will retry", { error: message.slice(0, 300) });
    }
  }

  /** The failure reason stored with a trade: the decoded custom error, else the raw data or message. */
  private describe(error: unknown): string {
    const revert = decodeRevert(error);
    if (revert.name !== "Unknown") return revertSignature(revert);
    const data = findRevertData(error);
    if (data) return `reverted with ${data.slice(0, 74)}`;
    return error instanceof BaseError ? error.shortMessage : String(error);
  }

  private async fail(plan: SettlementPlan, reason: string, txHash: Hex | null): Promise<void> {
    this.log.warn("settlement failed", { settlement: plan.row.id, reason });
    const now = Date.now();
    Object.assign(plan.row, { status: "FAILED", error: reason, updated_ms: now });
    this.store.updateSettlement(plan.row.id, { status: "FAILED", error: reason.slice(0, 1000), updated_ms: now });
    await this.service.settlementFailed(plan, reason, txHash, now);
  }

  /** Follows SENT and MINED settlements: receipts, confirmations, rebroadcasts. */
  private async poll(): Promise<void> {
    if (this.polling || (this.inFlight.size === 0 && this.mined.size === 0)) return;
    this.polling = true;
    try {
      const head = await this.chain.blockNumber();
      const flights = [...this.inFlight.values()];
      const receipts = await Promise.all(
        flights.map((f) =>
          this.chain.client.getTransactionReceipt({ hash: f.plan.row.tx_hash as Hex }).catch(() => undefined),
        ),
      );
      let changed = false;
      for (let i = 0; i < flights.length; i++) {
        const flight = flights[i] as Flight;
        const receipt = receipts[i];
        const plan = flight.plan;
        if (!receipt) {
          if (Date.now() - flight.sentAt > RESEND_AFTER_MS && plan.row.raw_tx) {
            const known = await this.chain.client
              .getTransaction({ hash: plan.row.tx_hash as Hex })
              .catch(() => undefined);
            if (!known) {
              const used = await this.chain.client.getTransactionCount({
                address: this.account.address,
                blockTag: "latest",
              });
              if (plan.row.tx_nonce !== null && used > plan.row.tx_nonce) {
                // Mined meanwhile (the next poll sees it), or its nonce went to another transaction.
                const again = await this.chain.client
                  .getTransactionReceipt({ hash: plan.row.tx_hash as Hex })
                  .catch(() => undefined);
                if (!again) {
                  this.inFlight.delete(plan.row.id);
                  await this.fail(plan, "transaction dropped: its nonce was used by another transaction", null);
                }
                continue;
              }
              await this.broadcast(plan.row.raw_tx as Hex);
            }
            flight.sentAt = Date.now();
          }
          continue;
        }
        this.inFlight.delete(plan.row.id);
        if (receipt.status === "reverted") {
          await this.fail(plan, "transaction reverted", receipt.transactionHash);
          continue;
        }
        const now = Date.now();
        Object.assign(plan.row, { status: "MINED", block_number: Number(receipt.blockNumber), updated_ms: now });
        this.store.updateSettlement(plan.row.id, {
          status: "MINED",
          block_number: Number(receipt.blockNumber),
          updated_ms: now,
        });
        this.service.settlementProgress(plan, "MINED", receipt.transactionHash, now);
        this.mined.set(plan.row.id, { plan, block: receipt.blockNumber, tx: receipt.transactionHash });
        changed = true;
      }
      for (const [id, entry] of this.mined) {
        if (head + 1n - entry.block < BigInt(this.options.confirmations)) continue;
        this.mined.delete(id);
        const now = Date.now();
        Object.assign(entry.plan.row, { status: "CONFIRMED", updated_ms: now });
        this.store.updateSettlement(id, { status: "CONFIRMED", updated_ms: now });
        this.service.settlementProgress(entry.plan, "CONFIRMED", entry.tx, now);
        changed = true;
      }
      if (changed) await this.store.commit();
    } catch (error) {
      this.log.error("settlement poll failed", { error: String(error).slice(0, 300) });
    } finally {
      this.polling = false;
    }
  }
}

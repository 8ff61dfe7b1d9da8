/**
 * Chain truth for crash tests: compares what the operator says it traded with what the
 * exchange emitted and stores. Every trade must be CONFIRMED with one maker-leg `OrderFilled`
 * in its transaction (none lost, none doubled), and every order's consumed amount on chain
 * (`getOrderStatus`) must equal what the operator reports as matched.
 */
import { parseUnits6, PRICE_SCALE } from "@forkcast/shared";
import { decodeEventLog, type Hex } from "viem";

import { api, waitFor } from "./operator.js";
import { type Stack } from "./chain.js";

type Json = Record<string, unknown>;

export async function allTrades(url: string, market: Hex): Promise<Json[]> {
  const all: Json[] = [];
  let cursor = "";
  for (;;) {
    const { status, body } = await api<{ data: Json[]; next_cursor: string }>(
      url,
      "GET",
      `/trades?market=${market}&limit=500${cursor ? `&next_cursor=${cursor}` : ""}`,
    );
    if (status !== 200) throw new Error(`GET /trades answered ${status}`);
    all.push(...body.data);
    if (body.next_cursor === "LTE=") return all;
    cursor = body.next_cursor;
  }
}

/** Waits until no trade is MATCHED/MINED any more; fails on a FAILED trade (an acknowledged match was lost). */
export async function finalTrades(url: string, market: Hex, timeoutMs = 30_000): Promise<Json[]> {
  return waitFor(
    "every trade CONFIRMED",
    async () => {
      const trades = await allTrades(url, market);
      const failed = trades.filter((t) => t["status"] === "FAILED");
      if (failed.length > 0) throw new Error(`trades FAILED after the crash: ${JSON.stringify(failed.slice(0, 3))}`);
      return trades.every((t) => t["status"] === "CONFIRMED") ? trades : undefined;
    },
    timeoutMs,
  );
}

interface Fill {
  readonly orderHash: Hex;
  readonly tx: Hex;
  readonly takerLeg: boolean;
}

export async function orderFilledEvents(stack: Stack): Promise<Fill[]> {
  const logs = await stack.chain.client.getLogs({ address: stack.exchange, fromBlock: 0n });
  const fills: Fill[] = [];
  for (const log of logs) {
    let event;
    try {
      event = decodeEventLog({ abi: stack.abis.exchange, data: log.data, topics: log.topics });
    } catch {
      continue; // not an event of this ABI
    }
    if (event.eventName !== "OrderFilled" || !log.transactionHash) continue;
    const args = event.args as unknown as { orderHash: Hex; taker: string };
    fills.push({
      orderHash: args.orderHash.toLowerCase() as Hex,
      tx: log.transactionHash.toLowerCase() as Hex,
      takerLeg: args.taker.toLowerCase() === stack.exchange.toLowerCase(),
    });
  }
  return fills;
}

const count = (keys: string[]): [string, number][] => {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
};

/** The maker-asset amount of `shares` for an order at `price` (BUY gives collateral, SELL gives shares). */
function makerAsset(side: unknown, price: bigint, shares: bigint): bigint {
  return side === "BUY" ? (shares * price) / PRICE_SCALE : shares;
}

export interface Reconciliation {
  readonly trades: Json[];
  /** Problems found; empty when the operator and the chain agree. */
  readonly problems: string[];
}

/**
 * Compares the operator (at `url`) with the chain. `orders` are hashes whose consumed amount
 * must agree (every order the test had acknowledged, plus every order in a trade).
 */
export async function reconcile(url: string, stack: Stack, orders: Iterable<string>): Promise<Reconciliation> {
  const trades = await finalTrades(url, stack.conditionId);
  const fills = await orderFilledEvents(stack);
  const problems: string[] = [];

  // One maker-leg OrderFilled per trade, in the trade's own transaction.
  const operatorLegs = trades.map((t) => {
    const maker = (t["maker_orders"] as Json[])[0] as Json;
    return `${String(maker["order_id"]).toLowerCase()}@${String(t["transaction_hash"]).toLowerCase()}`;
  });
  const chainLegs = fills.filter((f) => !f.takerLeg).map((f) => `${f.orderHash}@${f.tx}`);
  const a = count(operatorLegs);
  const b = count(chainLegs);
  if (JSON.stringify(a) !== JSON.stringify(b)) {
    const chainMap = new Map(b);
    const opMap = new Map(a);
    const lost = a.filter(([k, n]) => (chainMap.get(k) ?? 0) < n).map(([k]) => k);
    const extra = b.filter(([k, n]) => (opMap.get(k) ?? 0) < n).map(([k]) => k);
    problems.push(
      `maker fills differ: on the operator but not (as often) on chain: ${lost.slice(0, 5).join(", ")}; on chain but not in the operator's trades: ${extra.slice(0, 5).join(", ")}`,
    );
  }
  // Each taker order: one taker-leg OrderFilled per settlement transaction it appears in.
  const takerTx = new Set(
    trades.map((t) => `${String(t["taker_order_id"]).toLowerCase()}@${String(t["transaction_hash"]).toLowerCase()}`),
  );
  const takerFills = count(fills.filter((f) => f.takerLeg).map((f) => `${f.orderHash}@${f.tx}`));
  for (const [key, n] of takerFills) if (n !== 1) problems.push(`taker fill ${key} appears ${n} times on chain`);
  for (const key of takerTx)
    if (!takerFills.some(([k]) => k === key)) problems.push(`taker fill ${key} of the operator is not on chain`);

  // Consumed amounts: the chain's getOrderStatus against the operator's size_matched.
  const hashes = new Set<string>([...orders].map((h) => h.toLowerCase()));
  for (const t of trades) {
    hashes.add(String(t["taker_order_id"]).toLowerCase());
    hashes.add(String(((t["maker_orders"] as Json[])[0] as Json)["order_id"]).toLowerCase());
  }
  for (const hash of hashes) {
    const { status, body: view } = await api<Json>(url, "GET", `/data/order/${hash}`);
    if (status !== 200) {
      problems.push(`order ${hash} is unknown to the operator (${status})`);
      continue;
    }
    const price = parseUnits6(String(view["price"]));
    const original = makerAsset(view["side"], price, parseUnits6(String(view["original_size"])));
    const matched = makerAsset(view["side"], price, parseUnits6(String(view["size_matched"])));
    const [filledOrCancelled, remaining] = await stack.read<readonly [boolean, bigint]>(
      stack.exchange,
      stack.abis.exchange,
      "getOrderStatus",
      [hash],
    );
    // (false, 0): never touched on chain; (true, 0): fully filled (or cancelled on chain).
    const consumed = remaining === 0n ? (filledOrCancelled ? original : 0n) : original - remaining;
    if (consumed !== matched)
      problems.push(
        `order ${hash} (${String(view["status"])}): chain consumed ${consumed}, operator matched ${matched} of ${original}`,
      );
  }
  return { trades, problems };
}

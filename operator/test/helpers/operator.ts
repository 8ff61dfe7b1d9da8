/** Starts the operator in process against a deployed stack with a chosen database. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { CANCEL_TYPES, cancelDomain, type ExchangeDomain } from "@forkcast/shared";
import type { Hex } from "viem";
import WebSocket from "ws";

import { startOperator, type RunningOperator } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { CHAIN_ID, type Stack, type Trader } from "./chain.js";

export interface DbChoice {
  readonly databaseUrl?: string;
  readonly dataDir?: string;
}

export function freshDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), "forkcast-pglite-"));
}

export function operatorEnv(
  stack: Stack,
  db: DbChoice,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    OPERATOR_RPC_URL: stack.chain.rpcUrl,
    OPERATOR_CHAIN_ID: String(CHAIN_ID),
    OPERATOR_ADDRESS_BOOK: stack.addressBookPath,
    OPERATOR_PRIVATE_KEY: stack.operator.key,
    OPERATOR_PORT: "0",
    OPERATOR_DATA_DIR: db.dataDir ?? freshDataDir(),
    ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
    OPERATOR_POLL_MS: "50",
    OPERATOR_SETTLE_BATCH_MS: "5",
    OPERATOR_DEFAULT_MIN_SIZE: "1000000",
    OPERATOR_LOG_LEVEL: "silent",
    ...overrides,
  };
}

export function startTestOperator(
  stack: Stack,
  db: DbChoice,
  overrides: Record<string, string> = {},
): Promise<RunningOperator> {
  return startOperator(loadConfig(operatorEnv(stack, db, overrides)));
}

export async function api<T = unknown>(
  base: string,
  method: string,
  route: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${base}${route}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

let lastCancelTimestamp = 0n;
/** A fresh cancel timestamp: now, or one second past the previous one (each signed cancel is usable once). */
function nextCancelTimestamp(): bigint {
  const now = BigInt(Math.floor(Date.now() / 1000));
  lastCancelTimestamp = now > lastCancelTimestamp ? now : lastCancelTimestamp + 1n;
  return lastCancelTimestamp;
}

export async function signCancel(
  stack: Stack,
  trader: Trader,
  scope: 0 | 1 | 2,
  orderHashes: Hex[] = [],
  market: Hex = `0x${"0".repeat(64)}`,
  timestamp = nextCancelTimestamp(),
  domain: ExchangeDomain = cancelDomain(CHAIN_ID, stack.exchange),
): Promise<Record<string, unknown>> {
  const signature = await trader.account.signTypedData({
    domain,
    types: CANCEL_TYPES,
    primaryType: "Cancel",
    message: { maker: trader.address, scope, orderHashes, market, timestamp },
  });
  return { maker: trader.address, scope, orderHashes, market, timestamp: timestamp.toString(), signature };
}

/** Polls `check` until it returns a value (not undefined) or the timeout passes. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A WebSocket client that records every JSON message. */
export async function wsClient(
  url: string,
  subscribe: unknown,
): Promise<{ messages: Record<string, unknown>[]; close(): void }> {
  const ws = new WebSocket(url);
  const messages: Record<string, unknown>[] = [];
  ws.on("message", (data) => {
    const text = data.toString();
    if (text !== "PONG") messages.push(JSON.parse(text) as Record<string, unknown>);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  ws.send(JSON.stringify(subscribe));
  return { messages, close: () => ws.close() };
}

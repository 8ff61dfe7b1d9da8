/**
 * Polymarket CLOB compatibility: API keys (L1/L2 auth), the CLOB routes, the heartbeat
 * dead-man switch and the WebSocket user-channel authentication, wired onto the operator with
 * `mount` (HTTP) and `wsAuth` (WebSocket). See docs/operator-api.md, "From a Polymarket bot".
 */
import type { IncomingMessage } from "node:http";

import type { Hono } from "hono";

import { exchangeAbi } from "../chain/abi.js";
import type { RouteModule } from "../api/request.js";
import type { Core } from "../core/context.js";
import { drop } from "../lifecycle/cancel.js";
import { upsertMarket } from "../lifecycle/markets.js";
import { Heartbeats } from "./heartbeats.js";
import { ApiKeyStore } from "./keys.js";
import { questionFromChain } from "./questions.js";
import { createPolymarketApp } from "./routes.js";
import { POLY_API_KEY_HEADER } from "./auth.js";

/** Whether a raw Node request carries an API key (so it must not take the unauthenticated fast path). */
export function hasPolyApiKey(req: IncomingMessage): boolean {
  return req.headers[POLY_API_KEY_HEADER] !== undefined;
}

/** Reason on the orders the dead-man switch cancels (in REST views and user-channel messages). */
export const HEARTBEAT_EXPIRED = "HEARTBEAT_EXPIRED";
const SWEEP_MS = 250;
const QUESTION_POLL_MS = 1_000;
const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

export class PolymarketCompat {
  readonly app: Hono;
  private timer: NodeJS.Timeout | undefined;
  private questionTimer: NodeJS.Timeout | undefined;
  /** Markets whose question was looked up on chain (found or not): looked up once. */
  private readonly questionsLooked = new Set<string>();
  private readonly negRiskCache = new Map<string, Promise<boolean>>();

  private constructor(
    private readonly service: Core,
    readonly keys: ApiKeyStore,
    readonly heartbeats: Heartbeats,
  ) {
    this.app = createPolymarketApp({ core: service, keys, heartbeats, negRisk: (token) => this.negRisk(token) });
  }

  static async open(service: Core): Promise<PolymarketCompat> {
    const keys = await ApiKeyStore.open(service.store.db, service.store, service.config.apiKeySecret);
    const holder: { compat?: PolymarketCompat } = {};
    const heartbeats = new Heartbeats(service.config.heartbeatTimeoutMs, async (_apiKey, address) => {
      await holder.compat?.cancelAllOf(address, HEARTBEAT_EXPIRED);
    });
    holder.compat = new PolymarketCompat(service, keys, heartbeats);
    return holder.compat;
  }

  /** Cancels every open order of `address` with `reason`; returns how many. */
  async cancelAllOf(address: string, reason: string): Promise<number> {
    const rows = await this.service.store.userOrders(address, { openOnly: true, limit: 100_000 });
    const count = await drop(
      this.service,
      rows.map((r) => r.hash),
      "CANCELED",
      reason,
    );
    if (count > 0) this.service.log.info("dead-man switch cancelled orders", { address, count, reason });
    return count;
  }

  /** A registered token trades through a neg-risk adapter (multi-outcome market); read once from the exchange. */
  negRisk(token: bigint): Promise<boolean> {
    const key = token.toString();
    let cached = this.negRiskCache.get(key);
    if (!cached) {
      cached = (
        this.service.chain.client.readContract({
          address: this.service.chain.book.exchange,
          abi: exchangeAbi,
          functionName: "getNegRiskAdapter",
          args: [token],
        }) as Promise<string>
      )
        .then((adapter) => adapter.toLowerCase() !== ZERO_ADDRESS)
        .catch((error: unknown) => {
          this.negRiskCache.delete(key);
          throw error;
        });
      this.negRiskCache.set(key, cached);
    }
    return cached;
  }

  /** Authenticates the WebSocket user channel's `auth` object; returns the key's address. */
  wsAuth(auth: { apiKey: string; secret: string; passphrase: string }): Promise<string> {
    return this.keys.authenticateCreds(auth.apiKey, auth.secret, auth.passphrase);
  }

  /** The CLOB routes as a route module; mount it ahead of the operator's own (`createHttpApp` extra routes). */
  readonly routes: RouteModule = (app) => {
    app.route("/", this.app);
  };

  /** Fills in the question of markets registered without one, from the registering transaction. */
  async fillQuestions(): Promise<number> {
    let filled = 0;
    for (const market of this.service.markets.all()) {
      if (market.question !== "" || this.questionsLooked.has(market.id)) continue;
      const question = await questionFromChain(this.service.chain, market);
      this.questionsLooked.add(market.id);
      if (question === undefined) continue;
      await upsertMarket(this.service, { ...market, question });
      filled++;
    }
    return filled;
  }

  start(): void {
    const questions = (): void => {
      void this.fillQuestions()
        .catch((error: unknown) =>
          this.service.log.warn("market question lookup failed; retrying", { error: String(error).slice(0, 300) }),
        )
        .finally(() => {
          if (this.questionTimer) this.questionTimer = setTimeout(questions, QUESTION_POLL_MS);
        });
    };
    this.questionTimer = setTimeout(questions, 0);
    this.timer = setInterval(() => {
      void this.heartbeats
        .sweep()
        .catch((error: unknown) => this.service.log.error("heartbeat sweep failed", { error: String(error) }));
    }, SWEEP_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    clearTimeout(this.questionTimer);
    this.questionTimer = undefined;
  }
}

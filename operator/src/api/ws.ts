/**
 * WebSocket channels on the same port: /ws/market (book snapshots, price changes, last trade
 * price per asset id) and /ws/user (order and trade updates of one address). Subscription
 * messages follow Polymarket's shapes: `{ "type": "market", "assets_ids": [...] }` and
 * `{ "type": "user", "address": "0x…", "markets": [...] }`; "PING" is answered with "PONG".
 *
 * Every socket is guarded (wsguard.ts): bad frames close only that socket, subscriptions are
 * deduplicated and capped, slow consumers and dead peers are dropped, and one client address
 * holds a bounded number of connections.
 */
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";

import { WebSocketServer } from "ws";
import { z } from "zod";

import type { Message } from "../bus.js";
import { marketEvent, userEvent } from "../polymarket/ws-events.js";
import { clientAddress } from "./client.js";
import {
  CLOSE,
  ConnectionCounter,
  DEFAULT_WS_LIMITS,
  guardSocket,
  Heartbeat,
  type GuardedSocket,
  type WsLimits,
} from "./wsguard.js";

/** What the channels need from the operator: the bus and the current book of an asset. */
export interface WsFeed {
  readonly bus: {
    subscribeMarket(assetId: string, listener: (message: Message) => void): () => void;
    subscribeUser(address: string, listener: (message: Message) => void): () => void;
  };
  readonly markets: { byTokenId(tokenId: string): unknown };
  bookMessage(tokenId: bigint, eventType: "book"): Message;
}

export interface WsLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
}

const assetId = z.string().regex(/^\d{1,78}$/, "asset ids are decimal uint256 strings");
const marketMessage = z.object({
  type: z.literal("market").optional(),
  operation: z.enum(["subscribe", "unsubscribe"]).default("subscribe"),
  assets_ids: z.array(assetId).min(1).max(DEFAULT_WS_LIMITS.maxMarketSubscriptions),
});
/** Polymarket's user subscription authenticates with the API key's full credentials. */
const polyAuth = z.object({
  apiKey: z.string().max(100),
  secret: z.string().max(200),
  passphrase: z.string().max(200),
});
const userMessage = z.object({
  type: z.literal("user").optional(),
  operation: z.enum(["subscribe", "unsubscribe"]).default("subscribe"),
  address: z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/, "address must be a 20-byte hex address")
    .optional(),
  auth: polyAuth.optional(),
  markets: z
    .array(z.string().regex(/^0x[0-9a-fA-F]{64}$/, "markets are 32-byte condition ids"))
    .max(DEFAULT_WS_LIMITS.maxMarketSubscriptions)
    .optional(),
});

type WsErrorCode = "INVALID_REQUEST" | "SUBSCRIPTION_LIMIT" | "UNAUTHORIZED";

function errorMessage(error: WsErrorCode, message: string): Message {
  return { event_type: "error", error, message };
}

export interface AttachedWebSockets {
  readonly wss: WebSocketServer;
  /** Ends every socket (1001) and stops the heartbeat. */
  close(): void;
}

/** Checks a user-channel `auth` object and returns the address it belongs to (throws otherwise). */
export type UserAuthenticator = (auth: z.infer<typeof polyAuth>) => Promise<string>;

export interface WsOptions {
  limits?: Partial<WsLimits>;
  log?: WsLogger;
  /** Polymarket API-key authentication of the user channel; without it only `address` works. */
  authenticate?: UserAuthenticator;
  /** The outcome name of a token id, for Polymarket's user events. */
  outcomeOf?: (tokenId: string) => string;
}

export function attachWebSockets(server: Server, feed: WsFeed, options: WsOptions = {}): AttachedWebSockets {
  const limits: WsLimits = { ...DEFAULT_WS_LIMITS, ...options.limits };
  const log = options.log;
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
  const connections = new ConnectionCounter(limits.maxConnectionsPerAddress);
  const heartbeat = new Heartbeat(limits.heartbeatMs);

  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node removes its own error handler from upgraded sockets: a reset here must not crash us.
    socket.on("error", () => socket.destroy());
    const path = (request.url ?? "").split("?")[0];
    if (path !== "/ws/market" && path !== "/ws/user") {
      reject(socket, 404, "Not Found", `no WebSocket channel ${path}: use /ws/market or /ws/user`);
      return;
    }
    const address = clientAddress(request);
    if (!connections.acquire(address)) {
      reject(
        socket,
        429,
        "Too Many Requests",
        `at most ${limits.maxConnectionsPerAddress} WebSocket connections per client address`,
      );
      return;
    }
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      connections.release(address);
    };
    // The handshake may fail (bad headers): ws then destroys the socket without calling back.
    socket.once("close", release);
    wss.handleUpgrade(request, socket, head, (ws) => {
      ws.once("close", release);
      const guarded = guardSocket(ws, limits, (error) =>
        log?.debug("websocket closed on a client error", { address, error: error.message }),
      );
      heartbeat.add(ws);
      if (path === "/ws/market") marketChannel(guarded);
      else userChannel(guarded);
    });
  });

  const parseOrError = <T extends z.ZodType>(
    socket: GuardedSocket,
    schema: T,
    data: string,
  ): z.infer<T> | undefined => {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      socket.send(errorMessage("INVALID_REQUEST", "messages must be JSON or PING"));
      return undefined;
    }
    const result = schema.safeParse(json);
    if (!result.success) {
      socket.send(
        errorMessage(
          "INVALID_REQUEST",
          result.error.issues.map((i) => `${i.path.join(".") || "message"}: ${i.message}`).join("; "),
        ),
      );
      return undefined;
    }
    return result.data;
  };

  /** Common message handling: rate, PING, and binary frames (refused). Returns the text or undefined. */
  const text = (socket: GuardedSocket, raw: unknown, isBinary: boolean): string | undefined => {
    if (!socket.admitMessage()) return undefined;
    if (isBinary) {
      socket.send(errorMessage("INVALID_REQUEST", "send text frames (JSON or PING)"));
      return undefined;
    }
    const data = Buffer.isBuffer(raw) ? raw.toString("utf8") : String(raw);
    if (data === "PING") {
      socket.send("PONG");
      return undefined;
    }
    return data;
  };

  function marketChannel(socket: GuardedSocket): void {
    const subscriptions = new Map<string, () => void>();
    socket.ws.on("message", (raw, isBinary) => {
      const data = text(socket, raw, isBinary);
      if (data === undefined) return;
      const message = parseOrError(socket, marketMessage, data);
      if (!message) return;
      const refused: string[] = [];
      for (const id of new Set(message.assets_ids)) {
        if (message.operation === "unsubscribe") {
          subscriptions.get(id)?.();
          subscriptions.delete(id);
          continue;
        }
        if (subscriptions.has(id)) continue;
        if (subscriptions.size >= limits.maxMarketSubscriptions) {
          refused.push(id);
          continue;
        }
        subscriptions.set(
          id,
          feed.bus.subscribeMarket(id, (m) => socket.send(marketEvent(m))),
        );
        if (feed.markets.byTokenId(id)) socket.send(marketEvent(feed.bookMessage(BigInt(id), "book")));
      }
      if (refused.length > 0)
        socket.send(
          errorMessage(
            "SUBSCRIPTION_LIMIT",
            `a socket follows at most ${limits.maxMarketSubscriptions} asset ids: ${refused.length} not subscribed (unsubscribe some first)`,
          ),
        );
    });
    socket.ws.on("close", () => {
      for (const unsubscribe of subscriptions.values()) unsubscribe();
      subscriptions.clear();
    });
  }

  function userChannel(socket: GuardedSocket): void {
    /** address → its bus subscription and the markets filter (undefined = all markets). */
    const subscriptions = new Map<string, { unsubscribe: () => void; markets: Set<string> | undefined }>();
    socket.ws.on("message", (raw, isBinary) => {
      const data = text(socket, raw, isBinary);
      if (data === undefined) return;
      const message = parseOrError(socket, userMessage, data);
      if (!message) return;
      void resolveUser(message).then((user) => {
        if (user && socket.ws.readyState === socket.ws.OPEN) subscribe(message, user);
      });
    });
    const resolveUser = async (
      message: z.infer<typeof userMessage>,
    ): Promise<{ address: string; owner: string } | undefined> => {
      if (message.auth) {
        if (!options.authenticate) {
          socket.send(errorMessage("UNAUTHORIZED", "API-key auth is not enabled on this operator"));
          return undefined;
        }
        try {
          const address = await options.authenticate(message.auth);
          return { address: address.toLowerCase(), owner: message.auth.apiKey };
        } catch (error) {
          socket.send(errorMessage("UNAUTHORIZED", error instanceof Error ? error.message : "invalid API-key auth"));
          return undefined;
        }
      }
      if (!message.address) {
        socket.send(errorMessage("INVALID_REQUEST", "send auth (API key) or address"));
        return undefined;
      }
      const address = message.address.toLowerCase();
      return { address, owner: address };
    };
    const outcome = options.outcomeOf ?? ((): string => "");
    const subscribe = (message: z.infer<typeof userMessage>, user: { address: string; owner: string }): void => {
      const address = user.address;
      const existing = subscriptions.get(address);
      if (message.operation === "unsubscribe") {
        existing?.unsubscribe();
        subscriptions.delete(address);
        socket.send({ event_type: "unsubscribed", address });
        return;
      }
      // No list or an empty one (Polymarket's `markets: []`) means every market.
      const markets =
        message.markets && message.markets.length > 0
          ? new Set(message.markets.map((m) => m.toLowerCase()))
          : undefined;
      if (existing) {
        // The same address again replaces its market filter; it never adds a second listener.
        existing.markets = markets;
      } else {
        if (subscriptions.size >= limits.maxUserSubscriptions) {
          socket.send(
            errorMessage(
              "SUBSCRIPTION_LIMIT",
              `a socket follows at most ${limits.maxUserSubscriptions} addresses (unsubscribe one first)`,
            ),
          );
          return;
        }
        const entry: { unsubscribe: () => void; markets: Set<string> | undefined } = {
          unsubscribe: () => undefined,
          markets,
        };
        entry.unsubscribe = feed.bus.subscribeUser(address, (m) => {
          if (!entry.markets || entry.markets.has(String(m["market"])))
            socket.send(userEvent(m, { owner: user.owner, outcomeOf: outcome }));
        });
        subscriptions.set(address, entry);
      }
      socket.send({ event_type: "subscribed", address });
    };
    socket.ws.on("close", () => {
      for (const { unsubscribe } of subscriptions.values()) unsubscribe();
      subscriptions.clear();
    });
  }

  return {
    wss,
    close() {
      heartbeat.stop();
      for (const client of wss.clients) {
        client.close(CLOSE.GOING_AWAY);
        client.terminate();
      }
      wss.close();
    },
  };
}

/** Answers a refused upgrade with a plain HTTP status and a JSON error, then closes the socket. */
function reject(socket: Duplex, status: number, statusText: string, message: string): void {
  const body = JSON.stringify({ error: status === 429 ? "RATE_LIMITED" : "INVALID_REQUEST", message });
  socket.end(
    `HTTP/1.1 ${status} ${statusText}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `${status === 429 ? "Retry-After: 1\r\n" : ""}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * WebSocket channels on the same port: /ws/market (book snapshots, price changes, last trade
 * price per asset id) and /ws/user (order and trade updates of one address). Subscription
 * messages follow Polymarket's shapes: `{ "type": "market", "assets_ids": [...] }` and
 * `{ "type": "user", "address": "0x…", "markets": [...] }`; "PING" is answered with "PONG".
 */
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";

import { WebSocketServer, type WebSocket } from "ws";
import { z } from "zod";

import { marketEvent, userEvent } from "../polymarket/ws-events.js";
import { outcomeOf } from "../polymarket/views.js";
import type { OperatorService } from "../service.js";

const MAX_MESSAGE_BYTES = 64 * 1024;
const MAX_SUBSCRIPTIONS = 500;

const marketMessage = z.object({
  type: z.literal("market").optional(),
  operation: z.enum(["subscribe", "unsubscribe"]).default("subscribe"),
  assets_ids: z
    .array(z.string().regex(/^\d{1,78}$/))
    .min(1)
    .max(MAX_SUBSCRIPTIONS),
});
/** Polymarket's user subscription authenticates with the API key's full credentials. */
const polyAuth = z.object({
  apiKey: z.string().max(100),
  secret: z.string().max(200),
  passphrase: z.string().max(200),
});
const userMessage = z.object({
  type: z.literal("user").optional(),
  address: z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/)
    .optional(),
  auth: polyAuth.optional(),
  markets: z
    .array(z.string().regex(/^0x[0-9a-fA-F]{64}$/))
    .max(MAX_SUBSCRIPTIONS)
    .optional(),
});

function send(socket: WebSocket, message: unknown): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

/** Checks a user-channel `auth` object and returns the address it belongs to (throws otherwise). */
export type UserAuthenticator = (auth: z.infer<typeof polyAuth>) => Promise<string>;

export function attachWebSockets(
  server: Server,
  service: OperatorService,
  authenticate?: UserAuthenticator,
): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? "").split("?")[0];
    if (path !== "/ws/market" && path !== "/ws/user") {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => (path === "/ws/market" ? marketChannel(ws) : userChannel(ws)));
  });

  const parseOrError = <T extends z.ZodType>(ws: WebSocket, schema: T, data: string): z.infer<T> | undefined => {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      send(ws, { event_type: "error", error: "INVALID_REQUEST", message: "messages must be JSON or PING" });
      return undefined;
    }
    const result = schema.safeParse(json);
    if (!result.success) {
      send(ws, {
        event_type: "error",
        error: "INVALID_REQUEST",
        message: result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
      });
      return undefined;
    }
    return result.data;
  };

  function marketChannel(ws: WebSocket): void {
    const subscriptions = new Map<string, () => void>();
    ws.on("message", (raw) => {
      const data = raw.toString();
      if (data === "PING") return void ws.send("PONG");
      const message = parseOrError(ws, marketMessage, data);
      if (!message) return;
      for (const assetId of message.assets_ids) {
        if (message.operation === "unsubscribe") {
          subscriptions.get(assetId)?.();
          subscriptions.delete(assetId);
          continue;
        }
        if (subscriptions.has(assetId) || subscriptions.size >= MAX_SUBSCRIPTIONS) continue;
        subscriptions.set(
          assetId,
          service.bus.subscribeMarket(assetId, (m) => send(ws, marketEvent(m))),
        );
        if (service.markets.byTokenId(assetId)) send(ws, marketEvent(service.bookMessage(BigInt(assetId), "book")));
      }
    });
    ws.on("close", () => {
      for (const unsubscribe of subscriptions.values()) unsubscribe();
    });
  }

  function userChannel(ws: WebSocket): void {
    const unsubscribers: (() => void)[] = [];
    ws.on("message", (raw) => {
      const data = raw.toString();
      if (data === "PING") return void ws.send("PONG");
      const message = parseOrError(ws, userMessage, data);
      if (!message) return;
      void resolveUser(message).then((user) => {
        if (!user || ws.readyState !== ws.OPEN) return;
        // No list or an empty one (Polymarket's `markets: []`) means every market.
        const markets =
          message.markets && message.markets.length > 0
            ? new Set(message.markets.map((m) => m.toLowerCase()))
            : undefined;
        const outcome = (tokenId: string): string => outcomeOf(service.markets.byTokenId(tokenId)?.market, tokenId);
        unsubscribers.push(
          service.bus.subscribeUser(user.address, (m) => {
            if (!markets || markets.has(String(m["market"])))
              send(ws, userEvent(m, { owner: user.owner, outcomeOf: outcome }));
          }),
        );
        send(ws, { event_type: "subscribed", address: user.address });
      });
    });
    const resolveUser = async (
      message: z.infer<typeof userMessage>,
    ): Promise<{ address: string; owner: string } | undefined> => {
      if (message.auth) {
        if (!authenticate) {
          send(ws, { event_type: "error", error: "UNAUTHORIZED", message: "API-key auth is not enabled" });
          return undefined;
        }
        try {
          const address = await authenticate(message.auth);
          return { address, owner: message.auth.apiKey };
        } catch (error) {
          send(ws, {
            event_type: "error",
            error: "UNAUTHORIZED",
            message: error instanceof Error ? error.message : "invalid auth",
          });
          return undefined;
        }
      }
      if (!message.address) {
        send(ws, { event_type: "error", error: "INVALID_REQUEST", message: "send auth (API key) or address" });
        return undefined;
      }
      const address = message.address.toLowerCase();
      return { address, owner: address };
    };
    ws.on("close", () => {
      for (const unsubscribe of unsubscribers) unsubscribe();
    });
  }

  return wss;
}

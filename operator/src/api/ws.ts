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

import type { OperatorApi as OperatorService } from "./facade.js";

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
const userMessage = z.object({
  type: z.literal("user").optional(),
  address: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
  markets: z
    .array(z.string().regex(/^0x[0-9a-fA-F]{64}$/))
    .max(MAX_SUBSCRIPTIONS)
    .optional(),
});

function send(socket: WebSocket, message: unknown): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

export function attachWebSockets(server: Server, service: OperatorService): WebSocketServer {
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
          service.bus.subscribeMarket(assetId, (m) => send(ws, m)),
        );
        if (service.markets.byTokenId(assetId)) send(ws, service.bookMessage(BigInt(assetId), "book"));
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
      const markets = message.markets ? new Set(message.markets.map((m) => m.toLowerCase())) : undefined;
      unsubscribers.push(
        service.bus.subscribeUser(message.address, (m) => {
          if (!markets || markets.has(String(m["market"]))) send(ws, m);
        }),
      );
      send(ws, { event_type: "subscribed", address: message.address.toLowerCase() });
    });
    ws.on("close", () => {
      for (const unsubscribe of unsubscribers) unsubscribe();
    });
  }

  return wss;
}

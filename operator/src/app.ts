/**
 * Wires the operator together and runs it: database → chain catch-up → book recovery →
 * settlement → HTTP/WebSocket server → background loops. `stop()` shuts down in reverse order.
 */
import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

import { createServer } from "node:http";

import { privateKeyToAccount } from "viem/accounts";

import { createOperatorApi, type OperatorApi } from "./api/facade.js";
import { createHttpApp } from "./api/http.js";
import { IpGate } from "./api/ipgate.js";
import type { RouteModule } from "./api/request.js";
import { createRequestHandler } from "./api/server.js";
import { attachWebSockets } from "./api/ws.js";
import { ChainReader } from "./chain/chain.js";
import { marketsFileSchema, readAddressBook, type AddressBook, type Config } from "./config.js";
import { openDatabase } from "./db/driver.js";
import { migrate } from "./db/migrations.js";
import { Store } from "./db/store.js";
import { createLogger, type Logger } from "./log.js";
import { WorkerVerifier } from "./intake/workers.js";
import { createCore, type Core } from "./core/context.js";
import { expireOrders } from "./lifecycle/cancel.js";
import { onChainEvents } from "./lifecycle/chain-events.js";
import { applyMarketsFile } from "./lifecycle/markets.js";
import { loadLastTrades, recover } from "./lifecycle/recovery.js";
import { settlementOutcomes } from "./lifecycle/settlement.js";
import { PolymarketCompat } from "./polymarket/index.js";
import { outcomeOf } from "./polymarket/views.js";
import { Settler } from "./settlement/settler.js";

export interface RunningOperator {
  readonly url: string;
  readonly port: number;
  /** The state owners and ports (tests read its store). */
  readonly service: Core;
  readonly api: OperatorApi;
  readonly settler: Settler | undefined;
  stop(): Promise<void>;
}

const LAST_BLOCK_KEY = "chain.lastBlock";
/** Blocks per getLogs request while catching up. */
const LOG_RANGE = 5_000n;
const EXPIRY_SWEEP_MS = 1_000;
/**
 * With the embedded database every flush runs in this process, so commits wait up to this long
 * to share one; a PostgreSQL server flushes as soon as it is idle (db/store.ts).
 */
const PGLITE_FLUSH_DELAY_MS = 2;

/** How often used cancel messages past their validity are forgotten. */
const CANCEL_PRUNE_MS = 60_000;

export async function startOperator(
  config: Config,
  options: { addressBook?: AddressBook; logger?: Logger; routes?: readonly RouteModule[] } = {},
): Promise<RunningOperator> {
  const log = options.logger ?? createLogger(config.logLevel);
  const book = options.addressBook ?? readAddressBook(config);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const applied = await migrate(db);
  const store = new Store(db, config.databaseUrl ? 0 : PGLITE_FLUSH_DELAY_MS, (error) => {
    log.error("storage write failed: exiting so that the book is rebuilt from storage on restart", {
      error: String(error),
    });
    process.exit(70);
  });
  const chain = new ChainReader(config.chainId, config.rpcUrl, book);
  const remoteChainId = await chain.chainIdOfNode().catch((error: unknown) => {
    throw new Error(`cannot reach the RPC node at ${config.rpcUrl}: ${String(error).split("\n")[0]}`);
  });
  if (remoteChainId !== config.chainId)
    throw new Error(`RPC node at ${config.rpcUrl} is chain ${remoteChainId}, expected ${config.chainId}`);

  const service = createCore(config, store, chain, log);
  const workerVerifier =
    config.signatureWorkers > 0 ? new WorkerVerifier(service.hasher.domain, config.signatureWorkers) : undefined;
  if (workerVerifier) {
    await workerVerifier.ready;
    service.verifier = workerVerifier;
  }
  const nowMs = Date.now();
  const recovered = await recover(service, Math.floor(nowMs / 1000));
  await loadLastTrades(service);

  // Catch up with chain events (markets, cancels, nonces, transfers) before serving.
  let lastBlock = BigInt((await store.getKv(LAST_BLOCK_KEY)) ?? (book.startBlock - 1n).toString());
  const syncEvents = async (): Promise<void> => {
    const head = await chain.blockNumber();
    while (lastBlock < head) {
      const to = lastBlock + LOG_RANGE < head ? lastBlock + LOG_RANGE : head;
      const events = await chain.events(lastBlock + 1n, to);
      await onChainEvents(service, events);
      lastBlock = to;
      await store.setKv(LAST_BLOCK_KEY, lastBlock.toString());
    }
  };
  await syncEvents();
  if (config.marketsFile) {
    const file = marketsFileSchema.parse(JSON.parse(readFileSync(config.marketsFile, "utf8")) as unknown);
    await applyMarketsFile(service, file);
  }

  let settler: Settler | undefined;
  if (config.operatorKey) {
    const account = privateKeyToAccount(config.operatorKey);
    if (!(await chain.isOperator(account.address))) {
      await db.close();
      throw new Error(
        `account ${account.address} (OPERATOR_PRIVATE_KEY) is not an operator of the exchange ${book.exchange}: grant it with addOperator first`,
      );
    }
    settler = new Settler(
      settlementOutcomes(service),
      chain,
      store,
      account,
      { confirmations: config.confirmations, pollMs: config.pollMs, batchMs: config.settleBatchMs },
      log,
    );
    service.settler = settler;
    for (const plan of recovered.settlements) settler.track(plan);
    await settler.resumeInFlight();
    settler.start();
    log.info("settlement enabled", { operator: account.address });
  } else {
    log.warn(
      "OPERATOR_PRIVATE_KEY is not set: matches are stored but not settled until the operator restarts with a key",
    );
  }

  const api = createOperatorApi(service);
  const polymarket = await PolymarketCompat.open(service);
  // The Polymarket CLOB routes come first: they answer API-key requests and shadow the public reads.
  const app = createHttpApp(api, [polymarket.routes, ...(options.routes ?? [])]);
  const server: Server = createServer(
    createRequestHandler(api, app, config.corsOrigins, new IpGate(config.ipRateLimit)),
  );
  server.keepAliveTimeout = 30_000;
  const sockets = attachWebSockets(server, api, {
    log,
    authenticate: (auth) => polymarket.wsAuth(auth),
    outcomeOf: (tokenId) => outcomeOf(service.markets.byTokenId(tokenId)?.market, tokenId),
  });
  polymarket.start();
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`port ${config.port} on ${config.host} is already in use: set OPERATOR_PORT`)
          : error,
      ),
    );
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host}:${port}`;

  let stopped = false;
  let eventTimer: NodeJS.Timeout | undefined;
  const eventLoop = (): void => {
    void syncEvents()
      .catch((error: unknown) => log.warn("chain event sync failed; retrying", { error: String(error).slice(0, 300) }))
      .finally(() => {
        if (!stopped) eventTimer = setTimeout(eventLoop, config.pollMs);
      });
  };
  eventTimer = setTimeout(eventLoop, config.pollMs);
  const expiryTimer = setInterval(
    () =>
      void expireOrders(service).catch((error: unknown) => log.error("expiry sweep failed", { error: String(error) })),
    EXPIRY_SWEEP_MS,
  );
  const pruneTimer = setInterval(
    () =>
      void service.durable
        .pruneCancels(Math.floor(Date.now() / 1000))
        .catch((error: unknown) => log.warn("pruning used cancels failed", { error: String(error) })),
    CANCEL_PRUNE_MS,
  );

  log.info("operator listening", {
    url,
    db: db.kind,
    migrationsApplied: applied,
    recoveredSettlements: recovered.settlements.length,
    droppedOnRecovery: recovered.dropped,
  });

  return {
    url,
    port,
    service,
    api,
    settler,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(eventTimer);
      clearInterval(expiryTimer);
      clearInterval(pruneTimer);
      polymarket.stop();
      sockets.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await settler?.stop();
      await workerVerifier?.close();
      await store.close();
      await db.close();
    },
  };
}

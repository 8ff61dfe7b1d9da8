/**
 * Polymarket's own TypeScript client, `@polymarket/clob-client` 5.8.1, unchanged, against a real
 * operator on a local Hardhat node: API keys (L1), every market-data call, orders signed with
 * `@polymarket/order-utils` for our exchange (deployed under Polymarket's EIP-712 domain name),
 * post / list / get / cancel, a trade between two accounts, the heartbeat dead-man switch, the
 * authenticated user channel, and the refusals a bot meets (bad HMAC, stale timestamp, revoked
 * key, another address's order) as 401/403 in the client's error shape. The groups live in
 * ./polymarket/ and run in this order on one shared run.
 */
import { describe } from "node:test";

import { PolymarketRun } from "../helpers/polymarket-run.js";
import { onSharedRun } from "../helpers/suite.js";
import { keysAndMarketDataGroup } from "./polymarket/keys-and-data.js";
import { routesGroup } from "./polymarket/routes.js";
import { sessionGroup } from "./polymarket/sessions.js";
import { tradingGroup } from "./polymarket/trading.js";

describe("Polymarket clob-client against the operator", { concurrency: false }, () => {
  onSharedRun(new PolymarketRun(), [keysAndMarketDataGroup, tradingGroup, sessionGroup, routesGroup]);
});

/**
 * Beyond the client's calls: a factory-created market's question, the operator's own routes for
 * wallets, and a batch read refused unless sent as JSON.
 */
import assert from "node:assert/strict";
import { it } from "node:test";

import { COLLATERAL_UNIT } from "@forkcast/shared";
import { errorBodySchema } from "@forkcast/shared/protocol";
import { parseEventLogs, type Address, type Hex } from "viem";

import { artifact } from "../../../src/chain/abi.js";
import { localChain } from "../../../src/chain/chain.js";
import { CHAIN_ID } from "../../helpers/chain.js";
import { waitFor } from "../../helpers/operator.js";
import { type Json, type PolymarketRun } from "../../helpers/polymarket-run.js";

export function routesGroup(run: PolymarketRun): void {
  it("gives a market created through the market factory its question", async () => {
    const admin = run.stack.admin;
    const viemChain = localChain(CHAIN_ID, run.chain.rpcUrl);
    const deploy = async (name: string, args: unknown[]): Promise<Address> => {
      const a = artifact(name);
      const hash = await run.stack
        .wallet(admin)
        .deployContract({ abi: a.abi, bytecode: a.bytecode, args, account: admin.account, chain: viemChain });
      const receipt = await run.chain.client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
      if (!receipt.contractAddress) throw new Error(`${name} deployment failed`);
      return receipt.contractAddress;
    };
    const zero = "0x0000000000000000000000000000000000000000";
    const oracle = await deploy("OptimisticOracle", [run.stack.collateral, admin.address, admin.address, 1_000n, zero]);
    const adapter = await deploy("NegRiskAdapter", [run.stack.ctf, run.stack.collateral, oracle]);
    const factory = await deploy("MarketFactory", [
      run.stack.ctf,
      run.stack.collateral,
      oracle,
      run.stack.exchange,
      adapter,
      32n,
    ]);
    await run.stack.write(admin, run.stack.exchange, run.stack.abis.exchange, "addRegistrar", [factory]);
    const question = "Will it rain in Porto on Saturday?";
    const factoryAbi = artifact("MarketFactory").abi;
    const tx = await run.stack.write(admin, factory, factoryAbi, "createMarket", [
      {
        question,
        outcomeNames: ["Yes", "No"],
        rules: "Resolves YES if it rains.",
        category: "weather",
        imageUri: "",
        endTime: BigInt(Math.floor(Date.now() / 1000) + 86_400),
        reward: 0n,
        bond: COLLATERAL_UNIT,
        liveness: 0n,
      },
    ]);
    const receipt = await run.chain.client.getTransactionReceipt({ hash: tx });
    const [created] = parseEventLogs({
      abi: factoryAbi,
      eventName: "MarketCreated",
      logs: receipt.logs,
    }) as unknown as {
      args: { conditionIds: Hex[] };
    }[];
    const conditionId = created?.args.conditionIds[0];
    assert.ok(conditionId, "MarketCreated names the condition");
    const market = await waitFor("the factory market's question", async () => {
      const m = (await run.client(run.alice).getMarket(conditionId)) as Json;
      return m["question"] === question ? m : undefined;
    });
    assert.equal(market["condition_id"], conditionId.toLowerCase());
    const admins = (await run.client(run.alice).getMarket(run.stack.conditionId)) as Json;
    assert.equal(admins["question"], "", "a market registered by hand has no question to find");
  });

  it("keeps the operator's own routes for wallets: /version and unauthenticated reads", async () => {
    const version = (await (await fetch(`${run.op.url}/version`)).json()) as Json;
    assert.deepEqual(version, { version: 1 });
    const huge = await fetch(`${run.op.url}/midpoints`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(Array.from({ length: 5_000 }, () => ({ token_id: run.stack.yes.toString() }))),
    });
    assert.equal(huge.status, 413, "bodies are size-limited on the CLOB routes too");
    const unauthenticated = await fetch(`${run.op.url}/data/orders?maker=${run.alice.address}`);
    assert.equal(unauthenticated.status, 200, "the EIP-712 world's read without an API key still answers");
  });

  it("refuses a batch read whose body is not sent as JSON with 415 UNSUPPORTED_MEDIA_TYPE", async () => {
    const token = run.stack.yes.toString();
    const bodies: Record<string, unknown> = {
      "/books": [{ token_id: token }],
      "/midpoints": [{ token_id: token }],
      "/prices": [{ token_id: token, side: "BUY" }],
    };
    for (const [route, body] of Object.entries(bodies)) {
      for (const contentType of ["text/plain", undefined]) {
        const answer = await fetch(`${run.op.url}${route}`, {
          method: "POST",
          headers: contentType === undefined ? {} : { "content-type": contentType },
          body: JSON.stringify(body),
        });
        const what = `${route} with content-type ${contentType ?? "missing"}`;
        assert.equal(answer.status, 415, what);
        const refusal = errorBodySchema.parse(await answer.json());
        assert.equal(refusal.error, "UNSUPPORTED_MEDIA_TYPE", what);
      }
      const json = await fetch(`${run.op.url}${route}`, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8" },
        body: JSON.stringify(body),
      });
      assert.equal(json.status, 200, `${route} answers the same body sent as JSON`);
    }
  });
}

/**
 * The HTTP groups of the hostile-input suite (registered by hostile.test.ts on its shared run):
 * bodies that fail parsing, hostile request shapes, refused orders, absurd cursors, broken HTTP
 * on raw sockets, and replayed orders and cancels.
 */
import assert from "node:assert/strict";
import { it } from "node:test";

import { exchangeDomain, SHARE_UNIT, Side } from "@forkcast/shared";
import type { Hex } from "viem";

import type { Trader } from "../../helpers/chain.js";
import {
  CONCURRENCY,
  describeCase,
  errorCode,
  pool,
  type HostileRun,
  type Json,
} from "../../helpers/hostile/harness.js";
import type { HostileOrders, HttpCase } from "../../helpers/hostile/http-cases.js";
import { malformedJson, missingExtraFields, oddNumbers, wrongTypes } from "../../helpers/hostile/parsing-cases.js";
import { rawRequests } from "../../helpers/hostile/raw-cases.js";
import {
  absurdCursors,
  controlCharacters,
  deepNesting,
  oversizedBodies,
  wrongMethodsAndTypes,
} from "../../helpers/hostile/shape-cases.js";
import {
  crossDomainSignatures,
  expiredUnfundedUnapproved,
  forgedSignatures,
} from "../../helpers/hostile/signature-cases.js";
import { httpAgent, sendHttp, sendRaw } from "../../helpers/hostile/wire.js";
import { signCancel } from "../../helpers/operator.js";
import { orderBody } from "../../helpers/orders.js";

const ZERO_MARKET: Hex = `0x${"0".repeat(64)}`;

/** A group of generated requests: sent, then judged by the categories they carry. */
interface CaseGroup {
  readonly title: string;
  readonly group: string;
  readonly categories: readonly string[];
  readonly cases: (orders: HostileOrders) => HttpCase[];
  /** More checks of the group, after its cases were sent and before it is judged. */
  readonly then?: (run: HostileRun) => Promise<void>;
}

/**
 * A refused body must leave a keep-alive connection usable (or close it with `Connection: close`):
 * an oversized request and then an ordinary one on the same single keep-alive socket.
 */
async function keepAliveAfterRefusal(run: HostileRun): Promise<void> {
  const single = httpAgent(1);
  const t = run.tally("oversized-bodies");
  for (const c of oversizedBodies(run.orders, 60)) {
    run.judgeHttp(t, c, await sendHttp(single, run.base, c.method, c.path, c.headers, c.body));
    const next = await sendHttp(single, run.base, "GET", "/time");
    t.sent++;
    if (next.status === 200) t.ok2xx++;
    else {
      t.unanswered++;
      run.violate(
        t,
        `the request after a refused ${describeCase(c)} on the same keep-alive connection got ${next.status || next.failure}`,
      );
    }
  }
  single.destroy();
}

const CASE_GROUPS: readonly CaseGroup[] = [
  {
    title: "answers malformed JSON, wrong types, missing and extra fields, odd numbers with 4xx JSON errors",
    group: "parsing",
    categories: ["malformed-json", "wrong-types", "missing-extra-fields", "odd-numbers"],
    cases: (orders) => [
      ...malformedJson(orders, 1_200),
      ...wrongTypes(orders, 1_200),
      ...missingExtraFields(orders, 1_000),
      ...oddNumbers(orders, 1_300),
    ],
  },
  {
    title:
      "answers oversized bodies, deep nesting, control characters, wrong methods and content types with 4xx JSON errors",
    group: "shape",
    categories: ["oversized-bodies", "deep-nesting", "control-characters", "wrong-methods-content-types"],
    cases: (orders) => [
      ...oversizedBodies(orders, 300),
      ...deepNesting(orders, 400),
      ...controlCharacters(orders, 800),
      ...wrongMethodsAndTypes(orders, 800),
    ],
    then: keepAliveAfterRefusal,
  },
  {
    title: "refuses forged, cross-domain, expired, unfunded and unapproved orders",
    group: "orders",
    categories: ["forged-signatures", "cross-domain-signatures", "expired-unfunded-unapproved"],
    cases: (orders) => {
      const nowS = BigInt(Math.floor(Date.now() / 1000));
      return [
        ...forgedSignatures(orders, 1_000),
        ...crossDomainSignatures(orders, 600),
        ...expiredUnfundedUnapproved(orders, 800, nowS),
      ];
    },
  },
  {
    title: "answers absurd cursors and limits without a 5xx",
    group: "cursors",
    categories: ["absurd-cursors-limits"],
    cases: (orders) => absurdCursors(orders, 1_200),
  },
];

function caseGroup(run: HostileRun, { title, group, categories, cases, then }: CaseGroup): void {
  it(title, async () => {
    await run.runHttp(cases(run.orders));
    await then?.(run);
    await run.settle(group, categories);
  });
}

export function httpGroups(run: HostileRun): void {
  for (const group of CASE_GROUPS) caseGroup(run, group);

  it("answers lying Content-Length and broken HTTP on raw sockets with 4xx or a close", async () => {
    const t = run.tally("lying-content-length");
    await pool(rawRequests(run.orders, 400, run.base.host), CONCURRENCY, async (c) => {
      const o = await sendRaw(run.base.hostname, Number(run.base.port), c.bytes, c.mayStayUnanswered ? 400 : 5_000);
      t.sent++;
      if (o.status >= 500) {
        t.failed5xx++;
        return run.violate(t, `${o.status} for ${c.note}: ${o.body.slice(0, 200)}`);
      }
      if (o.status >= 400) {
        t.rejected4xx++;
        // Node's HTTP parser answers protocol errors with an empty 400/431; anything with a body is ours.
        if (o.body.length > 0 && !errorCode(o.body))
          run.violate(t, `${o.status} without a JSON error code for ${c.note}: ${o.body.slice(0, 200)}`);
        return;
      }
      if (o.status > 0) {
        t.ok2xx++;
        return run.violate(t, `accepted with ${o.status} for ${c.note}`);
      }
      if (o.closedByServer) t.closed++;
      else if (c.mayStayUnanswered) t.unanswered++;
      else {
        t.unanswered++;
        run.violate(t, `neither answered nor closed: ${c.note} (${o.failure ?? "timeout"})`);
      }
    });
    await run.settle("raw-http", ["lying-content-length"]);
  });

  it("refuses replayed orders and cancels, and a replayed cancel never reaches later orders", async () => {
    const { stack, signer } = run;
    const t = run.tally("replays");
    const [alice, bob] = stack.traders as [Trader, Trader, Trader];
    const replay = async (route: string, body: unknown, times: number, method = "POST"): Promise<void> => {
      const text = JSON.stringify(body);
      await pool(Array.from({ length: times }), 8, async () => {
        const o = await sendHttp(run.agent, run.base, method, route, { "content-type": "application/json" }, text);
        run.judgeHttp(t, { category: "replays", method, path: route, body: text, expect: "reject" }, o);
      });
    };

    // The same signed order again and again: one order on the book, the rest refused.
    const signedA = signer.signed(alice.key, alice.address, {
      tokenId: stack.yes,
      side: Side.BUY,
      price: 20_000n,
      shares: SHARE_UNIT,
    });
    const hashA = (await run.placeControl(signedA)) as Hex;
    await replay("/order", orderBody(signedA), 120);

    // Cancel it, then replay the cancel and the order.
    const nowS = BigInt(Math.floor(Date.now() / 1000));
    const cancelA = await signCancel(stack, alice, 0, [hashA], ZERO_MARKET, nowS);
    const cancelled = await run.post("/order", cancelA, "DELETE");
    assert.equal(cancelled.status, 200, `control cancel refused: ${JSON.stringify(cancelled.body)}`);
    run.controls.set(hashA, false);
    await replay("/order", cancelA, 100, "DELETE");
    await replay("/order", orderBody(signedA), 60);

    // A cancel-market signed for the future, used once, must not remove an order placed after that use.
    const future = await signCancel(stack, bob, 2, [], stack.conditionId, nowS + 200n);
    const used = await run.post("/cancel-market-orders", future, "DELETE");
    assert.equal(used.status, 200, `control cancel-market refused: ${JSON.stringify(used.body)}`);
    const later = await run.placeControl(
      signer.signed(bob.key, bob.address, { tokenId: stack.yes, side: Side.BUY, price: 30_000n, shares: SHARE_UNIT }),
    );
    await replay("/cancel-market-orders", future, 100, "DELETE");
    const laterView = await run.calm("GET", `/data/order/${later}`);
    const laterStatus = laterView.status === 200 ? String((JSON.parse(laterView.body) as Json)["status"]) : "missing";
    if (laterStatus !== "LIVE")
      run.violate(t, `a replayed cancel-market removed order ${later} placed after its first use (now ${laterStatus})`);

    // Stale, foreign-key and wrong-domain cancels for the live order.
    const stale = await signCancel(stack, bob, 0, [later as Hex], ZERO_MARKET, nowS - 3_600n);
    await replay("/order", stale, 40, "DELETE");
    const foreign = { ...(await signCancel(stack, alice, 0, [later as Hex], ZERO_MARKET, nowS)), maker: bob.address };
    await replay("/order", foreign, 40, "DELETE");
    const wrongDomain = await signCancel(stack, bob, 1, [], ZERO_MARKET, nowS, exchangeDomain(31337, stack.exchange));
    await replay("/cancel-all", wrongDomain, 40, "DELETE");
    const stillLive = await run.calm("GET", `/data/order/${later}`);
    if (stillLive.status !== 200 || (JSON.parse(stillLive.body) as Json)["status"] !== "LIVE")
      run.violate(t, `a forged or stale cancel removed order ${later}`);

    await run.settle("replays", ["replays"]);
  });
}

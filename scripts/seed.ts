/**
 * Demo data for a running local node: `npm run seed` (also run by `npm run dev`).
 *
 * Order-book markets (four binary, one multi-outcome) with resting orders on both sides and a
 * trade history (through the operator, so its book and trade tape know them), one market in its
 * dispute window, one resolved market with redeemable positions; pool markets with LP
 * liquidity, single bets and a parlay. Deterministic: the same accounts, amounts, prices and
 * salts every run (end times are relative to the chain's clock).
 *
 * The trade history is spread over three days of chain time (each batch mined at its own
 * timestamp with evm_setNextBlockTimestamp), so price charts and 24 h changes have something to
 * show. Block times only move forward, so the chain's clock ends the seed about three days ahead
 * of the wall clock: the app reads the chain's clock, and every end time and window created
 * before the history was given room for it (the dispute window opens after it).
 *
 * Environment: OPERATOR_URL (default http://127.0.0.1:8787). Orders are skipped, with a
 * warning, only when SEED_SKIP_ORDERS=1. SEED_RPC_URL points the `localhost` network at
 * another node (the e2e stack's, on a free port).
 */
import { network } from "hardhat";
import { type Address, type Hex, maxUint256, parseEventLogs, parseUnits } from "viem";

import { ORDER_TYPES, Side, encodeQuestionData, exchangeDomain, orderAmounts, orderToJson } from "@forkcast/shared";

import type { ContractKey } from "@forkcast/deployments";
import { readAddressBook } from "@forkcast/deployments/node";

const USD = (amount: string) => parseUnits(amount, 6);
const PRICE = (p: string) => parseUnits(p, 6);
const HOUR = 3_600n;
const DAY = 24n * HOUR;
const PROBABILITY_ONE = 1_000_000_000_000n;
const ZERO: Address = "0x0000000000000000000000000000000000000000";
const OPERATOR_URL = process.env.OPERATOR_URL ?? "http://127.0.0.1:8787";

const connection = await network.create(
  process.env.SEED_RPC_URL ? { network: "localhost", override: { url: process.env.SEED_RPC_URL } } : undefined,
);
const { viem } = connection;
const publicClient = await viem.getPublicClient();
const testClient = await viem.getTestClient();
const chainId = await publicClient.getChainId();
const deployment = readAddressBook(chainId);
const address = (key: ContractKey): Address => deployment.contract(key).address;

const wallets = await viem.getWalletClients();
type Wallet = (typeof wallets)[number];
const wallet = (index: number): Wallet => {
  const w = wallets[index];
  if (!w) throw new Error(`the node exposes no dev account ${index}: seed a local Hardhat node`);
  return w;
};
const [deployer, alice, bob, carol, dave] = [0, 1, 2, 3, 4].map(wallet) as [Wallet, Wallet, Wallet, Wallet, Wallet];
const people: Record<string, Wallet> = { deployer, alice, bob, carol, dave };

const usd = await viem.getContractAt("TestUSD", address("collateral"));
const ctf = await viem.getContractAt("ConditionalTokens", address("conditionalTokens"));
const oracle = await viem.getContractAt("OptimisticOracle", address("oracle"));
const factory = await viem.getContractAt("MarketFactory", address("marketFactory"));
const pool = await viem.getContractAt("IBettingPool", address("pool"));

const receipt = async (hash: Hex | Promise<Hex>) => {
  const r = await publicClient.waitForTransactionReceipt({ hash: await hash });
  if (r.status !== "success") throw new Error(`seed transaction ${r.transactionHash} reverted`);
  return r;
};
const now = async () => (await publicClient.getBlock()).timestamp;
const advance = async (seconds: bigint) => {
  await testClient.increaseTime({ seconds: Number(seconds) });
  await testClient.mine({ blocks: 1 });
};

// ------------------------------------------------------------------ funding and approvals

console.log("seed: funding demo accounts");
for (const who of Object.values(people)) {
  await receipt(usd.write.mint([who.account.address, USD("100000")]));
  const as = { account: who.account };
  for (const spender of [
    address("marketFactory"),
    address("oracle"),
    address("pool"),
    address("conditionalTokens"),
    address("exchange"),
    address("negRiskAdapter"),
  ]) {
    await receipt(usd.write.approve([spender, maxUint256], as));
  }
  await receipt(ctf.write.setApprovalForAll([address("exchange"), true], as));
  await receipt(ctf.write.setApprovalForAll([address("negRiskAdapter"), true], as));
}

// ------------------------------------------------------------------ order-book markets

interface CreatedMarket {
  marketId: Hex;
  conditionIds: readonly Hex[];
  yes: readonly bigint[];
  no: readonly bigint[];
}

async function createMarket(
  question: string,
  outcomeNames: string[],
  category: string,
  endsIn: bigint,
  options: { liveness?: bigint; multi?: boolean; rules?: string } = {},
): Promise<CreatedMarket> {
  const params = {
    question,
    outcomeNames,
    rules: options.rules ?? `Resolves to the outcome that matches the official result of: ${question}`,
    category,
    imageUri: "",
    endTime: (await now()) + endsIn,
    reward: USD("5"),
    bond: USD("50"),
    liveness: options.liveness ?? 0n,
  };
  const hash = options.multi
    ? factory.write.createMultiOutcomeMarket([params, 100n], { account: deployer.account })
    : factory.write.createMarket([params], { account: deployer.account });
  const [created] = parseEventLogs({ abi: factory.abi, eventName: "MarketCreated", logs: (await receipt(hash)).logs });
  if (!created) throw new Error(`MarketCreated missing for "${question}"`);
  console.log(`seed: market "${question}"`);
  return {
    marketId: created.args.marketId,
    conditionIds: created.args.conditionIds,
    yes: created.args.yesTokenIds,
    no: created.args.noTokenIds,
  };
}

const split = async (who: Wallet, conditionId: Hex, amount: bigint) =>
  receipt(
    ctf.write.splitPosition([address("collateral"), `0x${"00".repeat(32)}`, conditionId, [1n, 2n], amount], {
      account: who.account,
    }),
  );

// Short-lived markets first: one ends up resolved, one in its dispute window.
const resolved = await createMarket(
  "Did the 2026 Lisbon Marathon winner finish under 2h06?",
  ["Yes", "No"],
  "Sports",
  30n * 60n,
  { liveness: 5n * 60n },
);
const disputed = await createMarket(
  "Will the ECB cut its deposit rate at the January 2027 meeting?",
  ["Yes", "No"],
  "Economics",
  HOUR,
);
const resolvedCondition = resolved.conditionIds[0];
if (!resolvedCondition) throw new Error("resolved market has no condition");
await split(alice, resolvedCondition, USD("200"));
await receipt(
  ctf.write.safeTransferFrom([alice.account.address, bob.account.address, resolved.no[0] ?? 0n, USD("200"), "0x"], {
    account: alice.account,
  }),
);

await advance(HOUR + 1n);
await receipt(oracle.write.propose([resolved.marketId, 0n], { account: carol.account }));
await advance(5n * 60n + 1n);
await receipt(oracle.write.settle([resolved.marketId], { account: carol.account }));
await receipt(factory.write.resolveMarket([resolved.marketId], { account: carol.account }));
console.log("seed: one market resolved (YES: alice can redeem)");

const eth = await createMarket("Will ETH close above $5,000 on 31 December 2026?", ["Yes", "No"], "Crypto", 37n * DAY);
const snow = await createMarket("Will it snow in Lisbon before March 2027?", ["Yes", "No"], "Weather", 90n * DAY);
const league = await createMarket(
  "Who wins the 2026–27 Primeira Liga?",
  ["Benfica", "Porto", "Sporting", "Braga"],
  "Sports",
  200n * DAY,
  { multi: true },
);

// ------------------------------------------------------------------ pool markets

console.log("seed: pool liquidity and conditions");
await receipt(pool.write.deposit([USD("50000")], { account: carol.account }));
await receipt(pool.write.deposit([USD("20000")], { account: dave.account }));

interface PoolQuestion {
  question: string;
  /** Outcome names with their initial probabilities, in outcome order. */
  outcomes: [name: string, probability: string][];
  rules: string;
  endsIn: bigint;
}

/** Opens the oracle question (ancillary data in the shared question encoding) and the pool condition on it. */
async function poolCondition({ question: text, outcomes, rules, endsIn }: PoolQuestion): Promise<bigint> {
  const endTime = (await now()) + endsIn;
  const ancillaryData = encodeQuestionData({ question: text, outcomeNames: outcomes.map(([n]) => n), rules, endTime });
  const opened = await receipt(
    oracle.write.openQuestion([ancillaryData, BigInt(outcomes.length), endTime, USD("5"), USD("50"), 0n], {
      account: deployer.account,
    }),
  );
  const [question] = parseEventLogs({ abi: oracle.abi, eventName: "QuestionOpened", logs: opened.logs });
  if (!question) throw new Error(`QuestionOpened missing for "${text}"`);
  const created = await receipt(
    pool.write.createCondition(
      [
        question.args.questionId,
        outcomes.map(([, p]) => (PROBABILITY_ONE * BigInt(Math.round(Number(p) * 1_000))) / 1_000n),
        USD("10000"),
        500n,
        endTime - 2n * HOUR,
      ],
      { account: deployer.account },
    ),
  );
  const [condition] = parseEventLogs({ abi: pool.abi, eventName: "ConditionCreated", logs: created.logs });
  if (!condition) throw new Error(`ConditionCreated missing for "${text}"`);
  console.log(`seed: pool condition "${text}"`);
  return condition.args.conditionId;
}

const derby = await poolCondition({
  question: "Lisbon derby: Benfica vs Sporting, who wins?",
  outcomes: [
    ["Benfica", "0.45"],
    ["Draw", "0.27"],
    ["Sporting", "0.28"],
  ],
  rules:
    "Result after 90 minutes plus stoppage time; extra time and penalties do not count.\n\nResolution source: Liga Portugal",
  endsIn: 10n * DAY,
});
const final = await poolCondition({
  question: "Tennis final: Alcaraz vs Sinner, who wins?",
  outcomes: [
    ["Alcaraz", "0.52"],
    ["Sinner", "0.48"],
  ],
  rules: "The winner of the final as the tournament records it; a walkover counts as a win.\n\nResolution source: ATP",
  endsIn: 12n * DAY,
});
const rain = await poolCondition({
  question: "Will it rain in Porto on Saturday?",
  outcomes: [
    ["Yes", "0.6"],
    ["No", "0.4"],
  ],
  rules:
    "Yes if the Porto airport station records at least 1 mm of rain on Saturday (local time).\n\nResolution source: IPMA",
  endsIn: 14n * DAY,
});
const deadline = (await now()) + DAY;
await receipt(pool.write.bet([derby, 0n, USD("100"), 1n, deadline], { account: alice.account }));
await receipt(pool.write.bet([final, 1n, USD("50"), 1n, deadline], { account: bob.account }));
await receipt(pool.write.bet([rain, 0n, USD("80"), 1n, deadline], { account: dave.account }));
await receipt(
  pool.write.betParlay(
    [
      [
        { conditionId: derby, outcome: 0n },
        { conditionId: rain, outcome: 1n },
      ],
      USD("20"),
      1n,
      deadline,
    ],
    { account: bob.account },
  ),
);
console.log("seed: bets and a parlay placed");

// ------------------------------------------------------------------ orders through the operator

let salt = 1_000n;
async function order(who: Wallet, tokenId: bigint, side: Side, price: string, shares: string): Promise<string> {
  const amounts = orderAmounts(side, PRICE(price), USD(shares));
  salt += 1n;
  const message = {
    salt,
    maker: who.account.address,
    signer: who.account.address,
    taker: ZERO,
    tokenId,
    makerAmount: amounts.makerAmount,
    takerAmount: amounts.takerAmount,
    expiration: 0n,
    nonce: 0n,
    feeRateBps: 0n,
    side,
    signatureType: 0,
  } as const;
  const signature = await who.signTypedData({
    domain: exchangeDomain(chainId, address("exchange")),
    types: ORDER_TYPES,
    primaryType: "Order",
    message,
  });
  const body = { order: orderToJson({ ...message, signature }), orderType: "GTC" };
  const response = await fetch(`${OPERATOR_URL}/order`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { success?: boolean; status?: string; error?: string; message?: string };
  if (!response.ok || answer.success !== true) {
    throw new Error(
      `operator rejected a seed order (${response.status}): ${answer.error ?? ""} ${answer.message ?? ""}`,
    );
  }
  return answer.status ?? "";
}

/** The operator learns markets from the exchange's registration events; wait until it has. */
async function waitForOperatorMarkets(conditionIds: readonly Hex[]): Promise<void> {
  for (const conditionId of conditionIds) {
    const deadlineMs = Date.now() + 30_000;
    for (;;) {
      const response = await fetch(`${OPERATOR_URL}/markets/${conditionId}`);
      if (response.ok) break;
      if (Date.now() > deadlineMs) throw new Error(`the operator did not list market ${conditionId} within 30 s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

async function waitForTrades(count: number): Promise<void> {
  const deadlineMs = Date.now() + 60_000;
  while (Date.now() < deadlineMs) {
    const response = await fetch(`${OPERATOR_URL}/trades?limit=100`);
    const page = (await response.json()) as { data?: { status: string }[] };
    const confirmed = (page.data ?? []).filter((t) => t.status === "CONFIRMED" || t.status === "MINED").length;
    if (confirmed >= count) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the operator did not settle ${count} seed trades within 60 s`);
}

/** One trade batch of the history: what trades, and how many hours after the history starts. */
interface TimedTrade {
  atHour: number;
  seller: Wallet;
  buyer: Wallet;
  tokenId: bigint;
  price: string;
  shares: string;
  /** A MINT: `seller` bids for this complement token at 1 − price (and takes `buyer`'s resting YES bid). */
  complement?: bigint;
}

/**
 * Mines each batch at its own chain time (start + atHour), then lets the operator match and
 * settle it before the next one, so every trade lands in a block of its own timestamp.
 */
async function tradeHistory(batches: readonly TimedTrade[], spanHours: number): Promise<number> {
  const start = await now();
  const mineAt = async (at: bigint) => {
    if (at <= (await now())) return;
    await testClient.setNextBlockTimestamp({ timestamp: at });
    await testClient.mine({ blocks: 1 });
  };
  let settled = 0;
  for (const t of [...batches].sort((a, b) => a.atHour - b.atHour)) {
    await mineAt(start + BigInt(t.atHour) * HOUR);
    if (t.complement === undefined) {
      await order(t.seller, t.tokenId, Side.SELL, t.price, t.shares);
      await order(t.buyer, t.tokenId, Side.BUY, t.price, t.shares);
    } else {
      // The YES bid rests; the NO bid takes it (the trade tape shows it as a NO trade).
      await order(t.buyer, t.tokenId, Side.BUY, t.price, t.shares);
      await order(t.seller, t.complement, Side.BUY, (1 - Number(t.price)).toFixed(2), t.shares);
    }
    settled += 1;
    await waitForTrades(settled);
  }
  // The history ends "now": the chain's clock moves to the end of the span.
  await mineAt(start + BigInt(spanHours) * HOUR);
  return settled;
}

const HISTORY_HOURS = 72;

if (process.env.SEED_SKIP_ORDERS === "1") {
  console.log("seed: SEED_SKIP_ORDERS=1, no orders placed");
} else {
  const health = await fetch(`${OPERATOR_URL}/health`).catch(() => undefined);
  if (!health?.ok) {
    throw new Error(`The operator is not answering at ${OPERATOR_URL}: start it first, or set SEED_SKIP_ORDERS=1.`);
  }
  await waitForOperatorMarkets([...eth.conditionIds, ...snow.conditionIds, ...league.conditionIds]);
  // Inventory for the sellers.
  for (const market of [eth, snow]) {
    const conditionId = market.conditionIds[0];
    if (!conditionId) throw new Error("market without condition");
    await split(alice, conditionId, USD("2000"));
    await split(carol, conditionId, USD("1000"));
  }
  const negRisk = await viem.getContractAt("NegRiskAdapter", address("negRiskAdapter"));
  const benfica = league.conditionIds[0];
  if (!benfica) throw new Error("the league market has no first outcome");
  await receipt(negRisk.write.splitPosition([benfica, USD("500")], { account: alice.account }));
  const ethYes = eth.yes[0] ?? 0n;
  const ethNo = eth.no[0] ?? 0n;
  const snowYes = snow.yes[0] ?? 0n;
  const benficaYes = league.yes[0] ?? 0n;

  // Three days of history: ETH > $5k drifts up from 0.55 to 0.63 (the last batch a MINT: a YES
  // bid and a NO bid that sum to one dollar), snow edges up, Benfica trades twice.
  const trades = await tradeHistory(
    [
      { atHour: 0, seller: alice, buyer: bob, tokenId: ethYes, price: "0.55", shares: "40" },
      { atHour: 4, seller: carol, buyer: dave, tokenId: snowYes, price: "0.15", shares: "50" },
      { atHour: 10, seller: alice, buyer: bob, tokenId: ethYes, price: "0.57", shares: "60" },
      { atHour: 16, seller: alice, buyer: bob, tokenId: benficaYes, price: "0.36", shares: "40" },
      { atHour: 22, seller: alice, buyer: bob, tokenId: ethYes, price: "0.56", shares: "25" },
      { atHour: 30, seller: carol, buyer: dave, tokenId: snowYes, price: "0.17", shares: "40" },
      { atHour: 36, seller: alice, buyer: bob, tokenId: ethYes, price: "0.60", shares: "80" },
      { atHour: 50, seller: alice, buyer: bob, tokenId: ethYes, price: "0.58", shares: "40" },
      { atHour: 56, seller: alice, buyer: bob, tokenId: benficaYes, price: "0.39", shares: "30" },
      { atHour: 60, seller: alice, buyer: bob, tokenId: ethYes, price: "0.62", shares: "50" },
      { atHour: 64, seller: carol, buyer: dave, tokenId: snowYes, price: "0.19", shares: "30" },
      { atHour: 70, seller: carol, buyer: dave, tokenId: ethYes, price: "0.63", shares: "30", complement: ethNo },
    ],
    HISTORY_HOURS,
  );
  console.log(`seed: ${trades} trades over ${HISTORY_HOURS} h of chain time`);

  // Resting orders on both sides.
  for (const [price, shares] of [
    ["0.64", "150"],
    ["0.66", "200"],
    ["0.70", "300"],
  ] as const) {
    await order(alice, ethYes, Side.SELL, price, shares);
  }
  for (const [price, shares] of [
    ["0.60", "120"],
    ["0.58", "200"],
    ["0.54", "400"],
  ] as const) {
    await order(bob, ethYes, Side.BUY, price, shares);
  }
  for (const [price, shares] of [
    ["0.18", "100"],
    ["0.21", "250"],
  ] as const) {
    await order(carol, snowYes, Side.SELL, price, shares);
  }
  for (const [price, shares] of [
    ["0.12", "150"],
    ["0.10", "300"],
  ] as const) {
    await order(dave, snowYes, Side.BUY, price, shares);
  }
  // Multi-outcome: bids on each club's YES, and asks on Benfica.
  for (const [index, price] of [
    [0, "0.38"],
    [1, "0.30"],
    [2, "0.24"],
    [3, "0.05"],
  ] as const) {
    await order(bob, league.yes[index] ?? 0n, Side.BUY, price, "100");
  }
  await order(alice, benficaYes, Side.SELL, "0.41", "100");
  console.log("seed: resting orders on both sides");
}

// ------------------------------------------------------------------ a resolved pool market

/**
 * A pool market that has run its whole course, so the demo has a won bet to claim: alice bets on
 * the winner, betting closes, carol proposes the answer, the challenge window (the oracle's minimum,
 * 5 minutes) passes, the answer settles and the pool resolves the condition. Moves the chain's clock
 * by about 8 minutes, well inside every other demo market's windows.
 */
async function resolvedPoolMarket(): Promise<void> {
  const opensFor = 2n * 60n;
  const liveness = 5n * 60n;
  const endTime = (await now()) + opensFor;
  const outcomes = ["Porto", "Draw", "Braga"];
  const ancillaryData = encodeQuestionData({
    question: "Taça da Liga semi-final: Porto vs Braga, who wins?",
    outcomeNames: outcomes,
    rules: "Result after 90 minutes plus stoppage time.\n\nResolution source: Liga Portugal",
    endTime,
  });
  const opened = await receipt(
    oracle.write.openQuestion([ancillaryData, BigInt(outcomes.length), endTime, USD("5"), USD("50"), liveness], {
      account: deployer.account,
    }),
  );
  const [question] = parseEventLogs({ abi: oracle.abi, eventName: "QuestionOpened", logs: opened.logs });
  if (!question) throw new Error("QuestionOpened missing for the resolved pool market");
  const questionId = question.args.questionId;
  const created = await receipt(
    pool.write.createCondition(
      [
        questionId,
        [PROBABILITY_ONE / 2n, PROBABILITY_ONE / 4n, PROBABILITY_ONE - PROBABILITY_ONE / 2n - PROBABILITY_ONE / 4n],
        USD("5000"),
        500n,
        endTime,
      ],
      { account: deployer.account },
    ),
  );
  const [condition] = parseEventLogs({ abi: pool.abi, eventName: "ConditionCreated", logs: created.logs });
  if (!condition) throw new Error("ConditionCreated missing for the resolved pool market");
  const conditionId = condition.args.conditionId;
  await receipt(pool.write.bet([conditionId, 0n, USD("40"), 1n, endTime], { account: alice.account }));
  await receipt(pool.write.bet([conditionId, 2n, USD("25"), 1n, endTime], { account: bob.account }));
  await advance(opensFor + 1n);
  await receipt(oracle.write.propose([questionId, 0n], { account: carol.account }));
  await advance(liveness + 1n);
  await receipt(oracle.write.settle([questionId], { account: carol.account }));
  await receipt(pool.write.resolveCondition([conditionId], { account: carol.account }));
  console.log("seed: pool market resolved (Porto won: alice has a bet to claim, bob's lost)");
}
await resolvedPoolMarket();

// The dispute window opens after the history, so it is still open when the seed ends.
await receipt(oracle.write.propose([disputed.marketId, 1n], { account: dave.account }));
console.log("seed: one market proposed and in its dispute window");

console.log("seed: done");

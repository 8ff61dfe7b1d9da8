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
import { maxUint256 } from "viem";

import { Side } from "@forkcast/shared";

import { DAY, HOUR, USD, createSeedContext } from "./seed/context.ts";
import { operatorSeeder } from "./seed/operator.ts";
import { createMarket, split } from "./seed/order-book.ts";
import { poolCondition, resolvedPoolMarket } from "./seed/pool.ts";

const OPERATOR_URL = process.env.OPERATOR_URL ?? "http://127.0.0.1:8787";

const seed = await createSeedContext();
const { viem, address, people, usd, ctf, oracle, factory, pool, receipt, advance, now } = seed;
const { alice, bob, carol, dave } = people;
const operator = operatorSeeder(seed, OPERATOR_URL);

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

// Short-lived markets first: one ends up resolved, one in its dispute window.
const resolved = await createMarket(
  seed,
  "Did the 2026 Lisbon Marathon winner finish under 2h06?",
  ["Yes", "No"],
  "Sports",
  30n * 60n,
  { liveness: 5n * 60n },
);
const disputed = await createMarket(
  seed,
  "Will the ECB cut its deposit rate at the January 2027 meeting?",
  ["Yes", "No"],
  "Economics",
  HOUR,
);
const resolvedCondition = resolved.conditionIds[0];
if (!resolvedCondition) throw new Error("resolved market has no condition");
await split(seed, alice, resolvedCondition, USD("200"));
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

const eth = await createMarket(
  seed,
  "Will ETH close above $5,000 on 31 December 2026?",
  ["Yes", "No"],
  "Crypto",
  37n * DAY,
);
const snow = await createMarket(seed, "Will it snow in Lisbon before March 2027?", ["Yes", "No"], "Weather", 90n * DAY);
const league = await createMarket(
  seed,
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

const derby = await poolCondition(seed, {
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
const final = await poolCondition(seed, {
  question: "Tennis final: Alcaraz vs Sinner, who wins?",
  outcomes: [
    ["Alcaraz", "0.52"],
    ["Sinner", "0.48"],
  ],
  rules: "The winner of the final as the tournament records it; a walkover counts as a win.\n\nResolution source: ATP",
  endsIn: 12n * DAY,
});
const rain = await poolCondition(seed, {
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

const HISTORY_HOURS = 72;

if (process.env.SEED_SKIP_ORDERS === "1") {
  console.log("seed: SEED_SKIP_ORDERS=1, no orders placed");
} else {
  const health = await fetch(`${OPERATOR_URL}/health`).catch(() => undefined);
  if (!health?.ok) {
    throw new Error(`The operator is not answering at ${OPERATOR_URL}: start it first, or set SEED_SKIP_ORDERS=1.`);
  }
  await operator.waitForMarkets([...eth.conditionIds, ...snow.conditionIds, ...league.conditionIds]);
  // Inventory for the sellers.
  for (const market of [eth, snow]) {
    const conditionId = market.conditionIds[0];
    if (!conditionId) throw new Error("market without condition");
    await split(seed, alice, conditionId, USD("2000"));
    await split(seed, carol, conditionId, USD("1000"));
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
  const trades = await operator.tradeHistory(
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
  const resting = [
    [alice, ethYes, Side.SELL, "0.64", "150"],
    [alice, ethYes, Side.SELL, "0.66", "200"],
    [alice, ethYes, Side.SELL, "0.70", "300"],
    [bob, ethYes, Side.BUY, "0.60", "120"],
    [bob, ethYes, Side.BUY, "0.58", "200"],
    [bob, ethYes, Side.BUY, "0.54", "400"],
    [carol, snowYes, Side.SELL, "0.18", "100"],
    [carol, snowYes, Side.SELL, "0.21", "250"],
    [dave, snowYes, Side.BUY, "0.12", "150"],
    [dave, snowYes, Side.BUY, "0.10", "300"],
    // Multi-outcome: bids on each club's YES, and asks on Benfica.
    [bob, league.yes[0] ?? 0n, Side.BUY, "0.38", "100"],
    [bob, league.yes[1] ?? 0n, Side.BUY, "0.30", "100"],
    [bob, league.yes[2] ?? 0n, Side.BUY, "0.24", "100"],
    [bob, league.yes[3] ?? 0n, Side.BUY, "0.05", "100"],
    [alice, benficaYes, Side.SELL, "0.41", "100"],
  ] as const;
  for (const [maker, tokenId, side, price, shares] of resting)
    await operator.order(maker, tokenId, side, price, shares);
  console.log("seed: resting orders on both sides");
}

// ------------------------------------------------------------------ a resolved pool market

await resolvedPoolMarket(seed);

// The dispute window opens after the history, so it is still open when the seed ends.
await receipt(oracle.write.propose([disputed.marketId, 1n], { account: dave.account }));
console.log("seed: one market proposed and in its dispute window");

console.log("seed: done");

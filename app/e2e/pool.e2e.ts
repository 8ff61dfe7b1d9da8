/**
 * End-to-end journey: the betting pool — liquidity in and out, bets with live odds and a bet slip,
 * combos, the resolution path and claims, a pool market created in the app and cashed out, and the
 * market-creator role. Own fresh chain (see session.ts); account #0 starts with a faucet drip.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { iBettingPoolAbi, testUSDAbi } from "@forkcast/deployments";
import type { Page } from "playwright-core";
import { decodeEventLog, decodeFunctionResult, encodeFunctionData, getAbiItem, toEventSelector } from "viem";

import { screenshot } from "./browser.ts";
import {
  chainTime,
  createMarket,
  createPoolCondition,
  expectConfirmed,
  faucetDrip,
  fillMarketDetails,
  sessionPerSuite,
  short,
  shownBalance,
  usd,
  useDevAccount,
  utcInput,
  waitForShownBalance,
} from "./session.ts";
import type { Stack } from "./stack.ts";

describe("the betting pool: liquidity, bets, claims and pool markets", { timeout: 300_000 }, () => {
  let stack: Stack;
  let page: Page;
  let pageErrors: string[] = [];
  sessionPerSuite(async (session) => {
    ({ stack, page, pageErrors } = session);
    await useDevAccount(page, stack, 0);
    await faucetDrip(page);
  });

  it("provides pool liquidity, shows the LP position and withdraws it", async () => {
    await page.getByRole("link", { name: "Liquidity" }).click();
    await page.getByTestId("pool-total").waitFor();
    const before = await shownBalance(page);
    // Over the balance: refused before any approval, with both amounts in tUSD.
    await page.getByLabel("Deposit amount").fill("99999999");
    await page
      .getByTestId("disabled-reason")
      .filter({ hasText: /^Not enough tUSD: you have [\d,]+\.\d\d tUSD, the deposit is 99,999,999\.00 tUSD$/ })
      .waitFor({ timeout: 15_000 });
    assert.ok(await page.getByRole("button", { name: "Deposit", exact: true }).isDisabled());
    await page.getByLabel("Deposit amount").fill("100");
    await page.getByRole("button", { name: "Deposit", exact: true }).click();
    await page
      .getByTestId("toast-confirmed")
      .filter({ hasText: "Deposit 100.00 tUSD into the pool" })
      .waitFor({ timeout: 30_000 });
    const row = page.getByTestId("lp-positions").locator("tbody tr");
    await row.filter({ hasText: "100.00 tUSD" }).first().waitFor({ timeout: 15_000 });
    await page.getByTestId("pool-total").filter({ hasText: "100.00 tUSD" }).waitFor({ timeout: 15_000 });
    // The deposit is free for markets opened from now on.
    await page.getByTestId("pool-free-new").filter({ hasText: "100.00 tUSD" }).waitFor({ timeout: 15_000 });
    await screenshot(page, "10-liquidity");
    // Past the withdrawal timeout (at most 30 days), withdraw everything.
    await stack.rpc("evm_increaseTime", [31 * 86_400]);
    await stack.rpc("evm_mine");
    // Half first: the row keeps the position and shows what was withdrawn.
    await page.getByLabel("Withdraw share").selectOption("5000");
    await row.first().getByRole("button", { name: "Withdraw 50%" }).click({ timeout: 15_000 });
    await page.getByTestId("toast-confirmed").filter({ hasText: "Withdraw 50% of LP" }).waitFor({ timeout: 30_000 });
    // Deposited 100, withdrawn 50 (indexed), worth 50 now (read from the pool), result 0.
    await row
      .filter({ hasText: /^\d+100\.00 tUSD50\.00 tUSD50\.00 tUSD0\.00 tUSD/ })
      .first()
      .waitFor({ timeout: 15_000 });
    await page.getByLabel("Withdraw share").selectOption("10000");
    await row.first().getByRole("button", { name: "Withdraw 100%" }).click({ timeout: 15_000 });
    await page.getByTestId("toast-confirmed").filter({ hasText: "Withdraw 100% of LP" }).waitFor({ timeout: 30_000 });
    await page.getByText("No LP positions.").waitFor({ timeout: 15_000 });
    await waitForShownBalance(page, before);
  });

  it("bets on a pool market: live odds, bet slip with slippage, the bet listed under My bets", async () => {
    const chainNow = await chainTime(stack);
    // Liquidity backs the payouts.
    await page.getByRole("link", { name: "Liquidity" }).click();
    await page.getByLabel("Deposit amount").fill("500");
    await page.getByRole("button", { name: "Deposit", exact: true }).click();
    await page.getByTestId("toast-confirmed").filter({ hasText: "Deposit 500.00 tUSD" }).waitFor({ timeout: 30_000 });
    // An oracle question to bet on: a factory market created in the app.
    await createMarket(page, "Will the pool pay out?", {
      endsAt: chainNow + 2 * 86_400,
      rules: "Resolves Yes if the e2e pool bet wins.",
      source: "the e2e test",
      category: "Sports",
    });
    await page.getByTestId("market-card").filter({ hasText: "Will the pool pay out?" }).click();
    await page.getByTestId("market-page").waitFor();
    const marketId = page.url().split("/markets/")[1]?.split("?")[0] ?? "";
    // The market-creator role (the deployer, account #0) opens a pool condition on it: 50/50, 5% margin.
    const pool = stack.contracts.pool;
    assert.ok(pool, "the deployment has a betting pool");
    await createPoolCondition(stack, marketId, [500_000_000_000n, 500_000_000_000n], chainNow + 86_400);
    await page.getByRole("link", { name: "Pool" }).click();
    const condition = page.getByTestId("pool-condition").filter({ hasText: "Will the pool pay out?" });
    await condition.getByText("taking bets").waitFor({ timeout: 15_000 });
    await condition.getByRole("button", { name: /^Yes \d+\.\d\d$/ }).click();
    await page
      .getByTestId("bet-slip")
      .getByText(/Yes @ \d+\.\d\d/)
      .waitFor();
    // A stake far beyond the pool's limits is refused with the max stake, and Place bet says why.
    await page
      .getByTestId("max-stake")
      .filter({ hasText: /^Max stake [\d,]+\.\d\d tUSD$/ })
      .waitFor({ timeout: 15_000 });
    await page.getByLabel("Stake").fill("99,999,999,999");
    await page
      .getByTestId("bet-slip")
      .getByTestId("disabled-reason")
      .filter({ hasText: /^Max stake [\d,]+\.\d\d tUSD: above it the odds fall below 1\.01$/ })
      .waitFor({ timeout: 15_000 });
    assert.ok(await page.getByRole("button", { name: "Place bet" }).isDisabled());
    await page.getByTestId("possible-win").filter({ hasText: "Possible win: —" }).waitFor();
    await page.getByLabel("Stake").fill("10");
    await page
      .getByTestId("possible-win")
      .filter({ hasText: /Possible win: 1\d\.\d\d tUSD/ })
      .waitFor();
    await page.getByRole("button", { name: "Place bet" }).click();
    await expectConfirmed(page, "Bet 10.00 tUSD on Yes");
    await page.getByTestId("my-bets").getByText("Will the pool pay out?: Yes").waitFor({ timeout: 15_000 });
    // The placed pick left the slip: the next pick starts a new single, never a silent combo.
    await page.getByTestId("bet-slip").getByText("Your picks appear here.").waitFor({ timeout: 15_000 });
    assert.equal(await page.getByTestId("slip-odds").count(), 0, "no odds without a pick");
    assert.equal(await page.getByTestId("possible-win").count(), 0, "no payout without a pick");
    assert.ok(
      (await page.getByTestId("disabled-reason").allTextContents()).includes("The market is not resolved yet"),
      "claiming says why it is not possible yet",
    );
    // A combo: a second condition on the same question, "Yes" on the first + "No" on the second.
    const chainNow2 = await chainTime(stack);
    await createPoolCondition(stack, marketId, [400_000_000_000n, 600_000_000_000n], chainNow2 + 86_400);
    const second = page.getByTestId("pool-condition").filter({ hasText: "Will the pool pay out?" }).nth(1);
    await condition
      .nth(0)
      .getByRole("button", { name: /^Yes \d+\.\d\d$/ })
      .click();
    await second.getByRole("button", { name: /^No \d+\.\d\d$/ }).click({ timeout: 15_000 });
    await page.getByTestId("bet-slip").getByText("Bet slip (combo)").waitFor();
    await page.getByLabel("Stake").fill("5");
    await page.getByRole("button", { name: "Place bet" }).click();
    await expectConfirmed(page, "Bet 5.00 tUSD on Yes + No");
    await page.getByTestId("my-bets").getByText("Combo:").waitFor({ timeout: 15_000 });
    await screenshot(page, "09-pool");

    // The answer is "Yes": settle it through the oracle in the app, resolve both pool conditions
    // (the keeper's job), then claim the winning single bet.
    await stack.rpc("evm_increaseTime", [2 * 86_400 + 600]);
    await stack.rpc("evm_mine");
    await page.getByRole("link", { name: "Markets" }).click();
    await page.getByLabel("Category").selectOption("");
    await page.getByTestId("market-card").filter({ hasText: "Will the pool pay out?" }).click();
    await page.getByRole("button", { name: "Propose Yes" }).click();
    await page.getByTestId("oracle-state").filter({ hasText: "Proposed" }).waitFor({ timeout: 30_000 });
    await stack.rpc("evm_increaseTime", [7_300]);
    await stack.rpc("evm_mine");
    await page.getByRole("button", { name: "Settle" }).click();
    await page.getByTestId("final-answer").filter({ hasText: "Yes" }).waitFor({ timeout: 30_000 });
    for (const conditionId of [1n, 2n]) {
      await stack.rpc("eth_sendTransaction", [
        {
          from: stack.accounts[0],
          to: pool,
          data: encodeFunctionData({ abi: iBettingPoolAbi, functionName: "resolveCondition", args: [conditionId] }),
        },
      ]);
    }
    await page.getByRole("link", { name: "Pool" }).click();
    const singleRow = page
      .getByTestId("my-bets")
      .locator("tr")
      .filter({ hasText: "Will the pool pay out?: Yes" })
      .filter({ hasNotText: "Combo" });
    const balanceBefore = await shownBalance(page);
    await singleRow.getByRole("button", { name: "Claim" }).click({ timeout: 15_000 });
    await page.getByTestId("toast-confirmed").filter({ hasText: "Claim bet #" }).waitFor({ timeout: 30_000 });
    await waitForShownBalance(page, balanceBefore + 10, "above");
  });

  it("account 0 creates a pool market in the app, bets on it and cashes the bet out", async () => {
    const question = "Who wins the e2e derby?";
    const creator = stack.accounts[0] ?? "0x";
    const collateral = stack.contracts.collateral;
    const pool = stack.contracts.pool;
    assert.ok(collateral && pool, "the deployment has collateral and a betting pool");
    const balanceOf = async () =>
      decodeFunctionResult({
        abi: testUSDAbi,
        functionName: "balanceOf",
        data: (await stack.rpc("eth_call", [
          {
            to: collateral,
            data: encodeFunctionData({ abi: testUSDAbi, functionName: "balanceOf", args: [creator] }),
          },
          "latest",
        ])) as `0x${string}`,
      });
    const chainNow = await chainTime(stack);
    await useDevAccount(page, stack, 0);
    await page.getByRole("link", { name: "Create" }).click();
    await page.getByRole("button", { name: "Pool market", exact: true }).click();
    await page.getByPlaceholder("Will it rain in Paris on 1 June?").fill(question);
    await page.getByRole("button", { name: "Add outcome" }).click();
    for (const [i, name, percent] of [
      [1, "Benfica", "45"],
      [2, "Sporting", "30"],
      [3, "Draw", "25"],
    ] as const) {
      await page.getByLabel(`Outcome ${i}`, { exact: true }).fill(name);
      await page.getByLabel(`Probability of outcome ${i} (%)`, { exact: true }).fill(percent);
    }
    await fillMarketDetails(page, {
      endsAt: chainNow + 2 * 86_400,
      rules: "Result after 90 minutes; extra time does not count.",
      source: "the e2e league",
      category: "Sports",
    });
    await page.getByLabel("Betting closes at (UTC)", { exact: true }).fill(utcInput(chainNow + 86_400));
    await page.getByLabel("Oracle reward (tUSD, paid by you)").fill("1");
    await page.getByTestId("market-preview").getByText("Benfica · 45%").waitFor();
    await screenshot(page, "15-create-pool-market");
    await page.getByRole("button", { name: "Create pool market" }).click();
    await expectConfirmed(page, `Create pool market "${question}"`);

    // The pool page names the market and its outcomes from the oracle question.
    await page.getByTestId("pool-page").waitFor({ timeout: 15_000 });
    const condition = page.getByTestId("pool-condition").filter({ hasText: question });
    await condition.getByText("taking bets").waitFor({ timeout: 15_000 });
    for (const name of ["Benfica", "Sporting", "Draw"]) {
      await condition.getByRole("button", { name: new RegExp(`^${name} \\d+\\.\\d\\d$`) }).waitFor();
    }
    await condition.getByRole("button", { name: /^Benfica \d+\.\d\d$/ }).click();
    await page.getByTestId("bet-slip").getByText(question).waitFor();
    await page.getByLabel("Stake").fill("10");
    await page.getByRole("button", { name: "Place bet" }).click();
    await expectConfirmed(page, "Bet 10.00 tUSD on Benfica");

    // Cash out at the quoted amount; the balance rises by exactly what the pool paid.
    const row = page
      .getByTestId("my-bets")
      .locator("tr")
      .filter({ hasText: `${question}: Benfica` });
    const cashOut = row.getByRole("button", { name: /^Cash out \d/ });
    await cashOut.waitFor({ timeout: 15_000 });
    const shown = /Cash out ([\d,]+\.\d\d) tUSD/.exec((await cashOut.textContent()) ?? "")?.[1];
    assert.ok(shown, "the button shows the cash-out amount");
    await screenshot(page, "16-pool-cash-out");
    const before = await balanceOf();
    await cashOut.click();
    await expectConfirmed(page, "Cash out bet #");
    const logs = (await stack.rpc("eth_getLogs", [
      {
        address: pool,
        topics: [toEventSelector(getAbiItem({ abi: iBettingPoolAbi, name: "BetCashedOut" }))],
        fromBlock: "0x0",
      },
    ])) as { topics: [`0x${string}`, ...`0x${string}`[]]; data: `0x${string}` }[];
    const last = logs.at(-1);
    assert.ok(last, "BetCashedOut emitted");
    const paid = decodeEventLog({
      abi: iBettingPoolAbi,
      eventName: "BetCashedOut",
      topics: last.topics,
      data: last.data,
    }).args.amount;
    const after = await balanceOf();
    assert.equal(after - before, paid, "the balance rose by the cash-out amount");
    assert.equal(shown, usd(paid), "the pool paid what the button showed");
    // Once cashed out the row says so: no "to win", no Claim, no raw status.
    await row
      .getByTestId("bet-status")
      .filter({ hasText: /^cashed out$/ })
      .waitFor({ timeout: 15_000 });
    await row
      .getByTestId("bet-result")
      .filter({ hasText: /^cashed out for / })
      .waitFor();
    assert.equal(await row.getByRole("button", { name: "Claim" }).count(), 0, "no Claim on a cashed-out bet");
    await page
      .getByTestId("collateral-balance")
      .filter({ hasText: `${usd(after)} tUSD` })
      .waitFor({ timeout: 15_000 });
    // The portfolio lists the bet by name too.
    await page.getByRole("link", { name: "Portfolio" }).click();
    await page
      .getByTestId("portfolio-pool")
      .getByTestId("portfolio-bet")
      .filter({ hasText: `${question}: Benfica` })
      .filter({ hasText: "cashed out" })
      .waitFor({ timeout: 30_000 });
    await screenshot(page, "17-pool-cashed-out");
  });

  it("an account without the market-creator role sees why it cannot create a pool market", async () => {
    const creator = stack.accounts[0] ?? "";
    const other = stack.accounts[1] ?? "";
    await useDevAccount(page, stack, 1);
    await page.getByRole("link", { name: "Create" }).click();
    await page.getByRole("button", { name: "Pool market", exact: true }).click();
    const notice = page.getByTestId("pool-creator-notice");
    await notice.waitFor({ timeout: 15_000 });
    const text = (await notice.textContent()) ?? "";
    assert.match(text, /only be created by accounts with the betting pool's market-creator role/);
    assert.ok(text.includes(`currently held by ${short(creator)}`), text);
    assert.ok(text.includes(`Your account ${short(other)} does not have it`), text);
    assert.ok(
      (await page.getByTestId("disabled-reason").allTextContents()).includes(
        "Only holders of the pool's market-creator role can create pool markets.",
      ),
      "the create button says why it is disabled",
    );
    await screenshot(page, "18-pool-market-not-creator");
    await page.getByTestId("dev-account-select").selectOption("dev-0");
  });

  it("the journey raised no uncaught errors in the page", () => {
    assert.deepEqual(pageErrors, []);
  });
});

/**
 * End-to-end: the real app in Debian's Chromium against a real Hardhat node with the repo's
 * deployment. Each test continues from the previous one's state (one browser page, one chain).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { iBettingPoolAbi, testUSDAbi } from "@forkcast/deployments";
import type { Browser, Page } from "playwright-core";
import { decodeEventLog, decodeFunctionResult, encodeFunctionData, getAbiItem, toEventSelector } from "viem";

import { launchBrowser, screenshot } from "./browser.ts";
import { type Stack, startStack } from "./stack.ts";

const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;
/** tUSD base units as the app shows them: "1,234.56" (rounded toward zero). */
const usd = (raw: bigint) => {
  const cents = raw / 10_000n;
  return `${(cents / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${(cents % 100n).toString().padStart(2, "0")}`;
};

describe("Forkcast app on a local chain", { timeout: 300_000 }, () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  before(async () => {
    stack = await startStack();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(stack.appUrl);
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it("connects the built-in dev wallet with the node's first account", async () => {
    await page.getByTestId("connect-dev").click();
    const first = stack.accounts[0] ?? "";
    await page
      .getByTestId("connected-address")
      .filter({ hasText: short(first) })
      .waitFor();
    await page.getByTestId("collateral-balance").filter({ hasText: "0.00 tUSD" }).waitFor();
    await screenshot(page, "01-markets");
  });

  it("the faucet sends 1,000 tUSD through the transaction helper and the balance updates", async () => {
    await page.getByTestId("faucet").getByText("Faucet").click();
    await page
      .getByTestId("toast-confirmed")
      .filter({ hasText: "Get 1,000 tUSD from the faucet" })
      .waitFor({ timeout: 30_000 });
    await page.getByTestId("collateral-balance").filter({ hasText: "1,000.00 tUSD" }).waitFor({ timeout: 15_000 });
    await page.getByTestId("faucet-cooldown").waitFor();
  });

  it("a rejected transaction shows the decoded custom error as a sentence", async () => {
    const first = stack.accounts[0] ?? "";
    await page.getByTestId("faucet").click();
    const toast = page.getByTestId("toast-failed");
    await toast.waitFor({ timeout: 15_000 });
    const text = await toast.textContent();
    assert.match(
      text ?? "",
      new RegExp(
        `The faucet already paid ${short(first)} recently; it can be used again at \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC\\.`,
      ),
    );
    // The chain state did not change: still exactly one drip.
    await page.getByTestId("collateral-balance").filter({ hasText: "1,000.00 tUSD" }).waitFor();
    await screenshot(page, "02-decoded-error");
  });

  it("the account switcher moves to another dev account with its own balance", async () => {
    const second = stack.accounts[1] ?? "";
    await page.getByTestId("dev-account-select").selectOption("dev-1");
    await page
      .getByTestId("connected-address")
      .filter({ hasText: short(second) })
      .waitFor();
    await page.getByTestId("collateral-balance").filter({ hasText: "0.00 tUSD" }).waitFor();
    await page.getByTestId("dev-account-select").selectOption("dev-0");
    await page.getByTestId("collateral-balance").filter({ hasText: "1,000.00 tUSD" }).waitFor();
  });

  it("the portfolio reads from the indexer: no positions, no orders, zero value", async () => {
    await page.getByRole("link", { name: "Portfolio" }).click();
    await page.getByTestId("positions-table").waitFor();
    await page.getByText("No positions yet.").waitFor({ timeout: 15_000 });
    await page.getByTestId("portfolio-orders").getByText("No open orders.").waitFor({ timeout: 15_000 });
    assert.equal(await page.getByTestId("portfolio-value").textContent(), "0.00 tUSD");
    await screenshot(page, "03-portfolio");
  });

  it("create market validates the form, previews it, approves the reward and creates the market", async () => {
    await page.getByRole("link", { name: "Create" }).click();
    const question = page.getByPlaceholder("Will it rain in Paris on 1 June?");
    await question.fill("Rain?");
    await page.getByText("End time (UTC)").click();
    await page.getByText("Write a question of at least 10 characters.", { exact: true }).waitFor();
    assert.ok(
      (await page.getByTestId("disabled-reason").allTextContents()).includes(
        "Question: Write a question of at least 10 characters.",
      ),
      "the create button names the field to fix",
    );
    await question.fill("Will Forkcast ship on time?");
    const end = new Date(Date.now() + 3_600_000).toISOString().slice(0, 16);
    await page.locator('input[type="datetime-local"]').fill(end);
    await page.locator("textarea").fill("Resolves Yes if the release is tagged before the end time.");
    await page.getByLabel("Resolution source").fill("github.com/forkcast");
    await page.getByLabel("Category").selectOption("Crypto");
    await page.getByTestId("market-preview").getByText("Will Forkcast ship on time?").waitFor();
    await screenshot(page, "04-create-market");
    await page.getByRole("button", { name: "Create market" }).click();
    await page.getByTestId("toast-confirmed").filter({ hasText: "Create market" }).waitFor({ timeout: 30_000 });
    await page
      .getByTestId("market-card")
      .filter({ hasText: "Will Forkcast ship on time?" })
      .waitFor({ timeout: 15_000 });
    await page.getByTestId("collateral-balance").filter({ hasText: "990.00 tUSD" }).waitFor({ timeout: 15_000 });
    await screenshot(page, "05-markets-list");
  });

  it("mints a full set of outcome shares on the market page", async () => {
    await page.getByTestId("market-card").filter({ hasText: "Will Forkcast ship on time?" }).click();
    await page.getByTestId("market-page").waitFor();
    await page.getByTestId("positions").getByRole("button", { name: "Split" }).click();
    await page.getByTestId("shares-Yes").filter({ hasText: "10.00 shares" }).waitFor({ timeout: 30_000 });
    await page.getByTestId("shares-No").filter({ hasText: "10.00 shares" }).waitFor();
    await page.getByTestId("collateral-balance").filter({ hasText: "980.00 tUSD" }).waitFor({ timeout: 15_000 });
    // Before the end time, proposing is disabled and says why.
    assert.ok(
      (await page.getByTestId("disabled-reason").allTextContents()).some((r) =>
        r.startsWith("Proposals open when the market ends"),
      ),
    );
    await screenshot(page, "06-market-page");
  });

  it("proposes an answer after the end time, settles it, resolves the market and redeems", async () => {
    await stack.rpc("evm_increaseTime", [7_200]);
    await stack.rpc("evm_mine");
    await page.getByRole("button", { name: "Propose Yes" }).click();
    await page.getByTestId("oracle-state").filter({ hasText: "Proposed" }).waitFor({ timeout: 30_000 });
    await page.getByTestId("collateral-balance").filter({ hasText: "880.00 tUSD" }).waitFor({ timeout: 15_000 });
    await screenshot(page, "07-resolution-proposed");
    await stack.rpc("evm_increaseTime", [7_300]);
    await stack.rpc("evm_mine");
    await page.getByRole("button", { name: "Settle" }).click();
    await page.getByTestId("final-answer").filter({ hasText: "Yes" }).waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: "Resolve market" }).click();
    await page.getByTestId("toast-confirmed").filter({ hasText: "Resolve the market" }).waitFor({ timeout: 30_000 });
    // Bond 100 + reward 10 return to the proposer on settlement.
    await page.getByTestId("collateral-balance").filter({ hasText: "990.00 tUSD" }).waitFor({ timeout: 15_000 });
    // The portfolio lists the winnings with their value and redeems them in one click.
    await page.getByRole("link", { name: "Portfolio" }).click();
    await page
      .getByTestId("positions-table")
      .getByText("Will Forkcast ship on time?")
      .first()
      .waitFor({ timeout: 15_000 });
    await page.getByTestId("redeem-value").filter({ hasText: "10.00 tUSD" }).waitFor({ timeout: 15_000 });
    // The indexed activity has the full-set split of 10 tUSD.
    await page
      .getByTestId("activity")
      .locator("tr")
      .filter({ hasText: "split" })
      .filter({ hasText: "10.00 tUSD" })
      .waitFor();
    await screenshot(page, "08-portfolio-redeemable");
    await page.getByTestId("redeemable").getByRole("button", { name: "Redeem" }).click();
    await page.getByTestId("toast-confirmed").filter({ hasText: "Redeem" }).waitFor({ timeout: 30_000 });
    await page.getByTestId("collateral-balance").filter({ hasText: "1,000.00 tUSD" }).waitFor({ timeout: 15_000 });
    await page.getByTestId("redeemable").getByText("Nothing to redeem.").waitFor({ timeout: 15_000 });
    await page
      .getByTestId("activity")
      .locator("tr")
      .filter({ hasText: "redeemed" })
      .filter({ hasText: "10.00 tUSD" })
      .waitFor({ timeout: 15_000 });
  });

  it("two disputes escalate to the arbitrator, whose ruling settles the answer (local chain view)", async () => {
    const chainNow = Number(
      ((await stack.rpc("eth_getBlockByNumber", ["latest", false])) as { timestamp: string }).timestamp,
    );
    await page.getByRole("link", { name: "Create" }).click();
    await page.getByPlaceholder("Will it rain in Paris on 1 June?").fill("Will the arbitrator be needed?");
    await page
      .locator('input[type="datetime-local"]')
      .fill(new Date((chainNow + 3_600) * 1000).toISOString().slice(0, 16));
    await page.locator("textarea").fill("Resolves Yes if the committee has to rule on it.");
    await page.getByLabel("Resolution source").fill("the e2e test");
    await page.getByLabel("Category").selectOption("Other");
    await page.getByRole("button", { name: "Create market" }).click();
    await page.getByTestId("market-card").filter({ hasText: "Will the arbitrator be needed?" }).click();
    await page.getByTestId("oracle-state").filter({ hasText: "Open" }).waitFor({ timeout: 15_000 });
    await stack.rpc("evm_increaseTime", [7_200]);
    await stack.rpc("evm_mine");

    const dispute = async () => {
      await page.getByTestId("dev-account-select").selectOption("dev-1");
      await page.getByRole("button", { name: "Dispute" }).click();
      await page.getByTestId("toast-confirmed").filter({ hasText: "Dispute" }).last().waitFor({ timeout: 30_000 });
    };
    // Account #0 proposes "No"; account #1 (after its own faucet drip) disputes: the question reopens.
    await page.getByRole("button", { name: "Propose No" }).click();
    await page.getByTestId("oracle-state").filter({ hasText: "Proposed" }).waitFor({ timeout: 30_000 });
    await page.getByTestId("dev-account-select").selectOption("dev-1");
    await page.getByTestId("faucet").getByText("Faucet").click();
    await page.getByTestId("collateral-balance").filter({ hasText: "1,000.00 tUSD" }).waitFor({ timeout: 30_000 });
    await dispute();
    await page.getByTestId("oracle-state").filter({ hasText: "Open" }).waitFor({ timeout: 30_000 });
    // Second round: the dispute escalates to the committee.
    await page.getByTestId("dev-account-select").selectOption("dev-0");
    await page.getByRole("button", { name: "Propose No" }).click();
    await page.getByTestId("oracle-state").filter({ hasText: "Proposed" }).waitFor({ timeout: 30_000 });
    await dispute();
    await page.getByTestId("oracle-state").filter({ hasText: "Escalated" }).waitFor({ timeout: 30_000 });
    // A non-member (account #1) sees why it cannot rule; the committee member (the local deployment's
    // committee is the deployer, account #0) rules "Yes".
    await page
      .getByTestId("arbitrator")
      .getByText("Your account is not on the arbitration committee.")
      .first()
      .waitFor();
    await page.getByTestId("dev-account-select").selectOption("dev-0");
    await page.getByTestId("arbitrator").getByRole("button", { name: "Rule Yes" }).click();
    await page.getByTestId("final-answer").filter({ hasText: "Yes" }).waitFor({ timeout: 30_000 });
    await screenshot(page, "13-arbitrated");
  });

  it("creates a multi-outcome market through the neg-risk path and lists every outcome", async () => {
    const chainNow = Number(
      ((await stack.rpc("eth_getBlockByNumber", ["latest", false])) as { timestamp: string }).timestamp,
    );
    await page.getByRole("link", { name: "Create" }).click();
    await page.getByRole("button", { name: "Order book: multi-outcome" }).click();
    await page.getByPlaceholder("Will it rain in Paris on 1 June?").fill("Which team wins the e2e cup?");
    await page.getByLabel("Outcome 1").fill("Red");
    await page.getByLabel("Outcome 2").fill("Red");
    await page
      .locator('input[type="datetime-local"]')
      .fill(new Date((chainNow + 86_400) * 1000).toISOString().slice(0, 16));
    await page.locator("textarea").fill("Resolves to the team that wins the final.");
    await page.getByLabel("Resolution source").fill("the cup committee");
    await page.getByLabel("Category").selectOption("Sports");
    await page.getByText("Outcome names must be different.", { exact: true }).waitFor();
    await page.getByLabel("Outcome 2").fill("Blue");
    await page.getByRole("button", { name: "Add outcome" }).click();
    await page.getByLabel("Outcome 3").fill("Green");
    await page.getByRole("button", { name: "Create market" }).click();
    const card = page.getByTestId("market-card").filter({ hasText: "Which team wins the e2e cup?" });
    await card.filter({ hasText: "3 outcomes" }).waitFor({ timeout: 30_000 });
    await card.click();
    for (const team of ["Red", "Blue", "Green"]) await page.getByTestId(`yes-${team}`).waitFor();
    // Mint YES+NO on Red and on Blue through the adapter, then convert both NOs:
    // (2 − 1) × 10 = 10 tUSD back plus 10 YES on Green.
    const balanceOf = async () =>
      Number(((await page.getByTestId("collateral-balance").textContent()) ?? "").replace(/[^0-9.]/g, ""));
    const before = await balanceOf();
    await page.getByRole("button", { name: "Split Red" }).click();
    await page.getByTestId("no-Red").filter({ hasText: "10.00 shares" }).waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: "Split Blue" }).click();
    await page.getByTestId("no-Blue").filter({ hasText: "10.00 shares" }).waitFor({ timeout: 30_000 });
    await page.getByLabel("Convert NO Red").check();
    await page.getByLabel("Convert NO Blue").check();
    await page.getByTestId("multi-positions").getByText("Converting 2 × NO gives 10.00 tUSD").waitFor();
    // Earlier steps' toasts (a failed one stays until dismissed) sit over the panel: close them first.
    const dismiss = page.locator(".toasts").getByRole("button", { name: "Dismiss" });
    for (let i = 0; i < 10 && (await dismiss.count()) > 0; i++)
      await dismiss
        .first()
        .click({ timeout: 2_000 })
        .catch(() => undefined); // a confirmed toast may close by itself meanwhile
    await dismiss.first().waitFor({ state: "detached", timeout: 10_000 });
    await page.getByRole("button", { name: "Convert", exact: true }).click();
    await page.getByTestId("yes-Green").filter({ hasText: "10.00 shares" }).waitFor({ timeout: 30_000 });
    await page.getByTestId("no-Red").filter({ hasText: "0.00 shares" }).waitFor();
    await page.waitForFunction(
      (expected) => {
        const text = document.querySelector('[data-testid="collateral-balance"]')?.textContent ?? "";
        return Number(text.replace(/[^0-9.]/g, "")) === expected;
      },
      before - 10,
      { timeout: 15_000 },
    );
    await screenshot(page, "15-multi-outcome-convert");

    // Resolve to "Green" and redeem: YES Green pays 10 tUSD, YES Red and YES Blue pay nothing.
    await stack.rpc("evm_increaseTime", [86_400 + 600]);
    await stack.rpc("evm_mine");
    await page.getByRole("button", { name: "Propose Green" }).click();
    await page.getByTestId("oracle-state").filter({ hasText: "Proposed" }).waitFor({ timeout: 30_000 });
    await stack.rpc("evm_increaseTime", [7_300]);
    await stack.rpc("evm_mine");
    await page.getByRole("button", { name: "Settle" }).click();
    await page.getByTestId("final-answer").filter({ hasText: "Green" }).waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: "Resolve market" }).click();
    await page
      .getByTestId("toast-confirmed")
      .filter({ hasText: "Resolve the market" })
      .last()
      .waitFor({ timeout: 30_000 });
    await page.getByRole("link", { name: "Portfolio" }).click();
    const greenRow = page.getByTestId("redeem-row").filter({ hasText: "Which team wins the e2e cup? — Green" });
    await greenRow.getByTestId("redeem-value").filter({ hasText: "10.00 tUSD" }).waitFor({ timeout: 15_000 });
    const redRow = page.getByTestId("redeem-row").filter({ hasText: "Which team wins the e2e cup? — Red" });
    await redRow.getByTestId("redeem-value").filter({ hasText: "0.00 tUSD" }).waitFor();
    const beforeRedeem = await balanceOf();
    await greenRow.getByRole("button", { name: "Redeem" }).click();
    await greenRow.waitFor({ state: "detached", timeout: 30_000 });
    await page.waitForFunction(
      (expected) => {
        const text = document.querySelector('[data-testid="collateral-balance"]')?.textContent ?? "";
        return Number(text.replace(/[^0-9.]/g, "")) === expected;
      },
      beforeRedeem + 10,
      { timeout: 15_000 },
    );
    await screenshot(page, "16-multi-outcome-redeemed");
    await page.getByRole("link", { name: "Markets" }).click();
    await page.getByLabel("Category").selectOption("Sports");
    assert.equal(await page.getByTestId("market-card").count(), 1, "the category filter keeps only the Sports market");
  });

  it("provides pool liquidity, shows the LP position and withdraws it", async () => {
    const balanceOf = async () =>
      Number(((await page.getByTestId("collateral-balance").textContent()) ?? "").replace(/[^0-9.]/g, ""));
    await page.getByRole("link", { name: "Liquidity" }).click();
    await page.getByTestId("pool-total").waitFor();
    const before = await balanceOf();
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
    await page.waitForFunction(
      (expected) => {
        const text = document.querySelector('[data-testid="collateral-balance"]')?.textContent ?? "";
        return Number(text.replace(/[^0-9.]/g, "")) === expected;
      },
      before,
      { timeout: 15_000 },
    );
  });

  it("bets on a pool market: live odds, bet slip with slippage, the bet listed under My bets", async () => {
    const chainNow = Number(
      ((await stack.rpc("eth_getBlockByNumber", ["latest", false])) as { timestamp: string }).timestamp,
    );
    // Liquidity backs the payouts.
    await page.getByRole("link", { name: "Liquidity" }).click();
    await page.getByLabel("Deposit amount").fill("500");
    await page.getByRole("button", { name: "Deposit", exact: true }).click();
    await page.getByTestId("toast-confirmed").filter({ hasText: "Deposit 500.00 tUSD" }).waitFor({ timeout: 30_000 });
    // An oracle question to bet on: a factory market created in the app.
    await page.getByRole("link", { name: "Create" }).click();
    await page.getByPlaceholder("Will it rain in Paris on 1 June?").fill("Will the pool pay out?");
    await page
      .locator('input[type="datetime-local"]')
      .fill(new Date((chainNow + 2 * 86_400) * 1000).toISOString().slice(0, 16));
    await page.locator("textarea").fill("Resolves Yes if the e2e pool bet wins.");
    await page.getByLabel("Resolution source").fill("the e2e test");
    await page.getByLabel("Category").selectOption("Sports");
    await page.getByRole("button", { name: "Create market" }).click();
    await page.getByTestId("market-card").filter({ hasText: "Will the pool pay out?" }).click();
    await page.getByTestId("market-page").waitFor();
    const marketId = page.url().split("/markets/")[1]?.split("?")[0] ?? "";
    // The market-creator role (the deployer, account #0) opens a pool condition on it: 50/50, 5% margin.
    const pool = stack.contracts.pool;
    assert.ok(pool, "the deployment has a betting pool");
    await stack.rpc("eth_sendTransaction", [
      {
        from: stack.accounts[0],
        to: pool,
        data: encodeFunctionData({
          abi: iBettingPoolAbi,
          functionName: "createCondition",
          args: [
            marketId as `0x${string}`,
            [500_000_000_000n, 500_000_000_000n],
            1_000_000_000n,
            500n,
            BigInt(chainNow + 86_400),
          ],
        }),
      },
    ]);
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
    const betToast = page.locator('[data-testid^="toast-"]').filter({ hasText: "Bet 10.00 tUSD on Yes" });
    await betToast
      .and(page.locator('[data-testid="toast-confirmed"], [data-testid="toast-failed"]'))
      .waitFor({ timeout: 30_000 });
    assert.equal(await betToast.getAttribute("data-testid"), "toast-confirmed", (await betToast.textContent()) ?? "");
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
    const chainNow2 = Number(
      ((await stack.rpc("eth_getBlockByNumber", ["latest", false])) as { timestamp: string }).timestamp,
    );
    await stack.rpc("eth_sendTransaction", [
      {
        from: stack.accounts[0],
        to: pool,
        data: encodeFunctionData({
          abi: iBettingPoolAbi,
          functionName: "createCondition",
          args: [
            marketId as `0x${string}`,
            [400_000_000_000n, 600_000_000_000n],
            1_000_000_000n,
            500n,
            BigInt(chainNow2 + 86_400),
          ],
        }),
      },
    ]);
    const second = page.getByTestId("pool-condition").filter({ hasText: "Will the pool pay out?" }).nth(1);
    await condition
      .nth(0)
      .getByRole("button", { name: /^Yes \d+\.\d\d$/ })
      .click();
    await second.getByRole("button", { name: /^No \d+\.\d\d$/ }).click({ timeout: 15_000 });
    await page.getByTestId("bet-slip").getByText("Bet slip (combo)").waitFor();
    await page.getByLabel("Stake").fill("5");
    await page.getByRole("button", { name: "Place bet" }).click();
    const comboToast = page.locator('[data-testid^="toast-"]').filter({ hasText: "Bet 5.00 tUSD on Yes + No" });
    await comboToast
      .and(page.locator('[data-testid="toast-confirmed"], [data-testid="toast-failed"]'))
      .waitFor({ timeout: 30_000 });
    assert.equal(
      await comboToast.getAttribute("data-testid"),
      "toast-confirmed",
      (await comboToast.textContent()) ?? "",
    );
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
    const balanceBefore = Number(
      ((await page.getByTestId("collateral-balance").textContent()) ?? "").replace(/[^0-9.]/g, ""),
    );
    await singleRow.getByRole("button", { name: "Claim" }).click({ timeout: 15_000 });
    await page.getByTestId("toast-confirmed").filter({ hasText: "Claim bet #" }).waitFor({ timeout: 30_000 });
    await page.waitForFunction(
      (before) => {
        const text = document.querySelector('[data-testid="collateral-balance"]')?.textContent ?? "";
        return Number(text.replace(/[^0-9.]/g, "")) > before + 10;
      },
      balanceBefore,
      { timeout: 15_000 },
    );
  });

  it("every other main screen renders and explains disabled actions", async () => {
    for (const [link, testId, file] of [["Resolution", "resolution-page", "11-resolution"]] as const) {
      await page.getByRole("link", { name: link, exact: true }).click();
      await page.getByTestId(testId).waitFor();
      await screenshot(page, file);
    }
    await page.goto(`${stack.appUrl}/market/0x${"00".repeat(32)}`);
    await page.getByTestId("market-page").waitFor();
    await screenshot(page, "12-order-book-page");
    assert.deepEqual(pageErrors, [], "no uncaught errors in the page");
  });

  it("order book: A sells YES with limit orders, B buys with a market order, both portfolios, A cancels", async () => {
    try {
      const question = "Will the order book match?";
      const chainNow = Number(
        ((await stack.rpc("eth_getBlockByNumber", ["latest", false])) as { timestamp: string }).timestamp,
      );
      // The previous test reloaded the page: reconnect the dev wallet if it did not restore itself.
      const devAccount = async (index: number) => {
        const select = page.getByTestId("dev-account-select");
        const connectDev = page.getByTestId("connect-dev");
        await Promise.race([select.waitFor({ timeout: 15_000 }), connectDev.waitFor({ timeout: 15_000 })]);
        if (!(await select.isVisible())) await connectDev.click();
        await select.selectOption(`dev-${index}`);
        await page
          .getByTestId("connected-address")
          .filter({ hasText: short(stack.accounts[index] ?? "") })
          .waitFor();
      };
      // Account A (#0) creates a market and splits a full set: 10 YES + 10 NO.
      await page.goto(stack.appUrl);
      await devAccount(0);
      await page.getByRole("link", { name: "Create" }).click();
      await page.getByPlaceholder("Will it rain in Paris on 1 June?").fill(question);
      await page
        .locator('input[type="datetime-local"]')
        .fill(new Date((chainNow + 2 * 86_400) * 1000).toISOString().slice(0, 16));
      await page.locator("textarea").fill("Resolves Yes if the e2e orders match.");
      await page.getByLabel("Resolution source").fill("the e2e test");
      await page.getByLabel("Category").selectOption("Crypto");
      await page.getByRole("button", { name: "Create market" }).click();
      await page.getByTestId("market-card").filter({ hasText: question }).click({ timeout: 30_000 });
      await page.getByTestId("market-page").waitFor();
      await page.getByTestId("positions").getByRole("button", { name: "Split" }).click();
      await page.getByTestId("shares-Yes").filter({ hasText: "10.00 shares" }).waitFor({ timeout: 30_000 });
      // One page: the order book and the ticket are on the market page itself.
      await page.waitForURL(/\/markets\/0x[0-9a-f]{64}/);
      const marketUrl = page.url();
      // The operator discovers the market from the exchange's TokenRegistered events.
      await page.getByRole("heading", { name: question }).waitFor({ timeout: 30_000 });
      await page.getByTestId("live-status").filter({ hasText: "live" }).waitFor({ timeout: 15_000 });
      const ticket = page.getByTestId("trade-ticket");
      const limitSell = async (cents: string, shares: string) => {
        await ticket.getByRole("button", { name: "Sell", exact: true }).click();
        await ticket.getByLabel("Order type").selectOption("limit");
        await ticket.getByLabel("Limit price (¢)").fill(cents);
        await ticket.getByLabel("Shares").fill(shares);
        await ticket.getByTestId("place-order").click();
        await ticket
          .getByTestId("ticket-message")
          .filter({ hasText: "Order placed on the book." })
          .waitFor({ timeout: 30_000 });
      };
      // Disabled buttons say why: a price off the 1¢ tick.
      await ticket.getByRole("button", { name: "Sell", exact: true }).click();
      await ticket.getByLabel("Order type").selectOption("limit");
      await ticket.getByLabel("Limit price (¢)").fill("60.5");
      await ticket.getByLabel("Shares").fill("5");
      await ticket.getByTestId("disabled-reason").filter({ hasText: "tick" }).waitFor();
      // A resting ask: 5 YES at 60¢ (setApprovalForAll first).
      await limitSell("60", "5");
      const book = page.getByTestId("order-book");
      await book.getByText("60¢").waitFor({ timeout: 15_000 });
      await page.getByTestId("open-order").filter({ hasText: "60¢" }).waitFor({ timeout: 15_000 });
      await screenshot(page, "ob-14-orders-resting");

      // Account B (#1) buys with a market order: 3 tUSD fill-or-kill takes exactly the 60¢ ask.
      await devAccount(1);
      await page.goto(marketUrl);
      await devAccount(1);
      await page.getByRole("heading", { name: question }).waitFor({ timeout: 30_000 });
      await book.getByText("60¢").waitFor({ timeout: 15_000 });
      await ticket.getByRole("button", { name: "Buy", exact: true }).click();
      await ticket.getByLabel("Order type").selectOption("market");
      await ticket.getByLabel("Amount (tUSD)").fill("3");
      await ticket.getByText("FOK at worst price 60¢ for 5.00 shares.").waitFor();
      await screenshot(page, "ob-15-market-buy-ticket");
      await ticket.getByTestId("place-order").click();
      await ticket.getByTestId("ticket-message").filter({ hasText: "Order filled." }).waitFor({ timeout: 30_000 });
      // The trade in recent trades, the 60¢ ask gone from the book (live), the chart redrawn.
      await page.getByTestId("recent-trades").getByText("60¢").waitFor({ timeout: 15_000 });
      await book.getByText("60¢").waitFor({ state: "detached", timeout: 15_000 });
      await screenshot(page, "ob-16-trade-and-chart");

      // Both portfolios after on-chain settlement: B holds 5 YES, A 5 YES (+ 10 NO).
      const yesRow = () =>
        page.getByTestId("positions-table").locator("tr").filter({ hasText: question }).filter({ hasText: "Yes" });
      await page.getByRole("link", { name: "Portfolio" }).click();
      await yesRow().filter({ hasText: "5.00 shares" }).waitFor({ timeout: 30_000 });
      // B paid 60¢ a share; with the book empty the mark is the last trade, so nothing is unrealized yet.
      await yesRow().getByTestId("position-avg").filter({ hasText: "60¢" }).waitFor({ timeout: 15_000 });
      await yesRow().getByTestId("position-mark").filter({ hasText: "60¢" }).waitFor({ timeout: 15_000 });
      assert.equal(await yesRow().getByTestId("position-unrealized").textContent(), "0.00 tUSD");
      await page
        .getByTestId("activity")
        .locator("tr")
        .filter({ hasText: "bought" })
        .filter({ hasText: "at 60¢" })
        .waitFor();
      await screenshot(page, "ob-17-portfolio-buyer");
      // The market card shows the last price and the volume from the indexer.
      await page.getByRole("link", { name: "Markets" }).click();
      const card = page.getByTestId("market-card").filter({ hasText: question });
      await card.getByTestId("market-prices").filter({ hasText: "60¢" }).waitFor({ timeout: 15_000 });
      assert.equal(await card.getByTestId("market-volume").textContent(), "3 tUSD vol");
      await page.getByRole("link", { name: "Portfolio" }).click();
      await devAccount(0);
      await yesRow().filter({ hasText: "5.00 shares" }).waitFor({ timeout: 30_000 });
      await screenshot(page, "ob-18-portfolio-seller");

      // A rests a second order (its other 5 YES at 70¢), then cancels it with a signed cancel message.
      await page.goto(marketUrl);
      await devAccount(0);
      await page.getByTestId("open-orders").getByText("No open orders in this market.").waitFor({ timeout: 15_000 });
      await limitSell("70", "5");
      await book.getByText("70¢").waitFor({ timeout: 15_000 });
      const orders = page.getByTestId("open-order");
      await orders.filter({ hasText: "70¢" }).waitFor({ timeout: 15_000 });
      assert.equal(await orders.count(), 1, "only the 70¢ order is open");
      await screenshot(page, "ob-19-second-order-resting");
      // The portfolio lists it too, and cancels it there with a signed cancel message.
      await page.getByRole("link", { name: "Portfolio" }).click();
      const portfolioOrder = page.getByTestId("portfolio-order").filter({ hasText: question });
      await portfolioOrder.filter({ hasText: "70¢" }).filter({ hasText: "SELL Yes" }).waitFor({ timeout: 15_000 });
      await screenshot(page, "ob-19b-portfolio-open-orders");
      await portfolioOrder.getByRole("button", { name: "Cancel" }).click();
      await page.getByTestId("portfolio-orders").getByText("Cancelled 1 order.").waitFor({ timeout: 15_000 });
      await page.getByTestId("portfolio-orders").getByText("No open orders.").waitFor({ timeout: 15_000 });
      await page.goto(marketUrl);
      await devAccount(0);
      await page.getByTestId("open-orders").getByText("No open orders in this market.").waitFor({ timeout: 15_000 });
      await book.getByText("70¢").waitFor({ state: "detached", timeout: 15_000 });
      await screenshot(page, "ob-20-order-cancelled");
    } catch (error) {
      // Leave the page as it failed, for the artifacts.
      await screenshot(page, "order-book-failure").catch(() => undefined);
      throw error;
    }
  });

  it("an EIP-6963 wallet on the wrong chain sees the banner and switches to the local chain", async () => {
    const account = stack.accounts[2] ?? "";
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // A minimal injected wallet: announces itself over EIP-6963, starts on Ethereum mainnet,
    // and forwards everything else to the node (which signs for its unlocked accounts).
    await context.addInitScript(
      ({ rpcUrl, account }) => {
        let chainId = "0x1";
        let authorized = false; // like a real wallet: no accounts until the user connects
        const listeners: Record<string, ((value: unknown) => void)[]> = {};
        const provider = {
          async request({ method, params }: { method: string; params?: unknown[] }) {
            if (method === "eth_chainId") return chainId;
            if (method === "eth_requestAccounts") authorized = true;
            if (method === "eth_accounts" || method === "eth_requestAccounts") return authorized ? [account] : [];
            if (method === "wallet_switchEthereumChain") {
              chainId = (params?.[0] as { chainId: string }).chainId;
              for (const listener of listeners.chainChanged ?? []) listener(chainId);
              return null;
            }
            const response = await fetch(rpcUrl, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
            });
            const body = (await response.json()) as { result?: unknown; error?: unknown };
            if (body.error) throw body.error;
            return body.result;
          },
          on(event: string, listener: (value: unknown) => void) {
            (listeners[event] ??= []).push(listener);
          },
          removeListener(event: string, listener: (value: unknown) => void) {
            listeners[event] = (listeners[event] ?? []).filter((l) => l !== listener);
          },
        };
        const info = {
          uuid: "6e0b4b52-0c4e-4d43-9a8e-2f1f6c1d0e01",
          name: "E2E Wallet",
          icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E",
          rdns: "org.forkcast.e2e",
        };
        const announce = () =>
          window.dispatchEvent(
            new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }),
          );
        window.addEventListener("eip6963:requestProvider", announce);
        announce();
      },
      { rpcUrl: stack.rpcUrl, account },
    );
    const walletPage = await context.newPage();
    try {
      await walletPage.goto(stack.appUrl);
      await walletPage.getByRole("button", { name: "E2E Wallet" }).click();
      await walletPage
        .getByTestId("connected-address")
        .filter({ hasText: short(account) })
        .waitFor();
      const banner = walletPage.getByTestId("wrong-network");
      await banner.getByText("Your wallet is on chain 1").waitFor();
      await screenshot(walletPage, "14-wrong-network");
      await banner.getByRole("button", { name: "Switch to Local (Hardhat)" }).click();
      await banner.waitFor({ state: "detached", timeout: 15_000 });
      // Transactions go through the injected wallet too.
      await walletPage.getByTestId("faucet").getByText("Faucet").click();
      await walletPage
        .getByTestId("collateral-balance")
        .filter({ hasText: "1,000.00 tUSD" })
        .waitFor({ timeout: 30_000 });
    } finally {
      await context.close();
    }
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
    const chainNow = Number(
      ((await stack.rpc("eth_getBlockByNumber", ["latest", false])) as { timestamp: string }).timestamp,
    );
    const utcInput = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 16);
    await page.getByTestId("dev-account-select").selectOption("dev-0");
    await page
      .getByTestId("connected-address")
      .filter({ hasText: short(creator) })
      .waitFor();
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
    await page
      .locator("label", { hasText: "End time (UTC)" })
      .locator("input")
      .fill(utcInput(chainNow + 2 * 86_400));
    await page.getByLabel("Betting closes at (UTC)", { exact: true }).fill(utcInput(chainNow + 86_400));
    await page.locator("textarea").fill("Result after 90 minutes; extra time does not count.");
    await page.getByLabel("Resolution source").fill("the e2e league");
    await page.getByLabel("Category").selectOption("Sports");
    await page.getByLabel("Oracle reward (tUSD, paid by you)").fill("1");
    await page.getByTestId("market-preview").getByText("Benfica · 45%").waitFor();
    await screenshot(page, "15-create-pool-market");
    await page.getByRole("button", { name: "Create pool market" }).click();
    const createToast = page.locator('[data-testid^="toast-"]').filter({ hasText: `Create pool market "${question}"` });
    await createToast
      .and(page.locator('[data-testid="toast-confirmed"], [data-testid="toast-failed"]'))
      .waitFor({ timeout: 30_000 });
    assert.equal(
      await createToast.getAttribute("data-testid"),
      "toast-confirmed",
      (await createToast.textContent()) ?? "",
    );

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
    const betToast = page.locator('[data-testid^="toast-"]').filter({ hasText: "Bet 10.00 tUSD on Benfica" });
    await betToast
      .and(page.locator('[data-testid="toast-confirmed"], [data-testid="toast-failed"]'))
      .waitFor({ timeout: 30_000 });
    assert.equal(await betToast.getAttribute("data-testid"), "toast-confirmed", (await betToast.textContent()) ?? "");

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
    const cashToast = page.locator('[data-testid^="toast-"]').filter({ hasText: "Cash out bet #" });
    await cashToast
      .and(page.locator('[data-testid="toast-confirmed"], [data-testid="toast-failed"]'))
      .waitFor({ timeout: 30_000 });
    assert.equal(await cashToast.getAttribute("data-testid"), "toast-confirmed", (await cashToast.textContent()) ?? "");
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
    await page.getByTestId("dev-account-select").selectOption("dev-1");
    await page
      .getByTestId("connected-address")
      .filter({ hasText: short(other) })
      .waitFor();
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

  it("at 390 px the nav wraps instead of clipping: every link is inside the viewport", async () => {
    const size = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.getByRole("link", { name: "Markets" }).click();
      for (const link of await page.locator("nav a").all()) {
        const box = await link.boundingBox();
        assert.ok(box, `${await link.textContent()} is rendered`);
        assert.ok(
          box.x >= 0 && box.x + box.width <= 390,
          `${await link.textContent()} fits in 390 px (x ${box.x}, w ${box.width})`,
        );
      }
    } finally {
      if (size) await page.setViewportSize(size);
    }
  });
});

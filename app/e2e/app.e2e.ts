/**
 * End-to-end journey: a new user on a fresh local chain — the dev wallet, the faucet, decoded
 * errors, accounts, the portfolio, creating a market, splitting, the oracle path to a resolved
 * market and redeeming, disputes, multi-outcome markets, and every screen at 390 px. The real app
 * in Debian's Chromium against a real stack (see session.ts); each test continues from the
 * previous one's state.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import type { Page } from "playwright-core";

import { screenshot } from "./browser.ts";
import {
  activityRow,
  chainTime,
  createMarket,
  fillMarketDetails,
  sessionPerSuite,
  short,
  shownBalance,
  waitForShownBalance,
} from "./session.ts";
import type { Stack } from "./stack.ts";

describe("Forkcast app on a local chain: a new user's first steps to a resolved market", { timeout: 300_000 }, () => {
  let stack: Stack;
  let page: Page;
  let pageErrors: string[] = [];
  sessionPerSuite((session) => {
    ({ stack, page, pageErrors } = session);
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
    await fillMarketDetails(page, {
      endsAt: Date.now() / 1000 + 3_600,
      rules: "Resolves Yes if the release is tagged before the end time.",
      source: "github.com/forkcast",
      category: "Crypto",
    });
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
    await activityRow(page, "split", "10.00 tUSD").waitFor();
    await screenshot(page, "08-portfolio-redeemable");
    await page.getByTestId("redeemable").getByRole("button", { name: "Redeem" }).click();
    await page.getByTestId("toast-confirmed").filter({ hasText: "Redeem" }).waitFor({ timeout: 30_000 });
    await page.getByTestId("collateral-balance").filter({ hasText: "1,000.00 tUSD" }).waitFor({ timeout: 15_000 });
    await page.getByTestId("redeemable").getByText("Nothing to redeem.").waitFor({ timeout: 15_000 });
    await activityRow(page, "redeemed", "10.00 tUSD").waitFor({ timeout: 15_000 });
  });

  it("two disputes escalate to the arbitrator, whose ruling settles the answer (local chain view)", async () => {
    const chainNow = await chainTime(stack);
    await createMarket(page, "Will the arbitrator be needed?", {
      endsAt: chainNow + 3_600,
      rules: "Resolves Yes if the committee has to rule on it.",
      source: "the e2e test",
      category: "Other",
    });
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
    const chainNow = await chainTime(stack);
    await page.getByRole("link", { name: "Create" }).click();
    await page.getByRole("button", { name: "Order book: multi-outcome" }).click();
    await page.getByPlaceholder("Will it rain in Paris on 1 June?").fill("Which team wins the e2e cup?");
    await page.getByLabel("Outcome 1").fill("Red");
    await page.getByLabel("Outcome 2").fill("Red");
    await fillMarketDetails(page, {
      endsAt: chainNow + 86_400,
      rules: "Resolves to the team that wins the final.",
      source: "the cup committee",
      category: "Sports",
    });
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
    const before = await shownBalance(page);
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
    await waitForShownBalance(page, before - 10);
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
    const beforeRedeem = await shownBalance(page);
    await greenRow.getByRole("button", { name: "Redeem" }).click();
    await greenRow.waitFor({ state: "detached", timeout: 30_000 });
    await waitForShownBalance(page, beforeRedeem + 10);
    await screenshot(page, "16-multi-outcome-redeemed");
    await page.getByRole("link", { name: "Markets" }).click();
    await page.getByLabel("Category").selectOption("Sports");
    assert.equal(await page.getByTestId("market-card").count(), 1, "the category filter keeps only the Sports market");
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

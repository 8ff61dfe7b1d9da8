/**
 * End-to-end: the single market page on the seeded demo (scripts/seed.ts run against the e2e
 * stack, so the trade history is spread over three days of chain time). A binary and a
 * multi-outcome market (price, chart with more than one point, book, ticket, position after a
 * trade, resolution panel), the wallet and account surviving a reload, the old routes
 * redirecting, and the ticket at 390 px. Screenshots of the page go to test-results/e2e (docs/screenshots/ with E2E_DOCS_SCREENSHOTS=1).
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

import type { Browser, Page } from "playwright-core";

import { screenshot } from "./browser.ts";
import { sessionPerSuite, short } from "./session.ts";
import type { Stack } from "./stack.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
// The committed screenshots in docs/screenshots are refreshed on request (E2E_DOCS_SCREENSHOTS=1),
// so a test run never changes tracked files; otherwise they land with the other e2e screenshots.
const DOCS_SHOTS =
  process.env["E2E_DOCS_SCREENSHOTS"] === "1"
    ? path.join(ROOT, "docs", "screenshots")
    : path.join(ROOT, "test-results", "e2e");
const ETH = "Will ETH close above $5,000 on 31 December 2026?";
const LEAGUE = "Who wins the 2026–27 Primeira Liga?";
const MARATHON = "Did the 2026 Lisbon Marathon winner finish under 2h06?";

/** Runs the demo seed against the stack's node and operator. */
function seed(stack: Stack): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = "";
    const child = spawn(
      process.execPath,
      [path.join(ROOT, "node_modules", "hardhat", "dist", "src", "cli.js"), "run", "scripts/seed.ts"],
      {
        cwd: ROOT,
        env: { ...process.env, SEED_RPC_URL: stack.rpcUrl, OPERATOR_URL: stack.operatorUrl },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    child.stdout.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-6000)));
    child.stderr.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-6000)));
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`seed exited ${code}:\n${log}`))));
  });
}

async function chartPoints(page: Page): Promise<number> {
  return Number((await page.getByTestId("price-chart").getAttribute("data-points")) ?? "0");
}

describe("the market page on the seeded demo", { timeout: 900_000 }, () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[] = [];
  let ethUrl = "";
  /** Waits until the header shows dev account `index` as the connected one. */
  const connectedAs = (index: number, timeout?: number) =>
    page
      .getByTestId("connected-address")
      .filter({ hasText: short(stack.accounts[index] ?? "") })
      .waitFor(timeout === undefined ? {} : { timeout });

  sessionPerSuite(async (session) => {
    ({ stack, browser, page, pageErrors } = session);
    await seed(stack);
    await page.reload();
  });

  it("a reload keeps the dev wallet and the chosen account", async () => {
    await page.getByTestId("connect-dev").click();
    await connectedAs(0);
    await page.reload();
    await connectedAs(0, 15_000);
    // Switch to account #3 (carol in the seed), reload: still #3.
    await page.getByTestId("dev-account-select").selectOption("dev-3");
    await connectedAs(3);
    await page.reload();
    await connectedAs(3, 15_000);
    assert.equal(await page.getByTestId("connect-dev").count(), 0, "no 'Use dev wallet' after the reload");
  });

  it("the list shows a price, 24 h volume and end time for every market", async () => {
    const card = page.getByTestId("market-card").filter({ hasText: ETH });
    await card.waitFor({ timeout: 30_000 });
    await card.getByTestId("market-prices").filter({ hasText: "¢" }).waitFor({ timeout: 15_000 });
    await card.getByTestId("market-volume-24h").waitFor();
    // Every card has its time line on the chain's clock; a resolved one names the winner.
    await card
      .getByTestId("market-time")
      .filter({ hasText: /^ends in \d/ })
      .waitFor();
    await page
      .getByTestId("market-card")
      .filter({ hasText: MARATHON })
      .getByTestId("market-time")
      .filter({ hasText: "resolved: Yes won" })
      .waitFor({ timeout: 15_000 });
    const cards = page.getByTestId("market-card");
    for (const time of await cards.getByTestId("market-time").allTextContents())
      assert.match(time, /^(ends in|ended|challenge window|resolved|disputed|answer final)/, time);
    // Pool markets sit in the same list with their close time (or result).
    const poolTimes = await page.getByTestId("pool-card-time").allTextContents();
    assert.ok(poolTimes.length > 0, "pool markets are listed");
    for (const time of poolTimes) assert.match(time, /closes|closed|resolved|cancelled/, time);
    await page.getByLabel("Status").selectOption("resolved");
    await page.getByTestId("pool-card").filter({ hasText: "resolved: Porto won" }).waitFor({ timeout: 15_000 });
    await page.getByTestId("market-card").filter({ hasText: MARATHON }).waitFor();
    assert.equal(await page.getByTestId("market-card").filter({ hasText: ETH }).count(), 0, "ETH is still open");
    await page.getByLabel("Status").selectOption("all");
    await screenshot(page, "mp-01-list");
  });

  it("a binary market: price, chart of the history, book, ticket, resolution panel", async () => {
    await page.getByTestId("market-card").filter({ hasText: ETH }).click();
    await page.waitForURL(/\/markets\/0x[0-9a-f]{64}/);
    ethUrl = page.url().split("?")[0] ?? "";
    await page.getByRole("heading", { name: ETH }).waitFor();
    const prices = page.getByTestId("outcome-price");
    await prices.first().filter({ hasText: "¢" }).waitFor({ timeout: 15_000 });
    assert.equal(await prices.count(), 2, "Yes and No");
    // The seed's twelve trades span three days: the 1W chart draws several points.
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="price-chart"]')?.getAttribute("data-points") ?? 0) > 2,
      undefined,
      { timeout: 20_000 },
    );
    assert.ok((await chartPoints(page)) > 2);
    assert.equal(await page.getByTestId("no-trades").count(), 0);
    await page.getByTestId("change-24h").first().filter({ hasText: "¢" }).waitFor({ timeout: 15_000 });
    await page.getByTestId("order-book").getByText("64¢").waitFor({ timeout: 15_000 });
    // The MINT's NO leg reads as a NO trade at its NO price.
    await page.getByTestId("recent-trade").filter({ hasText: "No" }).filter({ hasText: "37¢" }).waitFor();
    await page.getByTestId("trade-ticket").waitFor();
    await page.getByTestId("resolution").getByTestId("oracle-state").waitFor();
    await mkdir(DOCS_SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(DOCS_SHOTS, "market-page-desktop.png"), fullPage: true });
  });

  it("a market buy fills and the position shows its average price and value", async () => {
    const ticket = page.getByTestId("trade-ticket");
    await ticket.getByRole("button", { name: "Buy", exact: true }).click();
    await ticket.getByLabel("Order type").selectOption("market");
    await ticket.getByLabel("Amount (tUSD)").fill("6.4");
    await ticket.getByText("FOK at worst price 64¢ for 10.00 shares.").waitFor();
    await ticket.getByTestId("ticket-fee").waitFor();
    await ticket.getByTestId("place-order").click();
    await ticket.getByTestId("ticket-message").filter({ hasText: "Order filled." }).waitFor({ timeout: 60_000 });
    const row = page.getByTestId("your-position").getByTestId("position-yes");
    await row.filter({ hasText: "64¢" }).waitFor({ timeout: 30_000 });
    await screenshot(page, "mp-02-after-buy");
  });

  it("the ticket refuses what the wallet cannot pay before signing, and says why", async () => {
    const ticket = page.getByTestId("trade-ticket");
    const reason = ticket.getByTestId("disabled-reason");
    await ticket.getByLabel("Order type").selectOption("limit");
    await ticket.getByLabel("Limit price (¢)").fill("55.5");
    await ticket.getByLabel("Shares").fill("10");
    await reason.filter({ hasText: "Price must be a multiple of 1¢ (the market's tick)" }).waitFor();
    await ticket.getByLabel("Limit price (¢)").fill("50");
    await ticket.getByLabel("Shares").fill("1000000");
    await reason
      .filter({ hasText: /^Not enough tUSD: you have [\d,]+\.\d\d tUSD, this order costs 500,000\.00 tUSD$/ })
      .waitFor();
    assert.ok(await ticket.getByTestId("place-order").isDisabled());
    // Back to a market order: no limit-price message survives, the preview walks the book.
    await ticket.getByLabel("Limit price (¢)").fill("55.5");
    await reason.filter({ hasText: "multiple of 1¢" }).waitFor();
    await ticket.getByLabel("Order type").selectOption("market");
    assert.equal(await ticket.getByText("multiple of 1¢").count(), 0, "the limit-price message is gone");
    await ticket.getByLabel("Amount (tUSD)").fill("1000000");
    await reason
      .filter({ hasText: /^Not enough tUSD: you have [\d,]+\.\d\d tUSD, this order costs 1,000,000\.00 tUSD$/ })
      .waitFor();
    await ticket
      .getByTestId("ticket-avg")
      .filter({ hasText: /^\d+(\.\d)?¢$/ })
      .waitFor();
    // Selling more than held: the shares are counted, not only the collateral.
    await ticket.getByRole("button", { name: "Sell", exact: true }).click();
    await ticket.getByLabel("Shares").fill("5000");
    await reason
      .filter({ hasText: /^Not enough shares: you have [\d,]+\.\d\d shares, this order sells 5,000\.00 shares$/ })
      .waitFor();
    assert.ok(await ticket.getByTestId("place-order").isDisabled());
    await ticket.getByRole("button", { name: "Buy", exact: true }).click();
  });

  it("the old routes redirect to the one market page", async () => {
    const marketId = ethUrl.split("/markets/")[1] ?? "";
    await page.goto(`${stack.appUrl}/m/${marketId}`);
    await page.waitForURL(new RegExp(`/markets/${marketId}`));
    await page.getByRole("heading", { name: ETH }).waitFor();
    const conditionId = (await page.evaluate(async (url) => {
      const r = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: `{ market(id: "${location.pathname.split("/").pop()}") { outcomes { items { id } } } }`,
        }),
      });
      const body = (await r.json()) as { data: { market: { outcomes: { items: { id: string }[] } } } };
      return body.data.market.outcomes.items[0]?.id ?? "";
    }, stack.indexerUrl)) as string;
    assert.match(conditionId, /^0x[0-9a-f]{64}$/);
    await page.goto(`${stack.appUrl}/market/${conditionId}`);
    await page.waitForURL(new RegExp(`/markets/${marketId}\\?o=0`));
    await page.getByRole("heading", { name: ETH }).waitFor();
  });

  it("a multi-outcome market: every outcome tradable from its page, chart, book", async () => {
    await page.getByRole("link", { name: "Markets" }).click();
    await page.getByTestId("market-card").filter({ hasText: LEAGUE }).click();
    await page.getByRole("heading", { name: LEAGUE }).waitFor();
    assert.equal(await page.getByTestId("outcome-price").count(), 4, "one price per club");
    // Benfica traded twice: a chart with several points.
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="price-chart"]')?.getAttribute("data-points") ?? 0) > 2,
      undefined,
      { timeout: 20_000 },
    );
    await page.getByTestId("order-book").getByText("41¢").waitFor({ timeout: 15_000 });
    // Porto never traded: its book has a bid only, the chart says so.
    await page.getByRole("button", { name: "Trade Porto Yes" }).click();
    await page.getByTestId("order-book").getByText("30¢").waitFor({ timeout: 15_000 });
    await page.getByTestId("trade-ticket").getByTestId("place-order").filter({ hasText: "Porto · Yes" }).waitFor();
    await page.getByTestId("no-trades").waitFor({ timeout: 15_000 });
    await page.getByTestId("resolution").waitFor();
    await screenshot(page, "mp-03-multi");
  });

  it("a holder of only losing shares may redeem them: it pays 0 and clears the position", async () => {
    // bob (#2) holds the Marathon market's NO shares; YES won.
    await page.getByTestId("dev-account-select").selectOption("dev-2");
    await connectedAs(2);
    await page.getByRole("link", { name: "Markets" }).click();
    await page.getByTestId("market-card").filter({ hasText: MARATHON }).click();
    await page.getByRole("heading", { name: MARATHON }).waitFor();
    const shares = page.getByTestId("positions");
    await shares.getByTestId("shares-No").filter({ hasText: "200.00 shares" }).waitFor({ timeout: 15_000 });
    await shares
      .getByTestId("redeem-note")
      .filter({ hasText: "Your shares lost: redeeming pays 0 (0.00 tUSD) and burns them, clearing the position." })
      .waitFor();
    const redeem = shares.getByRole("button", { name: "Redeem" });
    assert.ok(await redeem.isEnabled(), "Redeem is enabled for losing shares");
    await redeem.click();
    await page.getByTestId("toast-confirmed").filter({ hasText: "Redeem shares" }).waitFor({ timeout: 30_000 });
    await shares.getByTestId("shares-No").filter({ hasText: "0.00 shares" }).waitFor({ timeout: 15_000 });
    await page.getByTestId("dev-account-select").selectOption("dev-3");
    await connectedAs(3);
  });

  it("at 390 px the page fits the screen, the nav is whole and the ticket renders", async () => {
    const mobile = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await mobile.goto(ethUrl);
    await mobile.getByRole("heading", { name: ETH }).waitFor({ timeout: 30_000 });
    await mobile.getByTestId("trade-ticket").waitFor();
    const widths = await mobile.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    assert.ok(widths.scroll <= widths.client, `no horizontal overflow (${widths.scroll} > ${widths.client})`);
    const portfolio = await mobile.getByRole("link", { name: "Portfolio" }).boundingBox();
    assert.ok(portfolio && portfolio.x + portfolio.width <= 390, "the nav's last link is on screen");
    const ticket = await mobile.getByTestId("trade-ticket").boundingBox();
    assert.ok(ticket && ticket.x >= 0 && ticket.x + ticket.width <= 390, "the ticket fits the width");
    await mobile.screenshot({ path: path.join(DOCS_SHOTS, "market-page-mobile.png"), fullPage: false });
    await mobile.close();
    assert.deepEqual(pageErrors, [], "no uncaught errors in the page");
  });
});

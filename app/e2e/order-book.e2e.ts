/**
 * End-to-end journey: the order book between two traders (limit orders, a market order, both
 * portfolios, cancel) and an injected EIP-6963 wallet on the wrong chain. Own fresh chain (see
 * session.ts); accounts #0 and #1 start with a faucet drip each.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import type { Browser, Page } from "playwright-core";

import { screenshot } from "./browser.ts";
import { activityRow, chainTime, createMarket, faucetDrip, sessionPerSuite, short, useDevAccount } from "./session.ts";
import type { Stack } from "./stack.ts";

describe("the order book between two traders, and an injected wallet", { timeout: 300_000 }, () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[] = [];
  sessionPerSuite(async (session) => {
    ({ stack, browser, page, pageErrors } = session);
    await useDevAccount(page, stack, 1);
    await faucetDrip(page);
    await useDevAccount(page, stack, 0);
    await faucetDrip(page);
  });

  it("order book: A sells YES with limit orders, B buys with a market order, both portfolios, A cancels", async () => {
    try {
      const question = "Will the order book match?";
      const chainNow = await chainTime(stack);
      // Account A (#0) creates a market and splits a full set: 10 YES + 10 NO.
      await page.goto(stack.appUrl);
      await useDevAccount(page, stack, 0);
      await createMarket(page, question, {
        endsAt: chainNow + 2 * 86_400,
        rules: "Resolves Yes if the e2e orders match.",
        source: "the e2e test",
        category: "Crypto",
      });
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
      await useDevAccount(page, stack, 1);
      await page.goto(marketUrl);
      await useDevAccount(page, stack, 1);
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
      await activityRow(page, "bought", "at 60¢").waitFor();
      await screenshot(page, "ob-17-portfolio-buyer");
      // The market card shows the last price and the volume from the indexer.
      await page.getByRole("link", { name: "Markets" }).click();
      const card = page.getByTestId("market-card").filter({ hasText: question });
      await card.getByTestId("market-prices").filter({ hasText: "60¢" }).waitFor({ timeout: 15_000 });
      assert.equal(await card.getByTestId("market-volume").textContent(), "3 tUSD vol");
      await page.getByRole("link", { name: "Portfolio" }).click();
      await useDevAccount(page, stack, 0);
      await yesRow().filter({ hasText: "5.00 shares" }).waitFor({ timeout: 30_000 });
      await screenshot(page, "ob-18-portfolio-seller");

      // A rests a second order (its other 5 YES at 70¢), then cancels it with a signed cancel message.
      await page.goto(marketUrl);
      await useDevAccount(page, stack, 0);
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
      await useDevAccount(page, stack, 0);
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

  it("the journey raised no uncaught errors in the page", () => {
    assert.deepEqual(pageErrors, []);
  });
});

/**
 * The shared setup of the e2e journeys: one stack (node, operator, indexer, app), one Chromium
 * page on the app, the page's uncaught errors, and the small helpers every journey uses. Each
 * `*.e2e.ts` file is one user journey on its own fresh chain.
 */
import assert from "node:assert/strict";
import { after, before } from "node:test";

import { iBettingPoolAbi } from "@forkcast/deployments";
import type { Browser, Page } from "playwright-core";
import { encodeFunctionData } from "viem";

import { launchBrowser } from "./browser.ts";
import { type Stack, startStack } from "./stack.ts";

export interface Session {
  stack: Stack;
  browser: Browser;
  page: Page;
  /** Uncaught errors of the page so far: a journey asserts none at its end. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** Starts a stack, opens the app at 1280 × 900 and records the page's uncaught errors. */
export async function openSession(): Promise<Session> {
  const stack = await startStack();
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(stack.appUrl);
  return {
    stack,
    browser,
    page,
    pageErrors,
    close: async () => {
      await browser.close();
      await stack.stop();
    },
  };
}

/**
 * Gives the enclosing `describe` its own session: opened before its first test, closed after its
 * last. `bind` receives the open session, to keep its parts in the suite's variables and to take
 * the journey's first steps (dev account, faucet drips).
 */
export function sessionPerSuite(bind: (session: Session) => void | Promise<void>): void {
  let session: Session | undefined;
  before(async () => {
    session = await openSession();
    await bind(session);
  });
  after(async () => {
    await session?.close();
  });
}

/** An address as the app shortens it: "0x1234…abcd". */
export const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;

/** tUSD base units as the app shows them: "1,234.56" (rounded toward zero). */
export const usd = (raw: bigint) => {
  const cents = raw / 10_000n;
  return `${(cents / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${(cents % 100n).toString().padStart(2, "0")}`;
};

/** The chain's clock: the latest block's timestamp (unix seconds). */
export async function chainTime(stack: Stack): Promise<number> {
  return Number(((await stack.rpc("eth_getBlockByNumber", ["latest", false])) as { timestamp: string }).timestamp);
}

/** Connects the built-in dev wallet (when not already) on dev account `index` and waits for it. */
export async function useDevAccount(page: Page, stack: Stack, index: number): Promise<void> {
  const select = page.getByTestId("dev-account-select");
  const connectDev = page.getByTestId("connect-dev");
  await Promise.race([select.waitFor({ timeout: 15_000 }), connectDev.waitFor({ timeout: 15_000 })]);
  if (!(await select.isVisible())) await connectDev.click();
  await select.selectOption(`dev-${index}`);
  await page
    .getByTestId("connected-address")
    .filter({ hasText: short(stack.accounts[index] ?? "") })
    .waitFor();
}

/** Takes a faucet drip for the connected account and waits for the confirmed toast. */
export async function faucetDrip(page: Page): Promise<void> {
  await page.getByTestId("faucet").getByText("Faucet").click();
  await page
    .getByTestId("toast-confirmed")
    .filter({ hasText: "Get 1,000 tUSD from the faucet" })
    .first()
    .waitFor({ timeout: 30_000 });
}

/**
 * Opens a pool condition on a factory market as the market-creator role (account #0, the
 * deployer): initial probabilities (1e12 = 100%), reinforcement, margin, start time.
 */
export async function createPoolCondition(
  stack: Stack,
  marketId: string,
  probabilities: readonly bigint[],
  startsAt: number,
  { reinforcement = 1_000_000_000n, marginBps = 500n } = {},
): Promise<void> {
  const pool = stack.contracts.pool;
  if (!pool) throw new Error("the deployment has no betting pool");
  await stack.rpc("eth_sendTransaction", [
    {
      from: stack.accounts[0],
      to: pool,
      data: encodeFunctionData({
        abi: iBettingPoolAbi,
        functionName: "createCondition",
        args: [marketId as `0x${string}`, probabilities, reinforcement, marginBps, BigInt(startsAt)],
      }),
    },
  ]);
}

/** Unix seconds as a `datetime-local` input takes them, in UTC: "2026-06-01T12:00". */
export const utcInput = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 16);

/** What the create form asks of every market besides its question and outcomes. */
export interface MarketDetails {
  /** End time, unix seconds (on the chain's clock). */
  endsAt: number;
  rules: string;
  source: string;
  category: string;
}

/** Fills the create form's end time, rules, resolution source and category. */
export async function fillMarketDetails(page: Page, { endsAt, rules, source, category }: MarketDetails): Promise<void> {
  await page.locator("label", { hasText: "End time (UTC)" }).locator("input").fill(utcInput(endsAt));
  await page.locator("textarea").fill(rules);
  await page.getByLabel("Resolution source").fill(source);
  await page.getByLabel("Category").selectOption(category);
}

/** Creates a Yes / No order-book market from the Create page (the connected account pays the reward). */
export async function createMarket(page: Page, question: string, details: MarketDetails): Promise<void> {
  await page.getByRole("link", { name: "Create" }).click();
  await page.getByPlaceholder("Will it rain in Paris on 1 June?").fill(question);
  await fillMarketDetails(page, details);
  await page.getByRole("button", { name: "Create market" }).click();
}

/**
 * Waits for the toast of the transaction whose label contains `label` to settle, and asserts it
 * confirmed (a failed one's text, the decoded error, is the assertion's message).
 */
export async function expectConfirmed(page: Page, label: string): Promise<void> {
  const toast = page.locator('[data-testid^="toast-"]').filter({ hasText: label });
  await toast
    .and(page.locator('[data-testid="toast-confirmed"], [data-testid="toast-failed"]'))
    .waitFor({ timeout: 30_000 });
  assert.equal(await toast.getAttribute("data-testid"), "toast-confirmed", (await toast.textContent()) ?? "");
}

/** The portfolio's activity row that contains every one of `texts`. */
export function activityRow(page: Page, ...texts: string[]) {
  return texts.reduce((row, text) => row.filter({ hasText: text }), page.getByTestId("activity").locator("tr"));
}

/** The header's tUSD balance as a number ("1,234.56 tUSD" → 1234.56). */
export async function shownBalance(page: Page): Promise<number> {
  return Number(((await page.getByTestId("collateral-balance").textContent()) ?? "").replace(/[^0-9.]/g, ""));
}

/** Waits until the header's tUSD balance equals `value`, or (`above`) exceeds it. */
export async function waitForShownBalance(page: Page, value: number, compare: "equals" | "above" = "equals") {
  await page.waitForFunction(
    ({ value, compare }) => {
      const text = document.querySelector('[data-testid="collateral-balance"]')?.textContent ?? "";
      const shown = Number(text.replace(/[^0-9.]/g, ""));
      return compare === "equals" ? shown === value : shown > value;
    },
    { value, compare },
    { timeout: 15_000 },
  );
}

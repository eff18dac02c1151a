import { expect } from "vitest";
import type { Locator, Page } from "playwright-core";

/** Logs in through the login form, as a person would, and waits to land on `to`. */
export async function logIn(page: Page, username: string, to = "/") {
  await page.goto(`/login?redirectTo=${encodeURIComponent(to)}`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill("demo-password");
  await page.locator("main").getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => url.pathname === to, { timeout: 60_000 });
}

/** Waits until the locator's text matches; the error says what was seen instead. */
export async function expectText(locator: Locator, expected: string | RegExp, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let seen = "";
  for (;;) {
    seen = (await locator.allInnerTexts().catch(() => [])).join(" | ");
    if (typeof expected === "string" ? seen.includes(expected) : expected.test(seen)) return;
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect.fail(`expected ${String(locator)} to show ${String(expected)}, saw: ${seen.slice(0, 500) || "(nothing)"}`);
}

/** The live room is hydrated and its socket connected (the status line's dot): commands can be sent. */
export async function connected(page: Page) {
  await page.locator(".live-status--ok").first().waitFor({ timeout: 15_000 });
}

/** Polls `probe` until `done` holds for its value (the UI settles through socket events); fails with the last value seen. */
export async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string, timeout = 10_000): Promise<T> {
  const deadline = Date.now() + timeout;
  let value = await probe();
  while (!done(value)) {
    if (Date.now() > deadline) expect.fail(`${what}; last seen: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
    value = await probe();
  }
  return value;
}

export const main = (page: Page) => page.locator("main");
/** A button in the page's main content (the site header has buttons of its own). */
export const button = (page: Page, name: string | RegExp) => main(page).getByRole("button", { name, exact: typeof name === "string" });
/** A section named by its heading. */
export const region = (page: Page, name: string | RegExp) => main(page).getByRole("region", { name, exact: typeof name === "string" });

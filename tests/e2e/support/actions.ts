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

type RouterWindow = {
  __remixRouter?: { state: { initialized: boolean; revalidation: string; navigation: { state: string }; fetchers: Map<string, { state: string }> } };
};

/**
 * A page that has finished arriving: hydrated, no navigation, revalidation or fetcher in flight, its
 * web fonts loaded, and nothing marked aria-busy (a page that keeps working after hydration, such as
 * /verify recomputing a record, says so that way, for screen readers too). Instead of Playwright's
 * "networkidle", which waits for 500 ms of network quiet on every page (most of each page visit in the
 * layout and translation suites) and knows nothing of work that needs no network. A page that never
 * hydrates fails here instead of being checked half-rendered.
 */
export async function settled(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const state = (window as unknown as RouterWindow).__remixRouter?.state;
      if (!state?.initialized || state.navigation.state !== "idle" || state.revalidation !== "idle") return false;
      for (const f of state.fetchers.values()) if (f.state !== "idle") return false;
      return document.fonts.status === "loaded" && !document.querySelector("[aria-busy='true']");
    },
    undefined,
    { timeout },
  );
}

/** Opens `url` and waits until it has settled (above); the navigation's response, for its status. */
export async function visit(page: Page, url: string) {
  const response = await page.goto(url, { waitUntil: "load" });
  await settled(page);
  return response;
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

import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "./support/axe";
import { desktop, launchBrowser, phone, resultsDir } from "./support/browser";
import { startApp, type RunningApp } from "./support/app";

let app: RunningApp;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const shots = path.join(resultsDir, "screenshots");

/** Every public route a resident or journalist reaches (the ids are the demo's). */
const routes = ["/", "/rulings", "/resolutions", "/hearings", "/search?q=漏水", "/stats", "/reports", "/hearings/1", "/hearings/2", "/resolutions/1", "/councils", "/councils/1", "/verify?hearing=1", "/login", "/no-such-page"];


/** The page's own text: without user content, elements in another language (the switch), hidden marks and codes. */
async function ownText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const body = document.body.cloneNode(true) as HTMLElement;
    body.querySelectorAll("[data-user-content], [lang], [aria-hidden='true'], script, style, .mono, code, .print-only, select, textarea, input").forEach((e) => e.remove());
    return body.innerText;
  });
}

async function collectErrors(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !/Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  return errors;
}

describe("portal in Chromium", () => {
  it("switches the language without a reload, and every route is fully translated in both languages", async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    const errors = await collectErrors(page);
    await page.goto(app.url + "/hearings/1", { waitUntil: "networkidle" });
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await Promise.all([page.waitForResponse((r) => r.url().includes("/preferences")), page.getByTestId("language-switch").click()]);
    await page.locator("h2#ruling-title", { hasText: "Ruling" }).waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42); // same document: no reload
    expect(await page.getAttribute("html", "lang")).toBe("en");
    // Served again (from the page cache too) in English, not the cached Chinese copy.
    await page.reload({ waitUntil: "networkidle" });
    await page.locator("h2#ruling-title", { hasText: "Ruling" }).waitFor();

    const problems: string[] = [];
    for (const lang of ["en", "zh"] as const) {
      for (const route of routes) {
        await page.goto(app.url + route, { waitUntil: "networkidle" });
        const text = await ownText(page);
        if (lang === "en") {
          const cjk = text.match(/[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e]+/g);
          if (cjk) problems.push(`${lang} ${route}: Chinese outside user content: ${[...new Set(cjk)].slice(0, 8).join(" ")}`);
        } else if (lang === "zh") {
          const allowed = new Set(["English", "JSON", "Atom", "RSS", "demo", "password", "ruling", "resolution"]);
          const words = (text.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !allowed.has(w));
          if (words.length) problems.push(`${lang} ${route}: English in a Chinese page: ${[...new Set(words)].slice(0, 8).join(" ")}`);
        }
      }
      if (lang === "en") {
        await page.goto(app.url + "/", { waitUntil: "networkidle" });
        await Promise.all([page.waitForResponse((r) => r.url().includes("/preferences")), page.getByTestId("language-switch").click()]);
        await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
        await page.waitForTimeout(300);
      }
    }
    expect(problems.join("\n")).toBe("");
    expect(errors.join("\n")).toBe("");
    await context.close();
  }, 180_000);

  it("has no serious accessibility violations on public pages in both languages and both text sizes", async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    const found: string[] = [];
    for (const lang of ["zh", "en"]) {
      for (const large of [false, true]) {
        await page.goto(app.url + "/", { waitUntil: "networkidle" });
        const isLarge = (await page.getAttribute("html", "data-large-text")) === "true";
        if (isLarge !== large) {
          await Promise.all([page.waitForResponse((r) => r.url().includes("/preferences")), page.getByRole("button", { name: /大字模式|Large text/ }).click()]);
          await page.waitForFunction((want) => (document.documentElement.getAttribute("data-large-text") === "true") === want, large);
        }
        for (const route of routes.filter((r) => r !== "/verify?hearing=1")) {
          await page.goto(app.url + route, { waitUntil: "networkidle" });
          const v = await seriousViolations(page);
          if (v) found.push(`${lang}${large ? " large" : ""} ${route}:\n${v}`);
        }
        if (large) {
          // 适老化: body text ≥ 18 pt (24 px), line height ≥ 1.3 (measured on a ruling).
          await page.goto(app.url + "/hearings/1", { waitUntil: "networkidle" });
          const { size, line } = await page.evaluate(() => {
            const s = getComputedStyle(document.body);
            return { size: parseFloat(s.fontSize), line: parseFloat(s.lineHeight) / parseFloat(s.fontSize) };
          });
          expect(size).toBeGreaterThanOrEqual(24);
          expect(line).toBeGreaterThanOrEqual(1.3);
        }
      }
      if (lang === "en") break;
      await page.goto(app.url + "/", { waitUntil: "networkidle" });
      await Promise.all([page.waitForResponse((r) => r.url().includes("/preferences")), page.getByTestId("language-switch").click()]);
      await page.waitForFunction(() => document.documentElement.lang === "en");
      await page.waitForTimeout(300);
    }
    expect(found.join("\n")).toBe("");
    await context.close();
  }, 300_000);

  it("takes screenshots of the home, a ruling, search results, statistics and the printed ruling", async () => {
    fs.mkdirSync(shots, { recursive: true });
    for (const [name, options] of [
      ["phone", phone],
      ["desktop", desktop],
    ] as const) {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      for (const [slug, route] of [
        ["portal-home", "/"],
        ["portal-ruling", "/hearings/1"],
        ["portal-search", "/search?q=漏水"],
        ["portal-stats", "/stats"],
      ] as const) {
        await page.goto(app.url + route, { waitUntil: "networkidle" });
        await page.screenshot({ path: path.join(shots, `${slug}-${name}.png`), fullPage: true });
      }
      if (name === "desktop") {
        await page.goto(app.url + "/hearings/1", { waitUntil: "networkidle" });
        await page.emulateMedia({ media: "print" });
        const pdf = await page.pdf({ format: "A4", printBackground: true });
        fs.writeFileSync(path.join(shots, "portal-ruling-print.pdf"), pdf);
        const text = await page.evaluate(() => document.body.innerText);
        expect(text).not.toMatch(/npm run verify|Web Crypto/);
        expect(await page.locator(".site-header").isVisible()).toBe(false);
        expect(await page.locator(".print-header").isVisible()).toBe(true);
      }
      await context.close();
    }
  }, 180_000);
  // CI, administration.test.ts: a click while a socket-triggered revalidation was loading aborted it,
  // and the router left the aborted fetch's promise unobserved: "uncaught error in the page: signal
  // is aborted without reason". A superseded request is no error (app/entry.client.tsx); others are.
  it("reports no uncaught error for a superseded, aborted request, and still reports real ones", async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    const uncaught: string[] = [];
    page.on("pageerror", (e) => uncaught.push(e.message));
    await page.goto(app.url + "/hearings", { waitUntil: "networkidle" });
    await page.evaluate(() => {
      const superseded = new AbortController();
      superseded.abort();
      void Promise.reject(superseded.signal.reason);
      void Promise.reject(new Error("a real failure"));
    });
    await expect.poll(() => uncaught).toContain("a real failure");
    expect(uncaught).toEqual(["a real failure"]);
    await context.close();
  });
});

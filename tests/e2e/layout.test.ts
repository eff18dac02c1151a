import Database from "better-sqlite3";
import path from "node:path";
import type { BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logIn, visit } from "./support/actions";
import { startApp, type RunningApp } from "./support/app";
import { seriousViolations } from "./support/axe";
import { launchBrowser, phone } from "./support/browser";

/**
 * Issue 17, 适老化 and small screens: the main public pages and the juror's phone page neither scroll
 * sideways nor push anything past the window's right edge — on a 360 px phone in large-text mode,
 * and at 200 % browser zoom (a 1280 px window at 200 % lays out 640 CSS px; a 720 px phone-sized
 * window at 200 % lays out 360) with and without large text. And axe-core finds nothing serious or
 * critical on the public pages at 360 px (tests/e2e/portal.test.ts covers 1280 px).
 */

let app: RunningApp;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let juror: string;
beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  const db = new Database(path.join(app.dataDir, "civic.sqlite"), { readonly: true });
  juror = (
    db
      .prepare("select u.username from panel_seats s join representatives r on r.id = s.representative_id join users u on u.id = r.user_id where s.hearing_id = 1 and s.role = 'juror' order by s.position limit 1")
      .get() as { username: string }
  ).username;
  db.close();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const prefsCookie = (lang: "zh" | "en", largeText: boolean) => ({
  name: "civic_prefs",
  value: encodeURIComponent(Buffer.from(JSON.stringify({ lang, largeText }), "utf8").toString("base64")),
  url: app.url,
});

const publicPages = ["/", "/rulings", "/resolutions", "/hearings", "/hearings/1", "/hearings/2", "/resolutions/1", "/councils", "/councils/1", "/search?q=漏水", "/stats", "/reports", "/verify?hearing=1", "/login"];

/** What sticks out: the document's scroll width, and elements whose box ends past the window (outside scroll boxes). */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const width = doc.clientWidth;
    const found: string[] = [];
    if (doc.scrollWidth > width) found.push(`page scrolls sideways: scrollWidth ${doc.scrollWidth} > clientWidth ${width}`);
    const inScrollBox = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === "auto" || o === "scroll") return true;
      }
      return false;
    };
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === "hidden") continue;
      if (el.closest(".visually-hidden, .skip-link, .print-only, [aria-hidden='true']")) continue;
      if (r.right > width + 1 && !inScrollBox(el)) {
        const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).join(".")}` : ""}`;
        found.push(`${name} ends at ${Math.round(r.right)} px (window ${width}): ${(el.textContent ?? "").trim().slice(0, 40)}`);
      }
    }
    return [...new Set(found)].slice(0, 6);
  });
}

/**
 * Short words of a table broken over lines: a cell of at most four characters (未通过, 同意率, 40%) whose
 * text takes more than one line, as the automatic table layout did to the council results at 360 px.
 */
async function brokenWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const cell of document.querySelectorAll("td, th")) {
      const text = (cell.textContent ?? "").trim();
      if (!text || text.length > 4 || cell.getClientRects().length === 0) continue;
      // A header row hidden but for screen readers (a table shown as a list on a phone) is not read by eye.
      if (cell.closest("thead") && cell.closest("thead")!.getBoundingClientRect().width <= 1) continue;
      const range = document.createRange();
      range.selectNodeContents(cell);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) found.push(`"${text}" is broken over ${lines.size} lines`);
    }
    return [...new Set(found)].slice(0, 6);
  });
}

type Setup = { name: string; options: BrowserContextOptions; zoom: number; largeText: boolean };
const setups: Setup[] = [
  { name: "360 px, large text", options: phone, zoom: 1, largeText: true },
  { name: "1280 px at 200 %", options: { viewport: { width: 1280, height: 900 } }, zoom: 2, largeText: false },
  { name: "1280 px at 200 %, large text", options: { viewport: { width: 1280, height: 900 } }, zoom: 2, largeText: true },
  { name: "720 px at 200 %, large text", options: { viewport: { width: 720, height: 1480 } }, zoom: 2, largeText: true },
];

describe("small screens, large text and zoom", () => {
  it("nothing scrolls sideways, sticks out past the window or breaks a table's short words on the public pages and the juror's phone", async () => {
    const problems: string[] = [];
    for (const setup of setups) {
      for (const lang of ["zh", "en"] as const) {
        // Browser zoom: the window keeps its size in device pixels, the page lays out in fewer CSS px.
        const vp = setup.options.viewport!;
        const context = await browser.newContext({
          ...setup.options,
          viewport: { width: Math.round(vp.width / setup.zoom), height: Math.round(vp.height / setup.zoom) },
          deviceScaleFactor: (setup.options.deviceScaleFactor ?? 1) * setup.zoom,
          baseURL: app.url,
        });
        context.setDefaultNavigationTimeout(60_000);
        const page = await context.newPage();
        await logIn(page, juror, "/me");
        await context.addCookies([prefsCookie(lang, setup.largeText)]);
        for (const route of [...publicPages, "/hearings/1/juror", "/me"]) {
          await visit(page, route);
          if (setup.largeText) expect(await page.getAttribute("html", "data-large-text")).toBe("true");
          for (const p of [...(await overflow(page)), ...(await brokenWords(page))]) problems.push(`${setup.name}, ${lang} ${route}: ${p}`);
        }
        await context.close();
      }
    }
    expect(problems.join("\n")).toBe("");
  }, 900_000);

  it("has no serious or critical axe-core violations on the public pages at 360 px, in both languages and text sizes", async () => {
    const found: string[] = [];
    for (const lang of ["zh", "en"] as const) {
      for (const largeText of [false, true]) {
        const context = await browser.newContext({ ...phone, baseURL: app.url });
        context.setDefaultNavigationTimeout(60_000);
        await context.addCookies([prefsCookie(lang, largeText)]);
        const page = await context.newPage();
        for (const route of [...publicPages, "/no-such-page"]) {
          await visit(page, route);
          const v = await seriousViolations(page);
          if (v) found.push(`${lang}${largeText ? " large" : ""} ${route}:\n${v}`);
        }
        await context.close();
      }
    }
    expect(found.join("\n")).toBe("");
  }, 900_000);
});

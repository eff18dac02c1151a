import Database from "better-sqlite3";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logIn, visit } from "./support/actions";
import { startApp, type RunningApp } from "./support/app";
import { desktop, launchBrowser } from "./support/browser";

/**
 * Issue 17, translation completeness: every page any visitor reaches on the demo seed — logged out,
 * and as each staff role, a representative who sat on the demo panel — is crawled in English by
 * following its links, and fails on any Chinese character outside user content
 * (`data-user-content`: titles, names, free text people typed) and on any React hydration error or
 * warning in Chromium's console.
 */

let app: RunningApp;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** The preferences cookie as the server writes it (Remix's unsigned cookie: base64 of the JSON). */
function prefsCookie(url: string, prefs: { lang: "zh" | "en"; largeText: boolean }) {
  const value = encodeURIComponent(Buffer.from(JSON.stringify(prefs), "utf8").toString("base64"));
  return { name: "civic_prefs", value, url };
}

/** Links not to follow: downloads, machine formats, sign-out, files. */
const skip = /^\/(logout|preferences|admin)\b|\.(json|csv|xml|pdf|png|jpe?g)$|\/exhibits\/|\/photos\//;

/** One page per route shape (/hearings/1 and /hearings/2 render the same route) and query-less. */
const shape = (p: string) => p.replace(/\/\d+(?=\/|$)/g, "/:id").replace(/\/\d{4}-(q\d|\d{2})$/i, "/:period");

/** Chinese (CJK ideographs and full-width punctuation) on the page outside user content. */
async function untranslated(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cjk = /[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e]+/g;
    const found = new Set<string>();
    // A title or label may quote user content ("<hearing title> · Hearing"): those quotes are not UI text.
    const quoted = [...document.querySelectorAll("[data-user-content]")]
      .map((e) => (e.textContent ?? "").trim())
      .filter(Boolean)
      .sort((a, b) => b.length - a.length);
    const scan = (s: string | null | undefined, where: string) => {
      let text = s ?? "";
      for (const q of quoted) text = text.split(q).join(" ");
      for (const m of text.match(cjk) ?? []) found.add(`${where}${m}`);
    };
    scan(document.title, "<title> ");
    for (const meta of document.querySelectorAll("meta[name=description], meta[property^='og:']")) scan(meta.getAttribute("content"), "<meta> ");
    const body = document.body.cloneNode(true) as HTMLElement;
    // User content, the other language's name on the language switch (lang="zh-CN"), and code.
    body.querySelectorAll("[data-user-content], [lang], script, style").forEach((e) => e.remove());
    scan(body.textContent, "");
    for (const el of body.querySelectorAll("*")) {
      for (const attr of ["aria-label", "title", "placeholder", "alt", "aria-description"]) scan(el.getAttribute(attr), `[${attr}] `);
      if (el instanceof HTMLInputElement && (el.type === "submit" || el.type === "button")) scan(el.value, "[value] ");
    }
    return [...found];
  });
}

type Visitor = { name: string; username?: string; start: string[] };

describe("every page in English", () => {
  it("has no Chinese outside user content and no hydration errors, for every visitor of the demo", async () => {
    const db = new Database(path.join(app.dataDir, "civic.sqlite"), { readonly: true });
    const juror = db
      .prepare("select u.username from panel_seats s join representatives r on r.id = s.representative_id join users u on u.id = r.user_id where s.hearing_id = 1 and s.role = 'juror' order by s.position limit 1")
      .get() as { username: string };
    const participant = db
      .prepare("select u.username from council_participants p join representatives r on r.id = p.representative_id join users u on u.id = r.user_id where p.council_id = 1 and p.kind = 'representative' limit 1")
      .get() as { username: string } | undefined;
    db.close();

    const publicStart = ["/", "/rulings", "/resolutions", "/hearings", "/hearings/1", "/resolutions/1", "/councils", "/councils/1", "/search?q=漏水", "/stats", "/reports", "/verify", "/verify?hearing=1", "/login", "/no-such-page"];
    const visitors: Visitor[] = [
      { name: "anonymous", start: publicStart },
      { name: "admin", username: "admin", start: ["/me"] },
      { name: "mediator", username: "mediator", start: ["/me", "/manage/hearings", "/manage/councils", "/manage/matters", "/manage/pool", "/manage/comments", "/manage/hearings/new", "/manage/councils/new", "/manage/pool/new", "/manage/pool/import", "/manage/pool/features", "/hearings/1/screen", "/councils/1/screen", "/councils/1/live"] },
      { name: "supervisor", username: "supervisor", start: ["/me", "/councils/1/live"] },
      { name: "juror", username: juror.username, start: ["/me", "/hearings/1/juror"] },
      ...(participant ? [{ name: "council participant", username: participant.username, start: ["/me", "/councils/1/live"] }] : []),
    ];

    const problems: string[] = [];
    const visited: string[] = [];
    for (const visitor of visitors) {
      const context: BrowserContext = await browser.newContext({ ...desktop, baseURL: app.url, locale: "en-GB", timezoneId: "Asia/Shanghai" });
      context.setDefaultNavigationTimeout(60_000);
      const page = await context.newPage();
      if (visitor.username) await logIn(page, visitor.username, "/me");
      await context.addCookies([prefsCookie(app.url, { lang: "en", largeText: false })]);
      let current = "";
      page.on("console", (m) => {
        if ((m.type() === "error" || m.type() === "warning") && !(current === "/no-such-page" && /Failed to load resource/.test(m.text())))
          problems.push(`${visitor.name} ${current}: console ${m.type()}: ${m.text().slice(0, 300)}`);
      });
      page.on("pageerror", (e) => problems.push(`${visitor.name} ${current}: page error: ${e.message.slice(0, 300)}`));

      const seen = new Set<string>();
      const queue = [...visitor.start];
      while (queue.length && seen.size < 80) {
        const route = queue.shift()!;
        const key = shape(route.split("?")[0]) + (visitor.start.includes(route) ? route : "");
        if (seen.has(key)) continue;
        seen.add(key);
        current = route;
        const response = await visit(page, route);
        const status = response?.status() ?? 0;
        if (status >= 400 && route !== "/no-such-page") problems.push(`${visitor.name} ${route}: answered ${status}`);
        if ((await page.getAttribute("html", "lang")) !== "en") problems.push(`${visitor.name} ${route}: <html lang> is not en`);
        const cjk = await untranslated(page);
        if (cjk.length) problems.push(`${visitor.name} ${route}: Chinese outside user content: ${cjk.slice(0, 12).join(" | ")}`);
        visited.push(`${visitor.name} ${route}`);
        const links = await page.evaluate(() => [...document.querySelectorAll("a[href]")].map((a) => (a as HTMLAnchorElement).href));
        for (const href of links) {
          const url = new URL(href);
          if (url.origin !== new URL(app.url).origin || skip.test(url.pathname)) continue;
          queue.push(url.pathname + url.search);
        }
      }
      await context.close();
    }
    console.log(`crawled ${visited.length} pages:\n  ${visited.join("\n  ")}`);
    expect(problems.join("\n")).toBe("");
  }, 600_000);
});

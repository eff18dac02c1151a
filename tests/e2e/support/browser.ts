import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const resultsDir = path.join(root, "test-results");
const screenshotsDir = path.join(resultsDir, "screenshots");
const failuresDir = path.join(resultsDir, "failures");

/** Debian's Chromium; the tests never download a browser. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: install Debian's chromium (see .ci/run)`);
  return chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** A juror's phone in the hall. */
export const phone: BrowserContextOptions = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };
/** The hall projector. */
export const projector: BrowserContextOptions = { viewport: { width: 1920, height: 1080 } };

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9\u4e00-\u9fff]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 80);

/**
 * The browsers of one scenario: every context it opens, so that a failing step can photograph every
 * open page, and page errors (uncaught exceptions in the app) are collected and fail the step.
 */
export class Stage {
  private contexts: { name: string; context: BrowserContext }[] = [];
  readonly pageErrors: string[] = [];
  /** Console errors and warnings of every page, quoted in a failure report. */
  private consoleLines: string[] = [];
  constructor(
    readonly browser: Browser,
    readonly baseURL: string,
    /** The server's own log lines (stderr), quoted in a failure report. */
    private serverLog: () => string[] = () => [],
  ) {}

  async context(name: string, options: BrowserContextOptions = desktop): Promise<BrowserContext> {
    const context = await this.browser.newContext({ ...options, baseURL: this.baseURL, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    context.setDefaultTimeout(15_000);
    // A page load on 2 cores while seven phones' renderers compile the same bundle takes far longer
    // than one click: navigations get their own, longer limit (seen: 17 s for 8 parallel logins).
    context.setDefaultNavigationTimeout(60_000);
    context.on("page", (page) => this.watch(name, page));
    this.contexts.push({ name, context });
    return context;
  }

  async page(name: string, options: BrowserContextOptions = desktop): Promise<Page> {
    const context = await this.context(name, options);
    return context.newPage();
  }

  private watch(name: string, page: Page) {
    page.on("pageerror", (err) => this.pageErrors.push(`[${name}] ${err.message}`));
    page.on("websocket", (ws) => {
      ws.on("socketerror", (err) => this.consoleLines.push(`[${name}] websocket error: ${err}`));
      ws.on("close", () => this.consoleLines.push(`[${name}] websocket closed`));
    });
    page.on("console", (msg) => {
      if (msg.type() === "error" || msg.type() === "warning") this.consoleLines.push(`[${name}] ${msg.type()}: ${msg.text()}`);
    });
  }

  openPages(): { name: string; page: Page }[] {
    return this.contexts.flatMap(({ name, context }) => context.pages().map((page, i) => ({ name: i ? `${name}-${i + 1}` : name, page })));
  }

  /**
   * Runs one step of the scenario. On failure, every open page is photographed into
   * test-results/failures/<step>/ and the error names the step and the pictures.
   */
  async step<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const errorsBefore = this.pageErrors.length;
    try {
      const result = await fn();
      const fresh = this.pageErrors.slice(errorsBefore);
      if (fresh.length) throw new Error(`uncaught error in the page:\n${fresh.join("\n")}`);
      return result;
    } catch (err) {
      const dir = path.join(failuresDir, slug(name));
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      const shots: string[] = [];
      for (const { name: who, page } of this.openPages()) {
        const file = path.join(dir, `${slug(who)}.png`);
        try {
          await page.screenshot({ path: file, fullPage: true, timeout: 5_000 });
          shots.push(path.relative(root, file));
        } catch {
          // A crashed or closed page cannot be photographed; the others still are.
        }
      }
      const message = err instanceof Error ? err.message : String(err);
      const log = this.serverLog().slice(-20);
      const consoleLines = this.consoleLines.slice(-20);
      throw new Error(
        `step "${name}" failed: ${message}\nscreenshots:\n  ${shots.join("\n  ") || "(none)"}${log.length ? `\nserver log (last ${log.length} lines):\n  ${log.join("\n  ")}` : ""}${consoleLines.length ? `\nbrowser console (last ${consoleLines.length}):\n  ${consoleLines.join("\n  ")}` : ""}`,
        { cause: err },
      );
    }
  }

  async close() {
    await Promise.allSettled(this.contexts.map(({ context }) => context.close()));
  }
}

/** What a person sees without scrolling (the page as it stands, e.g. after the app scrolled itself). */
export async function screenshotViewport(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotsDir, { recursive: true });
  const file = path.join(screenshotsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Writes a screenshot of a key screen to test-results/screenshots/<name>.png (git-ignored): the whole
 * page, or with `at` what a person sees with that part of the page scrolled into view (a phone).
 */
export async function screenshot(page: Page, name: string, at?: Locator): Promise<string> {
  fs.mkdirSync(screenshotsDir, { recursive: true });
  const file = path.join(screenshotsDir, `${name}.png`);
  if (at) {
    await at.evaluate((el) => {
      el.scrollIntoView({ block: "start" });
      window.scrollBy(0, -96); // clear of the sticky site header
    });
    await page.screenshot({ path: file });
  } else {
    // From the top: scrolled down, the sticky site header would be painted across the middle.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: file, fullPage: true });
  }
  return file;
}

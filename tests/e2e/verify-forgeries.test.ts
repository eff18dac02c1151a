/**
 * The /verify page re-checks a downloaded draw record in the browser (Web Crypto for the arithmetic,
 * HiGHS Wasm in a Web Worker to re-solve LEXIMIN): an honest record passes with its lottery
 * recomputed and its optimality certificate checked; every record forged the way a dishonest office
 * would (every hash re-derived with the server's own code, tests/draw/forge.ts) shows failure — the
 * hand-picked panel on one ticket included, which only the re-solve catches — and a changed exclusion
 * fails once the party enters the opening hash from their draw receipt.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import en from "../../app/locales/en/portal";
import zh from "../../app/locales/zh/portal";
import { solveDraw } from "../../server/draw/draw";
import type { DrawRecord } from "../../server/draw/record";
import { verifyDrawRecord } from "../../server/draw/verify-record";
import { verifyDrawRecordResolving } from "../../server/draw/verify-resolve";
import type { VerifyFailure } from "../../server/verify/failures";
import { syntheticInstance } from "../draw/factories";
import { forgeries, reseal } from "../draw/forge";
import { runDraw } from "../draw/run-draw";
import { startApp, type RunningApp } from "./support/app";
import { desktop, launchBrowser, phone, screenshot } from "./support/browser";

let app: RunningApp;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let honest: DrawRecord;
let dir: string;
beforeAll(async () => {
  const { pool, quotas, k } = syntheticInstance(60, 8, 2, 31);
  [app, browser, honest, dir] = await Promise.all([
    startApp(),
    launchBrowser(),
    runDraw({
      pool,
      quotas,
      k,
      exclusions: [],
      alternatesCount: 2,
      contributions: [{ by: "party:1", value: "blue" }],
      secret: "5a".repeat(32),
    }),
    mkdtemp(path.join(tmpdir(), "verify-page-")),
  ]);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** The page's sentence for a failure: the locale file's template with the verifier's parameters. */
const sentence = (table: Record<string, string>, f: VerifyFailure) => table[f.code].replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(f.params[k]));

async function checkInPage(record: unknown, name: string, device = desktop, lang: "zh" | "en" = "zh", opening?: string): Promise<{ state: string | null; text: string }> {
  const file = path.join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(record));
  const context = await browser.newContext({ ...device, locale: lang === "zh" ? "zh-CN" : "en-US" });
  // The page's language is the preferences cookie's (the header's switch sets it).
  const prefs = encodeURIComponent(Buffer.from(JSON.stringify({ lang, largeText: false }), "utf8").toString("base64"));
  await context.addCookies([{ name: "civic_prefs", value: prefs, url: app.url }]);
  try {
    const page = await context.newPage();
    await page.goto(`${app.url}/verify`, { timeout: 60_000 });
    // A party types the opening hash printed on their draw receipt (or scans its QR code).
    if (opening) await page.locator("#opening-hash").fill(opening);
    await page.locator("#record-file").setInputFiles(file);
    // While the worker re-solves, the draw line is "pending" (正在重新计算……); wait for its verdict.
    const result = page.locator("[data-testid=verify-results] [data-state]:not([data-state=pending])").first();
    await result.waitFor({ timeout: 90_000 });
    if (name.startsWith("honest") || name.startsWith("skewed") || name.startsWith("hand-picked")) await screenshot(page, `verify-${name}`);
    return { state: await result.getAttribute("data-state"), text: await result.innerText() };
  } finally {
    await context.close();
  }
}

describe("/verify in Chromium", () => {
  it("passes the honest record and says its fairness certificate holds", async () => {
    const { state, text } = await checkInPage(honest, "honest");
    expect(state).toBe("ok");
    expect(text).toContain("验证通过");
    expect(text).toContain("公平性证明也已核对");
    expect(text).toContain("已按冻结的名单和配额重新计算抽签表，与记录一致");
  }, 120_000);

  it("shows the failure readably on a phone (360 px)", async () => {
    const skew = forgeries.find(([name]) => name.startsWith("a skewed"));
    const { state } = await checkInPage(await (skew as (typeof forgeries)[number])[1](honest), "skewed-phone", phone);
    expect(state).toBe("failed");
  }, 120_000);

  it("says it is recomputing while the worker re-solves", async () => {
    const file = path.join(dir, "progress.json");
    await writeFile(file, JSON.stringify(honest));
    const context = await browser.newContext({ ...desktop, locale: "zh-CN" });
    try {
      const page = await context.newPage();
      await page.goto(`${app.url}/verify`, { timeout: 60_000 });
      // Block the worker's script until the pending state has been seen, so this cannot race the re-solve.
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      await page.route("**/verify-resolve.js", async (route) => {
        await held;
        await route.continue();
      });
      await page.locator("#record-file").setInputFiles(file);
      const pending = page.locator("[data-testid=verify-results] [data-state=pending]");
      await pending.waitFor({ timeout: 60_000 });
      expect(await pending.innerText()).toContain("正在重新计算");
      await screenshot(page, "verify-recomputing");
      release();
      await page.locator("[data-testid=verify-results] [data-state=ok]").waitFor({ timeout: 90_000 });
    } finally {
      await context.close();
    }
  }, 120_000);

  it("never says 验证通过 when the browser cannot re-solve", async () => {
    const file = path.join(dir, "no-worker.json");
    await writeFile(file, JSON.stringify(honest));
    const context = await browser.newContext({ ...phone, locale: "zh-CN" });
    try {
      const page = await context.newPage();
      await page.goto(`${app.url}/verify`, { timeout: 60_000 });
      await page.route("**/verify-resolve.js", (route) => route.abort());
      await page.locator("#record-file").setInputFiles(file);
      const result = page.locator("[data-testid=verify-results] [data-state]:not([data-state=pending])").first();
      await result.waitFor({ timeout: 90_000 });
      expect(await result.getAttribute("data-state")).toBe("incomplete");
      const text = await result.innerText();
      expect(text).toContain("未能完成复核");
      expect(text).not.toContain("验证通过");
      await screenshot(page, "verify-no-worker-phone");
    } finally {
      await context.close();
    }
  }, 120_000);

  it.each(forgeries)("shows failure for %s", async (name, forge) => {
    const slug = name.includes("re-ordered")
      ? "reordered"
      : name.includes("one-panel")
        ? "one-panel"
        : name.includes("hand-picked")
          ? "hand-picked"
          : "skewed";
    const forged = await forge(honest);
    // What `npm run verify -- --resolve` says (the hand-picked panel passes every hash and the
    // certificate: only the re-solve catches it); the page must say the same, in plain Chinese.
    const expected = await verifyDrawRecordResolving(forged);
    if (expected.ok) throw new Error(`${name} passes the verifier`);
    const { state, text } = await checkInPage(forged, slug);
    expect(state).toBe("failed");
    expect(text).toContain("验证失败");
    expect(text).toContain(sentence(zh.verify.errors, expected.failure));
    expect(text).not.toContain(expected.error);
  }, 120_000);

  it("shows failure for a changed exclusion once the party's receipt is entered", async () => {
    // The office drops a member from the snapshot as "excluded" and re-solves honestly: every hash
    // and the lottery hold, but the opening is not the one the parties received before the seed.
    const f = structuredClone(honest);
    const moved = f.snapshot.find((m) => !f.panel.includes(m.id))!;
    f.snapshot = f.snapshot.filter((m) => m.id !== moved.id);
    f.exclusions = [...f.exclusions, { id: moved.id, reason: "conflict" }].sort((a, b) => (a.id < b.id ? -1 : 1));
    delete f.probabilities[moved.id];
    ({ lottery: f.lottery, certificate: f.certificate } = await solveDraw(f.snapshot, f.opening.quotas, f.opening.k));
    const forged = await reseal(f);
    const expected = await verifyDrawRecordResolving(forged, { expectOpening: honest.openingHash });
    if (expected.ok) throw new Error("the changed exclusion passes against the receipt");
    const { state, text } = await checkInPage(forged, "changed-exclusion", desktop, "zh", honest.openingHash);
    expect(state).toBe("failed");
    expect(text).toContain("验证失败");
    expect(text).toContain(sentence(zh.verify.errors, expected.failure));
  }, 120_000);

  it("gives the reason in English on the English page", async () => {
    const skew = forgeries.find(([name]) => name.startsWith("a skewed"));
    const forged = await (skew as (typeof forgeries)[number])[1](honest);
    const expected = await verifyDrawRecord(forged);
    if (expected.ok) throw new Error("the skewed forgery passes the verifier");
    const { state, text } = await checkInPage(forged, "skewed-en", desktop, "en");
    expect(state).toBe("failed");
    expect(text).toContain("Verification failed");
    expect(text).toContain(sentence(en.verify.errors, expected.failure));
    expect(text).not.toMatch(/[\u4e00-\u9fff]/);
  }, 120_000);
});

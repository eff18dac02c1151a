/**
 * Evidence before the hearing, in Chromium (issue 14, item 8): a party on a 360 px phone sees the
 * upload form before the start with its limit, an oversized file is refused in the browser without a
 * request, a real image uploads with its progress; later the chair shows it and the 1920 px hall
 * screen, already open, shows the image live.
 */
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exhibits } from "../../db/schema";
import { ok } from "../support/hearing-flow";
import { checkInToEvidence, drawPanel, startEvidenceHearing, startHearing, type EvidenceHearing } from "../support/evidence-hearing";
import type { ClientSocket, TestServer } from "../support/server";
import { connected, logIn, region } from "./support/actions";
import { desktop, launchBrowser, phone, projector, screenshot, screenshotViewport } from "./support/browser";
import { makePng } from "./support/png";

let fixture: EvidenceHearing;
let server: TestServer;
let browser: Browser;
let hearingId: number;
let mediator: ClientSocket;
let partyCookies: string[];

beforeAll(async () => {
  fixture = await startEvidenceHearing();
  ({ server, hearingId, mediator, partyCookies } = fixture);
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await fixture?.close();
});

/** Draw, waive, start, check in, on to 举证质证 (the procedure itself is tested elsewhere). */
async function toEvidencePhase() {
  await drawPanel(fixture);
  await startHearing(fixture);
  await checkInToEvidence(fixture);
}

describe("evidence before the hearing, in the browser", () => {
  it("a party on a phone uploads before the start; a file over the limit is refused before sending", async () => {
    const context = await browser.newContext(phone);
    const [name, value] = partyCookies[0].split("=");
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    const uploads: string[] = [];
    page.on("request", (r) => (r.url().endsWith("/evidence") ? void uploads.push(r.method()) : undefined));
    await page.goto(`${server.url}/hearings/${hearingId}/party`);
    const form = page.getByTestId("upload-form");
    await form.waitFor();
    await expect.poll(() => form.textContent()).toContain("单个文件不超过 20 MB");
    await screenshot(page, "evidence-party-upload-360", form);

    await page.getByLabel("证据名称").fill("超大的视频截图");
    await page.getByLabel("文件（JPG、PNG、WebP 或 PDF）").setInputFiles({ name: "big.png", mimeType: "image/png", buffer: Buffer.alloc(21 * 1024 * 1024, 1) });
    await expect.poll(() => page.getByTestId("upload-message").textContent()).toContain("超过 20 MB 的上限");
    await form.getByRole("button", { name: "提交证据" }).click();
    await screenshot(page, "evidence-party-too-large-360", form);
    expect(uploads).toEqual([]);

    await page.getByLabel("文件（JPG、PNG、WebP 或 PDF）").setInputFiles({ name: "leak.png", mimeType: "image/png", buffer: makePng(800, 500) });
    await page.getByLabel("证据名称").fill("天花板渗水照片");
    await page.getByLabel("公开范围").selectOption("public");
    await form.getByRole("button", { name: "提交证据" }).click();
    await expect.poll(() => page.getByTestId("upload-message").textContent()).toContain("证据已提交");
    expect(uploads).toEqual(["POST"]);

    // Large-text mode (适老化): the form, its limit and its button still read and fit on the phone.
    await page.getByRole("button", { name: "大字模式" }).tap();
    await page.locator("html[data-large-text=true]").waitFor({ state: "attached" });
    await form.waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, "evidence-party-upload-360-large-text", form);
    await context.close();
  }, 60_000);

  it("the chair shows the admitted exhibit and the open hall screen shows the image live", async () => {
    await toEvidencePhase();
    const exhibit = server.services.db.select().from(exhibits).where(eq(exhibits.hearingId, hearingId)).get()!;
    await ok(mediator, "exhibit:rule", { hearingId, exhibitId: exhibit.id, decision: "admit" });

    const context = await browser.newContext(projector);
    const page = await context.newPage();
    await page.goto(`${server.url}/hearings/${hearingId}/screen`);
    await page.waitForFunction(() => document.body.innerText.includes("举证质证"));
    expect(await page.getByTestId("screen-exhibit").count()).toBe(0);

    // The chair, in the console, puts it on the screen.
    const consoleContext = await browser.newContext({ ...desktop, baseURL: server.url });
    const chairPage = await consoleContext.newPage();
    await logIn(chairPage, "mediator", `/manage/hearings/${hearingId}`);
    await connected(chairPage);
    const exhibitsRegion = region(chairPage, "证据");
    await exhibitsRegion.getByRole("button", { name: "在大屏展示" }).click();
    await exhibitsRegion.getByTestId("on-screen").waitFor();
    await screenshot(chairPage, "evidence-console-on-screen-1280", exhibitsRegion);
    await consoleContext.close();
    const img = page.getByTestId("screen-exhibit").locator("img");
    await img.waitFor();
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth)).toBe(800);
    expect(await page.getByTestId("screen-exhibit").textContent()).toContain("证据1 天花板渗水照片");
    await screenshotViewport(page, "evidence-screen-1920");

    await ok(mediator, "exhibit:show", { hearingId, exhibitId: null });
    await expect.poll(() => page.getByTestId("screen-exhibit").count()).toBe(0);
    await context.close();
  }, 60_000);
});

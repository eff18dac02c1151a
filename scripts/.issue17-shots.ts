import Database from "better-sqlite3";
import path from "node:path";
import { startApp } from "../tests/e2e/support/app";
import { launchBrowser, phone, desktop } from "../tests/e2e/support/browser";
import { logIn } from "../tests/e2e/support/actions";

const out = "/tmp/issue17-shots";
const app = await startApp();
const browser = await launchBrowser();
try {
  const db = new Database(path.join(app.dataDir, "civic.sqlite"), { readonly: true });
  const juror = (db.prepare("select u.username from panel_seats s join representatives r on r.id = s.representative_id join users u on u.id = r.user_id where s.hearing_id = 1 and s.role = 'juror' order by s.position limit 1").get() as { username: string }).username;
  db.close();
  const cookie = (lang: string, largeText: boolean) => ({ name: "civic_prefs", value: encodeURIComponent(Buffer.from(JSON.stringify({ lang, largeText })).toString("base64")), url: app.url });
  const shots: [string, typeof phone, string, boolean, string?][] = [
    ["en-ruling-phone", phone, "en", false, "/hearings/1"],
    ["en-ruling-desktop", desktop, "en", false, "/hearings/1"],
    ["en-council-desktop", desktop, "en", false, "/councils/3"],
    ["en-resolution-phone", phone, "en", false, "/resolutions/1"],
    ["en-large-home-phone", phone, "en", true, "/"],
    ["zh-large-ruling-phone", phone, "zh", true, "/hearings/1"],
    ["en-large-juror-phone", phone, "en", true, "/hearings/1/juror"],
    ["zh-ruling-desktop", desktop, "zh", false, "/hearings/1"],
    ["en-mediator-console", desktop, "en", false, "/manage/hearings/2"],
  ];
  for (const [name, opts, lang, large, route] of shots) {
    const context = await browser.newContext({ ...opts, baseURL: app.url });
    const page = await context.newPage();
    if (route!.includes("juror")) await logIn(page, juror, "/me");
    if (route!.includes("manage")) await logIn(page, "mediator", "/");
    await context.addCookies([cookie(lang, large)]);
    await page.goto(route!, { waitUntil: "load" });
    await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => undefined);
    await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
    await context.close();
  }
} finally {
  await browser.close();
  await app.stop();
}

import { chromium } from "playwright-core";
import { startTestServer } from "../tests/support/server";
import { conveneHearing, login } from "../tests/support/hearing-flow";

const server = await startTestServer();
const cookie = await login(server, "mediator");
const id = await conveneHearing(server, cookie, {
  title: "王建国家漏水纠纷评理",
  publicSummary: "3号楼居民李桂兰（电话13812345678）反映楼上5号楼502室卫生间漏水，双方对维修费用分担有分歧。",
  matterDescription: "内部情况",
  partyA: "李桂兰",
  partyB: "5号楼502室王建国",
});
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
for (const [w, lang, large] of [[360, "zh", false], [1280, "zh", false], [360, "en", false], [360, "zh", true]] as const) {
  const ctx = await browser.newContext({ viewport: { width: w, height: 900 }, locale: lang === "en" ? "en-US" : "zh-CN", extraHTTPHeaders: lang === "en" ? { "accept-language": "en" } : {} });
  const [name, value] = cookie.split("=");
  await ctx.addCookies([{ name, value, url: server.url }]);
  await ctx.addCookies([{ name: "civic_prefs", value: encodeURIComponent(Buffer.from(JSON.stringify({ lang, largeText: large })).toString("base64")), url: server.url }]);
  const page = await ctx.newPage();
  await page.goto(`${server.url}/manage/hearings/${id}`);
  const preview = page.getByTestId("announce-preview");
  await preview.waitFor();
  // Keep one hit to show the confirmation.
  if (w === 1280) await page.locator('input[name="keep"]').first().check();
  await preview.screenshot({ path: `/tmp/i12-shots/preview-${w}-${lang}${large ? "-large" : ""}.png` });
  await ctx.close();
}
await browser.close();
await server.close();
console.log("done");

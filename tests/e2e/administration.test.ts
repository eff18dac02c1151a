/**
 * Issue 13's "Done when", in real browsers against the production build, from an empty database with
 * SEED_DEMO=false — nothing touches the database: the first administrator through the one-time setup
 * URL from the server log, a community, a mediator and a supervisor (each setting their own password
 * through a one-time link), the mediator imports a pool of 40 by CSV, prints activation slips for all
 * of them, and 7 representatives sign in by their slips' codes on phones and vote in a council.
 * The issue's bad inputs are tried through the UI on the way: a duplicate username, disabling the last
 * administrator, a reused slip, retiring a community while its council is under way.
 */
import { afterAll, beforeAll, describe, expect } from "vitest";
import type { Browser, Page } from "playwright-core";
import { button, connected, expectText, main, region } from "./support/actions";
import { startApp, type RunningApp } from "./support/app";
import { expectAccessible } from "./support/axe";
import { desktop, launchBrowser, phone, screenshot, Stage } from "./support/browser";
import { chapters } from "./support/scenario";

const STREET = "幸福街道";
const COMMUNITY = "和平社区";
const TITLE = "和平社区楼道照明议事会";
const ITEM = { title: "楼道改装声控灯", proposal: "全部楼道更换为声控节能灯，费用由公共收益支出。" };
const POOL = 40;
const VOTERS = 7;
/** 5 for, 2 against: passes (71%). */
const votes = ["同意", "同意", "同意", "同意", "同意", "反对", "反对"] as const;

let app: RunningApp;
let browser: Browser;
let stage: Stage;
let admin: Page;
let mediator: Page;
let spectator: Page;
let councilId: number;
const links: Record<string, string> = {};
const slips: { name: string; code: string }[] = [];
const reps: Page[] = [];

const chapter = chapters(180_000);
const step = <T>(name: string, fn: () => Promise<T>) => stage.step(name, fn);
const alertText = (page: Page) => main(page).getByRole("alert");
const statusText = (page: Page) => main(page).getByRole("status");

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ seedDemo: false }), launchBrowser()]);
  stage = new Stage(browser, app.url, () => app.stderr);
}, 90_000);

afterAll(async () => {
  await stage?.close();
  await browser?.close();
  await app?.stop();
});

async function createAccount(username: string, displayName: string, role: "调解员" | "监委会委员") {
  await admin.goto("/admin");
  await admin.getByLabel(/^用户名/).fill(username);
  await admin.getByLabel("姓名", { exact: true }).fill(displayName);
  await button(admin, "创建账号").click();
  const link = main(admin).getByTestId("set-password-link");
  await expectText(statusText(admin), `已创建账号 ${username}`);
  links[username] = (await link.innerText()).trim();
  expect(links[username]).toMatch(/\/set-password\/[a-z2-7]{24}\.[a-z2-7]{24}$/);
  await main(admin).getByRole("link", { name: "管理此账号、授予角色" }).click();
  await admin.waitForURL(/\/admin\/users\/\d+$/);
  await admin.getByRole("combobox", { name: "角色", exact: true }).selectOption({ label: role });
  await admin.getByRole("combobox", { name: "单位", exact: true }).selectOption({ label: `${COMMUNITY}（社区）` });
  await button(admin, "授予角色").click();
  await expectText(statusText(admin), "已授予角色。");
  await expectText(region(admin, "角色"), `${role} · ${COMMUNITY}`);
}

async function setPassword(page: Page, link: string, password: string) {
  await page.goto(new URL(link).pathname);
  await page.getByLabel(/^新密码/).fill(password);
  await button(page, "保存密码").click();
  await page.waitForURL((url) => url.pathname === "/");
}

describe("a street office's first day, from an empty database to a council vote", () => {
  chapter("the installer opens the setup URL from the server log and creates the first administrator", async () => {
    await step("the server printed a one-time setup URL and the login page does not mention a demo password", async () => {
      expect(app.setupUrl).toMatch(/\/setup\/[a-z2-7]{24}\.[a-z2-7]{24}$/);
      admin = await stage.page("administrator", desktop);
      await admin.goto("/login");
      expect(await main(admin).innerText()).not.toContain("demo-password");
    });
    await step("setup creates the street and the administrator, who lands on /admin", async () => {
      await admin.goto(new URL(app.setupUrl!).pathname);
      await admin.getByLabel("街道名称").fill(STREET);
      await admin.getByLabel("管理员用户名").fill("chief");
      await admin.getByLabel("姓名", { exact: true }).fill("街道管理员");
      await admin.getByLabel(/^密码/).fill("street office 2026");
      await button(admin, "完成设置").click();
      await admin.waitForURL((url) => url.pathname === "/admin");
      // The menu item 账号与单位 leads here (it was a 404).
      await expect.poll(() => admin.locator("header").getByRole("link", { name: "账号与单位" }).count()).toBeGreaterThan(0);
    });
    await step("the setup URL stops working", async () => {
      const other = await stage.page("someone else", desktop);
      await other.goto(new URL(app.setupUrl!).pathname);
      await expectText(alertText(other), "系统已经设置完成");
    });
  });

  chapter("the administrator creates the community, a mediator and a supervisor", async () => {
    await step("a community under the street", async () => {
      await admin.goto("/admin/units");
      await admin.getByLabel("层级").selectOption("community");
      await admin.getByLabel("名称", { exact: true }).fill(COMMUNITY);
      await admin.getByLabel("上级单位").selectOption({ label: `${STREET}（街道）` });
      await button(admin, "新建").click();
      await expectText(statusText(admin), "已新建单位。");
      await main(admin).getByTestId(`unit-${COMMUNITY}`).waitFor();
    });
    await step("a second community of the same name under the same street is refused", async () => {
      await admin.getByLabel("层级").selectOption("community");
      await admin.getByLabel("名称", { exact: true }).fill(COMMUNITY);
      await admin.getByLabel("上级单位").selectOption({ label: `${STREET}（街道）` });
      await button(admin, "新建").click();
      await expectText(alertText(admin), `同一上级下已有名为「${COMMUNITY}」的单位`);
      expect(await main(admin).getByTestId(`unit-${COMMUNITY}`).count()).toBe(1);
    });
    await step("the mediator's and the supervisor's accounts, with roles in the community", async () => {
      await createAccount("chen", "陈调解", "调解员");
      await createAccount("zhou", "周委员", "监委会委员");
    });
    await step("a duplicate username is refused and changes nothing", async () => {
      await admin.goto("/admin");
      await expectText(main(admin).locator("#user-list"), "共 3 个账号");
      await admin.getByLabel(/^用户名/).fill("CHEN");
      await admin.getByLabel("姓名", { exact: true }).fill("另一个陈");
      await button(admin, "创建账号").click();
      await expectText(alertText(admin), "用户名「chen」已被使用");
      await expectText(main(admin).locator("#user-list"), "共 3 个账号");
    });
    await step("the last administrator cannot disable their own account", async () => {
      await main(admin).getByRole("link", { name: /街道管理员/ }).click();
      await admin.waitForURL(/\/admin\/users\/\d+$/);
      await button(admin, "停用账号").click();
      await admin.getByRole("alertdialog").getByRole("button", { name: "确定" }).click();
      await expectText(alertText(admin), "不能停用或撤销最后一位管理员");
      await expectText(region(admin, "账号状态"), "正常");
    });
    await step("the audit log lists every change and exports as CSV", async () => {
      await admin.goto("/admin/audit");
      for (const action of ["setup.complete", "unit.create", "user.create", "role.grant"]) await expectText(main(admin), action);
      const csv = await admin.evaluate(() => fetch("/admin/audit.csv").then((r) => r.text()));
      expect(csv).toContain("role.grant");
      expect(csv.split("\r\n")[0]).toContain("actor");
    });
    await step("the administration pages at 1280 px and 360 px", async () => {
      await admin.goto("/admin");
      await screenshot(admin, "admin-accounts-1280");
      await expectAccessible(admin, "admin accounts page");
      const small = await stage.page("administrator's phone", phone);
      // The same administrator on a phone: sign in with the password set at setup.
      await small.goto("/login?redirectTo=%2Fadmin");
      await small.getByLabel("用户名").fill("chief");
      await small.getByLabel("密码").fill("street office 2026");
      await small.locator("main").getByRole("button", { name: "登录" }).click();
      await small.waitForURL((url) => url.pathname === "/admin", { timeout: 60_000 });
      await screenshot(small, "admin-accounts-360");
      await small.goto("/admin/units");
      await screenshot(small, "admin-units-360");
      await admin.goto("/admin/units");
      await screenshot(admin, "admin-units-1280");
      await admin.goto("/admin/audit");
      await screenshot(admin, "admin-audit-1280");
    });
  });

  chapter("the mediator and the supervisor set their passwords through their one-time links", async () => {
    await step("the mediator sets a password; the link then refuses a second use", async () => {
      mediator = await stage.page("mediator", desktop);
      await setPassword(mediator, links.chen, "mediator pass 2026");
      const again = await stage.page("link reused", desktop);
      await again.goto(new URL(links.chen).pathname);
      await expectText(alertText(again), "该链接已经使用过");
    });
    await step("the supervisor sets a password", async () => {
      const supervisor = await stage.page("supervisor", desktop);
      await setPassword(supervisor, links.zhou, "supervisor pass 2026");
      await supervisor.goto("/me/sessions");
      await expect.poll(() => main(supervisor).getByTestId("session").count()).toBe(1);
    });
  });

  chapter(`the mediator imports a pool of ${POOL} and prints activation slips for all of them`, async () => {
    await step(`the mediator imports ${POOL} representatives from a CSV file`, async () => {
      const rows = Array.from({ length: POOL }, (_, i) => `代表${String(i + 1).padStart(2, "0")},139${String(10000000 + i)},${COMMUNITY},居民代表,自荐`);
      const csv = ["姓名,手机号,单位,类别,产生方式", ...rows].join("\r\n") + "\r\n";
      await mediator.goto("/manage/pool/import");
      await mediator.locator("input[type=file]").setInputFiles({ name: "pool.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
      await button(mediator, "校验并导入").click();
      await expectText(statusText(mediator), `新增 ${POOL} 人`);
    });
    await step("the mediator issues slips to everyone; each shows a name, the community, a QR code and a short code", async () => {
      await mediator.goto("/manage/pool");
      await main(mediator).getByRole("link", { name: "登录凭条" }).click();
      await mediator.waitForURL(/\/manage\/pool\/slips/);
      await button(mediator, `为全部在册代表签发凭条（${POOL} 人）`).click();
      await mediator.getByRole("alertdialog").getByRole("button", { name: "确定" }).click();
      await expectText(statusText(mediator), `已签发 ${POOL} 张凭条`);
      const cards = main(mediator).getByTestId("slip");
      expect(await cards.count()).toBe(POOL);
      for (let i = 0; i < POOL; i++) {
        const card = cards.nth(i);
        const name = (await card.locator(".slip__name").innerText()).trim();
        const code = (await card.getByTestId("slip-code").innerText()).trim();
        expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
        slips.push({ name, code });
      }
      expect(new Set(slips.map((s) => s.code)).size).toBe(POOL);
      await expectText(cards.first(), COMMUNITY);
      await expect.poll(() => cards.first().locator("img.slip__qr").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
      await screenshot(mediator, "pool-slips-1280", cards.first());
      // The print layout: A4, two columns, the site's chrome hidden.
      await mediator.emulateMedia({ media: "print" });
      expect(await mediator.locator(".site-header").isVisible()).toBe(false);
      await mediator.emulateMedia({ media: "screen" });
    });
  });

  chapter("the mediator convenes a council with the whole pool and starts it", async () => {
    await step("mediator convenes the council: every representative now has a login and a vote", async () => {
      await mediator.goto("/manage/councils/new");
      await mediator.getByLabel("议事会名称").fill(TITLE);
      await mediator.getByLabel("地点").fill("和平社区党群服务中心");
      const votingBoxes = main(mediator).locator("input[name=voting]");
      expect(await votingBoxes.count()).toBe(POOL);
      expect(await main(mediator).locator("input[name=voting]:disabled").count()).toBe(0);
      await button(mediator, "保存草稿").click();
      await mediator.waitForURL(/\/manage\/councils\/\d+$/);
      councilId = Number(new URL(mediator.url()).pathname.split("/").pop());
      await connected(mediator);
    });
    await step("mediator adds an item and announces the council", async () => {
      const form = main(mediator).locator("form").filter({ has: mediator.getByRole("button", { name: "添加议题", exact: true }) });
      await form.getByLabel("事项（共事）").selectOption("new");
      await form.locator("summary", { hasText: "新登记一项共事" }).click();
      await form.getByLabel("事项名称").fill(ITEM.title);
      await form.getByLabel("方案（提请表决的内容）").fill(ITEM.proposal);
      await form.getByLabel("法定人数（最少投票人数）").fill("5");
      await form.getByRole("button", { name: "添加议题", exact: true }).click();
      await expectText(region(mediator, /^会前准备/), `议题1 ${ITEM.title}`);
      await button(mediator, "发布公告").click();
      await expectText(region(mediator, /^会前准备/).getByRole("heading", { level: 2 }), "已公告");
    });
    await step("mediator starts the council", async () => {
      await mediator.getByLabel("提前开始的理由").fill("代表已到齐，提前开始");
      await button(mediator, "开始议事会（开放签到）").click();
      await expectText(main(mediator).locator(".badge").first(), "议事中");
      spectator = await stage.page("spectator", desktop);
      await spectator.goto(`/councils/${councilId}`);
      await expectText(main(spectator), "您的身份：旁听");
      await connected(spectator);
    });
    await step("the administrator cannot retire the community while its council is under way", async () => {
      await admin.goto("/admin/units");
      const row = main(admin).getByTestId(`unit-${COMMUNITY}`);
      await row.locator("summary").click();
      await row.getByRole("button", { name: "撤销单位" }).click();
      await admin.getByRole("alertdialog").getByRole("button", { name: "确定" }).click();
      await expectText(alertText(admin), "该单位还有进行中的会议");
      expect(await main(admin).getByTestId(`unit-${COMMUNITY}`).getByText("已撤销").count()).toBe(0);
    });
  });

  chapter(`${VOTERS} representatives sign in by their slips on phones and check in`, async () => {
    await Promise.all(
      slips.slice(0, VOTERS).map((slip, i) =>
        step(`representative ${i + 1} (${slip.name}) types the slip's code on a phone and checks in`, async () => {
          const page = (reps[i] = await stage.page(`representative ${i + 1}`, phone));
          await page.goto("/activate");
          // Typed as people do: lower case, without the hyphen.
          await page.getByLabel("登录码").fill(slip.code.replace("-", "").toLowerCase());
          await button(page, "登录").tap();
          await page.waitForURL((url) => url.pathname === "/me", { timeout: 60_000 });
          await main(page).getByRole("link", { name: "进入议事会" }).first().tap();
          await page.waitForURL(`**/councils/${councilId}/live`);
          await connected(page);
          await button(page, "签到").tap();
          await expectText(main(page).locator(".alert--success"), "您已签到。");
        }),
      ),
    );
    await step("a used slip is refused on another phone", async () => {
      const thief = await stage.page("another phone", phone);
      await thief.goto("/activate");
      await thief.getByLabel("登录码").fill(slips[0].code);
      await button(thief, "登录").tap();
      await expectText(alertText(thief), "该登录凭条已经使用过");
    });
    await step(`the spectator sees ${VOTERS} voting members present`, async () => {
      await expectText(region(spectator, "参会人员"), `表决代表已签到 ${VOTERS} / ${POOL}`);
    });
  });

  chapter("the item is put to the vote and passes", async () => {
    await step("mediator takes up the item and puts it to the vote", async () => {
      await button(mediator, "审议议题1").click();
      await button(mediator, "付诸表决").click();
      await expectText(region(spectator, /^议题\d/).first(), `已投 0 / ${VOTERS}`);
    });
    await Promise.all(
      reps.map((page, i) =>
        step(`representative ${i + 1} votes「${votes[i]}」`, async () => {
          await main(page).getByRole("radio", { name: votes[i] }).tap();
          await button(page, "确认投票").tap();
          await page.getByRole("alertdialog").getByRole("button", { name: "确认提交" }).tap();
          await main(page).locator(".ballot-receipt__code").waitFor();
        }),
      ),
    );
    await step("the vote closes and the result is shown", async () => {
      await expectText(region(spectator, /^议题\d/).first(), `已投 ${VOTERS} / ${VOTERS}`);
      await screenshot(reps[0], "administration-representative-voted");
      await button(mediator, "结束投票并公布结果").click();
      await expectText(region(spectator, "议程"), "通过 · 同意率 71.4%");
    });
  });

  chapter("a representative ends a session from /me/sessions and its socket disconnects", async () => {
    await step("the mediator signs in on a second device and ends it from the first", async () => {
      const second = await stage.page("mediator's second device", desktop);
      await second.goto(`/login?redirectTo=${encodeURIComponent(`/manage/councils/${councilId}`)}`);
      await second.getByLabel("用户名").fill("chen");
      await second.getByLabel("密码").fill("mediator pass 2026");
      await second.locator("main").getByRole("button", { name: "登录" }).click();
      await second.waitForURL(/\/manage\/councils\/\d+$/, { timeout: 60_000 });
      await connected(second);
      await mediator.goto("/me/sessions");
      await expect.poll(() => main(mediator).getByTestId("session").count()).toBe(2);
      await screenshot(mediator, "me-sessions-1280");
      await button(mediator, "结束此登录").click();
      await expectText(statusText(mediator), "已结束 1 个登录。");
      // The second device's live connection is cut at once (its status dot leaves the connected state).
      await second.locator(".live-status--ok").waitFor({ state: "detached", timeout: 15_000 });
      await second.goto("/manage/councils");
      await second.waitForURL(/\/login/);
    });
  });
});

/**
 * A council (民事民议议事会) in real browsers, against the production build: the mediator convenes
 * it with two items, four representatives take part on their phones (check-in, opinions, votes), a
 * spectator follows live, the passed item's resolution is published for public notice, and the
 * supervision committee reports implementation progress that the public resolution page shows.
 */
import { afterAll, beforeAll, describe, expect } from "vitest";
import type { Browser, Page } from "playwright-core";
import { button, connected, expectText, logIn, main, region } from "./support/actions";
import { startApp, type RunningApp } from "./support/app";
import { expectAccessible } from "./support/axe";
import { desktop, launchBrowser, phone, screenshot, Stage } from "./support/browser";
import { makePng } from "./support/png";
import { chapters } from "./support/scenario";

const TITLE = "和平社区5号院民事民议议事会";
const items = [
  { title: "5号院加装电梯", proposal: "3号楼、4号楼各加装一部电梯，费用按楼层分摊，一楼住户不分摊。" },
  { title: "东门增设电动车充电桩", proposal: "在东门空地增设20个电动车充电桩，按电量收费。" },
];
/** Item 1 passes 3:1 (75%); item 2 fails 1:3 (25%). */
const votes: ("同意" | "反对")[][] = [
  ["同意", "同意", "同意", "反对"],
  ["同意", "反对", "反对", "反对"],
];
const members = ["rep21", "rep22", "rep23", "rep24"];

let app: RunningApp;
let browser: Browser;
let stage: Stage;
let councilId: number;
let resolutionUrl: string;
let mediator: Page;
let spectator: Page;
const reps: Page[] = [];

const chapter = chapters(90_000);
const step = <T>(name: string, fn: () => Promise<T>) => stage.step(name, fn);
const current = (page: Page) => region(page, /^议题\d/).first();

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  stage = new Stage(browser, app.url, () => app.stderr);
}, 90_000);

afterAll(async () => {
  await stage?.close();
  await browser?.close();
  await app?.stop();
});

describe("a council in the browser, from the agenda to supervised implementation", () => {
  chapter("the mediator convenes a council with two items and announces it", async () => {
    mediator = await stage.page("mediator", desktop);
    await step("mediator logs in and convenes a council", async () => {
      await logIn(mediator, "mediator", "/manage/councils/new");
      await mediator.getByLabel("议事会名称").fill(TITLE);
      await mediator.getByLabel("地点").fill("和平社区党群服务中心一楼议事厅");
      await button(mediator, "保存草稿").click();
      await mediator.waitForURL(/\/manage\/councils\/\d+$/);
      councilId = Number(new URL(mediator.url()).pathname.split("/").pop());
      await connected(mediator);
    });

    for (const [i, item] of items.entries()) {
      await step(`mediator adds item ${i + 1} on a newly recorded shared matter`, async () => {
        const form = main(mediator).locator("form").filter({ has: mediator.getByRole("button", { name: "添加议题", exact: true }) });
        await form.getByLabel("事项（共事）").selectOption("new");
        await form.locator("summary", { hasText: "新登记一项共事" }).click();
        await form.getByLabel("事项名称").fill(item.title);
        await form.getByLabel("方案（提请表决的内容）").fill(item.proposal);
        await form.getByLabel("法定人数（最少投票人数）").fill("3");
        await form.getByRole("button", { name: "添加议题", exact: true }).click();
        await expectText(region(mediator, /^会前准备/), `议题${i + 1} ${item.title}`);
      });
    }

    await step("mediator announces the council", async () => {
      await button(mediator, "发布公告").click();
      await expectText(region(mediator, /^会前准备/).getByRole("heading", { level: 2 }), "已公告");
    });

    await step("the public notice lists the agenda", async () => {
      spectator = await stage.page("spectator", desktop);
      await spectator.goto(`/councils/${councilId}`);
      await expectText(main(spectator), "议事会公告");
      for (const item of items) await expectText(main(spectator), item.title);
    });
  });

  chapter("the council opens; four representatives check in on their phones", async () => {
    await step("mediator starts the council", async () => {
      // Before the announced time the start needs a recorded reason (issue 14).
      await mediator.getByLabel("提前开始的理由").fill("居民已到齐，提前开始");
      await button(mediator, "开始议事会（开放签到）").click();
      await expectText(main(mediator).locator(".badge").first(), "议事中");
    });
    await step("the spectator's page turns live by itself", async () => {
      await expectText(main(spectator), "您的身份：旁听");
      await connected(spectator);
    });
    await Promise.all(
      members.map((username, i) =>
        step(`representative ${i + 1} (${username}) logs in on a phone and checks in`, async () => {
          const page = (reps[i] = await stage.page(`representative ${i + 1}`, phone));
          await logIn(page, username, "/councils");
          await main(page).getByRole("link", { name: TITLE }).first().tap();
          await page.waitForURL(`**/councils/${councilId}/live`);
          await connected(page);
          await button(page, "签到").tap();
          await expectText(main(page).locator(".alert--success"), "您已签到。");
        }),
      ),
    );
    await step("the spectator sees four voting members present", async () => {
      await expectText(region(spectator, "参会人员"), "表决代表已签到 4 / ");
    });
  });

  for (const [n, item] of items.entries()) {
    chapter(`item ${n + 1}: opinions from the floor, then a vote`, async () => {
      await step(`mediator takes up item ${n + 1}`, async () => {
        await button(mediator, `审议议题${n + 1}`).click();
        await expectText(current(spectator), item.title);
      });
      for (const i of [0, 1]) {
        const text = n === 0 ? ["电梯早该装了，老人上下楼太难。", "一楼不分摊可以，但要保证采光。"][i] : ["充电桩能减少飞线充电，我支持。", "东门空地是孩子玩的地方，不同意占用。"][i];
        await step(`representative ${i + 1} gives an opinion on item ${n + 1}`, async () => {
          await reps[i].getByLabel("我的意见").fill(text);
          await button(reps[i], "发表").tap();
          await expectText(current(spectator), text);
        });
      }
      await step(`mediator puts item ${n + 1} to the vote`, async () => {
        await button(mediator, "付诸表决").click();
        await expectText(current(spectator), "已投 0 / 4");
      });
      if (n === 0) {
        await step("the representative's phone is accessible during the vote", async () => {
          await main(reps[0]).getByRole("radiogroup", { name: "请选择您的意见" }).waitFor();
          await screenshot(reps[0], "council-representative-phone", main(reps[0]).locator(".ballot-card"));
          await expectAccessible(reps[0], "representative's council phone");
        });
      }
      await Promise.all(
        reps.map((page, i) =>
          step(`representative ${i + 1} votes「${votes[n][i]}」on item ${n + 1}`, async () => {
            await main(page).getByRole("radio", { name: votes[n][i] }).tap();
            await button(page, "确认投票").tap();
            await page.getByRole("alertdialog").getByRole("button", { name: "确认提交" }).tap();
            await main(page).locator(".ballot-receipt__code").waitFor();
          }),
        ),
      );
      await step(`the spectator sees the turnout, and the result of item ${n + 1} once the vote closes`, async () => {
        await expectText(current(spectator), "已投 4 / 4");
        await button(mediator, "结束投票并公布结果").click();
        const agenda = region(spectator, "议程");
        await expectText(agenda, n === 0 ? "通过 · 同意率 75%" : "未通过 · 同意率 25%");
      });
    });
  }

  chapter("the council ends and the resolution of the passed item is published", async () => {
    await step("mediator ends the council", async () => {
      await main(mediator).locator("summary", { hasText: "结束议事会" }).click();
      await button(mediator, "确认结束").click();
      await expectText(main(mediator).locator(".badge").first(), "已结束");
      // The console reloads its data once the live room reports the end (the record link comes with it);
      // typing before that would go into forms that are about to be replaced.
      await main(mediator).getByRole("link", { name: /下载会议记录/ }).waitFor();
    });
    await step("mediator drafts and publishes the resolution of item 1", async () => {
      const resolutions = region(mediator, "协商决议");
      await expectText(resolutions, "本议题未通过，不形成决议。");
      await resolutions.getByLabel("责任方").fill("社区居委会、5号院业委会");
      await resolutions.getByRole("button", { name: "保存决议草稿" }).click();
      await region(mediator, "协商决议").getByRole("button", { name: "发布公示（7 天）" }).click();
      const link = region(mediator, "协商决议").getByRole("link", { name: "查看决议" });
      await link.waitFor();
      resolutionUrl = (await link.getAttribute("href"))!;
      await screenshot(mediator, "council-console-resolved");
    });
    await step("an anonymous visitor reads the resolution in its notice period", async () => {
      const visitor = await stage.page("anonymous visitor", desktop);
      await visitor.goto(resolutionUrl);
      await expectText(main(visitor), "公示中");
      await expectText(main(visitor), items[0].proposal);
      await expectText(main(visitor), "社区居委会、5号院业委会");
      await expectText(main(visitor), "75%");
      await expectAccessible(visitor, "public resolution page");
      await screenshot(visitor, "council-resolution-notice");
    });
  });

  chapter("the supervision committee reports progress, and the public page shows it", async () => {
    const supervisor = await stage.page("supervisor", desktop);
    await step("the supervisor cannot report on the new resolution while its notice runs", async () => {
      await logIn(supervisor, "supervisor", "/resolutions");
      await supervisor.goto(resolutionUrl);
      await expectText(main(supervisor), "公示期满后进入落实阶段");
      expect(await main(supervisor).getByRole("button", { name: "提交", exact: true }).count()).toBe(0);
    });
    // The server's clock cannot be moved from here, and a notice lasts at least a day: the update is
    // posted on the demo resolution whose notice has run out (小区主干道坑洼修缮, under implementation).
    const png = makePng(64, 48);
    let implementing = "";
    await step("the supervisor posts progress with a photo on a resolution under implementation", async () => {
      await supervisor.goto("/resolutions");
      await main(supervisor).getByRole("link", { name: /小区主干道坑洼修缮/ }).first().click();
      await supervisor.waitForURL(/\/resolutions\/\d+$/);
      implementing = supervisor.url();
      await supervisor.getByLabel("进展").selectOption("in_progress");
      await supervisor.getByLabel("说明", { exact: true }).fill("东段 120 米已重新铺设，西段下周施工。");
      await supervisor.getByLabel(/^现场照片/).setInputFiles({ name: "road.png", mimeType: "image/png", buffer: png });
      await button(supervisor, "提交").click();
      await expectText(supervisor.getByTestId("progress"), "东段 120 米已重新铺设，西段下周施工。");
    });
    await step("the public resolution page shows the update and its photo", async () => {
      const visitor = await stage.page("second visitor", desktop);
      await visitor.goto(implementing);
      const progress = visitor.getByTestId("progress");
      await expectText(progress, "东段 120 米已重新铺设，西段下周施工。");
      await expectText(progress, "推进中");
      const photo = progress.getByRole("img", { name: "现场照片" }).last();
      await photo.scrollIntoViewIfNeeded();
      await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { message: "the photo loads" }).toBe(64);
      await screenshot(visitor, "council-resolution-progress");
    });
  });
});

/**
 * Issue 14 in real browsers: the procedure survives an ordinary day in the hall. A challenge the
 * mediator refuses with a reason, a start refused before the announced time and allowed with a
 * recorded reason, and the no-show path: three of seven jurors do not come, alternates are seated
 * in draw order and check in, and the quorum is met. Then the verdict: the chair skips the vote by
 * mistake and goes back, no position reaches a majority and a runoff decides, the ruling and its 说法
 * appear live on the hall screen and on the phones, and each party rates the outcome once.
 */
import { afterAll, beforeAll, describe, expect } from "vitest";
import type { Browser, Page } from "playwright-core";
import { button, connected, expectText, logIn, main, region, until } from "./support/actions";
import { expectAccessible } from "./support/axe";
import { startApp, type RunningApp } from "./support/app";
import { desktop, launchBrowser, phone, projector, screenshot, screenshotViewport, Stage } from "./support/browser";
import { chapters } from "./support/scenario";

let app: RunningApp;
let browser: Browser;
let stage: Stage;
let hearingId: number;
let mediator: Page;
let screen: Page;
let spectator: Page;
const party: Page[] = [];
/** The seven seated jurors' phones, in seat order once the alternates are seated. */
const jurors: Page[] = [];

// Ten phones log in during the last chapter: generous under a loaded CI machine.
const chapter = chapters(240_000);
const step = <T>(name: string, fn: () => Promise<T>) => stage.step(name, fn);
const phase = (page: Page) => main(page).locator(".phase-bar [aria-current=step]");

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  stage = new Stage(browser, app.url, () => app.stderr);
}, 90_000);

afterAll(async () => {
  await stage?.close();
  await browser?.close();
  await app?.stop();
});

describe("a hearing in a real hall: challenges decided, notice respected, absent jurors replaced", () => {
  chapter("the mediator convenes, announces, invites the parties and draws the panel", async () => {
    mediator = await stage.page("mediator", desktop);
    await step("mediator logs in and convenes", async () => {
      await logIn(mediator, "mediator", "/manage/hearings/new");
      await mediator.getByLabel("评理事项").fill("楼道堆物纠纷评理");
      await mediator.getByLabel("事项描述").fill("5号楼二单元楼道堆物引发的争执");
      await mediator.getByLabel("地点").fill("和平社区党群服务中心二楼会议室");
      await mediator.getByLabel("甲方 · 当事方姓名或单位").fill("周一");
      await mediator.getByLabel("乙方 · 当事方姓名或单位").fill("吴二");
      await button(mediator, "保存草稿").click();
      await mediator.waitForURL(/\/manage\/hearings\/\d+$/);
      hearingId = Number(new URL(mediator.url()).pathname.split("/").pop());
      await connected(mediator);
    });
    await step("a short-notice reason of two characters is an error next to its field, not a 500 page", async () => {
      await mediator.getByLabel("提前不足 7 天的理由").fill("急事");
      await button(mediator, "发布预告").click();
      await expectText(main(mediator).locator("#shortNoticeReason-error"), "至少");
      await mediator.getByLabel("提前不足 7 天的理由").fill("");
      await button(mediator, "发布预告").click();
      await expectText(main(mediator).locator("#prep-title"), "已预告");
    });
    await step("the hall screen is opened at the notice stage (it must go live by itself later)", async () => {
      screen = await stage.page("big screen", projector);
      await screen.goto(`/hearings/${hearingId}/screen`);
      await connected(screen);
    });
    for (const [i, side] of [
      [0, "甲方 周一"],
      [1, "乙方 吴二"],
    ] as const) {
      await step(`${side} is invited and enters`, async () => {
        await button(mediator, `生成邀请链接：${side}`).click();
        await expectText(main(mediator).getByTestId("invite"), side.slice(0, 2));
        const link = await mediator.getByTestId("invite-link").inputValue();
        party[i] = await stage.page(`party ${i + 1}`, phone);
        await party[i].goto(link);
        await button(party[i], "进入").tap();
        await party[i].waitForURL(`**/hearings/${hearingId}/party`);
        await connected(party[i]);
      });
    }
    await step("the console lists each party's link with its status", async () => {
      // Party 1's link was used; generating party 2's did not hide that (issue 14, a calm console).
      await expectText(main(mediator).getByTestId("party-links"), "已使用");
      await mediator.reload();
      await connected(mediator);
      const links = await main(mediator).getByTestId("party-links").innerText();
      expect(links.match(/已使用/g), "both parties' links are marked used").toHaveLength(2);
    });
    await step("the draw", async () => {
      await button(mediator, "冻结代表库并开始抽取").click();
      await mediator.getByTestId("draw-commitment").waitFor({ state: "attached" });
      // Draw protocol v2 (issue 11): each party commits on its device, then reveals.
      const values = ["1 2 3", "6 5 4"] as const;
      for (const [i, value] of values.entries()) {
        await party[i].getByRole("textbox", { name: "我的贡献值" }).fill(value);
        await button(party[i], "提交我的承诺").tap();
        await expectText(region(party[i], "随机抽取评理团"), "已提交承诺");
      }
      for (const [i, value] of values.entries()) {
        await button(party[i], "揭示我的贡献值").tap();
        await expectText(region(mediator, "随机抽取评理团"), value);
      }
      await button(mediator, "截止贡献值，揭示密钥并抽取").click();
      await mediator.getByTestId("draw-seed").waitFor({ state: "attached" });
    });
  });

  chapter("a challenge is refused with a reason; the window closes; the start waits for the announced time", async () => {
    await step("party 1 sees jurors' names and categories and challenges one, with a reason", async () => {
      const select = party[0].getByRole("combobox", { name: "申请回避的评理员" });
      await select.waitFor();
      const label = await select.locator("option").first().innerText();
      expect(label, "a party sees the juror's category").toMatch(/（.+）/);
      await party[0].getByLabel("回避理由").fill("曾与我方发生口角");
      await button(party[0], "提交回避申请").tap();
      await expectText(region(mediator, "申请回避"), "待决定");
    });
    await step("the start is refused while the challenge is pending", async () => {
      await expectText(mediator.getByTestId("start-blocked"), "还有回避申请未决定");
    });
    await step("the mediator refuses it with a reason; the party sees the decision live", async () => {
      await region(mediator, "申请回避").getByLabel("决定理由").nth(1).fill("口角不构成回避事由");
      await button(mediator, "驳回申请").click();
      await expectText(region(party[0], "申请回避"), "已驳回");
      await expectText(region(party[0], "申请回避"), "口角不构成回避事由");
      await button(mediator, "结束回避申请期限").click();
      await expectText(region(mediator, "申请回避"), "回避申请期限已结束");
    });
    await step("a start before the announced time without a reason is refused", async () => {
      await button(mediator, "开始评理大会（签到）").click();
      await expectText(main(mediator).locator(".alert--error"), "还未到预告时间");
    });
    await step("with a recorded reason it starts, and the public sees the reason", async () => {
      await mediator.getByLabel("提前开始的理由").fill("双方与评理员均已到场，同意提前开始");
      await button(mediator, "开始评理大会（签到）").click();
      await expectText(main(mediator).locator(".phase-bar [aria-current=step]"), "签到");
      spectator = await stage.page("spectator", desktop);
      await spectator.goto(`/hearings/${hearingId}`);
      await expectText(main(spectator), "提前开始，理由：双方与评理员均已到场");
    });
  });

  chapter("three of seven jurors do not come: alternates are seated in draw order and the quorum is met", async () => {
    const jurorNames = (await region(mediator, "评理团").locator(".seat__label").allInnerTexts()).map((s) => s.trim());
    expect(jurorNames).toHaveLength(7);
    const checkIn = async (name: string, label: string) => {
      const page = await stage.page(label, phone);
      await logIn(page, app.usernameOf(name), `/hearings/${hearingId}/juror`);
      await connected(page);
      await button(page, "签到").tap();
      await expectText(main(page).locator(".alert--success"), "已签到");
      jurors.push(page);
      return page;
    };
    await step("four jurors check in", async () => {
      for (const [i, name] of jurorNames.slice(0, 4).entries()) await checkIn(name, `juror ${i + 1}`);
      await expectText(screen.locator("main"), "已签到 4 / 7");
    });
    await step("leaving check-in is refused below the quorum", async () => {
      await button(mediator, "进入下一环节：开场").click();
      await expectText(main(mediator).locator(".alert--error"), "未达到法定人数");
    });
    const seated: string[] = [];
    for (let k = 0; k < 3; k++) {
      await step(`the mediator seats alternate ${k + 1}`, async () => {
        const before = (await region(mediator, "评理团").locator(".seat__label").allInnerTexts()).map((s) => s.trim());
        await button(mediator, "由下一位候补递补未到的评理员").click();
        await expectText(main(mediator).getByTestId("procedure-controls"), `已递补第 ${5 + k} 席`);
        let after = before;
        for (let tries = 0; tries < 50 && after.join() === before.join(); tries++) {
          await new Promise((r) => setTimeout(r, 100));
          after = (await region(mediator, "评理团").locator(".seat__label").allInnerTexts()).map((s) => s.trim());
        }
        const added = after.filter((n) => !before.includes(n));
        expect(added, "one alternate takes the absent juror's seat").toHaveLength(1);
        seated.push(added[0]);
      });
    }
    await step("the seated alternates check in and the quorum is met", async () => {
      for (const [i, name] of seated.entries()) {
        const page = await checkIn(name, `alternate ${i + 1}`);
        await expectText(page.getByTestId("my-seat"), `评理员 ${5 + i}`);
      }
      await expectText(screen.locator("main"), "已签到 7 / 7");
      await button(mediator, "进入下一环节：开场").click();
      await expectText(main(mediator).locator(".phase-bar [aria-current=step]"), "开场");
    });
  });
  chapter("the vote skipped by mistake is taken back; no majority, so a runoff decides", async () => {
    for (const next of ["陈述理由", "举证质证", "现场辩论", "评议", "现场投票", "评理结果"]) {
      await step(`the chair moves on to ${next}`, async () => {
        await button(mediator, `进入下一环节：${next}`).click();
        await expectText(phase(mediator), next);
      });
    }
    await step("without a ballot the ruling cannot be saved, and the console says why", async () => {
      await expectText(main(mediator).getByTestId("procedure-controls"), "尚未完成表决");
      await mediator.getByLabel("评理理由").fill("评理团认为双方各有责任。");
      await mediator.getByLabel("给当事人的说法").fill("各让一步。");
      await button(mediator, "保存评理结果").click();
      await expectText(main(mediator).locator(".alert--error"), "请先完成表决");
    });
    await step("the chair goes back to voting with a recorded reason", async () => {
      await main(mediator).locator("summary", { hasText: "返回现场投票" }).click();
      await mediator.getByLabel("返回投票的理由").fill("误跳过了投票环节");
      await main(mediator).locator("details[open]").getByRole("button", { name: "返回现场投票" }).click();
      await expectText(phase(mediator), "现场投票");
    });

    const vote = (page: Page, option: string) =>
      step(`a juror votes「${option}」`, async () => {
        await main(page).getByRole("radio", { name: option }).tap();
        await button(page, "确认投票").tap();
        await page.getByRole("alertdialog").getByRole("button", { name: "确认提交" }).tap();
        await main(page).locator(".ballot-receipt__code").waitFor();
      });
    const closeBallot = () =>
      step("the chair closes the ballot", async () => {
        await button(mediator, "结束投票").click();
        await mediator.getByRole("alertdialog").getByRole("button", { name: "结束并公布结果" }).click();
      });

    await step("the chair opens the ballot; in large-text mode the card comes into view on the phone", async () => {
      const elder = jurors[0];
      await elder.getByRole("button", { name: "大字模式" }).tap();
      await elder.locator("html[data-large-text=true]").waitFor({ state: "attached" });
      await connected(elder);
      await button(mediator, "开始投票").click();
      const card = main(elder).locator(".ballot-card");
      await card.waitFor();
      await until(
        async () => (await card.boundingBox())?.y ?? Number.POSITIVE_INFINITY,
        (y) => y >= 0 && y < 740 - 200,
        "the vote card should be scrolled into view on a 360×740 phone",
      );
      const option = main(elder).getByRole("radio").first();
      const box = await option.boundingBox();
      expect(box!.height, "a vote option is a target of at least 60 px in large-text mode").toBeGreaterThanOrEqual(60);
      await screenshotViewport(elder, "juror-phone-ballot-large-text");
    });
    // 6 of 7 vote 3 / 2 / 1: no position has a majority of the votes cast, second place is clear.
    for (const [i, option] of ["支持甲方", "支持甲方", "支持甲方", "支持乙方", "支持乙方", "双方均有责任"].entries()) await vote(jurors[i], option);
    await closeBallot();
    await step("the result says no position reached the threshold", async () => {
      await expectText(screen.locator("main .ballot-tally").getByRole("status"), "未通过");
      await expectText(main(mediator).getByTestId("procedure-controls"), "没有立场达到通过票数");
    });
    await step("the chair holds a runoff between the two leading positions", async () => {
      await button(mediator, "在得票最多的两个立场之间决选").click();
      await expectText(screen.locator("main"), "决选");
      await until(
        async () => (await main(jurors[6]).getByRole("radio").allInnerTexts()).map((o) => o.trim()).join("/"),
        (options) => options === "支持甲方/支持乙方",
        "the juror's phone should offer the two leading positions only",
      );
    });
    for (const [i, option] of ["支持甲方", "支持甲方", "支持甲方", "支持甲方", "支持甲方", "支持乙方", "支持乙方"].entries()) await vote(jurors[i], option);
    await closeBallot();
    await step("the runoff passes", async () => {
      await expectText(screen.locator("main .ballot-tally"), /支持甲方\s*5 票/);
      await expectText(screen.locator("main .ballot-tally").getByRole("status"), "通过");
    });
  });

  chapter("the ruling and its 说法 are announced live in the hall, and each party rates it once", async () => {
    const saying = "乙方清理楼道堆物，甲方今后有事先沟通。";
    await step("the chair writes the ruling from the template, saves, closes and publishes, confirming each step", async () => {
      await button(mediator, "进入下一环节：评理结果").click();
      await mediator.getByLabel("评理理由").fill("");
      await mediator.getByLabel("给当事人的说法").fill("");
      await button(mediator, "使用模板").click();
      expect(await mediator.getByLabel("评理理由").inputValue()).toContain("评理团听取了双方陈述");
      await mediator.getByLabel("评理理由").fill("经决选投票，评理团以 5 票对 2 票支持甲方。");
      await mediator.getByLabel("给当事人的说法").fill(saying);
      await button(mediator, "保存评理结果").click();
      await expectText(main(mediator).getByRole("status"), "评理结果已保存。");
      await button(mediator, "结束评理大会").click();
      const dialog = mediator.getByRole("alertdialog");
      await expectText(dialog, "结束后不能再修改评理结果");
      await dialog.getByRole("button", { name: "先不，返回" }).click();
      await expectText(phase(mediator), "评理结果");
      await button(mediator, "结束评理大会").click();
      await mediator.getByRole("alertdialog").getByRole("button", { name: "确定结束" }).click();
      await button(mediator, "公示评理结果").click();
      await mediator.getByRole("alertdialog").getByRole("button", { name: "确定公示" }).click();
    });
    for (const [who, page] of [
      ["the hall screen", () => screen],
      ["a juror's phone", () => jurors[3]],
      ["party 2's phone", () => party[1]],
      ["the spectator's page", () => spectator],
    ] as const) {
      await step(`the 说法 appears live on ${who}, without reloading`, async () => {
        const announcement = page().getByTestId("ruling-announcement");
        await expectText(announcement, saying, 15_000);
        await expectText(announcement, "经决选投票");
      });
    }
    await step("the hall screen with the announced ruling is accessible", async () => {
      await screenshot(screen, "big-screen-ruling-announced");
      await expectAccessible(screen, "big screen with the announced ruling");
    });
    await step("party 1 rates the ruling 满意 with a comment, once", async () => {
      const followUp = party[0].getByTestId("follow-up");
      await expectText(followUp, "查看公示的评理结果");
      await followUp.getByRole("radio", { name: "满意", exact: true }).tap();
      await followUp.getByLabel("意见（可选）").fill("感谢评理团");
      await followUp.getByRole("button", { name: "提交评价" }).tap();
      await expectText(followUp.getByRole("status"), "感谢您的评价：满意");
      await party[0].reload();
      await expectText(party[0].getByTestId("follow-up"), "感谢您的评价：满意");
      expect(await party[0].getByTestId("follow-up").getByRole("button", { name: "提交评价" }).count(), "a party rates once").toBe(0);
    });
    await step("party 2 rates 不满意; the public page names the runoff and no juror", async () => {
      const followUp = party[1].getByTestId("follow-up");
      await followUp.getByRole("radio", { name: "不满意" }).tap();
      await followUp.getByRole("button", { name: "提交评价" }).tap();
      await expectText(followUp.getByRole("status"), "感谢您的评价：不满意");
      await spectator.goto(`/hearings/${hearingId}`);
      await expectText(main(spectator), saying);
      await expectText(main(spectator), "经决选投票");
      const record = await (await spectator.request.get(`/hearings/${hearingId}/record.json`)).text();
      expect(record, "the way back to voting is in the public record with its reason").toContain("误跳过了投票环节");
      expect(record).toContain("phase_returned");
    });
  });
});

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { councilParticipants, councils, hearingParties, hearings, matters } from "../../db/schema";
import { act, alertCode, conveneCouncil, repId, rules } from "../councils/support";
import { consoleAction, conveneHearing, login } from "../support/hearing-flow";
import { startTestServer, type TestServer } from "../support/server";

/**
 * Issue 12, item 6: before announcing, the chair sees every text that will become public with the
 * personal data found in it; it is masked by default, and keeping any of it needs a confirmation.
 */
let server: TestServer;
let cookie: string;
const summary = "3号楼居民李桂兰（电话13812345678）反映楼上漏水";
const description = "内部：李桂兰身份证110105198503071234，与5号楼502室王建国多次争吵";

beforeAll(async () => {
  server = await startTestServer();
  cookie = await login(server, "mediator");
});
afterAll(async () => server?.close());

const hearingRow = (id: number) => server.services.db.select().from(hearings).where(eq(hearings.id, id)).get()!;
const summaryOf = (id: number) => server.services.db.select({ s: matters.publicSummary }).from(matters).where(eq(matters.id, hearingRow(id).matterId)).get()!.s;
const get = async (path: string, c?: string) => {
  const res = await fetch(server.url + path, { headers: c ? { cookie: c } : {} });
  return { status: res.status, text: await res.text() };
};

describe("the hearing announce preview", () => {
  let hearingId: number;
  it("shows the chair every public text with the personal data marked, before anything is public", async () => {
    hearingId = await conveneHearing(server, cookie, { title: "王建国家漏水纠纷评理", publicSummary: summary, matterDescription: description, partyA: "李桂兰", partyB: "5号楼502室王建国" });
    const page = await get(`/manage/hearings/${hearingId}`, cookie);
    expect(page.status).toBe(200);
    expect(page.text).toContain("公开内容预览");
    for (const marked of ["李桂兰", "13812345678", "王建国"]) expect(page.text).toMatch(new RegExp(`<mark class="pii"[^>]*>${marked}</mark>`));
    // What will be published, masked: the summary and the title.
    expect(page.text).toContain("138******78");
    expect(page.text).toContain("王某家漏水纠纷评理");
    // The internal description is not a public text: it is not in the preview.
    expect(page.text.split('data-testid="announce-preview"')[1].split("</section>")[0]).not.toContain("110105198503071234");
    expect((await get(`/hearings/${hearingId}`)).status).toBe(404);
  });

  it("refuses to keep detected personal data unmasked without the confirmation, changing nothing", async () => {
    const res = await consoleAction(server, cookie, hearingId, { intent: "announce", keep: `summary@${summary.indexOf("138")}-${summary.indexOf("138") + 11}` });
    expect(res.status).toBe(400);
    expect(alertCode(await res.text())).toBe("personal_data_unconfirmed");
    expect(hearingRow(hearingId).status).toBe("draft");
    expect(summaryOf(hearingId)).toBe(summary);
    expect(hearingRow(hearingId).title).toBe("王建国家漏水纠纷评理");
  });

  it("announces with everything detected masked by default; the public sees the summary, never the description", async () => {
    expect((await consoleAction(server, cookie, hearingId, { intent: "announce" })).status).toBe(200);
    expect(hearingRow(hearingId).status).toBe("announced");
    expect(summaryOf(hearingId)).toBe("3号楼居民李某（电话138******78）反映楼上漏水");
    expect(hearingRow(hearingId).title).toBe("王某家漏水纠纷评理");
    const pub = await get(`/hearings/${hearingId}`);
    expect(pub.status).toBe(200);
    expect(pub.text).toContain("3号楼居民李某（电话138******78）反映楼上漏水");
    for (const secret of ["李桂兰", "13812345678", "王建国", "110105198503071234", "内部：", "502室"]) expect(pub.text, `${secret}: ${pub.text.slice(pub.text.indexOf(secret) - 200, pub.text.indexOf(secret) + 50)}`).not.toContain(secret);
    const record = await get(`/hearings/${hearingId}/record.json`);
    for (const secret of ["李桂兰", "13812345678", "王建国"]) expect(record.text, secret).not.toContain(secret);
    // Edited after the announcement: masked on saving, as the preview would have done.
    const edit = await act(server, cookie, `/manage/matters/${hearingRow(hearingId).matterId}`, { publicSummary: "业主张秀英（13900001111）补充说明" });
    expect(edit.code).toBeNull();
    expect(summaryOf(hearingId)).toBe("业主张某（139******11）补充说明");
  });
});

describe("the council announce preview", () => {
  it("publishes an item kept on purpose, with the confirmation, as written; the rest masked", async () => {
    const communityId = server.services.units.byKind("community")[0].id;
    const rec = await act(server, cookie, "/manage/matters", {
      communityId: String(communityId), title: "东门停车", scope: "shared", difficulty: "normal", source: "visit", description: "内部", reportedAt: "2026-10-08",
      publicSummary: "业主钱丽华（电话13711112222）提议在东门划车位",
    });
    expect(rec.code).toBeNull();
    const matterId = server.services.db.select().from(matters).where(eq(matters.title, "东门停车")).get()!.id;
    const councilId = await conveneCouncil(server, cookie, { title: "东门议事会", inDays: 8, voters: [repId(server, "rep01")] });
    const consoleOk = async (fields: Record<string, string | string[]>) => {
      const r = await act(server, cookie, `/manage/councils/${councilId}`, fields);
      expect(r.code).toBeNull();
      return r;
    };
    const proposal = "由热心居民周建华、物业公司共同负责划线。";
    await consoleOk({ intent: "addItem", matterId: String(matterId), proposal, ...rules({ quorum: 1 }) });
    const page = await get(`/manage/councils/${councilId}`, cookie);
    expect(page.text).toMatch(/<mark class="pii"[^>]*>周建华<\/mark>/);
    expect(page.text).toMatch(/<mark class="pii"[^>]*>钱丽华<\/mark>/);
    expect(page.text).toMatch(/<mark class="pii"[^>]*>13711112222<\/mark>/);
    // 周建华 volunteered and agreed to be named as the contact: the chair keeps the name, and confirms.
    const keep = `item1.proposal@${proposal.indexOf("周")}-${proposal.indexOf("周") + 3}`;
    expect(page.text).toContain(`value="${keep}"`);
    const refused = await act(server, cookie, `/manage/councils/${councilId}`, { intent: "announce", keep });
    expect(refused.code).toBe("personal_data_unconfirmed");
    expect(server.services.db.select().from(councils).where(eq(councils.id, councilId)).get()!.status).toBe("draft");
    await consoleOk({ intent: "announce", keep, confirmUnmasked: "on" });
    const notice = await get(`/councils/${councilId}`);
    expect(notice.text).toContain(proposal);
    expect(notice.text).toContain("业主钱某（电话137******22）提议在东门划车位");
    expect(notice.text).not.toContain("钱丽华");
    expect(server.services.db.select().from(councilParticipants).where(eq(councilParticipants.councilId, councilId)).all().length).toBe(1);
    void hearingParties;
  });
});

import { createHash, randomBytes } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { followUps, matters, progressUpdates, resolutions, users } from "../../db/schema";
import type { CouncilSnapshot } from "../../app/components/council/types";
import { verifyLogRecord, type LogRecord } from "../../server/ledger/chain";
import { maskName } from "../../server/hearings/masking";
import { cmd, login, ok, socketFor } from "../support/hearing-flow";
import { startTestServer, type ClientSocket, type TestServer } from "../support/server";
import { act, alertCode, conveneCouncil, councilState, redeem, repId, rules } from "./support";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const key = () => randomBytes(16).toString("hex");
const DAY = 86_400_000;
type Joined = { snapshot: CouncilSnapshot; seqs: Record<string, number> };

let server: TestServer;
let communityId: number;
const cookies: Record<string, string> = {};
const sockets: Record<string, ClientSocket> = {};
/** rep01–rep06 vote and check in; rep07 votes but never checks in; rep08 observes (列席). */
const voters = ["rep01", "rep02", "rep03", "rep04", "rep05", "rep06", "rep07"];
const matterIds: Record<string, number> = {};
let council1: number;
let council2: number;
let guestCookie: string;

const stateOf = async (s: ClientSocket, councilId: number) => (await ok<Joined>(s, "council:join", { councilId })).snapshot;
const itemIds = (councilId: number) => councilState(server, councilId).items.map((i) => i.id);

/** A socket command that must be refused with `code` and leave the council and its record as they were. */
async function refused(socket: ClientSocket, event: string, payload: unknown, code: string, councilId: number) {
  const before = councilState(server, councilId);
  const res = await cmd(socket, event, payload);
  expect(res, `${event} should be refused with ${code}`).toMatchObject({ ok: false, error: { code } });
  expect(councilState(server, councilId)).toEqual(before);
}

/** A console form that must be refused (HTTP status, optional code) and change nothing. */
async function refusedForm(cookie: string | undefined, councilId: number, fields: Record<string, string>, status: number, code?: string) {
  const before = councilState(server, councilId);
  const res = await act(server, cookie, `/manage/councils/${councilId}`, fields);
  expect(res.status).toBe(status);
  if (code) expect(res.code).toBe(code);
  expect(councilState(server, councilId)).toEqual(before);
}

async function consoleOk(councilId: number, fields: Record<string, string | string[]>) {
  const res = await act(server, cookies.mediator, `/manage/councils/${councilId}`, fields);
  expect(res.code).toBeNull();
  expect(res.status).toBe(200);
  return res;
}

async function vote(councilId: number, itemId: number, choices: Record<string, "for" | "against" | "abstain">) {
  const ballot = await ok<{ id: number; eligible?: unknown; tally: { eligible: number } }>(sockets.mediator, "council:vote", { councilId, itemId });
  for (const [user, optionId] of Object.entries(choices)) await ok(sockets[user], "ballot:cast", { ballotId: ballot.id, optionId, key: key() });
  return ballot;
}

async function page(path: string, cookie?: string) {
  const res = await fetch(server.url + path, { headers: cookie ? { cookie } : {} });
  return { status: res.status, text: await res.text() };
}

async function postProgress(cookie: string | undefined, resolutionId: number, fields: { status: string; note: string }, photos: { name: string; bytes: Buffer }[] = []) {
  const form = new FormData();
  form.set("status", fields.status);
  form.set("note", fields.note);
  for (const p of photos) form.append("photos", new Blob([new Uint8Array(p.bytes)]), p.name);
  const res = await fetch(`${server.url}/resolutions/${resolutionId}`, {
    method: "POST",
    body: form,
    headers: { origin: server.url, ...(cookie ? { cookie } : {}) },
  });
  const html = await res.text();
  return { status: res.status, code: alertCode(html) };
}

const displayName = (username: string) => server.services.db.select({ n: users.displayName }).from(users).where(eq(users.username, username)).get()!.n;

/** Moves the clock on; every test browser uses its session meanwhile (sessions end after 10 idle days). */
async function advance(ms: number) {
  server.clock.advance(ms);
  for (const cookie of Object.values(cookies)) await fetch(server.url + "/", { headers: { cookie } });
}

const progressCount = (resolutionId: number) =>
  server.services.db.select({ n: count() }).from(progressUpdates).where(eq(progressUpdates.resolutionId, resolutionId)).get()!.n;
const resolutionOf = (itemId: number) => server.services.db.select().from(resolutions).where(eq(resolutions.itemId, itemId)).get()!;
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(300)]);

beforeAll(async () => {
  server = await startTestServer();
  communityId = server.services.units.byKind("community")[0].id;
  for (const u of ["mediator", "mediator2", "supervisor", ...voters, "rep08", "rep10", "rep31"]) {
    cookies[u] = await login(server, u);
    sockets[u] = await socketFor(server, cookies[u]);
  }
  sockets.public = await socketFor(server);
});
afterAll(async () => {
  for (const s of Object.values(sockets)) s.close();
  await server?.close();
});

describe("the matters ledger (事项台账)", () => {
  it("records matters with source, scope, difficulty, grid and reporter, for the mediator's community only", async () => {
    const grid = server.services.units.byKind("grid").find((g) => g.parentId === communityId)!;
    const record = async (cookie: string | undefined, title: string, scope: string, extra: Record<string, string> = {}) =>
      act(server, cookie, "/manage/matters", { communityId: String(communityId), title, scope, difficulty: "hard", source: "visit", reporterName: "王秀英", gridId: String(grid.id), reportedAt: "2026-10-08", ...extra });
    for (const [k, title] of [
      ["property", "6号院引入物业服务"],
      ["parking", "6号院停车位划线与收费"],
      ["pipes", "6号院上下水管道更换"],
    ] as const) {
      const res = await record(cookies.mediator, title, "shared");
      expect(res.code).toBeNull();
      matterIds[k] = server.services.db.select().from(matters).where(eq(matters.title, title)).get()!.id;
    }
    expect((await record(cookies.mediator, "楼上漏水赔偿纠纷", "private", { source: "hotline", difficulty: "severe" })).code).toBeNull();

    const total = () => server.services.db.select({ n: count() }).from(matters).get()!.n;
    const before = total();
    expect((await record(cookies.mediator2, "越权登记", "shared")).status).toBe(403);
    expect((await record(cookies.rep01, "代表登记", "shared")).status).toBe(403);
    expect((await record(undefined, "匿名登记", "shared")).status).toBe(302);
    expect((await record(cookies.mediator, "x", "shared")).code).toBe("invalid_input");
    expect(total()).toBe(before);
  });

  it("filters the ledger and exports exactly the filtered rows as CSV with a BOM", async () => {
    const shared = await page(`/manage/matters?scope=shared&difficulty=hard`, cookies.mediator);
    expect(shared.text).toContain("6号院引入物业服务");
    expect(shared.text).not.toContain("楼上漏水赔偿纠纷");

    const res = await fetch(`${server.url}/manage/matters.csv?scope=private&source=hotline&q=${encodeURIComponent("漏水赔偿")}`, { headers: { cookie: cookies.mediator } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).trim().split("\r\n");
    expect(lines[0]).toBe("编号,事项,描述,类别,难易程度,来源渠道,社区,网格,反映人,反映日期,状态,登记日期,更新日期");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("楼上漏水赔偿纠纷,,家事,困难,12345热线,和平社区,第一网格,王秀英,2026-10-08,待处理");

    expect((await page(`/manage/matters.csv?communityId=${communityId}`, cookies.mediator2)).status).toBe(403);
    expect((await page(`/manage/matters`, cookies.rep01)).status).toBe(403);
    const other = await page(`/manage/matters`, cookies.mediator2);
    expect(other.text).not.toContain("6号院引入物业服务");
  });
});

describe("a council, item by item, with authorisation checked at every step", () => {
  it("is convened with voting representatives, an observer and a guest, and its agenda holds only shared matters", async () => {
    council1 = await conveneCouncil(server, cookies.mediator, {
      title: "6号院民事民议议事会（第一次）",
      inDays: 8,
      voters: voters.map((u) => repId(server, u)),
      observers: [repId(server, "rep08")],
    });
    expect((await page(`/councils/${council1}`)).status).toBe(404); // a draft is not public
    // A draft exists for its chair only: another community's mediator gets the answer for a missing council (issue 12).
    expect((await page(`/manage/councils/${council1}`, cookies.mediator2)).status).toBe(404);
    await refusedForm(cookies.mediator2, council1, { intent: "addGuest", name: "越权嘉宾" }, 404);
    await refusedForm(cookies.rep01, council1, { intent: "addGuest", name: "代表添加" }, 403);

    const privateMatter = server.services.db.select().from(matters).where(eq(matters.title, "楼上漏水赔偿纠纷")).get()!;
    await refusedForm(cookies.mediator, council1, { intent: "addItem", matterId: String(privateMatter.id), proposal: "按共事表决", ...rules({ quorum: 4 }) }, 400, "matter_not_shared");
    await refusedForm(cookies.mediator, council1, { intent: "announce" }, 400, "agenda_empty");
    await refusedForm(cookies.mediator, council1, { intent: "addItem", matterId: String(matterIds.property), proposal: "秘密改票", secret: "on", allowChange: "on", quorum: "4" }, 400, "secret_cannot_change");

    await consoleOk(council1, { intent: "addItem", matterId: String(matterIds.property), proposal: "通过公开招标引入物业服务企业，物业费每月每平方米1.2元。", ...rules({ quorum: 5 }) });
    await consoleOk(council1, { intent: "addItem", matterId: String(matterIds.parking), proposal: "划设48个车位，每月收费150元。", ...rules({ quorum: 5 }) });
    await consoleOk(council1, { intent: "addItem", matterId: String(matterIds.pipes), proposal: "由居民分摊费用更换上下水主管道。", ...rules({ quorum: 5, tieRule: "revote" }) });
    expect(server.services.matters.get(matterIds.property).status).toBe("in_council");

    await consoleOk(council1, { intent: "addGuest", name: "幸福物业公司 王建国" });
    const guest = (await stateOf(sockets.mediator, council1)).participants.find((p) => p.kind === "guest")!;
    const invited = await consoleOk(council1, { intent: "invite", participantId: String(guest.id) });
    guestCookie = await redeem(server, invited.html);
    sockets.guest = await socketFor(server, guestCookie);
  });

  it("publishes the notice at least a week ahead; the public sees the agenda and masked guest names", async () => {
    await refusedForm(cookies.rep01, council1, { intent: "announce" }, 403);
    await consoleOk(council1, { intent: "announce" });
    const notice = await page(`/councils/${council1}`);
    expect(notice.status).toBe(200);
    expect(notice.text).toContain("议事会公告");
    expect(notice.text).toContain("6号院引入物业服务");
    expect(notice.text).toContain("幸福物业公司 王某");
    expect(notice.text).not.toContain("王建国");
    await refusedForm(cookies.mediator, council1, { intent: "addItem", matterId: String(matterIds.property), proposal: "公告后加议题", ...rules({ quorum: 4 }) }, 400, "wrong_status");
  });

  it("gives each viewer their role, and only the chair may start", async () => {
    expect((await stateOf(sockets.mediator, council1)).role.kind).toBe("chair");
    expect((await stateOf(sockets.rep01, council1)).role).toMatchObject({ kind: "member", voting: true });
    expect((await stateOf(sockets.rep08, council1)).role).toMatchObject({ kind: "member", voting: false });
    expect((await stateOf(sockets.guest, council1)).role.kind).toBe("guest");
    for (const who of ["public", "mediator2", "supervisor", "rep10", "rep31"]) expect((await stateOf(sockets[who], council1)).role.kind).toBe("spectator");
    expect((await stateOf(sockets.public, council1)).participants.find((p) => p.kind === "guest")!.name).toBe("幸福物业公司 王某");

    // Each page for its audience: the phone view for participants, the guest view for the invited guest.
    expect((await page(`/councils/${council1}/live`, cookies.rep01)).status).toBe(200);
    const notListed = await fetch(`${server.url}/councils/${council1}/live`, { headers: { cookie: cookies.rep10 }, redirect: "manual" });
    expect(notListed.headers.get("location")).toBe(`/councils/${council1}`);
    expect((await page(`/councils/${council1}/guest`, guestCookie)).status).toBe(200);
    expect((await page(`/councils/${council1}/guest`, cookies.rep01)).status).toBe(403);
    expect((await page(`/manage/councils/${council1}`, cookies.rep01)).status).toBe(403);

    for (const who of ["rep01", "guest", "public", "mediator2", "supervisor"]) await refused(sockets[who], "council:start", { councilId: council1 }, "forbidden", council1);
    await refused(sockets.rep01, "council:checkin", { councilId: council1 }, "wrong_status", council1);
    // The notice is respected (issue 14): not before the announced time without a recorded reason.
    await refused(sockets.mediator, "council:start", { councilId: council1 }, "start_before_notice", council1);
    await ok(sockets.mediator, "council:start", { councilId: council1, reason: "居民已到齐，提前开始" });
  });

  it("checks in participants; spectators cannot", async () => {
    for (const u of voters.slice(0, 6)) expect(await ok(sockets[u], "council:checkin", { councilId: council1 })).toEqual({ checkedIn: true });
    await ok(sockets.rep08, "council:checkin", { councilId: council1 });
    await ok(sockets.guest, "council:checkin", { councilId: council1 });
    for (const who of ["public", "mediator2", "rep31"]) await refused(sockets[who], "council:checkin", { councilId: council1 }, "forbidden", council1);
    const seen = await stateOf(sockets.public, council1);
    expect(seen.participants.filter((p) => p.voting && p.checkedIn)).toHaveLength(6);
  });

  it("item 1 passes: discussion, a vote only through the council's rules, and a live 同意率", async () => {
    const [item1, item2] = itemIds(council1);
    for (const who of ["rep01", "guest", "public", "mediator2"]) await refused(sockets[who], "council:open_item", { councilId: council1, itemId: item1 }, "forbidden", council1);
    await ok(sockets.mediator, "council:open_item", { councilId: council1, itemId: item1 });
    await refused(sockets.mediator, "council:open_item", { councilId: council1, itemId: item2 }, "item_in_progress", council1);

    await ok(sockets.rep01, "council:opinion", { councilId: council1, text: "物业费1.2元可以接受，但要公开收支。" });
    await ok(sockets.guest, "council:opinion", { councilId: council1, text: "我公司承诺每季度公示收支。" });
    await ok(sockets.rep08, "council:opinion", { councilId: council1, text: "列席代表建议设试用期。" });
    for (const who of ["public", "mediator2", "supervisor"]) await refused(sockets[who], "council:opinion", { councilId: council1, text: "我也要说" }, "forbidden", council1);
    await refused(sockets.rep02, "council:opinion", { councilId: council1, text: "代别人说", authorName: "别人" }, "forbidden", council1);
    await refused(sockets.mediator, "council:opinion", { councilId: council1, text: "口头意见" }, "author_required", council1);
    await ok(sockets.mediator, "council:opinion", { councilId: council1, text: "（口头）希望物业公司保留原保洁人员。", authorName: "5号楼居民 刘某" });
    const thread = (await stateOf(sockets.public, council1)).opinions;
    // Representatives who did not consent in the pool are masked in public, e.g. 李某 · 专业人才 (issue 12).
    const masked = (u: string) => `${maskName(displayName(u))} · `;
    expect(thread.map((o) => o.author)).toEqual([expect.stringMatching(new RegExp(`^${masked("rep01")}`)), "幸福物业公司 王某", expect.stringMatching(new RegExp(`^${masked("rep08")}`)), "5号楼居民 刘某"]);
    expect(thread[3].recordedByChair).toBe(true);

    // A bare ballot:open would let the chair pick rules other than the announced ones.
    await refused(
      sockets.mediator,
      "ballot:open",
      { scope: "council", scopeId: council1, itemId: item1, question: "换个规则", options: [{ id: "for", label: "同意" }, { id: "against", label: "反对" }], secret: false, quorum: 1, threshold: "majority_cast", passOptionId: "for", tieRule: "revote" },
      "use_council_vote",
      council1,
    );
    for (const who of ["rep01", "guest", "public", "mediator2"]) await refused(sockets[who], "council:vote", { councilId: council1, itemId: item1 }, "forbidden", council1);

    const ballot = await ok<{ id: number; tally: { eligible: number } }>(sockets.mediator, "council:vote", { councilId: council1, itemId: item1 });
    expect(ballot.tally.eligible).toBe(6); // the six voting members who checked in
    await refused(sockets.rep01, "council:opinion", { councilId: council1, text: "投票时发言" }, "wrong_item_status", council1);

    const cast = (who: string, optionId = "for") => cmd(sockets[who], "ballot:cast", { ballotId: ballot.id, optionId, key: key() });
    for (const u of ["rep01", "rep02", "rep03", "rep04", "rep05"]) expect(await cast(u)).toMatchObject({ ok: true });
    expect(await cast("rep06", "against")).toMatchObject({ ok: true });
    const refusals: [string, string][] = [
      ["rep07", "not_checked_in"],
      ["rep08", "not_eligible"],
      ["mediator2", "not_eligible"],
      ["supervisor", "not_eligible"],
      ["guest", "not_eligible"],
      ["public", "unauthenticated"],
      ["rep01", "already_voted"],
    ];
    for (const [who, code] of refusals) {
      const before = councilState(server, council1);
      expect(await cast(who), who).toMatchObject({ ok: false, error: { code } });
      expect(councilState(server, council1)).toEqual(before);
    }
    await refused(sockets.rep01, "ballot:close", { ballotId: ballot.id }, "forbidden", council1);
    await refused(sockets.mediator2, "ballot:close", { ballotId: ballot.id }, "forbidden", council1);
    await refused(sockets.public, "ballot:close", { ballotId: ballot.id }, "unauthenticated", council1);
    await ok(sockets.mediator, "ballot:close", { ballotId: ballot.id });

    const seen = await stateOf(sockets.public, council1);
    expect(seen.items[0]).toMatchObject({ status: "decided", outcome: "passed", approvalRate: 833 });
    expect(seen.ballot.ballot?.result).toMatchObject({ outcome: "passed", cast: 6, counts: { for: 5, against: 1, abstain: 0 } });
    expect(server.services.matters.get(matterIds.property).status).toBe("in_council");
  });

  it("item 2 fails and its matter returns to the ledger", async () => {
    const [, item2] = itemIds(council1);
    await ok(sockets.mediator, "council:open_item", { councilId: council1, itemId: item2 });
    await vote(council1, item2, { rep01: "for", rep02: "for", rep03: "against", rep04: "against", rep05: "against", rep06: "against" });
    const ballot = (await stateOf(sockets.mediator, council1)).ballot.ballot!;
    await ok(sockets.mediator, "ballot:close", { ballotId: ballot.id });
    expect((await stateOf(sockets.public, council1)).items[1]).toMatchObject({ outcome: "failed", approvalRate: 333 });
    expect(server.services.matters.get(matterIds.parking).status).toBe("open");
  });

  it("item 3 ties, is voted again under its revote rule, and fails", async () => {
    const [, , item3] = itemIds(council1);
    await ok(sockets.mediator, "council:open_item", { councilId: council1, itemId: item3 });
    const first = await vote(council1, item3, { rep01: "for", rep02: "for", rep03: "for", rep04: "against", rep05: "against", rep06: "against" });
    await ok(sockets.mediator, "ballot:close", { ballotId: first.id });
    let seen = await stateOf(sockets.public, council1);
    expect(seen.items[2]).toMatchObject({ status: "voting", outcome: null });
    expect(seen.ballot.ballot?.result?.outcome).toBe("tie");
    await refused(sockets.mediator, "council:end", { councilId: council1 }, "vote_in_progress", council1);
    await refused(sockets.mediator, "council:resolve_tie", { councilId: council1, itemId: item3, optionId: "for", reason: "主持人想通过" }, "tie_rule_revote", council1);

    const second = await vote(council1, item3, { rep01: "for", rep02: "for", rep03: "abstain", rep04: "against", rep05: "against", rep06: "against" });
    expect(second.id).not.toBe(first.id);
    await ok(sockets.mediator, "ballot:close", { ballotId: second.id });
    seen = await stateOf(sockets.public, council1);
    expect(seen.items[2]).toMatchObject({ status: "decided", outcome: "failed", approvalRate: 333 });
    expect(server.services.matters.get(matterIds.pipes).status).toBe("open");
  });

  it("ends, and publishes a hash-chained record that verifies (and a tampered copy that does not)", async () => {
    expect((await page(`/councils/${council1}/record.json`)).status).toBe(404); // not while live
    for (const who of ["rep01", "public", "mediator2"]) await refused(sockets[who], "council:end", { councilId: council1 }, "forbidden", council1);
    await ok(sockets.mediator, "council:end", { councilId: council1 });
    expect(councilState(server, council1).status).toBe("resolved");

    const results = await page(`/councils/${council1}`);
    expect(results.text).toContain("83.3%");
    expect(results.text).toContain("33.3%");

    const record = (await (await fetch(`${server.url}/councils/${council1}/record.json`)).json()) as LogRecord;
    expect(await verifyLogRecord(record, sha256)).toMatchObject({ ok: true });
    const types = record.entries.map((e) => e.type);
    for (const t of ["council_convened", "item_added", "council_announced", "council_started", "participant_checked_in", "item_opened", "opinion", "vote_called", "ballot_opened", "vote_recorded", "ballot_closed", "item_decided", "item_tied", "council_ended"])
      expect(types, t).toContain(t);
    expect(JSON.stringify(record)).not.toContain("王建国");
    const tampered = structuredClone(record);
    const decided = tampered.entries.find((e) => e.type === "item_decided")!;
    decided.payload.approvalPermille = 1000;
    expect(await verifyLogRecord(tampered, sha256)).toMatchObject({ ok: false, seq: decided.seq });
  });
});

describe("resolutions, a second round, and supervised implementation", () => {
  let resolution1: number;
  let resolution3: number;

  it("drafts and publishes the resolution of a passed item only, by a mediator of the community only", async () => {
    const [item1, item2] = itemIds(council1);
    // Ten days: past the notice period, so the tests can see it overdue later.
    const deadline = new Date(Date.now() + 10 * DAY + 8 * 3_600_000).toISOString().slice(0, 10);
    const draft = (itemId: number) => ({ intent: "draftResolution", itemId: String(itemId), text: "引入幸福物业公司提供物业服务，物业费每月每平方米1.2元，每季度公示收支。", responsible: "社区居委会、幸福物业公司", deadline, noticeDays: "7" });
    await refusedForm(cookies.mediator, council1, draft(item2), 400, "item_not_passed");
    await refusedForm(cookies.mediator2, council1, draft(item1), 403);
    await refusedForm(cookies.rep01, council1, draft(item1), 403);
    await refusedForm(cookies.mediator, council1, { ...draft(item1), deadline: "2020-01-01" }, 400, "deadline_in_past");
    await consoleOk(council1, draft(item1));
    resolution1 = resolutionOf(item1).id;
    expect((await page(`/resolutions/${resolution1}`)).status).toBe(404); // a draft is not public
    await refusedForm(cookies.mediator2, council1, { intent: "publishResolution", resolutionId: String(resolution1) }, 403);
    await consoleOk(council1, { intent: "publishResolution", resolutionId: String(resolution1) });
    await refusedForm(cookies.mediator, council1, draft(item1), 400, "resolution_already_published");

    const pub = await page(`/resolutions/${resolution1}`);
    expect(pub.status).toBe(200);
    expect(pub.text).toContain("公示中");
    expect(pub.text).toContain("每季度公示收支");
    expect(pub.text).toContain("83.3%");
    expect(pub.text).toContain("社区居委会、幸福物业公司");
  });

  it("takes the failed matter up again in a later council, where it passes; the matter shows both rounds", async () => {
    council2 = await conveneCouncil(server, cookies.mediator, { title: "6号院管道议事会（第二次）", inDays: 3, voters: voters.slice(0, 6).map((u) => repId(server, u)) });
    await refusedForm(cookies.mediator, council2, { intent: "addItem", matterId: String(matterIds.property), proposal: "再议物业", ...rules({ quorum: 4 }) }, 400, "matter_busy");
    await consoleOk(council2, { intent: "addItem", matterId: String(matterIds.pipes), title: "6号院上下水管道更换（再议）", proposal: "维修基金承担70%，居民分摊30%。", ...rules({ quorum: 4 }) });
    await consoleOk(council2, { intent: "addItem", matterId: String(matterIds.parking), title: "6号院停车位（再议）", proposal: "划设40个车位，每月收费120元。", ...rules({ quorum: 4, tieRule: "chair_decides" }) });
    await refusedForm(cookies.mediator, council2, { intent: "announce" }, 400, "notice_too_short");
    await consoleOk(council2, { intent: "announce", shortNoticeReason: "管道漏水影响居民生活，需尽快议定。" });
    expect((await page(`/councils/${council2}`)).text).toContain("管道漏水影响居民生活");

    await ok(sockets.mediator, "council:start", { councilId: council2, reason: "管道漏水，提前开始" });
    const [item] = itemIds(council2);
    await ok(sockets.mediator, "council:open_item", { councilId: council2, itemId: item });
    await refused(sockets.mediator, "council:resolve_tie", { councilId: council2, itemId: item, optionId: "for", reason: "没有平票" }, "wrong_item_status", council2);
    await refused(sockets.mediator, "council:vote", { councilId: council2, itemId: item }, "council_quorum_not_met", council2);
    for (const u of voters.slice(0, 6)) await ok(sockets[u], "council:checkin", { councilId: council2 });
    const ballot = await vote(council2, item, { rep01: "for", rep02: "for", rep03: "for", rep04: "for", rep05: "for", rep06: "against" });
    await ok(sockets.mediator, "ballot:close", { ballotId: ballot.id });
    const seen = await stateOf(sockets.public, council2);
    expect(seen.items[0]).toMatchObject({ outcome: "passed", approvalRate: 833, round: 2 });
    expect(seen.items[0].previousRounds).toMatchObject([{ round: 1, outcome: "failed", approvalRate: 333 }]);

    // A tie under chair_decides: the chair's recorded decision settles the item.
    const [, parkingItem] = itemIds(council2);
    await ok(sockets.mediator, "council:open_item", { councilId: council2, itemId: parkingItem });
    const tied = await vote(council2, parkingItem, { rep01: "for", rep02: "for", rep03: "for", rep04: "against", rep05: "against", rep06: "against" });
    await ok(sockets.mediator, "ballot:close", { ballotId: tied.id });
    expect((await stateOf(sockets.public, council2)).items[1]).toMatchObject({ status: "voting", outcome: null });
    await refused(sockets.mediator, "council:vote", { councilId: council2, itemId: parkingItem }, "wrong_item_status", council2);
    await refused(sockets.rep01, "council:resolve_tie", { councilId: council2, itemId: parkingItem, optionId: "for", reason: "代表裁定" }, "forbidden", council2);
    await refused(sockets.mediator, "council:resolve_tie", { councilId: council2, itemId: parkingItem, optionId: "for", reason: "" }, "invalid_input", council2);
    await ok(sockets.mediator, "council:resolve_tie", { councilId: council2, itemId: parkingItem, optionId: "for", reason: "按议事规则，平票时由主持人裁定；多数反对意见已在方案中吸收。" });
    const settled = await stateOf(sockets.public, council2);
    expect(settled.items[1]).toMatchObject({ status: "decided", outcome: "passed", approvalRate: 500, round: 2 });
    expect(settled.ballot.ballot?.result?.resolution).toMatchObject({ optionId: "for" });
    await ok(sockets.mediator, "council:end", { councilId: council2 });

    const deadline = new Date(Date.now() + 90 * DAY).toISOString().slice(0, 10);
    await consoleOk(council2, { intent: "draftResolution", itemId: String(item), text: "更换6号院上下水主管道，维修基金承担70%。", responsible: "社区居委会", deadline, noticeDays: "7" });
    resolution3 = resolutionOf(item).id;
    await consoleOk(council2, { intent: "publishResolution", resolutionId: String(resolution3) });

    const matterPage = await page(`/manage/matters/${matterIds.pipes}`, cookies.mediator);
    expect(matterPage.text).toContain("33.3%");
    expect(matterPage.text).toContain("83.3%");
    const pub = await page(`/resolutions/${resolution3}`);
    expect(pub.text).toContain("第 1 轮");
    expect(pub.text).toContain("第 2 轮");
    expect(pub.text).toContain("33.3%");
  });

  it("moves from notice to implementation by the clock; only a supervisor of the community posts progress, with photos checked by content", async () => {
    expect((await postProgress(cookies.supervisor, resolution1, { status: "planned", note: "已与物业公司约定进场时间。" })).code).toBe("resolution_in_notice");
    expect(progressCount(resolution1)).toBe(0);

    await advance(7 * DAY + 3_600_000);
    expect((await page(`/resolutions/${resolution1}`)).text).toContain("落实中");

    const ledgerBefore = councilState(server, council1).ledger;
    for (const [who, status] of [["rep01", 403], ["mediator2", 403], ["mediator", 403]] as const)
      expect((await postProgress(cookies[who], resolution1, { status: "in_progress", note: "越权报告" })).status, who).toBe(status);
    expect((await postProgress(undefined, resolution1, { status: "in_progress", note: "匿名报告" })).status).toBe(401);
    const lying = await postProgress(cookies.supervisor, resolution1, { status: "in_progress", note: "照片是假的" }, [{ name: "现场.png", bytes: Buffer.from("not an image at all, whatever its name") }]);
    expect(lying.code).toBe("photo_type_not_allowed");
    expect((await postProgress(cookies.supervisor, resolution1, { status: "blocked", note: "卡住了" })).code).toBe("blocked_reason_required");
    expect(progressCount(resolution1)).toBe(0);
    expect(councilState(server, council1).ledger).toBe(ledgerBefore);

    const good = await postProgress(cookies.supervisor, resolution1, { status: "in_progress", note: "物业公司已进场，保洁与门岗到位。" }, [{ name: "进场.png", bytes: png }]);
    expect(good).toMatchObject({ status: 200, code: null });
    expect(server.services.db.select().from(resolutions).where(eq(resolutions.id, resolution1)).get()!.status).toBe("implementing");
    const photo = await fetch(`${server.url}/resolutions/${resolution1}/photos/${createHash("sha256").update(png).digest("hex")}`);
    expect(photo.status).toBe(200);
    expect(photo.headers.get("content-type")).toBe("image/png");
    const shown = await page(`/resolutions/${resolution1}`);
    expect(shown.text).toContain("物业公司已进场");
    expect(shown.text).toContain("推进中");
  });

  it("flags an overdue deadline, is done with the last update, and takes one rating per participating resident", async () => {
    const rate = (who: string | undefined, rating: string) => act(server, who ? cookies[who] : undefined, `/resolutions/${resolution1}`, { intent: "rate", rating, comment: "物业比以前好多了" });
    await advance(4 * DAY);
    expect((await page(`/resolutions/${resolution1}`)).text).toContain("已逾期");
    await postProgress(cookies.supervisor, resolution1, { status: "blocked", note: "部分业主拒缴物业费，正在协调。" });
    await refusedRating("rep01", "resolution_not_done", 400);

    expect(await postProgress(cookies.supervisor, resolution1, { status: "done", note: "物业服务已正常运行，首季度收支已公示。" })).toMatchObject({ status: 200, code: null });
    expect(server.services.matters.get(matterIds.property).status).toBe("resolved");
    expect((await page(`/resolutions/${resolution1}`)).text).toContain("已办结");
    expect((await postProgress(cookies.supervisor, resolution1, { status: "in_progress", note: "办结后再报" })).code).toBe("resolution_done");

    expect(await rate("rep01", "satisfied")).toMatchObject({ status: 200, code: null });
    expect(await rate("rep08", "basically")).toMatchObject({ status: 200, code: null }); // an observer took part too
    await refusedRating("rep01", "already_rated", 400);
    await refusedRating("rep10", "not_a_participant", 400);
    await refusedRating("supervisor", "not_a_participant", 400);
    await refusedRating(undefined, "unauthenticated", 401);
    const ratings = server.services.db.select().from(followUps).where(and(eq(followUps.subject, "resolution"), eq(followUps.subjectId, resolution1))).all();
    expect(ratings.map((r) => r.rating).sort()).toEqual(["basically", "satisfied"]);
    expect((await page(`/resolutions/${resolution1}`)).text).toContain("满意 1，基本满意 1，不满意 0");

    const record = (await (await fetch(`${server.url}/councils/${council1}/record.json`)).json()) as LogRecord;
    expect(await verifyLogRecord(record, sha256)).toMatchObject({ ok: true });
    const types = record.entries.map((e) => e.type);
    for (const t of ["resolution_drafted", "resolution_published", "implementation_started", "progress_posted", "resolution_done", "follow_up_recorded"]) expect(types, t).toContain(t);
    expect(JSON.stringify(record)).not.toContain("物业比以前好多了"); // a resident's comment is proven by its hash only

    async function refusedRating(who: string | undefined, code: string, status: number) {
      const before = { ledger: councilState(server, council1).ledger, n: server.services.db.select({ n: count() }).from(followUps).get()!.n };
      const res = await rate(who, "unsatisfied");
      expect(res.status).toBe(status);
      expect(res.code).toBe(code);
      expect({ ledger: councilState(server, council1).ledger, n: server.services.db.select({ n: count() }).from(followUps).get()!.n }).toEqual(before);
    }
  });
});

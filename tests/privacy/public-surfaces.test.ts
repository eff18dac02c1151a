import { createHash, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { councilItems, councilParticipants, matters, panelSeats, publicationComments, representatives, resolutions } from "../../db/schema";
import type { RoomEvent } from "../../server/live/protocol";
import { act, conveneCouncil, repId, rules } from "../councils/support";
import { cmd, consoleAction, conveneHearing, login, ok, socketFor } from "../support/hearing-flow";
import { startTestServer, type ClientSocket, type TestServer } from "../support/server";
import { hearingInCheckin, type DrivenHearing } from "./support";

/**
 * Issue 12, "Done when": a hearing and a council seeded with known secrets are driven to publication
 * (the council to its notice and live room), then every public surface — pages, JSON records, lists,
 * the socket events and snapshots an anonymous spectator receives — is searched for every secret.
 */
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const secrets = {
  partyA: "欧阳娜娜",
  partyB: "5号楼502室王建国",
  phone: "13912345678",
  room: "502室",
  internalDescription: "内部情况说明",
  exhibitTitle: "甲方私密证据：欧阳娜娜病历",
  opinion: "该病历系伪造",
  deliberation: ["我认为甲方有责任", "同意"],
  rulingDraft: "RULING-DRAFT-评理理由草稿",
  guest: "5号楼502室赵德胜",
  guestBare: "赵德胜",
  councilDescription: "业主钱丽华（电话13700001111）反映",
  draftTitle: "草稿评理：孙某某家事",
  draftCouncilTitle: "草稿议事会：未公告",
  idNumber: "11010519850307123X",
  opinionPhone: "13655556666",
  commentName: "7号楼301室孙丽萍",
  commentPhone: "13588889999",
  draftResolution: "DRAFT-RESOLUTION-未公示的初稿",
  progressNote: "3号楼住户周国强（13522223333）拒绝挪车",
};

let server: TestServer;
let h: DrivenHearing;
let spectator: ClientSocket;
const heard: RoomEvent[] = [];
const snapshots: unknown[] = [];
const jurorNames: string[] = [];
const repIds: number[] = [];
let councilId: number;
let councilRepNames: string[] = [];
let resolutionId: number;

async function page(path: string) {
  const res = await fetch(server.url + path);
  return { path, status: res.status, text: await res.text() };
}

/** Every string a curious neighbour can collect without an account. */
function findLeaks(surfaces: { where: string; text: string }[], extra: string[] = []) {
  const needles = [
    secrets.partyA,
    "王建国",
    secrets.phone,
    secrets.room,
    secrets.internalDescription,
    "欧阳娜娜病历",
    secrets.opinion,
    ...secrets.deliberation.map(sha256),
    secrets.deliberation[0],
    secrets.guestBare,
    "钱丽华",
    "13700001111",
    secrets.idNumber,
    secrets.opinionPhone,
    "孙丽萍",
    "301室",
    secrets.commentPhone,
    secrets.draftResolution,
    "周国强",
    "13522223333",
    ...jurorNames,
    ...extra,
  ];
  const leaks: string[] = [];
  for (const s of surfaces) {
    for (const n of needles) if (s.text.includes(n)) leaks.push(`${s.where}: ${n}`);
    // No representative id, in any shape a record or event has used.
    if (/"representativeId":\s*\d/.test(s.text)) leaks.push(`${s.where}: representativeId`);
    if (/"kind":"juror","id":\d/.test(s.text)) leaks.push(`${s.where}: juror by id`);
    for (const id of repIds) if (s.text.includes(`"kind":"juror","id":${id}`)) leaks.push(`${s.where}: rep ${id}`);
  }
  return leaks;
}

beforeAll(async () => {
  server = await startTestServer();
  spectator = await socketFor(server);
  spectator.on("room:event", (e) => void heard.push(e));
  h = await hearingInCheckin(
    server,
    {
      partyA: secrets.partyA,
      partyB: secrets.partyB,
      // The mediator's public summary names a party and her phone: the announcement masks them by default.
      publicSummary: `${secrets.partyA}（电话${secrets.phone}）与楼下住户的漏水纠纷`,
      matterDescription: `${secrets.internalDescription}：${secrets.partyA}（电话${secrets.phone}，身份证${secrets.idNumber}）与楼下${secrets.room}的漏水纠纷`,
    },
    { announced: async (hearingId) => void snapshots.push(await ok(spectator, "hearing:join", { hearingId })) },
  );
  const chair = await h.state(h.mediator);
  for (const seat of chair.panel) if (seat.name) jurorNames.push(seat.name);
  for (const row of server.services.db.select({ id: panelSeats.representativeId }).from(panelSeats).where(eq(panelSeats.hearingId, h.hearingId)).all()) repIds.push(row.id);
});
afterAll(async () => {
  h?.close();
  spectator?.close();
  await server?.close();
});

describe("a hearing with known secrets, driven to publication", () => {
  it("runs statements, a panel-only exhibit, deliberation and a secret ballot", async () => {
    const { hearingId, mediator, parties, jurors } = h;
    await h.advance("opening");
    await h.advance("statements");
    // The floor rule (issue 14): a party speaks when the chair has given it the floor.
    await ok(mediator, "hearing:floor", { hearingId, partyId: (await h.state(mediator)).parties[0].id });
    await ok(parties[0].socket, "hearing:statement", { hearingId, text: `我是${secrets.partyA}，电话${secrets.phone}。楼上卫生间防水层老化，导致我家天花板渗水。` });
    await h.advance("evidence");
    const form = new FormData();
    form.set("title", secrets.exhibitTitle);
    form.set("visibility", "panel");
    form.set("file", new Blob([new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(100)]))]), "x.png");
    const up = await fetch(`${server.url}/hearings/${hearingId}/evidence`, { method: "POST", body: form, headers: { cookie: parties[0].cookie, origin: server.url } });
    expect(up.status).toBe(200);
    const { exhibit } = (await up.json()) as { exhibit: { id: number } };
    await ok(mediator, "exhibit:rule", { hearingId, exhibitId: exhibit.id, decision: "admit" });
    await ok(parties[1].socket, "exhibit:opinion", { hearingId, exhibitId: exhibit.id, text: secrets.opinion });
    // The public sees the exhibit as its number only.
    const seen = (await ok<{ snapshot: { exhibits: { title: string; opinions: unknown[] }[] } }>(spectator, "hearing:join", { hearingId })).snapshot;
    expect(seen.exhibits).toMatchObject([{ title: "证据1（仅评理团可见）", opinions: [] }]);

    await h.advance("debate");
    const q = await ok<{ id: number }>(jurors[0].socket, "hearing:question", { hearingId, text: "请乙方说明近一年是否做过防水维修？" });
    await ok(mediator, "hearing:put_question", { hearingId, questionId: q.id, partyId: (await h.state(mediator)).parties[1].id });
    await h.advance("deliberation");
    await ok(jurors[0].socket, "hearing:deliberate", { hearingId, text: secrets.deliberation[0] });
    await ok(jurors[1].socket, "hearing:deliberate", { hearingId, text: secrets.deliberation[1] });
    await h.advance("voting");
    // An open (non-secret) ballot first: its live tally names voters by seat, never by pool id.
    const open = await ok<{ id: number }>(mediator, "ballot:open", {
      scope: "hearing", scopeId: hearingId, question: "是否需要现场勘查？", options: [{ id: "yes", label: "需要" }, { id: "no", label: "不需要" }],
      secret: false, quorum: 1, threshold: "majority_cast", passOptionId: "yes", tieRule: "revote",
    });
    for (const j of jurors.slice(0, 3)) await ok(j.socket, "ballot:cast", { ballotId: open.id, optionId: "no", key: randomBytes(16).toString("hex") });
    await ok(mediator, "ballot:close", { ballotId: open.id });
    const secret = await ok<{ id: number }>(mediator, "ballot:open", {
      scope: "hearing", scopeId: hearingId, question: "本次纠纷的责任如何认定？",
      options: [{ id: "party_a", label: "支持甲方" }, { id: "party_b", label: "支持乙方" }, { id: "both", label: "双方均有责任" }],
      secret: true, quorum: 5, threshold: "majority_cast", tieRule: "revote",
    });
    for (const [i, j] of jurors.entries()) await ok(j.socket, "ballot:cast", { ballotId: secret.id, optionId: i % 2 ? "party_b" : "both", key: randomBytes(16).toString("hex") });
    await ok(mediator, "ballot:close", { ballotId: secret.id });
  });

  it("keeps a drafted ruling out of the public room until it is published", async () => {
    const { hearingId, mediator } = h;
    await h.advance("verdict");
    await ok(mediator, "hearing:ruling", { hearingId, reasons: `${secrets.rulingDraft}，评理团多数认定双方均有责任。`, saying: "维修费用由双方各承担一半。" });
    await new Promise((r) => setTimeout(r, 100));
    expect(JSON.stringify(heard)).not.toContain(secrets.rulingDraft);
    const before = await page(`/hearings/${hearingId}`);
    expect(before.text).not.toContain(secrets.rulingDraft);
    await ok(mediator, "hearing:close", { hearingId });
    await ok(mediator, "hearing:publish", { hearingId });
    expect((await page(`/hearings/${hearingId}`)).text).toContain(secrets.rulingDraft);
  });

  it("shows none of the secrets on any public surface, and no representative id", async () => {
    const { hearingId } = h;
    snapshots.push(await ok(spectator, "hearing:join", { hearingId }));
    const paths = [`/hearings/${hearingId}`, `/hearings/${hearingId}/screen`, `/hearings/${hearingId}/record.json`, `/hearings/${hearingId}/draw.json`, "/", "/councils", "/resolutions"];
    const pages = await Promise.all(paths.map(page));
    expect(pages.find((p) => p.path.endsWith("record.json"))!.status).toBe(200);
    const surfaces = [
      ...pages.map((p) => ({ where: p.path, text: p.text })),
      { where: "socket events", text: JSON.stringify(heard) },
      { where: "socket snapshots", text: JSON.stringify(snapshots) },
    ];
    expect(findLeaks(surfaces)).toEqual([]);
    expect(pages[0].text).toContain("欧阳某（电话139******78）与楼下住户的漏水纠纷");
    const record = JSON.parse(pages.find((p) => p.path.endsWith("record.json"))!.text) as { entries: { type: string; actor: { kind: string; id?: unknown }; payload: Record<string, unknown> }[] };
    // Jurors are seat pseudonyms; the deliberation is bound by a keyed commitment, not a plain hash.
    expect(record.entries.filter((e) => e.actor.kind === "juror").every((e) => typeof e.actor.id === "string" && /^J\d+$/.test(e.actor.id as string))).toBe(true);
    expect(record.entries.filter((e) => e.type === "deliberation_message").map((e) => Object.keys(e.payload))).toEqual([["commitment"], ["commitment"]]);
    expect(JSON.stringify(record)).not.toMatch(/"sha256":"[0-9a-f]{64}","mime"/); // no hash of the private file either
  });
});

describe("a council with known secrets", () => {
  it("shows participants masked unless they consented, guests masked, and no internal description", async () => {
    const mediatorCookie = await login(server, "mediator");
    const communityId = server.services.units.byKind("community")[0].id;
    const voters = ["rep01", "rep02", "rep03"];
    // rep03 consented in the pool to be named in public.
    server.services.db.update(representatives).set({ publicNameConsentAt: new Date() }).where(eq(representatives.id, repId(server, "rep03"))).run();
    const rec = await act(server, mediatorCookie, "/manage/matters", {
      communityId: String(communityId), title: "6号院东门停车改造", scope: "shared", difficulty: "normal", source: "visit",
      description: secrets.councilDescription, reportedAt: "2026-10-08",
    });
    expect(rec.code).toBeNull();
    const matterId = server.services.db.select().from(matters).where(eq(matters.title, "6号院东门停车改造")).get()!.id;
    councilId = await conveneCouncil(server, mediatorCookie, { title: "6号院议事会", inDays: 8, voters: voters.map((u) => repId(server, u)) });
    const consoleOk = async (fields: Record<string, string>) => expect((await act(server, mediatorCookie, `/manage/councils/${councilId}`, fields)).code).toBeNull();
    await consoleOk({ intent: "addItem", matterId: String(matterId), proposal: "东门划设12个临时车位。", ...rules({ quorum: 2 }) });
    await consoleOk({ intent: "addGuest", name: secrets.guest });
    await consoleOk({ intent: "announce" });
    const names = voters.map((u) => server.services.db.select({ n: representatives.name }).from(representatives).where(eq(representatives.id, repId(server, u))).get()!.n);
    councilRepNames = names.slice(0, 2);
    for (const u of voters) repIds.push(repId(server, u));

    // A juror of the hearing above may sit in this council too; rep03's consent lets her be named here.
    if (jurorNames.includes(names[2])) jurorNames.splice(jurorNames.indexOf(names[2]), 1);
    const joined = await ok(spectator, "council:join", { councilId });
    const notice = await page(`/councils/${councilId}`);
    expect(notice.status).toBe(200);
    expect(notice.text).toContain(names[2]); // consented: named
    expect(notice.text).toContain("5号楼***室赵某");
    const leaks = findLeaks([{ where: "council page", text: notice.text }, { where: "council:join", text: JSON.stringify(joined) }], councilRepNames);
    expect(leaks).toEqual([]);
  });
});

describe("the council run to a published resolution, public comments, and a crawl of every public surface", () => {
  it("runs the council with an opinion carrying personal data, and publishes its resolution", async () => {
    const mediatorCookie = await login(server, "mediator");
    const mediator = await socketFor(server, mediatorCookie);
    const members: ClientSocket[] = [];
    for (const u of ["rep01", "rep02", "rep03"]) members.push(await socketFor(server, await login(server, u)));
    spectator.on("room:event", (e) => void heard.push(e));
    await ok(mediator, "council:start", { councilId, reason: "居民已到齐，提前开始" });
    for (const m of members) await ok(m, "council:checkin", { councilId });
    const itemId = server.services.db.select({ id: councilItems.id }).from(councilItems).where(eq(councilItems.councilId, councilId)).get()!.id;
    await ok(mediator, "council:open_item", { councilId, itemId });
    await ok(members[0], "council:opinion", { councilId, text: `我家在${secrets.room}，电话${secrets.opinionPhone}，身份证${secrets.idNumber}，同意划车位。` });
    await ok(mediator, "council:opinion", { councilId, text: `（口头）业主钱丽华说电话${secrets.opinionPhone}可以联系她。`, authorName: "5号楼居民 钱丽华" });
    snapshots.push(await ok(spectator, "council:join", { councilId }));
    const ballot = await ok<{ id: number }>(mediator, "council:vote", { councilId, itemId });
    for (const m of members) await ok(m, "ballot:cast", { ballotId: ballot.id, optionId: "for", key: randomBytes(16).toString("hex") });
    await ok(mediator, "ballot:close", { ballotId: ballot.id });
    await ok(mediator, "council:end", { councilId });
    const deadline = new Date(Date.now() + 10 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    const consoleOk = async (fields: Record<string, string>) => expect((await act(server, mediatorCookie, `/manage/councils/${councilId}`, fields)).code).toBeNull();
    // A first draft, rewritten before publication: the public record (already public, the council has ended) never shows it.
    await consoleOk({ intent: "draftResolution", itemId: String(itemId), text: secrets.draftResolution, responsible: "社区居委会", deadline, noticeDays: "7" });
    const whileDraft = await page(`/councils/${councilId}/record.json`);
    expect(whileDraft.status).toBe(200);
    expect(whileDraft.text).not.toContain(secrets.draftResolution);
    expect(whileDraft.text).toContain("resolution_drafted");
    await consoleOk({ intent: "draftResolution", itemId: String(itemId), text: "东门划设12个临时车位，由物业公司管理。", responsible: "社区居委会", deadline, noticeDays: "7" });
    resolutionId = server.services.db.select({ id: resolutions.id }).from(resolutions).where(eq(resolutions.itemId, itemId)).get()!.id;
    await consoleOk({ intent: "publishResolution", resolutionId: String(resolutionId) });
    snapshots.push(await ok(spectator, "council:join", { councilId }));
    for (const s of [mediator, ...members]) s.close();

    // Anyone may comment; a mediator approves. A comment is third-party text: the public sees it masked.
    for (const [kind, id] of [["ruling", h.hearingId], ["resolution", resolutionId]] as const) {
      const res = await fetch(`${server.url}/comments`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url, accept: "application/json" },
        body: new URLSearchParams({ kind, id: String(id), authorName: secrets.commentName, body: `我是${secrets.partyA}的邻居，电话${secrets.commentPhone}，支持这个结果。` }).toString(),
      });
      expect(res.status).toBe(200);
    }
    for (const c of server.services.db.select({ id: publicationComments.id }).from(publicationComments).all())
      expect((await act(server, mediatorCookie, "/manage/comments", { decision: "approve", commentId: String(c.id) })).code).toBeNull();

    // The notice period ends; the supervision committee reports progress, naming a resident and his phone.
    server.clock.advance(8 * 86_400_000);
    const form = new FormData();
    form.set("status", "in_progress");
    form.set("note", secrets.progressNote);
    const posted = await fetch(`${server.url}/resolutions/${resolutionId}`, { method: "POST", body: form, headers: { origin: server.url, cookie: await login(server, "supervisor") } });
    expect(posted.status).toBe(200);
  });

  it("finds none of the secrets anywhere a visitor without an account can reach", async () => {
    const community = server.services.units.byKind("community")[0].id;
    const searches = ["漏水", "纠纷", "车位", "停车", "物业", "欧阳", "王建国", "13912345678", "钱丽华", "孙丽萍", "病历", "同意", "甲方有责任"].map((q) => `/search?q=${encodeURIComponent(q)}`);
    const seeds = [
      "/", "/hearings", "/councils", "/rulings", "/resolutions", "/stats", "/reports", "/atom.xml", "/rss.xml", `/communities/${community}/atom.xml`,
      `/hearings/${h.hearingId}`, `/hearings/${h.hearingId}/screen`, `/hearings/${h.hearingId}/record.json`, `/hearings/${h.hearingId}/draw.json`, `/hearings/${h.hearingId}/draw-receipt`,
      `/councils/${councilId}`, `/councils/${councilId}/screen`, `/councils/${councilId}/record.json`, "/verify", ...searches,
      // A query string bypasses the page cache: the pages as they are now, with the approved comments.
      `/hearings/${h.hearingId}?fresh`, `/resolutions/${resolutionId}?fresh`,
    ];
    // Follow every same-origin link from the seeds (the pages a neighbour clicks through), staying out of accounts.
    const seen = new Map<string, { status: number; text: string }>();
    const queue = [...seeds];
    const skip = /^\/(manage|login|logout|me|preferences|setup|activate|invite|build|assets|fonts|favicon|comments)(\/|$|\?|\.)/;
    while (queue.length && seen.size < 400) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      const res = await fetch(server.url + path, { redirect: "manual" });
      const text = await res.text();
      seen.set(path, { status: res.status, text });
      for (const m of text.matchAll(/(?:href|src)="(\/[^"#]*)"/g)) {
        const next = m[1].replace(/&amp;/g, "&");
        if (!skip.test(next) && !seen.has(next) && !/\.(css|js|png|jpe?g|svg|ico|woff2?)(\?|$)/.test(next)) queue.push(next);
      }
    }
    for (const s of seeds) expect(seen.get(s)?.status, s).toBeLessThan(400);
    // A search page repeats the visitor's own query; that echo is not a leak, its results would be.
    const withoutEcho = (where: string, text: string) => {
      const q = where.startsWith("/search?") ? new URL(where, server.url).searchParams.get("q") : null;
      return q ? text.split(q).join("").split(encodeURIComponent(q)).join("") : text;
    };
    const surfaces = [
      ...[...seen].map(([where, p]) => ({ where, text: withoutEcho(where, p.text) })),
      { where: "socket events", text: JSON.stringify(heard) },
      { where: "socket snapshots", text: JSON.stringify(snapshots) },
    ];
    expect(seen.size).toBeGreaterThan(seeds.length); // 69 pages on the demo data
    expect(findLeaks(surfaces, councilRepNames)).toEqual([]);
    // In a council record a representative is its participant number in that council, never a pool id.
    const records = [...seen].filter(([where]) => /^\/councils\/\d+\/record\.json$/.test(where));
    expect(records.length).toBeGreaterThan(0);
    for (const [where, p] of records) {
      const cid = Number(where.split("/")[2]);
      const participantIds = server.services.db.select({ id: councilParticipants.id }).from(councilParticipants).where(eq(councilParticipants.councilId, cid)).all().map((r) => r.id);
      const actors = (JSON.parse(p.text) as { entries: { actor: { kind: string; id?: unknown } }[] }).entries.map((e) => e.actor).filter((a) => a.kind === "representative" && a.id !== undefined);
      for (const a of actors) expect(participantIds, where).toContain(a.id);
    }
    // The crawl reached the published outcome and its approved comment, masked.
    for (const path of [`/hearings/${h.hearingId}?fresh`, `/resolutions/${resolutionId}?fresh`]) {
      expect(seen.get(path)!.text, path).toContain("支持这个结果");
      expect(seen.get(path)!.text, path).toContain("7号楼***室孙某");
    }
    expect(seen.get(`/resolutions/${resolutionId}?fresh`)!.text).toContain("3号楼住户周某（135******33）拒绝挪车");
  });
});

describe("drafts", () => {
  it("answer exactly like a missing hearing or council on every surface, also once cancelled", async () => {
    const mediatorCookie = await login(server, "mediator");
    const draftId = await conveneHearing(server, mediatorCookie, { title: secrets.draftTitle });
    const draftCouncil = await conveneCouncil(server, mediatorCookie, { title: secrets.draftCouncilTitle, inDays: 9, voters: [repId(server, "rep04")] });
    const missing = 999_999;
    const check = async () => {
      for (const [id, cid] of [[draftId, draftCouncil], [missing, missing]]) {
        for (const path of [`/hearings/${id}`, `/hearings/${id}/screen`, `/hearings/${id}/record.json`, `/hearings/${id}/draw.json`, `/councils/${cid}`, `/councils/${cid}/screen`, `/councils/${cid}/record.json`])
          expect((await page(path)).status, path).toBe(404);
        expect(await cmd(spectator, "hearing:join", { hearingId: id })).toEqual({ ok: false, error: { code: "hearing_not_found" } });
        expect(await cmd(spectator, "council:join", { councilId: cid })).toEqual({ ok: false, error: { code: "council_not_found" } });
      }
      const lists = await Promise.all(["/", "/councils"].map(page));
      for (const l of lists) expect(l.text).not.toContain(secrets.draftTitle);
    };
    await check();
    expect((await consoleAction(server, mediatorCookie, draftId, { intent: "cancel", reason: "当事人已和解" })).status).toBe(200);
    await act(server, mediatorCookie, `/manage/councils/${draftCouncil}`, { intent: "cancel", reason: "议题已撤回" });
    await check();
    expect(JSON.stringify(heard)).not.toContain(secrets.draftTitle);
  });
});

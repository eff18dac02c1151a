/**
 * After login a juror or representative lands on their meeting (issue 14, item 7): over real HTTP
 * against the demo seed, a representative of a live council is sent to its live page, one without
 * a meeting to the home page, and a page asked for (redirectTo) always wins.
 */
import { and, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { councilParticipants, representatives, users } from "../../db/schema";
import { principalFor } from "../../db/seed/principals";
import { postForm, startTestServer, type TestServer } from "../support/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => {
  await server?.close();
});

const landing = async (username: string, redirectTo?: string) => {
  const res = await postForm(server, "/login", { username, password: "demo-password", ...(redirectTo ? { redirectTo } : {}) });
  expect(res.status).toBe(302);
  return res.headers.get("location");
};

describe("where a person lands after logging in", () => {
  it("a representative of a live council lands on its live page; a page asked for wins", async () => {
    const s = server.services;
    const mediator = principalFor(s.db, "mediator");
    const communityId = mediator.user.unitIds[0];
    // Representatives with a login who sit on no council yet.
    const busy = new Set(s.db.select({ u: councilParticipants.userId }).from(councilParticipants).all().map((r) => r.u));
    const reps = s.db
      .select({ id: representatives.id, userId: users.id, username: users.username })
      .from(representatives)
      .innerJoin(users, eq(users.id, representatives.userId))
      .where(and(eq(representatives.communityId, communityId), eq(representatives.status, "active"), isNotNull(representatives.userId)))
      .all()
      .filter((r) => !busy.has(r.userId));
    expect(reps.length).toBeGreaterThanOrEqual(2);
    const [member, other] = reps;
    const before = await landing(member.username);
    expect(["/", "/me"], "before any meeting: the home page or the list").toContain(before);

    const c = s.councils.lifecycle.convene(mediator, {
      communityId,
      title: "落地页测试议事会",
      place: "和平社区党群服务中心",
      scheduledAt: new Date(s.clock.now().getTime() + 3_600_000),
      representatives: [{ representativeId: member.id, voting: true }],
    });
    s.councils.lifecycle.addItem(mediator, { councilId: c.id, matter: { title: "路灯维修", description: "", difficulty: "normal", source: "visit" }, title: "路灯维修", proposal: "由物业公司维修。", rules: { quorum: 1 } });
    s.councils.lifecycle.announce(mediator, { councilId: c.id, shortNoticeReason: "路灯损坏影响夜间出行" });
    expect(await landing(member.username), "within hours of the start: straight to the meeting").toBe(`/councils/${c.id}/live`);
    s.councils.room.start(mediator, { councilId: c.id, reason: "代表已到场，同意提前开始" });
    expect(await landing(member.username)).toBe(`/councils/${c.id}/live`);
    expect(await landing(member.username, "/resolutions"), "a page asked for wins").toBe("/resolutions");
    expect(await landing(other.username), "someone not on the council is not sent there").not.toBe(`/councils/${c.id}/live`);
  });
});

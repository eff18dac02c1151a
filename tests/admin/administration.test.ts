/**
 * Issue 13 from an empty database (SEED_DEMO=false): the first administrator through the one-time setup
 * URL, a community, a mediator and a supervisor, activation slips for a pool, and every bad input of
 * the issue refused with a clear error and no change. Real server, real HTTP, real SQLite.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "../../server/auth/principal";
import { isDomainError } from "../../server/errors";
import { connected, connectSocket, cookieFrom, postForm, startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let admin: Principal;
let streetId: number;
let communityId: number;

const principalOf = (cookie: string): Principal => server.services.sessions.validate(decodeURIComponent(cookie.split("=")[1]));
function expectError(fn: () => unknown, code: string) {
  try {
    fn();
  } catch (err) {
    expect(isDomainError(err) ? err.code : err).toBe(code);
    return;
  }
  throw new Error(`expected ${code}`);
}

beforeAll(async () => {
  server = await startTestServer({ seed: false });
});
afterAll(async () => {
  await server?.close();
});

describe("first run without demo data", () => {
  it("creates the first administrator through the one-time setup URL, which then stops working", async () => {
    expect(server.setupPath).toMatch(/^\/setup\/[a-z2-7]{24}\.[a-z2-7]{24}$/);
    const login = await fetch(server.url + "/login");
    const loginPage = await login.text();
    expect(loginPage).not.toContain("demo-password");
    expect(loginPage).not.toContain("演示数据");
    const bad = await postForm(server, "/setup/aaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaa", { streetName: "x", username: "x1", displayName: "x", password: "0123456789" });
    expect(bad.status).toBe(400);
    const res = await postForm(server, server.setupPath!, { streetName: "幸福街道", username: "chief", displayName: "街道管理员", password: "correct horse battery" });
    expect(res.status).toBe(302);
    const cookie = cookieFrom(res)!;
    admin = principalOf(cookie);
    expect(admin.kind).toBe("user");
    const again = await postForm(server, server.setupPath!, { streetName: "x", username: "other", displayName: "x", password: "0123456789ab" });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("系统已经设置完成");
    streetId = server.services.units.byKind("street")[0].id;
  });

  it("builds the unit tree and refuses a move under a descendant, a duplicate name and a retirement with live meetings", () => {
    const u = server.services.units;
    communityId = u.create(admin, { kind: "community", name: "和平社区", parentId: streetId }).id;
    const grid = u.create(admin, { kind: "grid", name: "第一网格", parentId: communityId });
    const building = u.create(admin, { kind: "building", name: "1号楼", parentId: grid.id });
    const before = u.list();
    expectError(() => u.create(admin, { kind: "community", name: "和平社区", parentId: streetId }), "unit_name_taken");
    expectError(() => u.move(admin, grid.id, building.id), "unit_move_cycle");
    expectError(() => u.move(admin, grid.id, grid.id), "unit_move_cycle");
    expectError(() => u.create(admin, { kind: "grid", name: "x", parentId: streetId }), "unit_parent_kind");
    expect(u.list()).toEqual(before);
  });

  it("creates a mediator and a supervisor with set-password links; a duplicate username changes nothing", async () => {
    const users = server.services.users;
    const m = users.create(admin, { username: "chen", displayName: "陈调解" });
    users.grant(admin, m.user.id, { role: "mediator", unitId: communityId });
    const s = users.create(admin, { username: "zhou", displayName: "周委员" });
    users.grant(admin, s.user.id, { role: "supervisor", unitId: communityId });
    const count = users.list(admin).total;
    expectError(() => users.create(admin, { username: "CHEN", displayName: "另一个" }), "username_taken");
    expect(users.list(admin).total).toBe(count);
    // The mediator sets their password through the link; the link is single-use.
    const token = m.link.token;
    expect((await fetch(`${server.url}/login`)).status).toBe(200);
    const set = await server.services.passwordLinks.redeem(token, "mediator pass 1");
    expect(set.userId).toBe(m.user.id);
    await expect(server.services.passwordLinks.redeem(token, "mediator pass 2")).rejects.toMatchObject({ code: "password_link_used" });
    const res = await postForm(server, "/login", { username: "chen", password: "mediator pass 1" });
    expect(res.status).toBe(302);
  });

  it("refuses to disable or demote the last administrator", () => {
    const users = server.services.users;
    const adminId = (admin as Principal & { kind: "user" }).user.id;
    expectError(() => users.disable(admin, adminId), "last_admin");
    expectError(() => users.revoke(admin, adminId, { role: "admin", unitId: streetId }), "last_admin");
    expect(users.get(admin, adminId).disabledAt).toBeNull();
  });

  it("issues slips to a pool; a slip signs a phone in once, a re-issued slip revokes the old one, an expired one is refused", async () => {
    const mediator = principalOf((await postForm(server, "/login", { username: "chen", password: "mediator pass 1" })).headers.getSetCookie()[0].split(";")[0]);
    const buildingId = server.services.units.list().find((x) => x.kind === "building")!.id;
    const ids = Array.from({ length: 5 }, (_, i) =>
      server.services.pool.create(mediator, communityId, { name: `代表${i}`, phone: null, unitId: buildingId, category: "resident", nomination: "self", features: {} }).id,
    );
    const slips = server.services.activation.issue(mediator, { representativeIds: ids });
    expect(slips).toHaveLength(5);
    // A supervisor of the community cannot issue slips (pool management is the mediator's).
    expect((await fetch(`${server.url}/activate/${slips[0].token}`)).status).toBe(200);
    const first = await postForm(server, `/activate/${slips[0].token}`, {});
    expect(first.status).toBe(302);
    const repCookie = cookieFrom(first)!;
    const rep = principalOf(repCookie);
    expect(rep.kind === "user" && rep.user.roles).toEqual(["representative"]);
    const reused = await postForm(server, `/activate/${slips[0].token}`, {});
    expect(reused.status).toBe(400);
    expect(await reused.text()).toContain("该登录凭条已经使用过");

    // Re-issuing: the old slip is refused and the phone it signed in is signed out, sockets included.
    const socket = connectSocket(server, { cookie: repCookie });
    await connected(socket);
    const ended = new Promise((resolve) => socket.once("disconnect", resolve));
    const [fresh] = server.services.activation.issue(mediator, { representativeIds: [ids[1]] });
    expect((await postForm(server, `/activate/${slips[1].token}`, {})).status).toBe(400);
    expect(server.services.activation.redeemCode(fresh.code.toLowerCase(), "1.2.3.4").userId).toBeGreaterThan(0);
    server.services.activation.issue(mediator, { representativeIds: [ids[0]] });
    await ended;
    expect(principalOf(repCookie).kind).toBe("anonymous");

    server.clock.advance(31 * 24 * 60 * 60 * 1000);
    const expired = await postForm(server, `/activate/${slips[2].token}`, {});
    expect(expired.status).toBe(400);
    expect(await expired.text()).toContain("登录凭条已过期");
  });

  it("resets a password through /admin: the old one stops working, sockets end, the link works once and expires", async () => {
    // The administrator's browser session, as the /admin pages see it.
    const adminCookie = cookieFrom(await postForm(server, "/login", { username: "chief", password: "correct horse battery" }))!;
    const zhou = server.services.users.list(admin, { q: "zhou" }).users[0];
    const zhouFirst = await server.services.passwordLinks.redeem(
      server.services.users.resetPassword(admin, zhou.id).token,
      "supervisor pass 1",
    );
    const zhouCookie = `civic_session=${encodeURIComponent(zhouFirst.sessionToken)}`;
    const socket = connectSocket(server, { cookie: zhouCookie });
    await connected(socket);
    const ended = new Promise((resolve) => socket.once("disconnect", resolve));

    const page = await (await postForm(server, `/admin/users/${zhou.id}`, { intent: "reset" }, { cookie: adminCookie })).text();
    const path = page.match(/\/set-password\/[a-z2-7]{24}\.[a-z2-7]{24}/)?.[0];
    expect(path).toBeTruthy();
    expect(page).not.toContain("supervisor pass 1");
    await ended; // the reset ended the supervisor's sessions and disconnected their socket
    expect(principalOf(zhouCookie).kind).toBe("anonymous");
    expect((await postForm(server, "/login", { username: "zhou", password: "supervisor pass 1" })).status).toBe(400);

    // The link: GET only greets; too short a password changes nothing; the right one signs in once.
    expect(await (await fetch(server.url + path!)).text()).toContain("周委员（zhou），请设置您的密码");
    const short = await postForm(server, path!, { password: "short" });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain("密码至少 10 位");
    const ok = await postForm(server, path!, { password: "supervisor pass 2" });
    expect(ok.status).toBe(302);
    expect(principalOf(cookieFrom(ok)!).kind).toBe("user");
    const reused = await postForm(server, path!, { password: "supervisor pass 3" });
    expect(await reused.text()).toContain("该链接已经使用过");
    expect((await postForm(server, "/login", { username: "zhou", password: "supervisor pass 2" })).status).toBe(302);

    // An expired link: refused on sight and on use, and the password stays as it was.
    const late = server.services.users.resetPassword(admin, zhou.id);
    server.clock.advance(4 * 24 * 60 * 60 * 1000);
    expect(await (await fetch(`${server.url}/set-password/${late.token}`)).text()).toContain("该链接已过期");
    expect(await (await postForm(server, `/set-password/${late.token}`, { password: "supervisor pass 4" })).text()).toContain("该链接已过期");
    expect((await postForm(server, "/login", { username: "zhou", password: "supervisor pass 4" })).status).toBe(400);
  });

  it("a user changes their own password at /me/password; their other sessions end", async () => {
    const a = cookieFrom(await postForm(server, "/login", { username: "chen", password: "mediator pass 1" }))!;
    const b = cookieFrom(await postForm(server, "/login", { username: "chen", password: "mediator pass 1" }))!;
    const wrong = await postForm(server, "/me/password", { current: "nope", next: "mediator pass 9" }, { cookie: a });
    expect(await wrong.text()).toContain("当前密码不正确");
    const res = await postForm(server, "/me/password", { current: "mediator pass 1", next: "mediator pass 9" }, { cookie: a });
    expect(res.status).toBe(200);
    expect(principalOf(a).kind).toBe("user");
    expect(principalOf(b).kind).toBe("anonymous");
    expect((await postForm(server, "/login", { username: "chen", password: "mediator pass 9" })).status).toBe(302);
  });

  it("links a representative to an existing account; the same account cannot stand for two representatives", async () => {
    const mediatorCookie = cookieFrom(await postForm(server, "/login", { username: "chen", password: "mediator pass 9" }))!;
    const mediator = principalOf(mediatorCookie);
    const [a, b] = server.services.pool.list(mediator, communityId, { status: "active" }).representatives;
    const res = await postForm(server, `/manage/pool/slips?community=${communityId}`, { intent: "link", representativeId: String(a.id), username: "zhou" }, { cookie: mediatorCookie });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("已关联账号");
    const zhou = server.services.users.list(admin, { q: "zhou" }).users[0];
    expect(server.services.users.get(admin, zhou.id).grants.map((g) => g.role).sort()).toEqual(["representative", "supervisor"]);
    const before = server.services.audit.list({ limit: 1 }).total;
    const taken = await postForm(server, `/manage/pool/slips?community=${communityId}`, { intent: "link", representativeId: String(b.id), username: "zhou" }, { cookie: mediatorCookie });
    expect(taken.status).toBe(400);
    expect(await taken.text()).toContain("已关联本社区的代表");
    const missing = await postForm(server, `/manage/pool/slips?community=${communityId}`, { intent: "link", representativeId: String(b.id), username: "nobody" }, { cookie: mediatorCookie });
    expect(await missing.text()).toContain("找不到用户名为「nobody」的账号");
    expect(server.services.audit.list({ limit: 1 }).total).toBe(before);
    // A supervisor of the community (now also its representative) does not manage its pool.
    // (The earlier test left zhou with an unused reset, so no password: a fresh link signs them in.)
    const zhouSession = await server.services.passwordLinks.redeem(server.services.users.resetPassword(admin, zhou.id).token, "supervisor pass 5");
    const zhouPrincipal = server.services.sessions.validate(zhouSession.sessionToken);
    expectError(() => server.services.activation.linkAccount(zhouPrincipal, { representativeId: b.id, username: "zhou" }), "forbidden");
  });

  it("records administration in the audit log, exportable as CSV", () => {
    const csv = server.services.audit.csv();
    for (const action of ["setup.complete", "unit.create", "user.create", "role.grant", "slip.issue"]) expect(csv).toContain(action);
  });
});

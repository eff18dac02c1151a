/**
 * The authorization matrix of the administration and account routes (issue 13): every row of
 * server/auth/route-permissions.ts, requested as every demo role and as an anonymous visitor, over
 * real HTTP against the demo-seeded server. A route that forgets its guard, or a row that drifts from
 * its route, fails here. Refused POSTs change nothing (the audit log does not grow).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userCan } from "../../server/auth/permissions";
import { routePermissions } from "../../server/auth/route-permissions";
import { cookieFrom, login, postForm, startTestServer, type TestServer } from "../support/server";

let server: TestServer;
const who = ["admin", "mediator", "mediator2", "supervisor", "rep01"] as const;
const cookies: Record<string, string> = {};
let adminId = 0;
let hepingId = 0;

const get = (path: string, cookie?: string) => fetch(server.url + path, { redirect: "manual", headers: cookie ? { cookie } : {} });
const principalOf = (cookie: string) => server.services.sessions.validate(decodeURIComponent(cookie.split("=")[1]));
const auditCount = () => ({ n: server.services.audit.list({ limit: 1 }).total });

beforeAll(async () => {
  server = await startTestServer();
  for (const u of who) cookies[u] = await login(server, u);
  const p = principalOf(cookies.admin);
  adminId = p.kind === "user" ? p.user.id : 0;
  hepingId = server.services.units.byKind("community")[0].id;
});
afterAll(async () => {
  await server?.close();
});

function concrete(path: string): string {
  return path.replace(":id", String(adminId)).replace(":token", "aaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaa") + (path === "/manage/pool/slips" ? `?community=${hepingId}` : "");
}

describe("every administration and account route, as every role", () => {
  for (const rule of routePermissions) {
    it(`${rule.path} requires ${rule.requires}`, async () => {
      const path = concrete(rule.path);
      const anon = await get(path);
      if (rule.requires === "token") {
        // The link is the authority: a forged one is answered with a clear error page, never a 500.
        expect([200, 400]).toContain(anon.status);
        if (rule.methods.includes("POST")) expect((await postForm(server, path, { code: "AAAA-AAAA", password: "0123456789ab" })).status).toBeGreaterThanOrEqual(400);
        return;
      }
      expect(anon.status).toBe(302);
      expect(anon.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
      for (const u of who) {
        const p = principalOf(cookies[u]);
        if (p.kind !== "user") throw new Error(`${u} is not signed in`);
        // manage:pool:own is checked in the community concerned: 和平社区 here, whose mediator is `mediator`.
        const allowed = rule.requires === "signed-in" || userCan(p.user, rule.requires, rule.requires.endsWith(":own") ? hepingId : undefined);
        const res = await get(path, cookies[u]);
        expect({ user: u, status: res.status }).toEqual({ user: u, status: allowed ? 200 : 403 });
        if (!allowed && rule.methods.includes("POST")) {
          const before = auditCount().n;
          // An index route's action answers at `?index` (that is where its <Form> posts).
          const post = await postForm(server, rule.path === "/admin" ? "/admin?index" : path, { intent: "create", username: "intruder", displayName: "x", kind: "community", name: "x", parentId: "1" }, { cookie: cookies[u] });
          expect({ user: u, status: post.status }).toEqual({ user: u, status: 403 });
          expect(auditCount().n).toBe(before);
        }
      }
    });
  }

  it("the demo shows its 演示数据 banner on every page", async () => {
    for (const path of ["/", "/login", "/councils"]) expect(await (await get(path)).text()).toContain("演示数据：本站为演示环境");
  });

  it("no page carries a NUL byte (React 18's stream padding at a multi-byte character, facebook/react#31134)", async () => {
    const mediator = principalOf(cookies.mediator);
    const reps = server.services.pool.list(mediator, hepingId).representatives.slice(0, 15);
    const pages = ["/", "/councils", "/rulings", "/resolutions", "/manage/pool", "/manage/councils", "/manage/hearings", "/manage/matters"];
    for (const r of reps) pages.push(`/manage/pool/${r.id}`, `/manage/pool/${r.id}?tab=status`, `/manage/pool/${r.id}?tab=trainings`);
    const withNul: string[] = [];
    for (const path of pages) if ((await (await get(path, cookies.mediator)).text()).includes("\u0000")) withNul.push(path);
    for (const path of ["/admin", "/admin/units", "/admin/audit", `/admin/users/${adminId}`]) if ((await (await get(path, cookies.admin)).text()).includes("\u0000")) withNul.push(path);
    expect(withNul).toEqual([]);
  }, 120_000);

  it("an id that is not a number or not an account is a 404, never a 500", async () => {
    expect((await get("/admin/users/abc", cookies.admin)).status).toBe(404);
    expect((await get("/admin/users/999999", cookies.admin)).status).toBe(404);
  });

  it("a mediator cannot issue slips to another community's representatives, even by naming them", async () => {
    const heping = server.services.pool.list(principalOf(cookies.mediator), hepingId, { status: "active" }).representatives[0];
    const other = server.services.units.byKind("community")[1].id;
    const before = auditCount().n;
    const res = await postForm(server, `/manage/pool/slips?community=${other}`, { intent: "issue", representativeId: String(heping.id) }, { cookie: cookies.mediator2 });
    expect(res.status).toBe(403);
    expect(auditCount().n).toBe(before);
  });

  it("a user can end only their own sessions", async () => {
    const second = await login(server, "mediator");
    const secondId = decodeURIComponent(second.split("=")[1]).split(".")[0];
    const res = await postForm(server, "/me/sessions", { intent: "end", id: secondId }, { cookie: cookies.supervisor });
    expect(res.status).toBe(200);
    expect(principalOf(second).kind).toBe("user");
    const own = await postForm(server, "/me/sessions", { intent: "end", id: secondId }, { cookie: cookies.mediator });
    expect(own.status).toBe(200);
    expect(principalOf(second).kind).toBe("anonymous");
    expect(principalOf(cookies.mediator).kind).toBe("user");
  });

  it("signing in with a slip's code sets a device cookie that the anonymous visitor never had", async () => {
    // Sanity for the token rows: a real code signs in (the forged one above did not).
    const mediator = principalOf(cookies.mediator);
    const rep = server.services.pool.list(mediator, hepingId, { status: "active" }).representatives.at(-1)!;
    const [slip] = server.services.activation.issue(mediator, { representativeIds: [rep.id] });
    const res = await postForm(server, "/activate", { code: slip.code });
    expect(res.status).toBe(302);
    expect(cookieFrom(res)).not.toBeNull();
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookieFrom, postForm, startTestServer, type TestServer } from "../support/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 120_000);
afterAll(() => server?.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(server.url + path, { headers, redirect: "manual" });
const html = async (path: string, headers: Record<string, string> = {}) => {
  const res = await get(path, headers);
  expect(res.status, path).toBe(200);
  return res.text();
};

async function logInAs(username: string): Promise<string> {
  const res = await postForm(server, "/login", { username, password: "demo-password" });
  const cookie = cookieFrom(res);
  if (!cookie) throw new Error(`login failed for ${username}: ${res.status}`);
  return cookie;
}

describe("search (FTS5 trigram, short terms by LIKE)", () => {
  it("finds the published ruling by a two-character Chinese query and highlights it", async () => {
    const { hits, terms } = server.services.portal.search.search("漏水");
    expect(terms).toEqual(["漏水"]);
    expect(hits.map((h) => h.kind)).toContain("ruling");
    const page = await html(`/search?q=${encodeURIComponent("漏水")}`);
    expect(page).toContain("<mark>漏水</mark>");
  });

  it("uses the trigram index for longer terms, combines terms, and finds nothing for an absent word", () => {
    const s = server.services.portal.search;
    expect(s.search("维修费用").hits.length).toBeGreaterThan(0);
    expect(s.search("漏水 维修费用").hits.every((h) => h.kind === "ruling")).toBe(true);
    expect(s.search("物业").hits.some((h) => h.kind === "resolution")).toBe(true);
    expect(s.search("火星基地").hits).toEqual([]);
    // FTS5 syntax in the input is text, never an error page.
    expect(s.search('"漏水 OR NEAR(').hits.length).toBeGreaterThanOrEqual(0);
  });

  it("never indexes a matter's internal description", () => {
    // The demo matter's description mentions 天花板 only in the party's statement and 卫生间渗水至 402 in the matter.
    expect(server.services.portal.search.search("渗水至").hits).toEqual([]);
  });

  it("answers odd queries without an error", async () => {
    for (const q of ["%", "_", "\\", "'", "a", "x".repeat(500)]) expect((await get(`/search?q=${encodeURIComponent(q)}`)).status).toBe(200);
  });
});

describe("lists: filters and pagination", () => {
  it("filters rulings and resolutions by community, kind, outcome and date", async () => {
    const { publications } = server.services.portal;
    const all = publications.list({ page: 1 }, 100);
    expect(all.total).toBeGreaterThanOrEqual(3);
    const rulings = publications.list({ kind: "ruling", page: 1 });
    expect(rulings.items.every((p) => p.kind === "ruling")).toBe(true);
    const other = publications.communities().find((c) => !all.items.some((p) => p.communityId === c.id));
    if (other) expect(publications.list({ communityId: other.id, page: 1 }).total).toBe(0);
    expect(publications.list({ outcome: "passed", kind: "resolution", page: 1 }).items.every((p) => p.outcome === "passed")).toBe(true);
    expect(publications.list({ from: "2999-01-01", page: 1 }).total).toBe(0);
    const page = await html(`/resolutions?outcome=failed`);
    expect(page).toContain('data-testid="list-count"');
    expect((await get("/rulings?community=abc&outcome=nope&from=x&page=-3")).status).toBe(200);
  });

  it("paginates: pages do not overlap and cover everything", () => {
    const { publications } = server.services.portal;
    const total = publications.list({ page: 1 }, 100).total;
    const seen = new Set<string>();
    for (let page = 1; page <= total; page++) {
      const p = publications.list({ page }, 1);
      expect(p.pageCount).toBe(total);
      for (const i of p.items) seen.add(`${i.kind}-${i.id}`);
    }
    expect(seen.size).toBe(total);
    expect(publications.list({ page: total + 1 }, 1).items).toEqual([]);
  });

  it("/hearings, /rulings, /stats and /reports answer instead of 404", async () => {
    for (const path of ["/hearings", "/rulings", "/resolutions", "/stats", "/stats?period=2026-Q4", "/reports"]) expect((await get(path)).status, path).toBe(200);
    expect((await get("/reports/999/2026-01")).status).toBe(404);
  });

  it("/stats draws its charts on the server, as SVG images with their bars and lines (ECharts loaded on demand)", async () => {
    const html = await (await get("/stats")).text();
    const charts = [...html.matchAll(/data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/g)].map((m) => Buffer.from(m[1], "base64").toString("utf8"));
    expect(charts.length).toBeGreaterThanOrEqual(2);
    for (const svg of charts) {
      expect(svg.startsWith("<svg")).toBe(true);
      expect(svg).toMatch(/<path d="M/);
    }
  });
});

describe("feeds", () => {
  it("publishes an Atom feed of every publication and per community, and RSS at /rss.xml", async () => {
    const res = await get("/atom.xml");
    expect(res.headers.get("content-type")).toContain("application/atom+xml");
    const atom = await res.text();
    expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(atom).toContain("3号楼漏水维修费用分担评理");
    expect((atom.match(/<entry>/g) ?? []).length).toBe(server.services.portal.publications.list({ page: 1 }, 100).total);
    const rss = await (await get("/rss.xml")).text();
    expect(rss).toContain("<rss");
    const community = server.services.portal.publications.list({ page: 1 }).items[0].communityId;
    expect(await (await get(`/communities/${community}/atom.xml`)).text()).toContain("<entry>");
    expect((await get("/communities/99999/atom.xml")).status).toBe(404);
  });
});

describe("comments (留言) and moderation", () => {
  it("a comment is invisible until a mediator approves it; a hidden one never appears but is counted", async () => {
    const ruling = server.services.portal.publications.list({ kind: "ruling", page: 1 }).items[0];
    const page = `/hearings/${ruling.id}`;
    const post = (body: string, ip: string, extra: Record<string, string> = {}) =>
      // As the page's script posts it (single fetch); the address is the socket's, a header cannot change it.
      postForm(server, "/comments.data", { kind: "ruling", id: String(ruling.id), body, ...extra }, { "x-forwarded-for": ip });

    const visible = "这个结果我认为很公平，谢谢评理团。";
    const bad = "楼上那户人太坏了，大家去骂他。";
    expect((await post(visible, "10.0.0.1")).status).toBe(200);
    expect((await post(bad, "10.0.0.2")).status).toBe(200);
    expect(await html(page)).not.toContain(visible);

    // The honeypot and the length limit refuse, and store nothing.
    expect((await post("我是机器人写的内容", "10.0.0.3", { website: "http://spam" })).status).toBe(400);
    expect((await post("x".repeat(501), "10.0.0.3")).status).toBe(400);

    const mediator = await logInAs("mediator");
    const queue = await html("/manage/comments", { cookie: mediator });
    const idOf = (text: string) => Number(new RegExp(`data-comment-id="(\\d+)"(?:(?!data-comment-id).)*?${text.slice(0, 6)}`, "s").exec(queue)?.[1]);
    const okId = idOf(visible);
    const badId = idOf(bad);
    expect(okId).toBeGreaterThan(0);
    expect(badId).toBeGreaterThan(0);

    // A mediator of another community may not moderate it.
    const other = await logInAs("mediator2");
    expect((await postForm(server, "/manage/comments", { decision: "approve", commentId: String(okId) }, { cookie: other })).status).toBe(403);
    // The public may not either.
    expect((await postForm(server, "/manage/comments", { decision: "approve", commentId: String(okId) })).status).toBe(302);

    expect((await postForm(server, "/manage/comments", { decision: "approve", commentId: String(okId) }, { cookie: mediator })).status).toBe(200);
    expect((await postForm(server, "/manage/comments", { decision: "hide", commentId: String(badId) }, { cookie: mediator })).status).toBe(400); // a reason is required
    expect((await postForm(server, "/manage/comments", { decision: "hide", commentId: String(badId), reason: "人身攻击" }, { cookie: mediator })).status).toBe(200);

    // The anonymous copy of a published page may be up to a minute old (page cache): read a fresh render.
    const after = await html(`${page}?fresh=1`);
    expect(after).toContain(visible);
    expect(after).not.toContain(bad);
    expect(after).not.toContain("人身攻击");
    expect(after).toMatch(/data-testid="comments-hidden"[^>]*>另有 \d+ 条/);
    for (const surface of ["/atom.xml", "/rss.xml", `/search?q=${encodeURIComponent("骂他")}`, "/stats", "/reports"]) expect(await (await get(surface)).text()).not.toContain(bad);
  });

  it("limits comments per client", async () => {
    const ruling = server.services.portal.publications.list({ kind: "ruling", page: 1 }).items[0];
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await postForm(server, "/comments.data", { kind: "ruling", id: String(ruling.id), body: `第 ${i} 条留言内容` }, { "x-forwarded-for": `10.9.9.${i}` })).status,
      );
    // The earlier test used part of this client's allowance (3 per 10 minutes); a forged header does not reset it.
    expect(statuses).toContain(429);
    expect(statuses.slice(statuses.indexOf(429))).toEqual(statuses.slice(statuses.indexOf(429)).map(() => 429));
  });
});

describe("cached public pages vary by language", () => {
  it("sends Vary: Cookie and serves each language its own copy", async () => {
    const ruling = server.services.portal.publications.list({ kind: "ruling", page: 1 }).items[0];
    const zh = await get(`/hearings/${ruling.id}`);
    expect(zh.headers.get("cache-control")).toContain("public");
    expect(zh.headers.get("vary") ?? "").toMatch(/cookie/i);
    const res = await postForm(server, "/preferences", { intent: "language", lang: "en" });
    const prefs = cookieFrom(res, "civic_prefs")!;
    const en = await (await get(`/hearings/${ruling.id}`, { cookie: prefs })).text();
    const zhAgain = await (await get(`/hearings/${ruling.id}`)).text();
    expect(en).toContain('lang="en"');
    expect(en).toContain("Ruling");
    expect(zhAgain).toContain('lang="zh-CN"');
    expect(zhAgain).not.toContain(">Ruling<");
  });
});

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matters, representatives } from "../../db/schema";
import { parseCsv } from "../../server/pool/csv";
import { maskName } from "../../server/hearings/masking";
import { act, conveneCouncil, rules } from "../councils/support";
import { get, postCsv } from "../pool/http-helpers";
import { login, postForm, startTestServer, type TestServer } from "../support/server";

/**
 * Issue 12, item 1: a representative's real name is public only with a consent recorded in the pool —
 * on the record form or through the CSV import — otherwise the public sees 张某 · 居民代表.
 */
let server: TestServer;
let mediator: string;
let communityId: number;
const reps = () => server.services.db.select().from(representatives).where(eq(representatives.communityId, communityId)).all();
const rep = (id: number) => server.services.db.select().from(representatives).where(eq(representatives.id, id)).get()!;

beforeAll(async () => {
  server = await startTestServer();
  mediator = await login(server, "mediator");
  communityId = server.services.units.byKind("community")[0].id;
});
afterAll(async () => server?.close());

async function editForm(id: number, consent: boolean) {
  const r = rep(id);
  const fields: Record<string, string> = {
    intent: "update", name: r.name, phone: r.phone ?? "", unitId: String(r.unitId), category: r.category, nomination: r.nomination, publicNameConsentShown: "1",
    ...Object.fromEntries(Object.entries(r.features).map(([k, v]) => [`feature:${k}`, v])),
  };
  if (consent) fields.publicNameConsent = "on";
  return postForm(server, `/manage/pool/${id}`, fields, { cookie: mediator });
}

describe("consent to be named in public", () => {
  it("is recorded on the pool form, shown there, and withdrawn by unticking", async () => {
    const [a] = reps();
    expect(a.publicNameConsentAt).toBeNull();
    expect((await editForm(a.id, true)).status).toBe(302);
    const given = rep(a.id).publicNameConsentAt;
    expect(given).toBeInstanceOf(Date);
    const page = await (await get(server, `/manage/pool/${a.id}`, mediator)).text();
    expect(page).toMatch(/name="publicNameConsent" value="on" checked=""|checked="" name="publicNameConsent"|name="publicNameConsent"[^>]*checked/);
    expect(page).toContain("已同意公开姓名");
    // Saving again keeps the date of the consent; unticking withdraws it.
    await editForm(a.id, true);
    expect(rep(a.id).publicNameConsentAt).toEqual(given);
    await editForm(a.id, false);
    expect(rep(a.id).publicNameConsentAt).toBeNull();
  });

  it("travels through the CSV: exported as 是/否, imported from 同意公开姓名, a wrong value refused", async () => {
    const res = await get(server, `/manage/pool.csv?community=${communityId}`, mediator);
    const rows = parseCsv(new TextDecoder().decode(new Uint8Array(await res.arrayBuffer())).replace(/^\uFEFF/, "")).map((r) => r.fields);
    const col = rows[0].indexOf("public_name_consent");
    expect(col).toBeGreaterThan(0);
    expect(new Set(rows.slice(1).map((r) => r[col]))).toEqual(new Set(["否"]));
    const [b, c] = reps().slice(1, 3);
    const header = ["编号", "姓名", "单位", "类别", "产生方式", "同意公开姓名"];
    const line = (r: typeof b, consent: string) => [String(r.id), r.name, "和平社区", { deputy: "两代表一委员", professional: "专业人才", elder: "社会人士", resident: "居民代表" }[r.category], r.nomination === "self" ? "自荐" : "组织推荐", consent].join(",");
    const bad = await postCsv(server, `/manage/pool/import?community=${communityId}`, [header.join(","), line(b, "也许")].join("\r\n"), mediator);
    expect(await bad.text()).toContain("同意公开姓名应为 是 或 否");
    expect(rep(b.id).publicNameConsentAt).toBeNull();
    const okRes = await postCsv(server, `/manage/pool/import?community=${communityId}`, [header.join(","), line(b, "是"), line(c, "")].join("\r\n"), mediator);
    expect(okRes.status).toBe(200);
    expect(rep(b.id).publicNameConsentAt).toBeInstanceOf(Date);
    expect(rep(c.id).publicNameConsentAt).toBeNull();
  });

  it("names in public only the representative who consented", async () => {
    const [, b, c] = reps();
    expect(rep(b.id).publicNameConsentAt).not.toBeNull();
    expect(rep(c.id).publicNameConsentAt).toBeNull();
    expect((await act(server, mediator, "/manage/matters", { communityId: String(communityId), title: "同意公开测试事项", scope: "shared", difficulty: "normal", source: "visit", description: "", reportedAt: "2026-10-08" })).code).toBeNull();
    const matterId = server.services.db.select().from(matters).where(eq(matters.title, "同意公开测试事项")).get()!.id;
    const councilId = await conveneCouncil(server, mediator, { title: "同意公开测试议事会", inDays: 8, voters: [b.id, c.id] });
    expect((await act(server, mediator, `/manage/councils/${councilId}`, { intent: "addItem", matterId: String(matterId), proposal: "试行。", ...rules({ quorum: 1 }) })).code).toBeNull();
    expect((await act(server, mediator, `/manage/councils/${councilId}`, { intent: "announce" })).code).toBeNull();
    const notice = await (await get(server, `/councils/${councilId}`)).text();
    expect(notice).toContain(b.name);
    expect(notice).toContain(`${maskName(c.name)} · `);
    expect(notice).not.toContain(c.name);
  });
});

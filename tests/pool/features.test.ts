import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { login, postForm, startTestServer, type TestServer } from "../support/server";
import { demo, get } from "./http-helpers";

let server: TestServer;
let mediator: string;
let mediator2: string;
let d: ReturnType<typeof demo>;

beforeAll(async () => {
  server = await startTestServer();
  [mediator, mediator2] = await Promise.all([login(server, "mediator"), login(server, "mediator2")]);
  d = demo(server);
});
afterAll(async () => {
  await server?.close();
});

const features = () => server.services.pool.features(d.managerOf(d.heping.id), d.heping.id);
const reps = () => server.services.pool.list(d.managerOf(d.heping.id), d.heping.id).representatives;
const post = (fields: Record<string, string>, cookie = mediator) => postForm(server, `/manage/pool/features?community=${d.heping.id}`, fields, { cookie });

describe("pool features", () => {
  it("lists the configured features", async () => {
    const html = await (await get(server, "/manage/pool/features", mediator)).text();
    expect(html.replace(/<[^>]*>|<!-- -->/g, ""), "the heading names the community (marked as user content)").toContain("特征设置 · 和平社区");
    expect(html).toContain("年龄段");
  });

  it("adds a feature, with errors per field for a bad one", async () => {
    const bad = await post({ intent: "create", key: "Bad Key", label: "", values: "是、是" });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("代码只能用小写英文字母、数字和下划线");
    expect(html).toContain("此项必填");
    expect(html).toContain("可选值不能重复");
    const reserved = await post({ intent: "create", key: "category", label: "类别", values: "a" });
    expect(await reserved.text()).toContain("“category”已用于代表类别");
    const taken = await post({ intent: "create", key: "gender", label: "性别2", values: "a" });
    expect(await taken.text()).toContain("代码“gender”已被使用");

    const ok = await post({ intent: "create", key: "party_member", label: "党员", values: "是，否" });
    expect(ok.status).toBe(302);
    expect(features().find((f) => f.key === "party_member")).toMatchObject({ label: "党员", values: ["是", "否"] });
  });

  it("refuses to drop a value someone holds, then deletes the feature and everyone's value for it", async () => {
    const age = features().find((f) => f.key === "age")!;
    const inUse = await post({ intent: `edit:${age.id}`, key: "age", label: "年龄段", values: "18-39、40-59" });
    expect(inUse.status).toBe(400);
    expect(await inUse.text()).toMatch(/有 \d+ 位代表的取值为 60\+/);
    expect(features().find((f) => f.key === "age")!.values).toEqual(["18-39", "40-59", "60+"]);

    const relabel = await post({ intent: `edit:${age.id}`, key: "age", label: "年龄", values: "18-39、40-59、60+、80+" });
    expect(relabel.status).toBe(302);
    expect(features().find((f) => f.key === "age")).toMatchObject({ label: "年龄", values: ["18-39", "40-59", "60+", "80+"] });

    expect(reps().some((r) => "age" in r.features)).toBe(true);
    expect((await post({ intent: "delete", featureId: String(age.id) })).status).toBe(302);
    expect(features().some((f) => f.key === "age")).toBe(false);
    expect(reps().some((r) => "age" in r.features)).toBe(false);
  });

  it("refuses another community's mediator", async () => {
    const gender = features().find((f) => f.key === "gender")!;
    expect((await get(server, `/manage/pool/features?community=${d.heping.id}`, mediator2)).status).toBe(403);
    expect((await post({ intent: "delete", featureId: String(gender.id) }, mediator2)).status).toBe(403);
    // Through their own community's page, our feature ids are simply not found.
    const viaOwn = await postForm(server, `/manage/pool/features`, { intent: "delete", featureId: String(gender.id) }, { cookie: mediator2 });
    expect(viaOwn.status).toBe(404);
    expect(features().some((f) => f.key === "gender")).toBe(true);
  });
});

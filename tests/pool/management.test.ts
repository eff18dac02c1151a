import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shanghaiDay } from "../../server/pool/calendar";
import { login, postForm, startTestServer, type TestServer } from "../support/server";
import { demo, get } from "./http-helpers";

let server: TestServer;
let mediator: string;
let mediator2: string;
let rep01: string;
let d: ReturnType<typeof demo>;

beforeAll(async () => {
  server = await startTestServer();
  [mediator, mediator2, rep01] = await Promise.all([login(server, "mediator"), login(server, "mediator2"), login(server, "rep01")]);
  d = demo(server);
});
afterAll(async () => {
  await server?.close();
});

const pool = () => server.services.pool;
const reader = () => d.managerOf(d.heping.id);
const rep = (id: number) => pool().get(reader(), id);
const building = () => pool().units(reader(), d.heping.id).find((u) => u.kind === "building")!;
const idFrom = (res: Response) => Number(/\/manage\/pool\/(\d+)/.exec(res.headers.get("location") ?? "")![1]);

async function createOne(name: string) {
  const res = await postForm(
    server,
    "/manage/pool/new",
    { name, phone: "139 1234 5678", unitId: String(building().id), category: "professional", nomination: "self", "feature:gender": "female" },
    { cookie: mediator },
  );
  expect(res.status).toBe(302);
  return idFrom(res);
}

describe("the pool list", () => {
  it("shows the mediator's community, counts per category and the representatives", async () => {
    const res = await get(server, "/manage/pool", mediator);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.replace(/<[^>]*>|<!-- -->/g, ""), "the heading names the community (marked as user content)").toContain("议事代表库 · 和平社区");
    expect(html).toContain("两代表一委员");
    expect(html).toContain("在册共 30 人");
    const listing = pool().list(reader(), d.heping.id);
    expect(Object.values(listing.activeByCategory).reduce((a, b) => a + b, 0)).toBe(30);
    for (const r of listing.representatives.slice(0, 3)) expect(html).toContain(r.name);
    expect(html).not.toContain("光明社区");
  });

  it("filters by category, grid and search", async () => {
    const listing = pool().list(reader(), d.heping.id);
    const deputies = listing.representatives.filter((r) => r.category === "deputy");
    const html = await (await get(server, "/manage/pool?category=deputy", mediator)).text();
    expect(html).toContain(`共 ${deputies.length} 人`);
    const someone = listing.representatives[4];
    const byPhone = await (await get(server, `/manage/pool?q=${someone.phone}`, mediator)).text();
    expect(byPhone).toContain("共 1 人");
    expect(byPhone).toContain(someone.name);
    const grid = pool().units(reader(), d.heping.id).find((u) => u.kind === "grid")!;
    const inGrid = listing.representatives.filter((r) => r.gridId === grid.id).length;
    expect(await (await get(server, `/manage/pool?grid=${grid.id}`, mediator)).text()).toContain(`共 ${inGrid} 人`);
  });
});

describe("creating and editing a representative", () => {
  it("creates one and confirms it on the new page", async () => {
    const id = await createOne("测试新代表");
    const created = rep(id).representative;
    expect(created).toMatchObject({ name: "测试新代表", phone: "13912345678", category: "professional", nomination: "self", status: "active", communityId: d.heping.id });
    expect(created.features).toEqual({ gender: "female" });
    const html = await (await get(server, `/manage/pool/${id}?saved=created`, mediator)).text();
    expect(html).toContain("已新增代表");
    expect(html).toContain("近12个月参加评理团 0 次");
  });

  it("shows each invalid field's message in Chinese and creates nothing", async () => {
    const before = pool().list(reader(), d.heping.id).representatives.length;
    const res = await postForm(
      server,
      "/manage/pool/new",
      { name: "", phone: "abc", unitId: String(building().id), category: "nobody", nomination: "self" },
      { cookie: mediator },
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("此项必填");
    expect(html).toContain("电话号码格式不正确");
    expect(html).toContain("请选择代表类别");
    expect(pool().list(reader(), d.heping.id).representatives.length).toBe(before);
  });

  it("refuses a unit of another community and a feature value that is not configured", async () => {
    const otherUnit = pool().units(d.managerOf(d.guangming.id), d.guangming.id).find((u) => u.kind === "building")!;
    const base = { name: "某代表", phone: "", category: "resident", nomination: "organisation" };
    const wrongUnit = await postForm(server, "/manage/pool/new", { ...base, unitId: String(otherUnit.id) }, { cookie: mediator });
    expect(wrongUnit.status).toBe(400);
    expect(await wrongUnit.text()).toContain("请选择本社区的网格或楼栋");
    const wrongValue = await postForm(server, "/manage/pool/new", { ...base, unitId: String(building().id), "feature:gender": "unknown" }, { cookie: mediator });
    expect(wrongValue.status).toBe(400);
    expect(await wrongValue.text()).toContain("应为 female、male 之一");
  });

  it("edits the profile", async () => {
    const id = await createOne("待修改");
    const res = await postForm(
      server,
      `/manage/pool/${id}`,
      { intent: "update", name: "已修改", phone: "", unitId: String(building().id), category: "elder", nomination: "organisation", "feature:age": "60+" },
      { cookie: mediator },
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/manage/pool/${id}?tab=profile&saved=updated`);
    expect(rep(id).representative).toMatchObject({ name: "已修改", phone: null, category: "elder", nomination: "organisation", features: { age: "60+" } });
  });
});

describe("dynamic adjustment: suspend, reinstate, retire", () => {
  it("suspends with a reason and date, reinstates, retires", async () => {
    const id = await createOne("状态测试");
    const suspend = await postForm(server, `/manage/pool/${id}`, { intent: "suspend", reason: "外出务工半年", date: "2025-03-01" }, { cookie: mediator });
    expect(suspend.status).toBe(302);
    let r = rep(id).representative;
    expect(r).toMatchObject({ status: "suspended", statusReason: "外出务工半年" });
    expect(r.statusChangedAt?.toISOString()).toBe("2025-02-28T16:00:00.000Z"); // midnight in Shanghai
    const page = await (await get(server, `/manage/pool/${id}?tab=status&saved=suspended`, mediator)).text();
    expect(page).toContain("已暂停该代表");
    expect(page).toContain("外出务工半年");

    const again = await postForm(server, `/manage/pool/${id}`, { intent: "suspend", reason: "再次", date: "2025-03-02" }, { cookie: mediator });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("该代表当前的状态不能进行此操作");
    expect(rep(id).representative.statusReason).toBe("外出务工半年");

    expect((await postForm(server, `/manage/pool/${id}`, { intent: "reinstate", reason: "" }, { cookie: mediator })).status).toBe(302);
    r = rep(id).representative;
    expect(r).toMatchObject({ status: "active", statusReason: null });

    expect((await postForm(server, `/manage/pool/${id}`, { intent: "retire", reason: "迁出本社区", date: "2025-04-01" }, { cookie: mediator })).status).toBe(302);
    expect(rep(id).representative).toMatchObject({ status: "retired", statusReason: "迁出本社区" });
  });

  it("requires a reason and refuses a future date, changing nothing", async () => {
    const id = await createOne("原因测试");
    const noReason = await postForm(server, `/manage/pool/${id}`, { intent: "suspend", reason: " ", date: "2025-03-01" }, { cookie: mediator });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("此项必填");
    const dayAfterTomorrow = shanghaiDay(new Date(server.clock.now().getTime() + 2 * 24 * 60 * 60 * 1000));
    const future = await postForm(server, `/manage/pool/${id}`, { intent: "retire", reason: "搬家", date: dayAfterTomorrow }, { cookie: mediator });
    expect(future.status).toBe(400);
    expect(await future.text()).toContain("日期不能晚于今天");
    expect(rep(id).representative.status).toBe("active");
  });
});

describe("training records, unavailable dates and conflicts", () => {
  it("adds and removes each", async () => {
    const id = await createOne("记录测试");
    const other = await createOne("关联代表");
    const post = (fields: Record<string, string>) => postForm(server, `/manage/pool/${id}`, fields, { cookie: mediator });

    expect((await post({ intent: "addTraining", date: "2025-05-20", topic: "评理大会议事规则培训" })).status).toBe(302);
    expect((await post({ intent: "addDate", date: "2025-07-01" })).status).toBe(302);
    expect((await post({ intent: "addDate", date: "2025-06-15" })).status).toBe(302);
    expect((await post({ intent: "addConflict", kind: "relative", target: "person", personName: "张某某", note: "表亲" })).status).toBe(302);
    expect((await post({ intent: "addConflict", kind: "other", target: "representative", otherRepresentativeId: String(other) })).status).toBe(302);
    expect((await post({ intent: "addConflict", kind: "neighbour", target: "unit", unitId: String(building().id), personName: "ignored" })).status).toBe(302);

    let detail = rep(id);
    expect(detail.trainings).toEqual([expect.objectContaining({ date: "2025-05-20", topic: "评理大会议事规则培训" })]);
    expect(detail.representative.unavailableDates).toEqual(["2025-06-15", "2025-07-01"]);
    expect(detail.conflicts.map((c) => [c.kind, c.personName, c.otherRepresentativeId, c.unitId])).toEqual([
      ["relative", "张某某", null, null],
      ["other", null, other, null],
      ["neighbour", null, null, building().id],
    ]);

    const page = await (await get(server, `/manage/pool/${id}?tab=conflicts`, mediator)).text();
    expect(page).toContain("与 张某某");
    expect(page).toContain("与代表 关联代表");

    expect((await post({ intent: "addDate", date: "2025-02-30" })).status).toBe(400);
    expect((await post({ intent: "addConflict", kind: "relative", target: "person", personName: "" })).status).toBe(400);
    expect((await post({ intent: "addConflict", kind: "relative", target: "representative", otherRepresentativeId: String(id) })).status).toBe(400);

    expect((await post({ intent: "removeTraining", trainingId: String(detail.trainings[0].id) })).status).toBe(302);
    expect((await post({ intent: "removeDate", date: "2025-06-15" })).status).toBe(302);
    expect((await post({ intent: "removeConflict", conflictId: String(detail.conflicts[0].id) })).status).toBe(302);
    detail = rep(id);
    expect(detail.trainings).toEqual([]);
    expect(detail.representative.unavailableDates).toEqual(["2025-07-01"]);
    expect(detail.conflicts).toHaveLength(2);
  });
});

describe("who may manage the pool", () => {
  it("refuses a mediator of another community, and nothing changes", async () => {
    const id = await createOne("跨社区测试");
    expect((await get(server, `/manage/pool/${id}`, mediator2)).status).toBe(403);
    expect((await get(server, `/manage/pool?community=${d.heping.id}`, mediator2)).status).toBe(403);
    expect((await get(server, `/manage/pool.csv?community=${d.heping.id}`, mediator2)).status).toBe(403);
    const suspend = await postForm(server, `/manage/pool/${id}`, { intent: "suspend", reason: "越权", date: "2025-03-01" }, { cookie: mediator2 });
    expect(suspend.status).toBe(403);
    const edit = await postForm(
      server,
      `/manage/pool/${id}`,
      { intent: "update", name: "被篡改", unitId: String(building().id), category: "elder", nomination: "self" },
      { cookie: mediator2 },
    );
    expect(edit.status).toBe(403);
    const invalid = await postForm(server, `/manage/pool/${id}`, { intent: "update", name: "" }, { cookie: mediator2 });
    expect(invalid.status).toBe(403);
    const before = pool().list(reader(), d.heping.id).representatives.length;
    const create = await postForm(
      server,
      `/manage/pool/new?community=${d.heping.id}`,
      { name: "外来代表", unitId: String(building().id), category: "elder", nomination: "self" },
      { cookie: mediator2 },
    );
    expect(create.status).toBe(403);
    expect(rep(id).representative).toMatchObject({ name: "跨社区测试", status: "active" });
    expect(pool().list(reader(), d.heping.id).representatives.length).toBe(before);
    // Their own pool is still theirs.
    const own = await (await get(server, "/manage/pool", mediator2)).text();
    expect(own.replace(/<[^>]*>|<!-- -->/g, ""), "the heading names the community (marked as user content)").toContain("议事代表库 · 光明社区");
  });

  it("refuses a representative and sends an anonymous visitor to log in, changing nothing", async () => {
    const id = await createOne("权限测试");
    expect((await get(server, "/manage/pool", rep01)).status).toBe(403);
    expect((await get(server, `/manage/pool/${id}`, rep01)).status).toBe(403);
    expect((await postForm(server, `/manage/pool/${id}`, { intent: "retire", reason: "x", date: "2025-01-01" }, { cookie: rep01 })).status).toBe(403);
    const anonymous = await get(server, "/manage/pool");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    const anonymousPost = await postForm(server, `/manage/pool/${id}`, { intent: "retire", reason: "x", date: "2025-01-01" });
    expect(anonymousPost.status).toBe(302);
    expect(anonymousPost.headers.get("location")).toMatch(/^\/login/);
    expect((await get(server, "/manage/pool.csv")).status).toBe(302);
    expect(rep(id).representative.status).toBe("active");
  });
});

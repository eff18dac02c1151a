import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../server/pool/csv";
import { login, startTestServer, type TestServer } from "../support/server";
import { demo, get, postCsv } from "./http-helpers";

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

const list = () => server.services.pool.list(d.managerOf(d.heping.id), d.heping.id).representatives;
/** What a person would see of the pool: everything the CSV carries, by id. */
const snapshot = () =>
  list().map((r) => ({ id: r.id, name: r.name, phone: r.phone, unitId: r.unitId, category: r.category, nomination: r.nomination, status: r.status, features: r.features, dates: r.unavailableDates }));

async function exportCsv(): Promise<string> {
  const res = await get(server, `/manage/pool.csv?community=${d.heping.id}`, mediator);
  expect(res.status).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM, so Excel reads UTF-8
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}

describe("CSV export", () => {
  it("writes the community's pool with documented columns, Chinese labels and a UTF-8 BOM", async () => {
    const res = await get(server, `/manage/pool.csv?community=${d.heping.id}`, mediator);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="pool-\d+\.csv"; filename\*=UTF-8''/);
    const text = await exportCsv();
    const rows = parseCsv(text).map((r) => r.fields);
    expect(rows[0]).toEqual([
      "id",
      "name",
      "phone",
      "unit",
      "category",
      "nomination",
      "status",
      "status_reason",
      "status_date",
      "unavailable_dates",
      "public_name_consent",
      "feature:gender",
      "feature:age",
      "panels_last_12_months",
    ]);
    expect(rows).toHaveLength(1 + 30);
    const first = list()[0];
    expect(rows[1].slice(0, 7)).toEqual([String(first.id), first.name, first.phone, first.unitPath, expect.any(String), expect.any(String), "在册"]);
    expect(["两代表一委员", "专业人才", "社会人士", "居民代表"]).toContain(rows[1][4]);
    expect(text).not.toContain("光明社区");
  });
});

describe("CSV import", () => {
  it("round-trips an export unchanged", async () => {
    const before = snapshot();
    const res = await postCsv(server, `/manage/pool/import?community=${d.heping.id}`, await exportCsv(), mediator);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("导入成功：新增 0 人，更新 0 人，未变化 30 人");
    expect(snapshot()).toEqual(before);
  });

  it("updates rows by id, matches rows without id by phone, adds the rest; accepts codes and labels", async () => {
    const rows = parseCsv(await exportCsv()).map((r) => r.fields);
    const [header, first, second] = rows;
    const col = (name: string) => header.indexOf(name);
    const edited = [...first];
    edited[col("name")] = "改名测试";
    edited[col("unavailable_dates")] = "2025-08-01；2025-07-01";
    const byPhone = [...second];
    byPhone[col("id")] = "";
    byPhone[col("category")] = "deputy";
    const fresh = header.map(() => "");
    Object.assign(fresh, {
      [col("name")]: "新导入代表",
      [col("phone")]: "139-0000-7777",
      [col("unit")]: "第二网格 / 3号楼",
      [col("category")]: "专业人才",
      [col("nomination")]: "self",
      [col("feature:gender")]: "female",
    });
    const csv = [header, edited, byPhone, fresh].map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\n");
    const res = await postCsv(server, `/manage/pool/import?community=${d.heping.id}`, csv, mediator);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("导入成功：新增 1 人，更新 2 人，未变化 0 人");
    const now = list();
    expect(now.find((r) => r.id === Number(first[col("id")]))).toMatchObject({ name: "改名测试", unavailableDates: ["2025-07-01", "2025-08-01"] });
    expect(now.find((r) => r.id === Number(second[col("id")]))!.category).toBe("deputy");
    expect(now.find((r) => r.name === "新导入代表")).toMatchObject({ phone: "13900007777", category: "professional", nomination: "self", unitPath: "第二网格/3号楼", features: { gender: "female" }, status: "active" });
  });

  it("with one invalid row reports that row and column and changes nothing", async () => {
    const before = snapshot();
    const rows = parseCsv(await exportCsv()).map((r) => r.fields);
    const [header] = rows;
    const col = (name: string) => header.indexOf(name);
    rows[1][col("name")] = "不应写入";
    rows[2][col("category")] = "路人"; // spreadsheet row 3
    const newRow = header.map(() => "");
    Object.assign(newRow, { [col("name")]: "也不应写入", [col("unit")]: "第一网格/1号楼", [col("category")]: "resident", [col("nomination")]: "self" });
    rows.push(newRow);
    const csv = rows.map((r) => r.join(",")).join("\r\n");
    const res = await postCsv(server, `/manage/pool/import?community=${d.heping.id}`, csv, mediator);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("文件中有 1 处问题，未导入任何数据");
    expect(html).toContain("第 3 行");
    expect(html).toContain("类别应为 两代表一委员、专业人才、社会人士、居民代表 之一");
    expect(html).toContain(">category<");
    expect(snapshot()).toEqual(before);
  });

  it("reports every problem of every row: unknown unit, bad dates, duplicate, unknown id, reason for suspending", async () => {
    const header = "姓名,电话,单位,类别,产生方式,状态,状态原因,unavailable_dates,id";
    const csv = [
      header,
      "甲,13900001111,第九网格/9号楼,居民代表,自荐,,,,", // row 2: unit
      "乙,13900002222,第一网格/1号楼,居民代表,自荐,,,2025-13-01,", // row 3: date
      "丙,13900002222,第一网格/1号楼,居民代表,自荐,,,,", // row 4: same phone as row 3
      "丁,,第一网格/1号楼,居民代表,自荐,,,,99999", // row 5: id of nobody here
      "戊,,第一网格/1号楼,居民代表,自荐,暂停,,,", // row 6: suspended without a reason
    ].join("\n");
    const res = await postCsv(server, `/manage/pool/import?community=${d.heping.id}`, csv, mediator);
    expect(res.status).toBe(400);
    const html = await res.text();
    for (const text of [
      "第 2 行",
      "找不到网格/楼栋“第九网格/9号楼”",
      "第 3 行",
      "日期应写作 YYYY-MM-DD",
      "第 4 行",
      "与第 3 行是同一位代表",
      "第 5 行",
      "本社区没有 id 为 99999 的代表",
      "第 6 行",
      "暂停或退出时须填写原因",
    ])
      expect(html).toContain(text);
    expect(list().some((r) => ["甲", "乙", "丙", "丁", "戊"].includes(r.name))).toBe(false);
  });

  it("reports header problems on row 1", async () => {
    const res = await postCsv(server, `/manage/pool/import?community=${d.heping.id}`, "name,unit,category,colour,feature:height\n张三,第一网格,居民代表,红", mediator);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("第 1 行");
    expect(html).toContain("无法识别的列名");
    expect(html).toContain("本社区没有设置特征“height”");
    expect(html).toContain("缺少必需的列");
  });

  it("refuses a file that is not text and an empty upload", async () => {
    const noFile = await postCsv(server, `/manage/pool/import?community=${d.heping.id}`, "", mediator);
    expect(noFile.status).toBe(400);
    expect(await noFile.text()).toContain("请选择要上传的 CSV 文件");
    const garbage = new Uint8Array([0xff, 0xfe, 0xfd, 0x80, 0x81]).buffer;
    const res = await postCsv(server, `/manage/pool/import?community=${d.heping.id}`, garbage, mediator);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("文件不是 UTF-8 编码");
  });

  it("accepts a GBK file as saved by Excel on a Chinese Windows", async () => {
    const header = new TextEncoder().encode("name,unit,category,nomination\n");
    // 王五 in GBK, then ,第一网格 is spelled in ASCII-safe form by its path-free community name 和平社区 (GBK too).
    const wangwu = [0xcd, 0xf5, 0xce, 0xe5];
    const heping = [0xba, 0xcd, 0xc6, 0xbd, 0xc9, 0xe7, 0xc7, 0xf8];
    const row = [...wangwu, 0x2c, ...heping, ...new TextEncoder().encode(",resident,self\n")];
    const bytes = new Uint8Array([...header, ...row]);
    const res = await postCsv(server, `/manage/pool/import?community=${d.heping.id}`, bytes.buffer, mediator);
    expect(res.status).toBe(200);
    expect(list().find((r) => r.name === "王五")).toMatchObject({ unitPath: "和平社区", category: "resident" });
  });

  it("refuses another community's mediator before reading the file, and imports nothing", async () => {
    const before = snapshot();
    const res = await postCsv(server, `/manage/pool/import?community=${d.heping.id}`, "name,unit,category,nomination\n越权,和平社区,resident,self\n", mediator2);
    expect(res.status).toBe(403);
    expect(snapshot()).toEqual(before);
  });
});

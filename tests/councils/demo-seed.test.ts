import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyLogRecord, type LogRecord } from "../../server/ledger/chain";
import { startTestServer, type TestServer } from "../support/server";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe("the demo data's councils", () => {
  it("include a published resolution under implementation, with a supervisor's progress update, at its public URL", async () => {
    const { views } = server.services.councils;
    const implementing = views.publishedResolutions().filter((r) => r.status === "implementing");
    expect(implementing.length).toBeGreaterThan(0);
    const page = views.resolution({ kind: "anonymous" }, implementing[0].id);
    expect(page.progress.length).toBeGreaterThan(0);
    expect(page.progress[0].author).toBe("监委会周委员");

    const html = await (await fetch(`${server.url}/resolutions/${implementing[0].id}`)).text();
    expect(html).toContain("落实中");
    expect(html).toContain(page.progress.at(-1)!.note);
  });

  it("show a matter's rounds from failure to approval, and a council ready to be run live", async () => {
    const { views, lifecycle } = server.services.councils;
    const property = views.publishedResolutions().find((r) => r.title.includes("引入物业服务"))!;
    const rounds = views.resolution({ kind: "anonymous" }, property.id).rounds;
    expect(rounds.map((r) => [r.outcome, r.approvalRate])).toEqual([
      ["failed", 400],
      ["passed", 800],
    ]);
    expect(lifecycle.listPublic().some((c) => c.status === "announced" && c.scheduledAt > new Date())).toBe(true);
  });

  it("went through the services, so every ended council's record is a valid hash chain", async () => {
    const ended = server.services.councils.lifecycle.listPublic().filter((c) => c.status === "resolved");
    expect(ended.length).toBe(2);
    for (const c of ended) {
      const record = (await (await fetch(`${server.url}/councils/${c.id}/record.json`)).json()) as LogRecord;
      expect(await verifyLogRecord(record, sha256)).toMatchObject({ ok: true });
      expect(record.entries.map((e) => e.type)).toContain("resolution_published");
    }
  });
});

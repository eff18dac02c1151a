import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { representatives, users } from "../../db/schema";
import { login } from "../support/hearing-flow";
import { startTestServer, type TestServer } from "../support/server";
import { repId } from "../councils/support";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe("anonymising a representative on request (PIPL, docs/privacy.md)", () => {
  it("removes the name and phone from the pool and from the database file, and ends the login", async () => {
    const id = repId(server, "rep20");
    const before = server.services.db.select().from(representatives).where(eq(representatives.id, id)).get()!;
    server.services.db.update(representatives).set({ phone: "13611112222" }).where(eq(representatives.id, id)).run();
    const cookie = await login(server, "rep20");

    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/anonymise.ts", String(id)], {
      encoding: "utf8",
      env: { ...process.env, DATA_DIR: server.dataDir, LOG_LEVEL: "silent" },
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);

    const after = server.services.db.select().from(representatives).where(eq(representatives.id, id)).get()!;
    expect(after).toMatchObject({ name: "已匿名代表", phone: null, anonymisedAt: expect.any(Date) });
    expect(server.services.db.select().from(users).where(eq(users.id, before.userId!)).get()).toMatchObject({ displayName: "已匿名代表", disabledAt: expect.any(Date) });
    // The login is over.
    const me = await fetch(`${server.url}/me`, { headers: { cookie }, redirect: "manual" });
    expect(me.status).not.toBe(200);
    // Neither the main file nor the WAL keeps the old bytes (secure_delete, WAL truncated).
    const file = path.join(server.dataDir, "civic.sqlite");
    const bytes = Buffer.concat([fs.readFileSync(file), fs.existsSync(`${file}-wal`) ? fs.readFileSync(`${file}-wal`) : Buffer.alloc(0)]);
    expect(bytes.includes(Buffer.from("13611112222"))).toBe(false);
    expect(bytes.includes(Buffer.from(before.name))).toBe(false);

    const missing = spawnSync(process.execPath, ["--import", "tsx", "scripts/anonymise.ts", "999999"], { encoding: "utf8", env: { ...process.env, DATA_DIR: server.dataDir } });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("representative_not_found");
  });
});

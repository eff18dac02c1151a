// A page render that runs out of time (RENDER_TIMEOUT_MS, app/entry.server.tsx) is answered 503 with
// Retry-After and a short bilingual message, never a stack, and logged in one line with the path and
// no query string (issue 15 review). The real server as a child process, so that its log is read as
// an operator sees it; RENDER_TIMEOUT_MS=0 aborts every render at once (a render of the demo pages
// never takes long enough for a small positive limit to be reached reliably).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startChildServer, type ChildServer } from "../support/crash-server";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "civic-render-timeout-"));
const lines: string[] = [];
let child: ChildServer["process"] | null = null;
let server: ChildServer;

beforeAll(async () => {
  server = await startChildServer(dataDir, { env: { RENDER_TIMEOUT_MS: "0" }, onLine: (l) => lines.push(l), onSpawn: (p) => (child = p) });
}, 60_000);

afterAll(() => {
  child?.kill("SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("a render that times out", () => {
  it("answers 503 with Retry-After and a bilingual plain message, and logs one line with the path only", async () => {
    const res = await fetch(`${server.url}/login?redirectTo=%2Fmanage%2Fsecret-query`);
    const body = await res.text();
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(body).toContain("服务器繁忙，请稍后再试");
    expect(body).toContain("Server busy, please try again");
    expect(body).not.toMatch(/Error|\bat .+:\d+/);
    expect(body.length).toBeLessThan(200);

    await expect.poll(() => lines.filter((l) => l.includes('"render timed out"')).length).toBe(1);
    await new Promise((r) => setTimeout(r, 200)); // nothing else comes after it
    const errors = lines.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e.level === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ msg: "render timed out", path: "/login", ms: 0 });
    expect(JSON.stringify(errors[0])).not.toContain("secret-query");
    expect(errors[0]).not.toHaveProperty("err");
  });

  it("leaves the rest of the server answering: /healthz", async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

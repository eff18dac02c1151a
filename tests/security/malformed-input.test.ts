/**
 * No 500 for bad input (issue 14, item 10). Every route module of the app is found on disk — a new
 * route is covered without touching this file — and
 *  - every action gets malformed form posts (fast-check: the route's own field names and intents
 *    with hostile values, unknown intents, repeated keys, oversized text, broken JSON and multipart
 *    bodies) from an anonymous visitor and from each kind of account;
 *  - every page gets hostile path parameters and query strings.
 * None may answer 5xx or render the generic "server error" page: bad input gets a clear error.
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { login, startTestServer, type TestServer } from "../support/server";

const routesDir = path.join(__dirname, "../../app/routes");
const GENERIC_ERROR = "服务器出错";

type RouteModule = { file: string; source: string; pattern: string; hasAction: boolean; fields: string[]; intents: string[] };

/** Remix flat-route file name → URL pattern (`manage.hearings.$id.tsx` → `/manage/hearings/$id`). */
export function urlPattern(file: string): string {
  const base = file.replace(/\.tsx?$/, "").replace(/\[\.\]/g, "\u0000");
  const parts = base
    .split(".")
    .filter((p) => p !== "_index" && !p.startsWith("_"))
    .map((p) => p.replace(/\u0000/g, ".").replace(/_$/, ""));
  return `/${parts.join("/")}`.replace(/\/$/, "") || "/";
}

function routeModules(): RouteModule[] {
  return fs
    .readdirSync(routesDir)
    .filter((f) => /\.tsx?$/.test(f))
    .map((file) => {
      const source = fs.readFileSync(path.join(routesDir, file), "utf8");
      const names = (re: RegExp) => [...new Set([...source.matchAll(re)].map((m) => m[1]))];
      return {
        file,
        source,
        pattern: urlPattern(file),
        hasAction: /export\s+(async\s+)?(function|const)\s+action\b/.test(source),
        fields: names(/(?:name=["']|\.get(?:All)?\(["'])([A-Za-z_][\w.-]*)["']/g),
        intents: names(/(?:intent\s*===?\s*|z\.literal\(|name="intent"\s+value=)["']([\w:-]+)["']/g),
      };
    });
}

/** Hostile values for a path parameter, by its name. */
const paramValues: Record<string, string[]> = {
  default: ["1", "0", "-1", "abc", "99999999999999999999", "1e3", "%00", "..%2F..%2Fetc%2Fpasswd", "%E4%B8%AD"],
  token: ["bogus", "x".repeat(300), "%00", "..%2F"],
  sha: ["0".repeat(64), "zz", "..%2F..%2Fpackage.json"],
  period: ["2026-11", "2026-Q4", "9999-99", "abc", "-1"],
};
const valuesFor = (param: string) => paramValues[param] ?? paramValues.default;

/** Every concrete path of a pattern with each parameter set to each hostile value (one at a time). */
function paths(pattern: string): string[] {
  const params = [...pattern.matchAll(/\$(\w+)/g)].map((m) => m[1]);
  if (!params.length) return [pattern];
  const base = (except: string, v: string) => pattern.replace(/\$(\w+)/g, (_, p: string) => (p === except ? v : valuesFor(p)[0]));
  return [...new Set(params.flatMap((p) => valuesFor(p).map((v) => base(p, v))))];
}

const hostileText = fc.oneof(
  fc.constantFrom("", " ", "0", "-1", "NaN", "1e309", "99999999999999999999", "true", "null", "[]", "{}", "2026-13-45T99:99", "<script>alert(1)</script>", "\u0000", "'; drop table users; --", "x".repeat(70_000)),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
);

let server: TestServer;
const cookies: Record<string, string | undefined> = { anonymous: undefined };
const modules = routeModules();

beforeAll(async () => {
  server = await startTestServer({ env: { BUDGET_SESSION_RATE: "100000", BUDGET_SESSION_BURST: "100000", BUDGET_ANONYMOUS_RATE: "100000", BUDGET_ANONYMOUS_BURST: "100000" } });
  for (const who of ["admin", "mediator", "supervisor", "rep01"]) cookies[who] = await login(server, who).catch(() => undefined);
}, 60_000);
afterAll(async () => {
  await server?.close();
});

async function expectNo500(res: Response, what: string) {
  const body = await res.text();
  expect(res.status, `${what} answered ${res.status}: ${body.slice(0, 300)}`).toBeLessThan(500);
  expect(body.includes(GENERIC_ERROR), `${what} rendered the generic server-error page`).toBe(false);
}

function post(pathname: string, cookie: string | undefined, body: BodyInit, contentType?: string) {
  return fetch(server.url + pathname, {
    method: "POST",
    redirect: "manual",
    headers: { origin: server.url, ...(contentType ? { "content-type": contentType } : {}), ...(cookie ? { cookie } : {}) },
    body,
  });
}

describe("no input makes the app answer 500", () => {
  it("finds the app's routes and their actions on disk", () => {
    expect(modules.length).toBeGreaterThan(30);
    expect(modules.filter((m) => m.hasAction).length).toBeGreaterThan(10);
    expect(urlPattern("manage.hearings.$id.tsx")).toBe("/manage/hearings/$id");
    expect(urlPattern("hearings.$id.record[.]json.tsx")).toBe("/hearings/$id/record.json");
    expect(urlPattern("_index.tsx")).toBe("/");
  });

  for (const m of modules.filter((m) => m.hasAction)) {
    it(`every malformed post to ${m.pattern} gets a clear answer (${m.file})`, async () => {
      const target = paths(m.pattern)[0];
      // Fixed hostile bodies first: empty, broken JSON, broken multipart, unknown intent, repeated keys.
      for (const [who, cookie] of Object.entries(cookies)) {
        await expectNo500(await post(target, cookie, ""), `${who}: empty post to ${target}`);
        await expectNo500(await post(target, cookie, "{not json", "application/json"), `${who}: broken JSON to ${target}`);
        await expectNo500(await post(target, cookie, "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb", "multipart/form-data; boundary=x"), `${who}: broken multipart to ${target}`);
        await expectNo500(await post(target, cookie, "intent=%E2%80%AE__proto__&intent=x&%ZZ=1", "application/x-www-form-urlencoded"), `${who}: odd intent to ${target}`);
      }
      // Then generated posts with the route's own field names and intents.
      const field = fc.constantFrom(...(m.fields.length ? m.fields : ["value"]));
      const intent = m.intents.length ? fc.oneof(fc.constantFrom(...m.intents), hostileText) : hostileText;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...Object.keys(cookies)),
          fc.constantFrom(...paths(m.pattern)),
          intent,
          fc.array(fc.tuple(field, hostileText), { maxLength: 8 }),
          async (who, pathname, intentValue, pairs) => {
            const body = new URLSearchParams([["intent", intentValue], ...pairs]);
            await expectNo500(await post(pathname, cookies[who], body.toString(), "application/x-www-form-urlencoded"), `${who}: POST ${pathname} ${body.toString().slice(0, 200)}`);
          },
        ),
        { numRuns: 40 },
      );
    }, 120_000);
  }

  it("every page answers hostile path parameters and query strings without a 500", async () => {
    const queries = ["", "?page=-1", "?page=abc&community=x&kind=%00&from=2026-99-99&to=abc", "?q=" + encodeURIComponent("'\"<>%00".repeat(50)), "?redirectTo=//evil.example", "?hearing=abc&council=-1", "?lng=xx"];
    const requests = modules.flatMap((m) => paths(m.pattern).flatMap((pathname) => queries.flatMap((query) => ["anonymous", "mediator"].map((who) => ({ who, url: pathname + query })))));
    // Four at a time: enough to keep the server busy, not so many that a 2-core machine hits the
    // render's abort delay (a load artefact this test is not about).
    const queue = [...requests];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let r = queue.shift(); r; r = queue.shift())
          await expectNo500(await fetch(server.url + r.url, { redirect: "manual", headers: cookies[r.who] ? { cookie: cookies[r.who]! } : {} }), `${r.who}: GET ${r.url}`);
      }),
    );
  }, 180_000);
});

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hearings } from "../../db/schema";
import { connected, connectSocket, cookieFrom, login, postForm, startTestServer, type TestServer } from "../support/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe("one process, one port", () => {
  it("serves a Simplified Chinese home page", async () => {
    const res = await fetch(server.url + "/");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="zh-CN"');
    expect(html).toContain("有事好商量");
    // Scripts by nonce only, never eval().
    expect(res.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[^' ]+'(;|$)/);
    expect(res.headers.get("content-security-policy")).not.toMatch(/'unsafe-eval'|'unsafe-inline'[^;]*;script-src-attr/);
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });

  it("lets only /verify (and its worker's script) compile WebAssembly: 'wasm-unsafe-eval' nowhere else", async () => {
    const published = server.services.db.select({ id: hearings.id }).from(hearings).where(eq(hearings.status, "published")).get()!;
    for (const page of ["/", "/login", `/hearings/${published.id}`, "/rulings"]) {
      const res = await fetch(server.url + page);
      expect(res.status, page).toBe(200);
      const csp = res.headers.get("content-security-policy")!;
      expect(csp, page).toMatch(/script-src 'self' 'nonce-[^' ]+'(;|$)/);
      expect(csp, page).not.toContain("wasm-unsafe-eval");
    }
    // /verify re-solves the draw with HiGHS (Wasm) in a Web Worker; it may compile Wasm, still never eval().
    for (const page of ["/verify", "/verify-resolve.js"]) {
      const res = await fetch(server.url + page);
      expect(res.status, page).toBe(200);
      const csp = res.headers.get("content-security-policy")!;
      expect(csp, page).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'nonce-[^' ]+'(;|$)/);
      expect(csp, page).not.toMatch(/'unsafe-eval'/);
    }
  });

  it("answers /healthz after checking the database", async () => {
    const res = await fetch(server.url + "/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("switches to English and back, remembering the choice in a cookie", async () => {
    const res = await postForm(server, "/preferences", { intent: "language", lang: "en", returnTo: "/" });
    expect(res.status).toBe(302);
    const prefs = cookieFrom(res, "civic_prefs")!;
    const html = await (await fetch(server.url + "/", { headers: { cookie: prefs } })).text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain("Decide together");
  });

  it("persists the large-text mode", async () => {
    const res = await postForm(server, "/preferences", { intent: "largeText", largeText: "true", returnTo: "/" });
    const prefs = cookieFrom(res, "civic_prefs")!;
    const html = await (await fetch(server.url + "/", { headers: { cookie: prefs } })).text();
    expect(html).toContain('data-large-text="true"');
  });
});

describe("login", () => {
  it("logs the demo mediator in with an HttpOnly, SameSite=Lax session cookie", async () => {
    const res = await postForm(server, "/login", { username: "mediator", password: "demo-password" });
    expect(res.status).toBe(302);
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("civic_session="))!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Secure/); // production
    const html = await (await fetch(server.url + "/", { headers: { cookie: cookieFrom(res)! } })).text();
    expect(html).toContain("陈调解");
  });

  it("refuses a wrong password with a clear message and no session", async () => {
    const res = await postForm(server, "/login", { username: "mediator", password: "wrong" });
    expect(res.status).toBe(400);
    expect(cookieFrom(res)).toBeNull();
    expect(await res.text()).toContain("用户名或密码不正确");
  });

  it("refuses an unknown user the same way", async () => {
    const res = await postForm(server, "/login", { username: "nobody", password: "demo-password" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("用户名或密码不正确");
  });

  it("rate-limits repeated attempts on one account, even with the right password afterwards", async () => {
    for (let i = 0; i < 10; i++) await postForm(server, "/login", { username: "rep40", password: "nope" });
    const res = await postForm(server, "/login", { username: "rep40", password: "demo-password" });
    expect(res.status).toBe(429);
    expect(cookieFrom(res)).toBeNull();
    expect(await res.text()).toContain("尝试次数过多");
  });

  it("lets a hall full of phones behind one address log in: only failures count per address", async () => {
    for (let i = 1; i <= 35; i++) await login(server, `rep${String((i % 30) + 1).padStart(2, "0")}`);
  });

  it("refuses a POST from a foreign origin and changes nothing", async () => {
    const res = await postForm(server, "/login", { username: "mediator", password: "demo-password" }, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect(cookieFrom(res)).toBeNull();
    const sites = await postForm(server, "/login", { username: "mediator", password: "demo-password" }, { origin: "", "sec-fetch-site": "cross-site" });
    expect(sites.status).toBe(403);
  });

  it("logs out only by POST and the old cookie stops working", async () => {
    const cookie = await login(server, "admin");
    const out = await postForm(server, "/logout", {}, { cookie });
    expect(out.status).toBe(302);
    const html = await (await fetch(server.url + "/", { headers: { cookie } })).text();
    expect(html).not.toContain("街道管理员");
  });
});

describe("socket.io handshake", () => {
  it("identifies a socket carrying the session cookie as that user", async () => {
    const cookie = await login(server, "mediator");
    const socket = connectSocket(server, { cookie, origin: server.url });
    await connected(socket);
    const res = await socket.emitWithAck("session:whoami", {});
    expect(res).toEqual({ ok: true, data: expect.objectContaining({ kind: "user", username: "mediator", roles: ["mediator"] }) });
    socket.close();
  });

  it("treats a socket without a session as an anonymous spectator", async () => {
    const socket = connectSocket(server);
    await connected(socket);
    expect(await socket.emitWithAck("session:whoami", {})).toEqual({ ok: true, data: { kind: "spectator" } });
    socket.close();
  });

  it("refuses a handshake from a foreign origin", async () => {
    const cookie = await login(server, "mediator");
    const socket = connectSocket(server, { cookie, origin: "https://evil.example" });
    await expect(connected(socket)).rejects.toThrow();
    socket.close();
  });

  it("rejects a malformed command with invalid_input", async () => {
    const socket = connectSocket(server);
    await connected(socket);
    // @ts-expect-error deliberately wrong payload
    expect(await socket.emitWithAck("session:whoami", { extra: 1 })).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    socket.close();
  });

  it("disconnects the sockets of a session on logout", async () => {
    const cookie = await login(server, "supervisor");
    const socket = connectSocket(server, { cookie, origin: server.url });
    await connected(socket);
    const ended = new Promise((resolve) => socket.on("session:ended", resolve));
    const gone = new Promise((resolve) => socket.on("disconnect", resolve));
    await postForm(server, "/logout", {}, { cookie });
    expect(await ended).toEqual({ reason: "logout" });
    await gone;
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connected, connectSocket, cookieFrom, postForm, startTestServer, type TestServer } from "../support/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const issue = (ttlMs?: number) =>
  server.services.invitations.issue({ purpose: "hearing_party", scopeId: 7, subjectId: 1, label: "张某（申请方）", createdBy: null, ttlMs });

describe("one-time invitation links", () => {
  it("shows a button on GET and spends the token only on POST", async () => {
    const inv = issue();
    const page = await fetch(`${server.url}/invite/${inv.token}`);
    expect(page.status).toBe(200);
    const res = await postForm(server, `/invite/${inv.token}`, {});
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/hearings/7/party");
    const cookie = cookieFrom(res)!;
    expect(cookie).toBeTruthy();

    // the session is scoped to the hearing and visible on the socket
    const socket = connectSocket(server, { cookie });
    await connected(socket);
    expect(await socket.emitWithAck("session:whoami", {})).toEqual({
      ok: true,
      data: { kind: "invitee", purpose: "hearing_party", scopeId: 7, label: "张某（申请方）" },
    });
    socket.close();
  });

  it("refuses a reused token with a clear error and no new session", async () => {
    const inv = issue();
    expect((await postForm(server, `/invite/${inv.token}`, {})).status).toBe(302);
    const again = await postForm(server, `/invite/${inv.token}`, {});
    expect(again.status).toBe(400);
    expect(cookieFrom(again)).toBeNull();
    expect(await again.text()).toContain("该邀请链接已经使用过");
  });

  it("refuses an expired token and leaves it unused", async () => {
    const inv = issue(60_000);
    server.clock.advance(2 * 60_000);
    const res = await postForm(server, `/invite/${inv.token}`, {});
    expect(res.status).toBe(400);
    expect(cookieFrom(res)).toBeNull();
    expect(await res.text()).toContain("邀请链接已过期");
  });

  it("refuses a forged token (right id, wrong secret)", async () => {
    const inv = issue();
    const forged = inv.token.split(".")[0] + "." + "a".repeat(24);
    const res = await postForm(server, `/invite/${forged}`, {});
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("邀请链接无效");
    // the genuine link still works: the forgery changed nothing
    expect((await postForm(server, `/invite/${inv.token}`, {})).status).toBe(302);
  });

  it("refuses redemption from a foreign origin and leaves the token usable", async () => {
    const inv = issue();
    const res = await postForm(server, `/invite/${inv.token}`, {}, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect((await postForm(server, `/invite/${inv.token}`, {})).status).toBe(302);
  });

  it("ends the party's session when the invitation is revoked", async () => {
    const inv = issue();
    const cookie = cookieFrom(await postForm(server, `/invite/${inv.token}`, {}))!;
    server.services.invitations.revoke(inv.id);
    const socket = connectSocket(server, { cookie });
    await connected(socket);
    expect(await socket.emitWithAck("session:whoami", {})).toEqual({ ok: true, data: { kind: "spectator" } });
    socket.close();
  });
});

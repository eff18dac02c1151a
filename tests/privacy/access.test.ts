import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions, users } from "../../db/schema";
import { cmd, consoleAction, ok } from "../support/hearing-flow";
import { startTestServer, type ClientSocket, type TestServer } from "../support/server";
import { hearingInCheckin, type DrivenHearing } from "./support";

/**
 * Issue 12, "access ends when it should": a socket keeps no identity its session has lost — expired,
 * user disabled, invitation revoked — and a party's access ends a set time after publication.
 */
let server: TestServer;
let h: DrivenHearing;
const DAY = 86_400_000;

const sessionIdOf = (cookie: string) => cookie.split("=")[1].split(".")[0];
/** Resolves with the reason when the server ends the socket's session. */
const ended = (s: ClientSocket) => new Promise<string>((resolve) => s.once("session:ended", ({ reason }) => resolve(reason)));

beforeAll(async () => {
  server = await startTestServer();
  h = await hearingInCheckin(server);
});
afterAll(async () => {
  h?.close();
  await server?.close();
});

describe("a socket's identity is checked on every command", () => {
  it("ends when the session has expired from inactivity", async () => {
    const juror = h.jurors[6];
    await ok(juror.socket, "hearing:join", { hearingId: h.hearingId });
    server.services.db.update(sessions).set({ lastVerifiedAt: new Date(Date.now() - 11 * DAY) }).where(eq(sessions.id, sessionIdOf(juror.cookie))).run();
    const reason = ended(juror.socket);
    expect(await cmd(juror.socket, "hearing:question", { hearingId: h.hearingId, text: "会话过期后还能提问吗？" })).toEqual({ ok: false, error: { code: "session_ended" } });
    expect(await reason).toBe("revoked");
  });

  it("ends when the user is disabled", async () => {
    const juror = h.jurors[5];
    await ok(juror.socket, "hearing:join", { hearingId: h.hearingId });
    server.services.db.update(users).set({ disabledAt: new Date() }).where(eq(users.username, juror.username)).run();
    expect(await cmd(juror.socket, "hearing:join", { hearingId: h.hearingId })).toEqual({ ok: false, error: { code: "session_ended" } });
  });

  it("ends, at once and for a used link too, when the mediator revokes a party's access", async () => {
    const party = h.parties[1];
    const partyId = (await h.state(h.mediator)).parties[1].id;
    expect((await h.state(party.socket)).role.kind).toBe("party");
    const reason = ended(party.socket);
    expect((await consoleAction(server, h.mediatorCookie, h.hearingId, { intent: "revokeParty", partyId: String(partyId) })).status).toBe(200);
    expect(await reason).toBe("revoked");
    const page = await fetch(`${server.url}/hearings/${h.hearingId}/party`, { headers: { cookie: party.cookie }, redirect: "manual" });
    expect(page.status).not.toBe(200);
  });
});

describe("party access after publication", () => {
  it("ends thirty days after the ruling is published", async () => {
    const { hearingId, mediator, jurors } = h;
    for (const to of ["opening", "statements", "evidence", "debate", "deliberation", "voting"]) await h.advance(to);
    const ballot = await ok<{ id: number }>(mediator, "ballot:open", {
      scope: "hearing", scopeId: hearingId, question: "责任如何认定？", options: [{ id: "a", label: "支持甲方" }, { id: "b", label: "支持乙方" }],
      secret: true, quorum: 3, threshold: "majority_cast", tieRule: "revote",
    });
    for (const j of jurors.slice(0, 5)) await ok(j.socket, "ballot:cast", { ballotId: ballot.id, optionId: "a", key: randomBytes(16).toString("hex") });
    await ok(mediator, "ballot:close", { ballotId: ballot.id });
    await h.advance("verdict");
    await ok(mediator, "hearing:ruling", { hearingId, reasons: "评理团多数支持甲方。", saying: "乙方承担维修费用。" });
    await ok(mediator, "hearing:close", { hearingId });
    await ok(mediator, "hearing:publish", { hearingId });

    const party = h.parties[0];
    // Used every nine days (so inactivity does not end it first), the link works for thirty days.
    for (let day = 9; day <= 27; day += 9) {
      server.clock.advance(9 * DAY);
      expect((await h.state(party.socket)).role.kind, `day ${day}`).toBe("party");
    }
    server.clock.advance(4 * DAY);
    expect(await cmd(party.socket, "hearing:join", { hearingId })).toEqual({ ok: false, error: { code: "session_ended" } });
  });
});

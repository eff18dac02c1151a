import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { hearingParties, panelSeats, representatives, users } from "../../db/schema";
import { principalFor } from "../../db/seed/principals";
import { partyCommitment } from "../../server/draw/protocol";
import { ok, partyCookie, socketFor } from "./hearing-flow";
import { login, startTestServer, type ClientSocket, type TestServer } from "./server";

const DAY = 86_400_000;

/**
 * The fixture of the evidence-before-the-hearing tests (issue 14, item 8), over HTTP and in the
 * browser: a real server with a 20 MB upload limit; an announced hearing eight days out with two
 * parties; the mediator's cookie and socket; each party's cookie (its invitation redeemed through the
 * console and the invitation page) and socket, in the order of the hearing's parties.
 */
export type EvidenceHearing = {
  server: TestServer;
  hearingId: number;
  mediatorCookie: string;
  mediator: ClientSocket;
  partyCookies: string[];
  partySockets: ClientSocket[];
  /** Closes the sockets, then the server (and its data directory). */
  close(): Promise<void>;
};

export async function startEvidenceHearing(): Promise<EvidenceHearing> {
  const server = await startTestServer({ env: { UPLOAD_LIMIT_MB: "20" } });
  const sockets: ClientSocket[] = [];
  const close = async () => {
    for (const s of sockets) s.close();
    await server.close();
  };
  try {
    const s = server.services;
    const chair = principalFor(s.db, "mediator");
    const hearingId = s.hearings.lifecycle.convene(chair, {
      communityId: chair.user.unitIds[0],
      matter: { title: "阳台漏水纠纷", description: "举证测试", scope: "private", difficulty: "normal", source: "visit" },
      title: "阳台漏水纠纷评理",
      place: "和平社区党群服务中心",
      scheduledAt: new Date(s.clock.now().getTime() + 8 * DAY),
      panelSize: 7,
      alternatesCount: 3,
      quotas: [],
      parties: [{ name: "王五" }, { name: "赵六" }],
    }).id;
    s.hearings.lifecycle.announce(chair, { hearingId });
    const mediatorCookie = await login(server, "mediator");
    const mediator = await socketFor(server, mediatorCookie);
    sockets.push(mediator);
    const partyCookies: string[] = [];
    const partySockets: ClientSocket[] = [];
    for (const p of s.db.select().from(hearingParties).where(eq(hearingParties.hearingId, hearingId)).all()) {
      const cookie = await partyCookie(server, mediatorCookie, hearingId, p.id);
      partyCookies.push(cookie);
      const socket = await socketFor(server, cookie);
      sockets.push(socket);
      partySockets.push(socket);
    }
    return { server, hearingId, mediatorCookie, mediator, partyCookies, partySockets, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Opens the draw, has both parties commit and reveal on their sockets, and draws the panel (services). */
export async function drawPanel(f: EvidenceHearing): Promise<void> {
  const s = f.server.services;
  const chair = principalFor(s.db, "mediator");
  await s.hearings.draw.open(chair, { hearingId: f.hearingId });
  const d = s.hearings.draw.publicState(f.hearingId)!;
  const kept: { value: string; salt: string }[] = [];
  for (const [i, socket] of f.partySockets.entries()) {
    const salt = randomBytes(32).toString("hex");
    const value = `骰子 ${i + 1}`;
    await ok(socket, "draw:commit", { hearingId: f.hearingId, commitment: await partyCommitment(d.openingHash, salt, value) });
    kept.push({ value, salt });
  }
  for (const [i, socket] of f.partySockets.entries()) await ok(socket, "draw:reveal", { hearingId: f.hearingId, ...kept[i] });
  await s.hearings.draw.draw(chair, f.hearingId);
}

/** Both parties waive their challenges and the chair starts early, with the reason recorded: check-in. */
export async function startHearing(f: EvidenceHearing): Promise<void> {
  for (const socket of f.partySockets) await ok(socket, "hearing:challenge_waive", { hearingId: f.hearingId });
  f.server.services.hearings.room.start(principalFor(f.server.services.db, "mediator"), { hearingId: f.hearingId, reason: "双方同意提前开始" });
}

/** The drawn jurors check in (services), then the chair moves on to 举证质证 over the socket. */
export async function checkInToEvidence(f: EvidenceHearing): Promise<void> {
  const { db, hearings } = f.server.services;
  const jurors = db
    .select({ username: users.username })
    .from(panelSeats)
    .innerJoin(representatives, eq(representatives.id, panelSeats.representativeId))
    .innerJoin(users, eq(users.id, representatives.userId))
    .where(and(eq(panelSeats.hearingId, f.hearingId), eq(panelSeats.role, "juror"), eq(panelSeats.status, "active")))
    .all();
  for (const j of jurors) hearings.room.checkIn(principalFor(db, j.username), f.hearingId);
  for (const to of ["opening", "statements", "evidence"]) await ok(f.mediator, "hearing:advance", { hearingId: f.hearingId, to });
}

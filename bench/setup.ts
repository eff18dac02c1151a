/**
 * The bench's data, written before the server starts, on its own temporary data directory:
 * the demo seed (as the server would run it on an empty database: community 和平社区, its mediator,
 * and the published hearing 1 whose ruling page is measured), extra representatives, and one hearing
 * per juror count driven through the services — convened, announced, drawn with the parties'
 * contributions, started, every juror checked in, advanced phase by phase to voting.
 *
 * Panels are odd and at most 21 (ConveneInput), so a 50-juror hearing draws 21 through the services
 * and the bench seats the other 29 directly in panel_seats (active jurors, checked in through the
 * service like everyone else). Sessions are created with the session service, not by logging in, so
 * the login rate limit does not apply; the socket sends `civic_session=<token>` like a browser.
 */
import { deviceCommitment } from "../server/hearings/draw-device";
import { seatPseudonym } from "../server/hearings/seat-pseudonym";
import { and, eq } from "drizzle-orm";
import { closeDatabase, openDatabase, type Db } from "../db/connection";
import { runMigrations } from "../db/migrate";
import { panelSeats, representativeCategories, representatives, users } from "../db/schema";
import { seedDemo } from "../db/seed/demo";
import { createRepresentative, createUser } from "../db/seed/factories";
import { principalFor } from "../db/seed/principals";
import type { Principal } from "../server/auth/principal";
import { SESSION_COOKIE } from "../server/auth/cookies";
import { loadEnv } from "../server/env";
import { createLiveHub } from "../server/live/hub";
import { createLogger } from "../server/log";
import { createServices, type Services } from "../server/services";

const DAY = 86_400_000;
/** Representatives the bench adds to the demo community's pool (30 demo + these ≥ 50 + alternates). */
const EXTRA_REPRESENTATIVES = 60;
const MAX_DRAWN_PANEL = 21;

/**
 * `seat`: how the project's public tally names this juror — the seat pseudonym ("J3", issue 12), never
 * the representative id — which is what a spectator's vote-to-spectator latency is matched against.
 */
export type BenchJuror = { userId: number; representativeId: number; seat: string; cookie: string };
export type BenchHearing = { hearingId: number; jurors: BenchJuror[] };
export type BenchData = {
  mediatorCookie: string;
  /** The demo seed's published hearing, whose ruling page /hearings/<id> is measured. */
  publishedHearingId: number;
  hearings: Map<number, BenchHearing>;
};

type SettableClock = { now(): Date; set(d: Date): void };

/** The services with a clock the setup can set, and the database open on `dataDir`. */
export function openBenchServices(dataDir: string) {
  const env = loadEnv({ NODE_ENV: "production", DATA_DIR: dataDir, SEED_DEMO: "true", LOG_LEVEL: "silent" });
  const db = openDatabase(env.databaseFile);
  runMigrations(db);
  let now = new Date();
  const clock: SettableClock = { now: () => now, set: (d) => void (now = d) };
  const log = createLogger("silent");
  const services = createServices({ db, clock, log, env, live: createLiveHub() });
  return { db, clock, services, log };
}

export async function prepareBenchData(dataDir: string, jurorCounts: number[]): Promise<BenchData> {
  const { db, clock, services, log } = openBenchServices(dataDir);
  try {
    await seedDemo(db, services, log);
    const mediator = principalFor(db, "mediator");
    addRepresentatives(db, mediator.user.unitIds[0]);
    const hearings = new Map<number, BenchHearing>();
    for (const n of [...new Set(jurorCounts)]) hearings.set(n, await votingHearing(db, services, clock, mediator, n));
    clock.set(new Date());
    const cookie = (userId: number) => `${SESSION_COOKIE}=${services.sessions.createForUser(userId)}`;
    for (const h of hearings.values()) for (const j of h.jurors) j.cookie = cookie(j.userId);
    const published = services.hearings.lifecycle.listForCommunities(mediator.user.unitIds).find((h) => h.publishedAt !== null);
    if (!published) throw new Error("the demo seed has no published hearing");
    return { mediatorCookie: cookie(mediator.user.id), publishedHearingId: published.id, hearings };
  } finally {
    closeDatabase(db);
  }
}

function addRepresentatives(db: Db, communityId: number): void {
  // A unit (building) of the community, as the demo representatives have.
  const unitId = db.select({ unitId: representatives.unitId }).from(representatives).where(eq(representatives.communityId, communityId)).get()!.unitId;
  db.transaction((tx) => {
    const t = tx as unknown as Db;
    for (let i = 1; i <= EXTRA_REPRESENTATIVES; i++) {
      const name = `评理员${String(i).padStart(2, "0")}`;
      const user = createUser(t, { username: `bench_r${String(i).padStart(2, "0")}`, displayName: name, passwordHash: "!", roles: ["representative"], unitIds: [communityId] });
      createRepresentative(t, {
        name,
        userId: user.id,
        unitId,
        communityId,
        category: representativeCategories[i % representativeCategories.length],
        features: { gender: i % 2 ? "male" : "female", age: ["18-39", "40-59", "60+"][i % 3] },
      });
    }
  });
}

function partyPrincipal(hearingId: number, partyId: number, label: string): Principal {
  return { kind: "invitee", sessionId: "bench", invitee: { invitationId: "bench", purpose: "hearing_party", scopeId: hearingId, subjectId: partyId, label } };
}

/** A hearing live in its voting phase with `n` checked-in jurors, through the services (see above). */
async function votingHearing(db: Db, services: Services, clock: SettableClock, mediator: Principal & { kind: "user" }, n: number): Promise<BenchHearing> {
  const { lifecycle, draw, room } = services.hearings;
  const communityId = mediator.user.unitIds[0];
  const realNow = Date.now();
  const panelSize = Math.min(n % 2 ? n : n - 1, MAX_DRAWN_PANEL);
  clock.set(new Date(realNow - 8 * DAY));
  const hearing = lifecycle.convene(mediator, {
    communityId,
    matter: { title: `性能测试纠纷（${n} 名评理员）`, description: "npm run bench 建立的评理大会。", scope: "private", difficulty: "normal", source: "visit" },
    title: `性能测试评理大会（${n} 名评理员）`,
    place: "和平社区党群服务中心二楼议事厅",
    scheduledAt: new Date(realNow),
    panelSize,
    alternatesCount: 0,
    quotas: [],
    parties: [{ name: "王建华" }, { name: "赵丽娟" }],
  });
  lifecycle.announce(mediator, { hearingId: hearing.id });
  clock.set(new Date(realNow - 30 * 60_000));
  await draw.open(mediator, { hearingId: hearing.id });
  const parties = lifecycle.parties(hearing.id);
  // Each party's device commits, then (once both have) reveals: draw protocol v2.
  const openingHash = draw.publicState(hearing.id)!.openingHash;
  const sides = [
    [partyPrincipal(hearing.id, parties[0].id, "甲方"), await deviceCommitment(openingHash, "3 1 4 1 5")],
    [partyPrincipal(hearing.id, parties[1].id, "乙方"), await deviceCommitment(openingHash, "性能测试")],
  ] as const;
  for (const [who, device] of sides) draw.commit(who, { hearingId: hearing.id, commitment: device.commitment });
  for (const [who, device] of sides) await draw.reveal(who, { hearingId: hearing.id, value: device.value, salt: device.salt });
  await draw.draw(mediator, hearing.id);

  const seated = () =>
    db
      .select({ representativeId: panelSeats.representativeId, userId: representatives.userId, position: panelSeats.position })
      .from(panelSeats)
      .innerJoin(representatives, eq(representatives.id, panelSeats.representativeId))
      .where(and(eq(panelSeats.hearingId, hearing.id), eq(panelSeats.role, "juror"), eq(panelSeats.status, "active")))
      .all();
  const drawn = seated();
  if (n > drawn.length) {
    // Beyond the largest panel a hearing can draw: seat the rest directly (documented in docs/performance.md).
    const taken = new Set(drawn.map((s) => s.representativeId));
    const extra = db
      .select({ id: representatives.id })
      .from(representatives)
      .where(eq(representatives.communityId, communityId))
      .all()
      .filter((r) => !taken.has(r.id))
      .slice(0, n - drawn.length);
    if (extra.length < n - drawn.length) throw new Error(`not enough representatives for ${n} jurors`);
    extra.forEach((r, i) => db.insert(panelSeats).values({ hearingId: hearing.id, representativeId: r.id, role: "juror", position: drawn.length + i }).run());
  }
  const jurors = seated().slice(0, n);
  if (jurors.length !== n) throw new Error(`hearing ${hearing.id} has ${jurors.length} jurors, wanted ${n}`);

  clock.set(new Date(realNow - 20 * 60_000));
  services.hearings.challenges.closeWindow(mediator, { hearingId: hearing.id });
  room.start(mediator, { hearingId: hearing.id, reason: "性能测试，提前开始" });
  for (const j of jurors) {
    const username = db.select({ username: users.username }).from(users).where(eq(users.id, j.userId!)).get()!.username;
    room.checkIn(principalFor(db, username), hearing.id);
  }
  for (const to of ["opening", "statements", "evidence", "debate", "deliberation", "voting"] as const) room.advance(mediator, { hearingId: hearing.id, to });
  return {
    hearingId: hearing.id,
    jurors: jurors.map((j) => ({ userId: j.userId!, representativeId: j.representativeId, seat: seatPseudonym("juror", j.position), cookie: "" })),
  };
}

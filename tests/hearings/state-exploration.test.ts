/**
 * Every state has a way forward (issue 14, item 1). fast-check drives a hearing through random
 * sequences of what the chair, the parties and the jurors may try — in any order, most of them
 * refused — against the real services on a real SQLite file. From each state reached, either
 *  - the chair alone reaches `cancelled` (or `published` once closed), or
 *  - with the people in the hall cooperating (parties waive, jurors check in and vote), the chair
 *    reaches `published` without cancelling: no dead end like "verdict without a ballot".
 * Any error other than a DomainError (a refusal with a code) fails the property.
 */
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ballots, hearingParties, hearings, panelSeats, representatives, users } from "../../db/schema";
import { principalFor } from "../../db/seed/principals";
import type { Principal } from "../../server/auth/principal";
import { partyCommitment } from "../../server/draw/protocol";
import { isDomainError } from "../../server/errors";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => {
  await server?.close();
});

const DAY = 86_400_000;

function partyPrincipal(hearingId: number, partyId: number): Principal {
  return { kind: "invitee", sessionId: "test", invitee: { invitationId: "test", purpose: "hearing_party", scopeId: hearingId, subjectId: partyId, label: "party" } };
}

/** The world of one hearing: its id and the principals who act in it. */
function world(hearingId: number) {
  const s = server.services;
  const db = s.db;
  const mediator = principalFor(db, "mediator");
  const hearing = () => db.select().from(hearings).where(eq(hearings.id, hearingId)).get()!;
  const parties = () => db.select().from(hearingParties).where(eq(hearingParties.hearingId, hearingId)).all();
  const seats = (role: "juror" | "alternate") =>
    db
      .select({ seat: panelSeats, username: users.username, userId: users.id })
      .from(panelSeats)
      .innerJoin(representatives, eq(representatives.id, panelSeats.representativeId))
      .innerJoin(users, eq(users.id, representatives.userId))
      .where(and(eq(panelSeats.hearingId, hearingId), eq(panelSeats.role, role), eq(panelSeats.status, "active")))
      .all();
  const lastBallot = () => db.select().from(ballots).where(and(eq(ballots.scope, "hearing"), eq(ballots.scopeId, hearingId))).orderBy(desc(ballots.id)).get();
  const options = [
    { id: "party_a", label: "支持甲方" },
    { id: "party_b", label: "支持乙方" },
    { id: "both", label: "双方均有责任" },
  ];
  const h = s.hearings;
  return { s, db, mediator, hearing, parties, seats, lastBallot, options, h };
}
type World = ReturnType<typeof world>;

/**
 * A party's device in the draw's commit–reveal (issue 11): it commits to a value with a fresh salt,
 * keeps both, and reveals them once every party has committed.
 */
const devices = new Map<string, { value: string; salt: string }>();
async function commitFor(w: World, p: { id: number; hearingId: number }, value: string) {
  const d = w.h.draw.publicState(p.hearingId);
  if (!d) return w.h.draw.commit(partyPrincipal(p.hearingId, p.id), { hearingId: p.hearingId, commitment: "0".repeat(64) });
  const salt = randomBytes(32).toString("hex");
  const result = w.h.draw.commit(partyPrincipal(p.hearingId, p.id), { hearingId: p.hearingId, commitment: await partyCommitment(d.openingHash, salt, value) });
  // The device keeps what it committed to only once the commitment is accepted: a refused second
  // commitment must not overwrite the value and salt of the first.
  devices.set(`${d.openingHash}:${p.id}`, { value, salt });
  return result;
}
function revealFor(w: World, p: { id: number; hearingId: number }) {
  const d = w.h.draw.publicState(p.hearingId);
  const kept = d && devices.get(`${d.openingHash}:${p.id}`);
  return w.h.draw.reveal(partyPrincipal(p.hearingId, p.id), { hearingId: p.hearingId, ...(kept ?? { value: "未承诺", salt: "0".repeat(64) }) });
}

/** One attempt; a refusal (DomainError) is a normal outcome, anything else is a defect. */
async function attempt(fn: () => unknown) {
  try {
    await fn();
  } catch (err) {
    if (!isDomainError(err)) throw err;
  }
}

/** The actions people may try, any time, in any order. */
const actions = (w: World): Record<string, (n: number) => unknown> => ({
  announce: (n) => w.h.lifecycle.announce(w.mediator, { hearingId: w.hearing().id, ...(n % 2 ? { shortNoticeReason: "邻里矛盾需尽快处理" } : {}) }),
  openDraw: () => w.h.draw.open(w.mediator, { hearingId: w.hearing().id }),
  commit: (n) => commitFor(w, w.parties()[n % 2], `骰子 ${n}`),
  reveal: (n) => revealFor(w, w.parties()[n % 2]),
  runDraw: () => w.h.draw.draw(w.mediator, w.hearing().id),
  challenge: (n) => {
    const p = w.parties()[n % 2];
    const d = w.h.draw.publicState(p.hearingId);
    const juror = (d?.record as { panel?: string[] } | null)?.panel?.[n % 7] ?? "R000";
    return w.h.challenges.file(partyPrincipal(p.hearingId, p.id), { hearingId: p.hearingId, juror, reason: "与我方有亲属关系" });
  },
  waive: (n) => {
    const p = w.parties()[n % 2];
    return w.h.challenges.waive(partyPrincipal(p.hearingId, p.id), { hearingId: p.hearingId });
  },
  decide: (n) => {
    const pending = w.h.challenges.list(w.hearing().id).find((c) => c.status === "pending");
    return pending && w.h.challenges.decide(w.mediator, { hearingId: w.hearing().id, requestId: pending.id, grant: n % 2 === 0, reason: "经审查决定" });
  },
  closeWindow: () => w.h.challenges.closeWindow(w.mediator, { hearingId: w.hearing().id }),
  start: (n) => w.h.room.start(w.mediator, { hearingId: w.hearing().id, ...(n % 2 ? { reason: "双方同意提前开始" } : {}) }),
  advance: () => {
    const h = w.hearing();
    const order = ["checkin", "opening", "statements", "evidence", "debate", "deliberation", "voting", "verdict"] as const;
    const next = h.phase ? order[order.indexOf(h.phase) + 1] : undefined;
    return next && w.h.room.advance(w.mediator, { hearingId: h.id, to: next });
  },
  checkIn: (n) => {
    const j = w.seats("juror")[n % 7];
    return j && w.h.room.checkIn(principalFor(w.db, j.username), w.hearing().id);
  },
  seatAlternate: () => w.h.alternates.seatAlternate(w.mediator, { hearingId: w.hearing().id }),
  openBallot: () => openBallot(w),
  vote: (n) => {
    const b = w.lastBallot();
    const j = w.seats("juror")[n % 7];
    return b && j && w.s.ballots.cast(principalFor(w.db, j.username), { ballotId: b.id, optionId: w.options[n % 3].id, key: randomBytes(16).toString("hex") });
  },
  closeBallot: () => {
    const b = w.lastBallot();
    return b && w.s.ballots.close(w.mediator, { ballotId: b.id });
  },
  runoff: () => w.h.runoff.openRunoff(w.mediator, { hearingId: w.hearing().id }),
  returnToVoting: () => w.h.runoff.returnToVoting(w.mediator, { hearingId: w.hearing().id, reason: "尚未表决" }),
  ruling: () => w.h.rulings.record(w.mediator, { hearingId: w.hearing().id, reasons: "多数评理员认为双方均有责任。", saying: "各退一步，共同维修。" }),
  close: () => w.h.rulings.close(w.mediator, w.hearing().id),
  adjourn: () => w.h.room && w.h.adjournment.adjourn(w.mediator, { hearingId: w.hearing().id, scheduledAt: new Date(w.s.clock.now().getTime() + 8 * DAY), place: "社区活动室", reason: "评理员未到齐" }),
  reschedule: () => w.h.adjournment.reschedule(w.mediator, { hearingId: w.hearing().id, scheduledAt: new Date(w.s.clock.now().getTime() + 9 * DAY), place: "社区活动室", reason: "场地冲突改期" }),
  passTime: () => server.clock.advance(DAY),
});

function openBallot(w: World) {
  const eligible = w.seats("juror").filter((j) => j.seat.checkedInAt).length;
  return w.s.ballots.open(w.mediator, {
    scope: "hearing",
    scopeId: w.hearing().id,
    itemId: null,
    question: "责任如何认定？",
    options: w.options,
    secret: true,
    quorum: Math.min(eligible, 3),
    threshold: "majority_cast",
    passOptionId: null,
    tieRule: "chair_decides",
    allowChange: false,
    timeLimitSeconds: null,
  });
}

/** The chair alone: cancel, or publish what is already closed. */
async function chairAlone(w: World) {
  const h = w.hearing();
  if (h.status === "closed") w.h.rulings.publish(w.mediator, h.id);
  else if (h.status !== "published" && h.status !== "cancelled") {
    const open = w.lastBallot();
    if (open?.status === "open") w.s.ballots.close(w.mediator, { ballotId: open.id });
    w.h.lifecycle.cancel(w.mediator, { hearingId: h.id, reason: "无法继续" });
  }
  return w.hearing().status;
}

/** The chair with everyone cooperating, never cancelling: one step at a time, at most 80 steps. */
async function cooperate(w: World, steps = 80) {
  for (let step = 0; step < steps; step++) {
    const h = w.hearing();
    if (h.status === "published") return "published";
    const id = h.id;
    switch (h.status) {
      case "draft":
        w.h.lifecycle.announce(w.mediator, { hearingId: id, shortNoticeReason: "邻里矛盾需尽快处理" });
        break;
      case "announced":
        await w.h.draw.open(w.mediator, { hearingId: id });
        break;
      case "drawing": {
        const d = w.h.draw.publicState(id)!;
        if (d.status === "collecting") {
          for (const p of w.parties()) await attempt(() => commitFor(w, p, "同意"));
          for (const p of w.parties()) await attempt(() => revealFor(w, p));
          await w.h.draw.draw(w.mediator, id);
          break;
        }
        for (const c of w.h.challenges.list(id).filter((c) => c.status === "pending")) w.h.challenges.decide(w.mediator, { hearingId: id, requestId: c.id, grant: false, reason: "理由不充分" });
        if (!h.challengeWindowClosedAt) for (const p of w.parties()) await attempt(() => w.h.challenges.waive(partyPrincipal(id, p.id), { hearingId: id }));
        w.h.room.start(w.mediator, { hearingId: id, reason: "各方到齐，提前开始" });
        break;
      }
      case "live": {
        const ballot = w.lastBallot();
        if (h.phase === "checkin") {
          for (const j of w.seats("juror")) w.h.room.checkIn(principalFor(w.db, j.username), id);
          w.h.room.advance(w.mediator, { hearingId: id, to: "opening" });
        } else if (ballot?.status === "open") {
          for (const j of w.seats("juror").filter((j) => ballot.eligible.includes(j.userId)))
            await attempt(() => w.s.ballots.cast(principalFor(w.db, j.username), { ballotId: ballot.id, optionId: "both", key: randomBytes(16).toString("hex") }));
          w.s.ballots.close(w.mediator, { ballotId: ballot.id });
        } else if (h.phase === "voting") {
          const decided = ballot?.status === "closed" && ballot.openedAt >= (h.startedAt ?? new Date(0));
          if (decided) w.h.room.advance(w.mediator, { hearingId: id, to: "verdict" });
          else openBallot(w);
        } else if (h.phase === "verdict") {
          if (!ballot || ballot.status !== "closed") w.h.runoff.returnToVoting(w.mediator, { hearingId: id, reason: "尚未表决" });
          else {
            const ruling = w.h.rulings.get(id);
            if (!ruling || ruling.ballotId !== ballot.id) w.h.rulings.record(w.mediator, { hearingId: id, reasons: "多数评理员认为双方均有责任。", saying: "各退一步。" });
            else w.h.rulings.close(w.mediator, id);
          }
        } else {
          const order = ["checkin", "opening", "statements", "evidence", "debate", "deliberation", "voting", "verdict"] as const;
          w.h.room.advance(w.mediator, { hearingId: id, to: order[order.indexOf(h.phase!) + 1] });
        }
        break;
      }
      case "closed":
        w.h.rulings.publish(w.mediator, id);
        break;
      case "cancelled":
        return "cancelled";
    }
  }
  return w.hearing().status;
}

let hearingsMade = 0;
/** A fresh hearing; fresh party names, so "already on a panel with this party" never empties the pool. */
async function newHearing(): Promise<number> {
  hearingsMade += 1;
  const s = server.services;
  const mediator = principalFor(s.db, "mediator");
  const h = s.hearings.lifecycle.convene(mediator, {
    communityId: mediator.user.unitIds[0],
    matter: { title: "楼道堆物纠纷", description: "性质测试", scope: "private", difficulty: "normal", source: "visit" },
    title: "楼道堆物纠纷评理",
    place: "和平社区党群服务中心",
    scheduledAt: new Date(s.clock.now().getTime() + 3 * DAY),
    panelSize: 7,
    alternatesCount: 3,
    quotas: [],
    parties: [{ name: `甲当事人${hearingsMade}` }, { name: `乙当事人${hearingsMade}` }],
  });
  return h.id;
}

describe("a hearing has a way forward from every reachable state", () => {
  const names = Object.keys(actions({} as World));
  const command = fc.tuple(fc.constantFrom(...names), fc.nat(20));

  it("the chair reaches published (with the hall cooperating) or cancelled (alone) from any state", async () => {
    const seen = new Set<string>();
    await fc.assert(
      // A random way into the procedure (k cooperative steps), then random attempts by anyone.
      fc.asyncProperty(fc.nat(26), fc.array(command, { maxLength: 40 }), fc.boolean(), async (k, commands, alone) => {
        const w = world(await newHearing());
        const act = actions(w);
        await cooperate(w, k);
        for (const [name, n] of commands) await attempt(() => act[name](n));
        const h = w.hearing();
        seen.add(`${h.status}/${h.phase ?? "-"}`);
        if (h.status === "cancelled") return;
        const end = alone ? await chairAlone(w) : await cooperate(w);
        expect(end, `from ${h.status}/${h.phase} the chair ${alone ? "alone" : "with the hall"} should finish`).toBe(alone && h.status !== "closed" && h.status !== "published" ? "cancelled" : "published");
      }),
      { numRuns: 40, endOnFailure: true },
    );
    // The exploration reached deep into the procedure, not only the notice.
    expect([...seen].some((s) => s.startsWith("live/")), `states seen: ${[...seen].join(", ")}`).toBe(true);
  }, 240_000);
});

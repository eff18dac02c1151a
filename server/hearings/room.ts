import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import {
  ballots,
  deliberationMessages,
  draws,
  hearingFloor,
  hearingParties,
  hearingPhases,
  hearings,
  jurorQuestions,
  panelSeats,
  speakingTime,
  transcriptEntries,
  type HearingPhase,
} from "../../db/schema";
import type { Principal } from "../auth/principal";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import { publicText, recordedText } from "../privacy/public-text";
import type { LedgerService } from "../ledger/ledger";
import type { LiveHub } from "../live/hub";
import type { MatterService } from "../matters/matters";
import { hearingRooms, loadHearing, requireChair, requireJuror, requireParty, roleIn, type Hearing } from "./access";
import { sideLabel } from "./masking";
import { jurorActorOf } from "./seat-pseudonym";
import { earlyStartReasonFor } from "../notice/start-rule";
import { floorPhases, hearingQuorum, nextPhase, questionPhases, statementPhases } from "./phases";

const id = z.number().int().positive();
export const AdvanceInput = z.object({ hearingId: id, to: z.enum(hearingPhases) });
export const FloorInput = z.object({ hearingId: id, partyId: id.nullable() });
export const TimerInput = z.object({ hearingId: id, action: z.enum(["start", "pause"]) });
export const StatementInput = z.object({ hearingId: id, text: z.string().trim().min(1).max(5000), partyId: id.optional() });
export const QuestionInput = z.object({ hearingId: id, text: z.string().trim().min(2).max(1000) });
export const PutQuestionInput = z.object({ hearingId: id, questionId: id, partyId: id.nullable(), dismiss: z.boolean().default(false) });
export const DeliberationInput = z.object({ hearingId: id, text: z.string().trim().min(1).max(2000) });
/** `reason`: why the chair starts earlier than the notice said (server/notice/start-rule.ts). */
export const StartInput = z.object({ hearingId: id, reason: z.string().trim().max(500).optional() }).strict();

type Deps = {
  db: Db;
  clock: Clock;
  ledger: LedgerService;
  live: LiveHub;
  matters: MatterService;
  /** The challenge procedure (server/hearings/challenges.ts): why the hearing may not start yet. */
  challenges?: { blockingStart(h: Hearing): string | null };
};

/**
 * The live room of a hearing: start, check-in, phase order, the floor and its timer, statements,
 * questions and the private deliberation channel. Every change is one transaction with its ledger
 * entry, then a broadcast to the audience allowed to see it.
 */
export function createHearingRoom({ db, clock, ledger, live, challenges }: Deps) {
  const actorOf = (principal: Principal) =>
    principal.kind === "user" ? { kind: "mediator" as const, id: principal.user.id, name: principal.user.displayName } : { kind: "system" as const };

  function requireLive(h: Hearing, phases?: readonly HearingPhase[]) {
    if (h.status !== "live" || !h.phase) throw new DomainError("wrong_status", { status: h.status });
    if (phases && !phases.includes(h.phase)) throw new DomainError("wrong_phase", { phase: h.phase });
  }

  function floorState(hearingId: number) {
    const f = db.select().from(hearingFloor).where(eq(hearingFloor.hearingId, hearingId)).get();
    const used = db.select().from(speakingTime).where(eq(speakingTime.hearingId, hearingId)).all();
    return {
      partyId: f?.partyId ?? null,
      phase: f?.phase ?? null,
      elapsedMs: f?.elapsedMs ?? 0,
      runningSince: f?.runningSince?.toISOString() ?? null,
      used: used.map((u) => ({ partyId: u.partyId, phase: u.phase, usedMs: u.usedMs })),
      serverTime: clock.now().toISOString(),
    };
  }

  /** Ends the current turn: adds its time to the party's use for that phase, clears the floor. */
  function settleFloor(hearingId: number) {
    const f = db.select().from(hearingFloor).where(eq(hearingFloor.hearingId, hearingId)).get();
    if (!f || f.partyId == null || !f.phase) return;
    const running = f.runningSince ? clock.now().getTime() - f.runningSince.getTime() : 0;
    const spent = f.elapsedMs + running;
    db.insert(speakingTime)
      .values({ hearingId, partyId: f.partyId, phase: f.phase, usedMs: spent })
      .onConflictDoUpdate({ target: [speakingTime.hearingId, speakingTime.partyId, speakingTime.phase], set: { usedMs: sql`${speakingTime.usedMs} + ${spent}` } })
      .run();
    db.update(hearingFloor).set({ partyId: null, phase: null, elapsedMs: 0, runningSince: null }).where(eq(hearingFloor.hearingId, hearingId)).run();
  }

  const emitFloor = (hearingId: number) => live.emit(hearingRooms.public(hearingId), "hearing:floor", floorState(hearingId));

  return {
    floorState,

    /** From a drawn panel to the live room, opening check-in. */
    start(principal: Principal, input: number | z.input<typeof StartInput>) {
      const data = StartInput.parse(typeof input === "number" ? { hearingId: input } : input);
      const hearingId = data.hearingId;
      const h = loadHearing(db, hearingId);
      const user = requireChair(roleIn(db, h, principal));
      const d = db.select().from(draws).where(eq(draws.hearingId, hearingId)).get();
      if (h.status !== "drawing" || d?.status !== "drawn") throw new DomainError("wrong_status", { status: h.status });
      const blocked = challenges?.blockingStart(h);
      if (blocked) throw new DomainError(blocked);
      // The notice is respected (issue 14): not earlier than announced unless a reason is recorded.
      const now = clock.now();
      const earlyStartReason = earlyStartReasonFor(h.scheduledAt, now, data.reason);
      db.transaction(() => {
        db.update(hearings).set({ status: "live", phase: "checkin", startedAt: now, earlyStartReason }).where(eq(hearings.id, hearingId)).run();
        db.insert(hearingFloor).values({ hearingId }).onConflictDoNothing().run();
        ledger.append("hearing", hearingId, "hearing_started", { kind: "mediator", id: user.id, name: user.displayName }, {
          phase: "checkin",
          scheduledAt: h.scheduledAt.toISOString(),
          startedAt: now.toISOString(),
          earlyStartReason,
        });
      });
      live.emit(hearingRooms.public(hearingId), "hearing:status", { status: "live", phase: "checkin" });
    },

    /** Only one step forward at a time; leaving check-in needs the quorum of jurors present. */
    advance(principal: Principal, input: z.input<typeof AdvanceInput>) {
      const data = AdvanceInput.parse(input);
      const h = loadHearing(db, data.hearingId);
      const user = requireChair(roleIn(db, h, principal));
      requireLive(h);
      if (nextPhase(h.phase!) !== data.to) throw new DomainError("phase_out_of_order", { from: h.phase, to: data.to });
      // The verdict is written on a closed vote: an open ballot must be closed (or time out) first.
      const openBallot = db.select({ id: ballots.id }).from(ballots).where(and(eq(ballots.scope, "hearing"), eq(ballots.scopeId, h.id), eq(ballots.status, "open"))).get();
      if (openBallot) throw new DomainError("ballot_still_open");
      if (h.phase === "checkin") {
        const present = db
          .select({ n: sql<number>`count(*)` })
          .from(panelSeats)
          .where(and(eq(panelSeats.hearingId, h.id), eq(panelSeats.role, "juror"), eq(panelSeats.status, "active"), sql`${panelSeats.checkedInAt} is not null`))
          .get()!.n;
        if (present < hearingQuorum(h.panelSize)) throw new DomainError("quorum_not_met", { present, needed: hearingQuorum(h.panelSize) });
      }
      db.transaction(() => {
        settleFloor(h.id);
        db.update(hearings).set({ phase: data.to }).where(eq(hearings.id, h.id)).run();
        ledger.append("hearing", h.id, "phase_changed", { kind: "mediator", id: user.id, name: user.displayName }, { from: h.phase, to: data.to });
      });
      live.emit(hearingRooms.public(h.id), "hearing:status", { status: "live", phase: data.to });
      emitFloor(h.id);
    },

    /** A juror checks in from their phone, during check-in (a latecomer may still check in later). */
    checkIn(principal: Principal, hearingId: number) {
      const h = loadHearing(db, hearingId);
      const juror = requireJuror(roleIn(db, h, principal));
      requireLive(h);
      if (juror.checkedIn) return { checkedIn: true };
      db.transaction(() => {
        db.update(panelSeats)
          .set({ checkedInAt: clock.now() })
          .where(and(eq(panelSeats.hearingId, hearingId), eq(panelSeats.representativeId, juror.representativeId)))
          .run();
        ledger.append("hearing", hearingId, "juror_checked_in", jurorActorOf(db, hearingId, juror.representativeId), {});
      });
      return { checkedIn: true };
    },

    /** The chair gives the floor to a party (or takes it back with null); the timer starts paused. */
    giveFloor(principal: Principal, input: z.input<typeof FloorInput>) {
      const data = FloorInput.parse(input);
      const h = loadHearing(db, data.hearingId);
      const user = requireChair(roleIn(db, h, principal));
      requireLive(h, floorPhases);
      if (data.partyId != null) {
        const party = db.select().from(hearingParties).where(and(eq(hearingParties.id, data.partyId), eq(hearingParties.hearingId, h.id))).get();
        if (!party) throw new DomainError("party_not_found");
      }
      db.transaction(() => {
        settleFloor(h.id);
        db.update(hearingFloor).set({ partyId: data.partyId, phase: data.partyId == null ? null : h.phase }).where(eq(hearingFloor.hearingId, h.id)).run();
        ledger.append("hearing", h.id, "floor_given", { kind: "mediator", id: user.id, name: user.displayName }, { partyId: data.partyId, phase: h.phase });
      });
      emitFloor(h.id);
      return floorState(h.id);
    },

    /** Start or pause the speaking timer; the server's clock is the only clock. */
    timer(principal: Principal, input: z.input<typeof TimerInput>) {
      const data = TimerInput.parse(input);
      const h = loadHearing(db, data.hearingId);
      const user = requireChair(roleIn(db, h, principal));
      requireLive(h, floorPhases);
      const f = db.select().from(hearingFloor).where(eq(hearingFloor.hearingId, h.id)).get();
      if (!f || f.partyId == null) throw new DomainError("no_floor");
      const now = clock.now();
      if (data.action === "start" && f.runningSince) return floorState(h.id);
      if (data.action === "pause" && !f.runningSince) return floorState(h.id);
      db.transaction(() => {
        if (data.action === "start") db.update(hearingFloor).set({ runningSince: now }).where(eq(hearingFloor.hearingId, h.id)).run();
        else
          db.update(hearingFloor)
            .set({ runningSince: null, elapsedMs: f.elapsedMs + (now.getTime() - f.runningSince!.getTime()) })
            .where(eq(hearingFloor.hearingId, h.id))
            .run();
        ledger.append("hearing", h.id, data.action === "start" ? "timer_started" : "timer_paused", { kind: "mediator", id: user.id, name: user.displayName }, { partyId: f.partyId });
      });
      emitFloor(h.id);
      return floorState(h.id);
    },

    /**
     * A party's written statement, or the chair's summary of a spoken one on a party's behalf
     * (parties without phones). Goes into the transcript with speaker, phase and time.
     */
    postStatement(principal: Principal, input: z.input<typeof StatementInput>) {
      const data = StatementInput.parse(input);
      const h = loadHearing(db, data.hearingId);
      const role = roleIn(db, h, principal);
      let partyId: number | null;
      let byMediator = false;
      if (role.kind === "chair") {
        requireLive(h, ["opening", ...floorPhases, "verdict"]);
        partyId = data.partyId ?? null;
        byMediator = partyId != null;
      } else {
        partyId = requireParty(role);
        requireLive(h, statementPhases);
        // The floor rule (issue 14): during statements only the party holding the floor posts.
        if (h.phase === "statements") {
          const floor = db.select({ partyId: hearingFloor.partyId }).from(hearingFloor).where(eq(hearingFloor.hearingId, h.id)).get();
          if (floor?.partyId !== partyId) throw new DomainError("not_your_floor");
        }
      }
      const party = partyId == null ? null : db.select().from(hearingParties).where(and(eq(hearingParties.id, partyId), eq(hearingParties.hearingId, h.id))).get();
      if (partyId != null && !party) throw new DomainError("party_not_found");
      const entry = db.transaction(() => {
        const row = db
          .insert(transcriptEntries)
          .values({ hearingId: h.id, phase: h.phase!, speakerKind: party ? "party" : "mediator", partyId, recordedByMediator: byMediator, text: data.text, createdAt: clock.now() })
          .returning()
          .get();
        ledger.append("hearing", h.id, "statement", party ? { kind: "party", id: party.id, name: `${sideLabel(party.position)} ${party.maskedName}` } : actorOf(principal), {
          phase: h.phase,
          recordedByMediator: byMediator,
          // Personal data typed into a statement is masked in public (issue 12); the row keeps the full text.
          ...recordedText(ledger, "hearing", h.id, `statement:${row.id}`, data.text),
        });
        return row;
      });
      const view = { id: entry.id, phase: entry.phase, speaker: party ? `${sideLabel(party.position)} ${party.maskedName}` : "主持人", partyId, recordedByMediator: byMediator, text: publicText(entry.text), at: entry.createdAt.toISOString() };
      live.emit(hearingRooms.public(h.id), "hearing:transcript", view);
      return view;
    },

    /** A juror's question goes to the chair's queue (evidence and debate only). */
    askQuestion(principal: Principal, input: z.input<typeof QuestionInput>) {
      const data = QuestionInput.parse(input);
      const h = loadHearing(db, data.hearingId);
      const juror = requireJuror(roleIn(db, h, principal));
      requireLive(h, questionPhases);
      const q = db.transaction(() => {
        const row = db.insert(jurorQuestions).values({ hearingId: h.id, representativeId: juror.representativeId, text: data.text, createdAt: clock.now() }).returning().get();
        ledger.append("hearing", h.id, "question_asked", jurorActorOf(db, h.id, juror.representativeId), { questionId: row.id });
        return row;
      });
      live.emit(hearingRooms.chair(h.id), "hearing:question", { id: q.id, text: q.text, status: q.status, at: q.createdAt.toISOString() });
      return { id: q.id };
    },

    /** The chair puts a queued question to a party (it enters the transcript) or dismisses it. */
    putQuestion(principal: Principal, input: z.input<typeof PutQuestionInput>) {
      const data = PutQuestionInput.parse(input);
      const h = loadHearing(db, data.hearingId);
      const user = requireChair(roleIn(db, h, principal));
      requireLive(h, questionPhases);
      const q = db.select().from(jurorQuestions).where(and(eq(jurorQuestions.id, data.questionId), eq(jurorQuestions.hearingId, h.id))).get();
      if (!q) throw new DomainError("question_not_found");
      if (q.status !== "queued") throw new DomainError("question_handled");
      const party = data.partyId == null ? null : db.select().from(hearingParties).where(and(eq(hearingParties.id, data.partyId), eq(hearingParties.hearingId, h.id))).get();
      if (!data.dismiss && !party) throw new DomainError("party_not_found");
      db.transaction(() => {
        db.update(jurorQuestions).set({ status: data.dismiss ? "dismissed" : "put", putToPartyId: party?.id ?? null }).where(eq(jurorQuestions.id, q.id)).run();
        ledger.append("hearing", h.id, data.dismiss ? "question_dismissed" : "question_put", { kind: "mediator", id: user.id, name: user.displayName }, {
          questionId: q.id,
          ...(data.dismiss ? {} : { to: `${sideLabel(party!.position)} ${party!.maskedName}`, ...recordedText(ledger, "hearing", h.id, `question:${q.id}`, q.text) }),
        });
        if (!data.dismiss)
          db.insert(transcriptEntries)
            .values({ hearingId: h.id, phase: h.phase!, speakerKind: "juror", partyId: party!.id, text: q.text, createdAt: clock.now() })
            .run();
      });
      live.emit(hearingRooms.chair(h.id), "hearing:question", { id: q.id, text: q.text, status: data.dismiss ? "dismissed" : "put" });
      if (!data.dismiss)
        live.emit(hearingRooms.public(h.id), "hearing:transcript", {
          phase: h.phase,
          speaker: "评理员提问",
          partyId: party!.id,
          recordedByMediator: false,
          text: `（向${sideLabel(party!.position)}）${publicText(q.text)}`,
          at: clock.now().toISOString(),
        });
    },

    /**
     * The jury's private channel. The public record holds only a keyed commitment to each message
     * (decision 008): a plain hash of a short message could be reversed by guessing.
     */
    deliberate(principal: Principal, input: z.input<typeof DeliberationInput>) {
      const data = DeliberationInput.parse(input);
      const h = loadHearing(db, data.hearingId);
      const role = roleIn(db, h, principal);
      if (role.kind !== "chair" && role.kind !== "juror") throw new DomainError("forbidden");
      requireLive(h, ["deliberation", "voting"]);
      const msg = db.transaction(() => {
        const row = db.insert(deliberationMessages).values({ hearingId: h.id, authorId: role.user.id, text: data.text, createdAt: clock.now() }).returning().get();
        ledger.append("hearing", h.id, "deliberation_message", role.kind === "chair" ? actorOf(principal) : jurorActorOf(db, h.id, role.representativeId), {
          commitment: ledger.commitment("hearing", h.id, "deliberation", data.text),
        });
        return row;
      });
      const view = { id: msg.id, author: role.kind === "chair" ? "主持人" : role.user.displayName, text: msg.text, at: msg.createdAt.toISOString() };
      live.emit(hearingRooms.jury(h.id), "hearing:deliberation", view);
      return view;
    },
  };
}

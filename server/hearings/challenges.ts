import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { challengeRequests, draws, hearingParties, hearings, panelSeats } from "../../db/schema";
import type { Principal } from "../auth/principal";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import type { LedgerService } from "../ledger/ledger";
import type { LiveHub } from "../live/hub";
import { hearingRooms, loadHearing, requireChair, requireParty, roleIn, type Hearing } from "./access";
import type { createDrawFlow } from "./draw-flow";
import { sideLabel } from "./masking";

const id = z.number().int().positive();
export const FileChallengeInput = z.object({ hearingId: id, juror: z.string().trim().min(1).max(40), reason: z.string().trim().min(2).max(500) }).strict();
export const DecideChallengeInput = z.object({ hearingId: id, requestId: id, grant: z.boolean(), reason: z.string().trim().min(2).max(500) }).strict();
export const HearingRef = z.object({ hearingId: id }).strict();

type Deps = { db: Db; clock: Clock; ledger: LedgerService; live: LiveHub; drawFlow: Pick<ReturnType<typeof createDrawFlow>, "replaceChallenged"> };

export type ChallengeRequestView = {
  id: number;
  partyId: number;
  side: string;
  kind: "challenge" | "waiver";
  juror: string | null;
  reason: string | null;
  status: "pending" | "granted" | "refused" | "waived";
  decisionReason: string | null;
  at: string;
};

/**
 * 申请回避 as a decided procedure (issue 14). After the draw and before the start, a challenge
 * window is open: each party (who sees the jurors' names and categories, server/hearings/views.ts)
 * may challenge up to `challengesPerParty` jurors with a reason, or waive. The mediator grants or
 * refuses each request with a reason; a granted one is replaced by the draw's rule (draw-flow.ts).
 * The hearing starts only when no request is pending and the window is closed or every party waived.
 */
export function createChallengeProcedure({ db, clock, ledger, live, drawFlow }: Deps) {
  function requireWindowOpen(h: Hearing) {
    const d = db.select({ status: draws.status }).from(draws).where(eq(draws.hearingId, h.id)).get();
    if (h.status !== "drawing" || d?.status !== "drawn") throw new DomainError("challenge_window_not_open");
    if (h.challengeWindowClosedAt) throw new DomainError("challenge_window_closed");
  }

  function list(hearingId: number): ChallengeRequestView[] {
    const parties = db.select().from(hearingParties).where(eq(hearingParties.hearingId, hearingId)).all();
    return db
      .select()
      .from(challengeRequests)
      .where(eq(challengeRequests.hearingId, hearingId))
      .orderBy(asc(challengeRequests.id))
      .all()
      .map((r) => ({
        id: r.id,
        partyId: r.partyId,
        side: sideLabel(parties.find((p) => p.id === r.partyId)?.position ?? 0),
        kind: r.kind,
        juror: r.juror,
        reason: r.reason,
        status: r.status,
        decisionReason: r.decisionReason,
        at: r.createdAt.toISOString(),
      }));
  }

  /** Only the parties and the chair hear about challenges (the panel room); never the public. */
  const broadcast = (hearingId: number) => live.emit(hearingRooms.panel(hearingId), "hearing:challenges", list(hearingId));

  function pseudonymsOfActiveJurors(hearingId: number): string[] {
    const d = db.select({ snapshot: draws.snapshot }).from(draws).where(eq(draws.hearingId, hearingId)).get();
    const seats = db
      .select({ representativeId: panelSeats.representativeId })
      .from(panelSeats)
      .where(and(eq(panelSeats.hearingId, hearingId), eq(panelSeats.role, "juror"), eq(panelSeats.status, "active")))
      .all();
    const byRep = new Map((d?.snapshot ?? []).map((m) => [m.representativeId, m.id]));
    return seats.map((s) => byRep.get(s.representativeId)).filter((x): x is string => !!x);
  }

  function partyRequests(hearingId: number, partyId: number) {
    return db.select().from(challengeRequests).where(and(eq(challengeRequests.hearingId, hearingId), eq(challengeRequests.partyId, partyId))).all();
  }

  /** Why the hearing may not start yet, or null when the challenge procedure is complete. */
  function blockingStart(h: Hearing): string | null {
    const requests = db.select().from(challengeRequests).where(eq(challengeRequests.hearingId, h.id)).all();
    if (requests.some((r) => r.status === "pending")) return "challenge_pending";
    if (h.challengeWindowClosedAt || h.challengesPerParty === 0) return null;
    const parties = db.select({ id: hearingParties.id }).from(hearingParties).where(eq(hearingParties.hearingId, h.id)).all();
    const done = (partyId: number) => {
      const mine = requests.filter((r) => r.partyId === partyId);
      return mine.some((r) => r.kind === "waiver") || mine.filter((r) => r.kind === "challenge").length >= h.challengesPerParty;
    };
    return parties.every((p) => done(p.id)) ? null : "challenge_window_open";
  }

  return {
    list,
    blockingStart,

    /** A party challenges a seated juror, with a reason; the mediator decides. */
    file(principal: Principal, input: z.input<typeof FileChallengeInput>) {
      const data = FileChallengeInput.parse(input);
      const h = loadHearing(db, data.hearingId);
      const partyId = requireParty(roleIn(db, h, principal));
      requireWindowOpen(h);
      if (!pseudonymsOfActiveJurors(h.id).includes(data.juror)) throw new DomainError("not_a_juror");
      const mine = partyRequests(h.id, partyId);
      if (mine.some((r) => r.kind === "waiver")) throw new DomainError("challenge_waived");
      const counted = mine.filter((r) => r.kind === "challenge" && r.status !== "refused").length;
      if (counted >= h.challengesPerParty) throw new DomainError("challenge_limit", { limit: h.challengesPerParty });
      if (mine.some((r) => r.juror === data.juror && r.status === "pending")) throw new DomainError("challenge_already_filed");
      db.transaction(() => {
        db.insert(challengeRequests)
          .values({ hearingId: h.id, partyId, kind: "challenge", juror: data.juror, reason: data.reason, status: "pending", createdAt: clock.now() })
          .run();
        ledger.append("hearing", h.id, "challenge_filed", { kind: "party", id: partyId }, { juror: data.juror, reason: data.reason });
      });
      broadcast(h.id);
      return list(h.id);
    },

    /** A party says it will not challenge (or no more): the window can close for it. */
    waive(principal: Principal, input: z.input<typeof HearingRef>) {
      const data = HearingRef.parse(input);
      const h = loadHearing(db, data.hearingId);
      const partyId = requireParty(roleIn(db, h, principal));
      requireWindowOpen(h);
      if (partyRequests(h.id, partyId).some((r) => r.kind === "waiver")) return list(h.id);
      db.transaction(() => {
        db.insert(challengeRequests).values({ hearingId: h.id, partyId, kind: "waiver", status: "waived", createdAt: clock.now() }).run();
        ledger.append("hearing", h.id, "challenge_waived", { kind: "party", id: partyId }, {});
      });
      broadcast(h.id);
      return list(h.id);
    },

    /** The mediator grants (the draw's rule replaces the juror) or refuses a request, with a reason. */
    decide(principal: Principal, input: z.input<typeof DecideChallengeInput>) {
      const data = DecideChallengeInput.parse(input);
      const h = loadHearing(db, data.hearingId);
      const user = requireChair(roleIn(db, h, principal));
      const request = db
        .select()
        .from(challengeRequests)
        .where(and(eq(challengeRequests.id, data.requestId), eq(challengeRequests.hearingId, h.id), eq(challengeRequests.kind, "challenge")))
        .get();
      if (!request) throw new DomainError("challenge_not_found");
      if (request.status !== "pending") throw new DomainError("challenge_decided");
      if (h.status !== "drawing") throw new DomainError("wrong_status", { status: h.status });
      db.transaction(() => {
        // The replacement first: if the draw has no valid replacement, nothing is recorded as granted.
        if (data.grant) drawFlow.replaceChallenged(h.id, request.partyId, { juror: request.juror!, reason: request.reason! });
        db.update(challengeRequests)
          .set({ status: data.grant ? "granted" : "refused", decisionReason: data.reason, decidedAt: clock.now() })
          .where(eq(challengeRequests.id, request.id))
          .run();
        ledger.append("hearing", h.id, data.grant ? "challenge_granted" : "challenge_refused", { kind: "mediator", id: user.id, name: user.displayName }, {
          juror: request.juror,
          reason: data.reason,
        });
      });
      broadcast(h.id);
      if (data.grant) live.emit(hearingRooms.public(h.id), "hearing:status", { status: h.status });
      return list(h.id);
    },

    /** The mediator closes the window (the parties had their chance); pending requests must be decided first. */
    closeWindow(principal: Principal, input: z.input<typeof HearingRef>) {
      const data = HearingRef.parse(input);
      const h = loadHearing(db, data.hearingId);
      const user = requireChair(roleIn(db, h, principal));
      requireWindowOpen(h);
      const pending = db
        .select({ id: challengeRequests.id })
        .from(challengeRequests)
        .where(and(eq(challengeRequests.hearingId, h.id), inArray(challengeRequests.status, ["pending"])))
        .get();
      if (pending) throw new DomainError("challenge_pending");
      db.transaction(() => {
        db.update(hearings).set({ challengeWindowClosedAt: clock.now() }).where(eq(hearings.id, h.id)).run();
        ledger.append("hearing", h.id, "challenge_window_closed", { kind: "mediator", id: user.id, name: user.displayName }, {});
      });
      live.emit(hearingRooms.public(h.id), "hearing:status", { status: h.status });
    },
  };
}

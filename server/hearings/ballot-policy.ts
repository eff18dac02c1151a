import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { preparedQuery } from "../../db/prepared";
import { panelSeats, representatives } from "../../db/schema";
import { requirePermission } from "../auth/permissions";
import type { Principal } from "../auth/principal";
import type { BallotScopePolicy } from "../ballots/policy";
import { DomainError } from "../errors";
import type { Actor } from "../ledger/ledger";
import { loadHearing } from "./access";
import { seatActor } from "./seat-pseudonym";

/**
 * The hearing's rules for the ballot engine (评理团现场投票, seed 001 §(四)3):
 * - the chair is a mediator of the hearing's community (`chair:session:own`);
 * - a ballot is opened, cast and closed only while the hearing is live in its voting phase;
 *   a tie may also be resolved in the verdict phase that follows;
 * - the voters are the active jurors who have checked in when the ballot opens;
 * - everyone watching the hearing (`hearing:<id>`) sees the tally.
 */
/** A user's juror seat in a hearing (any status): read on every vote, prepared once (issue 16). */
const jurorSeatOfUser = preparedQuery((db) =>
  db
    .select({
      representativeId: panelSeats.representativeId,
      role: panelSeats.role,
      position: panelSeats.position,
      status: panelSeats.status,
      checkedInAt: panelSeats.checkedInAt,
      consentToName: panelSeats.consentToName,
      name: representatives.name,
    })
    .from(panelSeats)
    .innerJoin(representatives, eq(representatives.id, panelSeats.representativeId))
    .where(and(eq(panelSeats.hearingId, sql.placeholder("hearingId")), eq(panelSeats.role, "juror"), eq(representatives.userId, sql.placeholder("userId"))))
    .prepare(),
);

export function createHearingBallotPolicy(db: Db): BallotScopePolicy {
  const load = (hearingId: number) => loadHearing(db, hearingId);

  function requirePhase(hearingId: number, phases: readonly string[]) {
    const h = load(hearingId);
    if (h.status !== "live" || !h.phase || !phases.includes(h.phase)) throw new DomainError("wrong_phase", { phase: h.phase });
    return h;
  }

  /** The voter's juror seat in this hearing (any status), via the representative linked to the user. */
  function seatOf(hearingId: number, userId: number) {
    return jurorSeatOfUser(db).get({ hearingId, userId });
  }

  /** A juror appears by seat pseudonym (never the representative id), and by name only with consent. */
  const jurorActor = seatActor;

  return {
    assertCanChair(principal: Principal, hearingId: number, action) {
      const h = load(hearingId);
      const user = requirePermission(principal, "chair:session:own", h.communityId);
      requirePhase(hearingId, action === "resolve_tie" ? ["voting", "verdict"] : ["voting"]);
      return user;
    },

    eligibleVoters(hearingId: number): number[] {
      return db
        .select({ userId: representatives.userId })
        .from(panelSeats)
        .innerJoin(representatives, eq(representatives.id, panelSeats.representativeId))
        .where(
          and(
            eq(panelSeats.hearingId, hearingId),
            eq(panelSeats.role, "juror"),
            eq(panelSeats.status, "active"),
            isNotNull(panelSeats.checkedInAt),
            isNotNull(representatives.userId),
          ),
        )
        .all()
        .map((r) => r.userId!);
    },

    assertCanVote(principal: Principal, hearingId: number, ballot) {
      if (principal.kind !== "user") throw new DomainError("unauthenticated");
      requirePhase(hearingId, ["voting"]);
      if (ballot.eligible.includes(principal.user.id)) return;
      // A more helpful code for a juror who arrived after the ballot opened than plain not_eligible.
      const seat = seatOf(hearingId, principal.user.id);
      if (seat && seat.status === "active" && seat.checkedInAt === null) throw new DomainError("not_checked_in");
      throw new DomainError("not_eligible");
    },

    publicRoom: (hearingId: number) => `hearing:${hearingId}`,

    /** Jurors appear by seat pseudonym (as in the hearing's other ledger entries), named only with consent. */
    voterActor(hearingId: number, userId: number): Actor {
      const seat = seatOf(hearingId, userId);
      return seat ? jurorActor(seat) : { kind: "juror" };
    },

    voterActors(hearingId: number, userIds: number[]): Map<number, Actor> {
      if (userIds.length === 0) return new Map();
      const seats = db
        .select({ userId: representatives.userId, role: panelSeats.role, position: panelSeats.position, consentToName: panelSeats.consentToName, name: representatives.name })
        .from(panelSeats)
        .innerJoin(representatives, eq(representatives.id, panelSeats.representativeId))
        .where(and(eq(panelSeats.hearingId, hearingId), eq(panelSeats.role, "juror"), inArray(representatives.userId, userIds)))
        .all();
      return new Map(seats.map((seat) => [seat.userId!, jurorActor(seat)]));
    },
  };
}

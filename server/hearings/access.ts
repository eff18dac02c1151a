import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { preparedQuery } from "../../db/prepared";
import { hearings, panelSeats, representatives } from "../../db/schema";
import type { Principal, SessionUser } from "../auth/principal";
import { userCan } from "../auth/permissions";
import { DomainError } from "../errors";

export type Hearing = typeof hearings.$inferSelect;

/** What a principal is in one hearing; decides what they see and may do. */
export type HearingRole =
  | { kind: "chair"; user: SessionUser }
  | { kind: "juror"; user: SessionUser; representativeId: number; checkedIn: boolean }
  | { kind: "party"; partyId: number }
  | { kind: "spectator" };

const hearingById = preparedQuery((db) => db.select().from(hearings).where(eq(hearings.id, sql.placeholder("id"))).prepare());

export function loadHearing(db: Db, id: number): Hearing {
  const h = hearingById(db).get({ id });
  if (!h) throw new DomainError("hearing_not_found");
  return h;
}

export function roleIn(db: Db, hearing: Hearing, principal: Principal): HearingRole {
  if (principal.kind === "invitee") {
    const inv = principal.invitee;
    return inv.purpose === "hearing_party" && inv.scopeId === hearing.id ? { kind: "party", partyId: inv.subjectId } : { kind: "spectator" };
  }
  if (principal.kind !== "user") return { kind: "spectator" };
  const user = principal.user;
  if (userCan(user, "chair:session:own", hearing.communityId)) return { kind: "chair", user };
  const seat = db
    .select({ representativeId: panelSeats.representativeId, checkedInAt: panelSeats.checkedInAt })
    .from(panelSeats)
    .innerJoin(representatives, eq(representatives.id, panelSeats.representativeId))
    .where(
      and(
        eq(panelSeats.hearingId, hearing.id),
        eq(panelSeats.role, "juror"),
        eq(panelSeats.status, "active"),
        eq(representatives.userId, user.id),
      ),
    )
    .get();
  if (seat) return { kind: "juror", user, representativeId: seat.representativeId, checkedIn: seat.checkedInAt != null };
  return { kind: "spectator" };
}

/**
 * Whether a hearing exists for anyone but its chair: a draft, and a draft cancelled before its notice
 * went out, were never public and answer exactly like a missing hearing on every surface (issue 12).
 */
export const everAnnounced = (h: Pick<Hearing, "status" | "announcedAt">) => h.status !== "draft" && h.announcedAt !== null;

/** The hearing as this principal may see it: a never-announced one is `hearing_not_found` unless they chair it. */
export function loadVisibleHearing(db: Db, id: number, principal: Principal): { hearing: Hearing; role: HearingRole } {
  const hearing = loadHearing(db, id);
  const role = roleIn(db, hearing, principal);
  if (!everAnnounced(hearing) && role.kind !== "chair") throw new DomainError("hearing_not_found");
  return { hearing, role };
}

export function requireChair(role: HearingRole): SessionUser {
  if (role.kind !== "chair") throw new DomainError("forbidden");
  return role.user;
}

export function requireParty(role: HearingRole): number {
  if (role.kind !== "party") throw new DomainError("forbidden");
  return role.partyId;
}

export function requireJuror(role: HearingRole) {
  if (role.kind !== "juror") throw new DomainError("forbidden");
  return role;
}

/** Rooms of a hearing: everyone / the panel (jurors, parties, chair) / the jury (jurors, chair) / the chair. */
export const hearingRooms = {
  public: (id: number) => `hearing:${id}`,
  panel: (id: number) => `hearing:${id}:panel`,
  jury: (id: number) => `hearing:${id}:jury`,
  chair: (id: number) => `hearing:${id}:chair`,
};

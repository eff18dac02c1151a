import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { councilItems, councilParticipants, councils } from "../../db/schema";
import type { Principal, SessionUser } from "../auth/principal";
import { userCan } from "../auth/permissions";
import { DomainError } from "../errors";
import type { Actor } from "../ledger/ledger";

export type Council = typeof councils.$inferSelect;
export type CouncilItem = typeof councilItems.$inferSelect;
export type CouncilParticipant = typeof councilParticipants.$inferSelect;

/**
 * What a principal is in one council; decides what they see and may do.
 * - chair: a mediator of the council's community (`chair:session:own`), whoever convened it;
 * - member: a logged-in participant (a representative, voting or not);
 * - guest: an invited stakeholder or resident who entered through a one-time link;
 * - spectator: everyone else, the public included.
 */
export type CouncilRole =
  | { kind: "chair"; user: SessionUser }
  | { kind: "member"; user: SessionUser; participant: CouncilParticipant }
  | { kind: "guest"; participant: CouncilParticipant }
  | { kind: "spectator" };

export function loadCouncil(db: Db, id: number): Council {
  const c = db.select().from(councils).where(eq(councils.id, id)).get();
  if (!c) throw new DomainError("council_not_found");
  return c;
}

export function loadItem(db: Db, councilId: number, itemId: number): CouncilItem {
  const item = db
    .select()
    .from(councilItems)
    .where(and(eq(councilItems.id, itemId), eq(councilItems.councilId, councilId)))
    .get();
  if (!item) throw new DomainError("item_not_found");
  return item;
}

export function roleIn(db: Db, council: Council, principal: Principal): CouncilRole {
  if (principal.kind === "invitee") {
    const inv = principal.invitee;
    if (inv.purpose !== "council_guest" || inv.scopeId !== council.id) return { kind: "spectator" };
    const participant = db
      .select()
      .from(councilParticipants)
      .where(and(eq(councilParticipants.id, inv.subjectId), eq(councilParticipants.councilId, council.id)))
      .get();
    return participant ? { kind: "guest", participant } : { kind: "spectator" };
  }
  if (principal.kind !== "user") return { kind: "spectator" };
  const user = principal.user;
  if (userCan(user, "chair:session:own", council.communityId)) return { kind: "chair", user };
  const participant = db
    .select()
    .from(councilParticipants)
    .where(and(eq(councilParticipants.councilId, council.id), eq(councilParticipants.userId, user.id)))
    .get();
  return participant ? { kind: "member", user, participant } : { kind: "spectator" };
}

/**
 * Whether a council exists for anyone but its chair: a draft, and a draft cancelled before its notice
 * went out, answer exactly like a missing council on every surface (issue 12).
 */
export const everAnnounced = (c: Pick<Council, "status" | "announcedAt">) => c.status !== "draft" && c.announcedAt !== null;

/** The council as this principal may see it: a never-announced one is `council_not_found` unless they chair it. */
export function loadVisibleCouncil(db: Db, id: number, principal: Principal): { council: Council; role: CouncilRole } {
  const council = loadCouncil(db, id);
  const role = roleIn(db, council, principal);
  if (!everAnnounced(council) && role.kind !== "chair") throw new DomainError("council_not_found");
  return { council, role };
}

export function requireChair(role: CouncilRole): SessionUser {
  if (role.kind !== "chair") throw new DomainError("forbidden");
  return role.user;
}

/** A member or a guest: someone on the council's participant list. */
export function requireParticipant(role: CouncilRole): CouncilParticipant {
  if (role.kind !== "member" && role.kind !== "guest") throw new DomainError("forbidden");
  return role.participant;
}

export const mediatorActor = (u: { id: number; displayName: string }): Actor => ({ kind: "mediator", id: u.id, name: u.displayName });

/**
 * How a participant appears in the record: by their participant number in this council (never a pool
 * id) and their public name — a representative's real name only with consent, a guest masked (issue 12).
 */
export function participantActor(p: Pick<CouncilParticipant, "id" | "kind">, publicName: string): Actor {
  return p.kind === "representative" ? { kind: "representative", id: p.id, name: publicName } : { kind: "public", id: p.id, name: publicName };
}

/** The council's one room: a council is a public meeting, so everyone watching sees the same events. */
export const councilRoom = (id: number) => `council:${id}`;

import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { representatives, units } from "../../db/schema";
import { requirePermission, unitsWhere } from "../auth/permissions";
import type { Principal, SessionUser } from "../auth/principal";
import { DomainError } from "../errors";

export const POOL_PERMISSION = "manage:pool:own";

export type Representative = typeof representatives.$inferSelect;
export type Unit = typeof units.$inferSelect;

/** Mediators manage the pool of their own communities only: `forbidden` for anyone else. */
export function requirePoolAccess(principal: Principal, communityId: number): SessionUser {
  return requirePermission(principal, POOL_PERMISSION, communityId);
}

/**
 * Loads a representative and checks the principal may manage that representative's community. The
 * community is read from the row, never from the request, so a crafted form cannot reach another pool.
 */
export function representativeFor(db: Db, principal: Principal, representativeId: number): Representative {
  if (principal.kind !== "user") throw new DomainError("unauthenticated");
  const row = db.select().from(representatives).where(eq(representatives.id, representativeId)).get();
  if (!row) throw new DomainError("not_found");
  requirePoolAccess(principal, row.communityId);
  return row;
}

/** The communities whose pool this user may manage, in id order (the first is the default). */
export function manageableCommunities(db: Db, user: SessionUser): Unit[] {
  const ids = unitsWhere(user, POOL_PERMISSION);
  if (ids.length === 0) return [];
  return db
    .select()
    .from(units)
    .where(inArray(units.id, ids))
    .orderBy(asc(units.id))
    .all()
    .filter((u) => u.kind === "community");
}

import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { preparedQuery } from "../../db/prepared";
import { roleGrants, userRoles, userUnits, type RoleName } from "../../db/schema";
import type { Grant } from "./principal";

/**
 * The roles a user holds, per unit, each with the units it covers (the unit and its descendants,
 * one recursive query). The unit tree is small (a street's communities, grids and buildings).
 */
// Read on every request and every signed-in socket command (the principal is rechecked): prepared once.
const grantCover = preparedQuery((db) =>
  db.$client.prepare<[number], { role: RoleName; unit_id: number; covered: number }>(`
    with recursive cover(role, unit_id, covered) as (
      select role, unit_id, unit_id from role_grants where user_id = ?
      union
      select c.role, c.unit_id, u.id from units u join cover c on u.parent_id = c.covered
    )
    select role, unit_id, covered from cover order by role, unit_id, covered`),
);

export function loadGrants(db: Db, userId: number): Grant[] {
  const rows = grantCover(db).all(userId);
  const byKey = new Map<string, Grant>();
  for (const r of rows) {
    const key = `${r.role}:${r.unit_id}`;
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = { role: r.role, unitId: r.unit_id, covers: [] }));
    g.covers.push(r.covered);
  }
  return [...byKey.values()];
}

/**
 * Writes a grant (idempotent) and keeps the legacy `user_roles` / `user_units` mirror in step, so code
 * and tests written before issue 13 that read those tables still see the user's roles and units.
 */
export function insertGrant(db: Db, input: { userId: number; role: RoleName; unitId: number; grantedBy?: number | null; at?: Date }): void {
  db.insert(roleGrants)
    .values({ userId: input.userId, role: input.role, unitId: input.unitId, grantedBy: input.grantedBy ?? null, grantedAt: input.at ?? new Date() })
    .onConflictDoNothing()
    .run();
  syncLegacyMirror(db, input.userId);
}

export function deleteGrant(db: Db, input: { userId: number; role: RoleName; unitId: number }): boolean {
  const res = db
    .delete(roleGrants)
    .where(and(eq(roleGrants.userId, input.userId), eq(roleGrants.role, input.role), eq(roleGrants.unitId, input.unitId)))
    .run();
  syncLegacyMirror(db, input.userId);
  return res.changes > 0;
}

function syncLegacyMirror(db: Db, userId: number): void {
  const grants = db.select().from(roleGrants).where(eq(roleGrants.userId, userId)).all();
  db.delete(userRoles).where(eq(userRoles.userId, userId)).run();
  db.delete(userUnits).where(eq(userUnits.userId, userId)).run();
  for (const role of new Set(grants.map((g) => g.role))) db.insert(userRoles).values({ userId, role }).run();
  for (const unitId of new Set(grants.map((g) => g.unitId))) db.insert(userUnits).values({ userId, unitId }).run();
}

/**
 * A database from before issue 13 has roles and units per user but no grants: give each user every
 * role in each of their units, which is exactly what the old check allowed. Runs at boot, once.
 */
export function backfillGrants(db: Db): number {
  const res = db.run(sql`
    insert or ignore into role_grants (user_id, role, unit_id, granted_at)
    select r.user_id, r.role, u.unit_id, ${Date.now()}
    from user_roles r join user_units u on u.user_id = r.user_id
    where not exists (select 1 from role_grants g where g.user_id = r.user_id)`);
  return res.changes;
}

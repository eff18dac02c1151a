import { eq } from "drizzle-orm";
import type { Principal } from "../../server/auth/principal";
import type { Db } from "../connection";
import { userRoles, users, userUnits } from "../schema";

/**
 * The principal of a demo user, so the seed acts through the same services (and authorisation, and
 * ledger) as a person in the browser instead of inserting rows behind their back.
 */
export function principalFor(db: Db, username: string): Principal & { kind: "user" } {
  const user = db.select().from(users).where(eq(users.username, username)).get();
  if (!user) throw new Error(`seed: no user ${username}`);
  const roles = db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, user.id)).all().map((r) => r.role);
  const unitIds = db.select({ unitId: userUnits.unitId }).from(userUnits).where(eq(userUnits.userId, user.id)).all().map((u) => u.unitId);
  return { kind: "user", sessionId: "seed", user: { id: user.id, username: user.username, displayName: user.displayName, roles, unitIds } };
}

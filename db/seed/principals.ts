import { eq } from "drizzle-orm";
import type { Principal } from "../../server/auth/principal";
import { loadGrants } from "../../server/auth/roles";
import type { Db } from "../connection";
import { users } from "../schema";

/**
 * The principal of a demo user, so the seed acts through the same services (and authorisation, and
 * ledger) as a person in the browser instead of inserting rows behind their back.
 */
export function principalFor(db: Db, username: string): Principal & { kind: "user" } {
  const user = db.select().from(users).where(eq(users.username, username)).get();
  if (!user) throw new Error(`seed: no user ${username}`);
  const grants = loadGrants(db, user.id);
  const roles = [...new Set(grants.map((g) => g.role))].sort();
  const unitIds = [...new Set(grants.map((g) => g.unitId))].sort((a, b) => a - b);
  return { kind: "user", sessionId: "seed", user: { id: user.id, username: user.username, displayName: user.displayName, roles, unitIds, grants } };
}

import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { invitations, sessions, userRoles, userUnits, users } from "../../db/schema";
import type { Clock } from "../clock";
import type { Principal } from "./principal";
import { newToken, secretMatches, splitToken } from "./tokens";

/** A session ends after this long without use (Lucia guide: inactivity timeout). */
export const INACTIVITY_TIMEOUT_MS = 10 * 24 * 60 * 60 * 1000;
/** How often lastVerifiedAt is written back, so validation is not a write per request. */
const ACTIVITY_CHECK_INTERVAL_MS = 60 * 60 * 1000;

export type SessionService = ReturnType<typeof createSessionService>;

export function createSessionService(db: Db, clock: Clock) {
  function insert(values: { userId?: number; invitationId?: string }): string {
    const t = newToken();
    const now = clock.now();
    db.insert(sessions)
      .values({ id: t.id, secretHash: t.secretHash, createdAt: now, lastVerifiedAt: now, ...values })
      .run();
    return t.token;
  }

  function loadUser(userId: number) {
    const user = db.select().from(users).where(eq(users.id, userId)).get();
    if (!user || user.disabledAt) return null;
    const roles = db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId)).all();
    const unitRows = db.select({ unitId: userUnits.unitId }).from(userUnits).where(eq(userUnits.userId, userId)).all();
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: roles.map((r) => r.role).sort(),
      unitIds: unitRows.map((u) => u.unitId).sort((a, b) => a - b),
    };
  }

  return {
    createForUser: (userId: number) => insert({ userId }),
    createForInvitation: (invitationId: string) => insert({ invitationId }),

    /** Resolves a cookie token to a principal; an unknown, forged or expired token is anonymous. */
    validate(token: string | undefined | null): Principal {
      const parts = token ? splitToken(token) : null;
      if (!parts) return { kind: "anonymous" };
      const row = db.select().from(sessions).where(eq(sessions.id, parts.id)).get();
      if (!row || !secretMatches(parts.secret, row.secretHash)) return { kind: "anonymous" };
      const now = clock.now().getTime();
      if (now - row.lastVerifiedAt.getTime() >= INACTIVITY_TIMEOUT_MS) {
        db.delete(sessions).where(eq(sessions.id, row.id)).run();
        return { kind: "anonymous" };
      }
      if (now - row.lastVerifiedAt.getTime() >= ACTIVITY_CHECK_INTERVAL_MS) {
        db.update(sessions).set({ lastVerifiedAt: new Date(now) }).where(eq(sessions.id, row.id)).run();
      }
      if (row.userId != null) {
        const user = loadUser(row.userId);
        return user ? { kind: "user", sessionId: row.id, user } : { kind: "anonymous" };
      }
      const inv = db.select().from(invitations).where(eq(invitations.id, row.invitationId!)).get();
      if (!inv || inv.revokedAt) return { kind: "anonymous" };
      // A party's access ends a set time after publication (issue 12, server/hearings/party-access.ts).
      if (inv.accessEndsAt && inv.accessEndsAt.getTime() <= now) return { kind: "anonymous" };
      return {
        kind: "invitee",
        sessionId: row.id,
        invitee: {
          invitationId: inv.id,
          purpose: inv.purpose,
          scopeId: inv.scopeId,
          subjectId: inv.subjectId,
          label: inv.label,
        },
      };
    },

    invalidate(sessionId: string): void {
      db.delete(sessions).where(eq(sessions.id, sessionId)).run();
    },

    invalidateAllForUser(userId: number): void {
      db.delete(sessions).where(eq(sessions.userId, userId)).run();
    },

    invalidateForInvitations(invitationIds: string[]): void {
      if (invitationIds.length === 0) return;
      db.delete(sessions).where(and(inArray(sessions.invitationId, invitationIds))).run();
    },
  };
}

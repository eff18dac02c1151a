import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { preparedQuery } from "../../db/prepared";
import { invitations, sessions, users } from "../../db/schema";
import type { Clock } from "../clock";
import type { Principal } from "./principal";
import { loadGrants } from "./roles";
import { newToken, secretMatches, splitToken } from "./tokens";

/** A session ends after this long without use (Lucia guide: inactivity timeout). */
export const INACTIVITY_TIMEOUT_MS = 10 * 24 * 60 * 60 * 1000;
/**
 * A representative's phone signed in by an activation slip stays signed in for a long time: they vote
 * a few times a year and have no password to fall back on. Revocable: re-issuing the slip ends it.
 */
export const DEVICE_INACTIVITY_TIMEOUT_MS = 400 * 24 * 60 * 60 * 1000;

export type SessionKind = "password" | "device";
export type SessionInfo = { id: string; kind: SessionKind; userAgent: string | null; createdAt: Date; lastSeenAt: Date };
/** How often lastVerifiedAt is written back, so validation is not a write per request. */
const ACTIVITY_CHECK_INTERVAL_MS = 60 * 60 * 1000;

export type SessionService = ReturnType<typeof createSessionService>;

// Every HTTP request and every signed-in socket command validates its session: prepared once (issue 16).
const sessionById = preparedQuery((db) => db.select().from(sessions).where(eq(sessions.id, sql.placeholder("id"))).prepare());
const userById = preparedQuery((db) => db.select().from(users).where(eq(users.id, sql.placeholder("id"))).prepare());

export function createSessionService(db: Db, clock: Clock) {
  function insert(values: { userId?: number; invitationId?: string; kind?: SessionKind; userAgent?: string | null }): string {
    const t = newToken();
    const now = clock.now();
    db.insert(sessions)
      .values({ id: t.id, secretHash: t.secretHash, createdAt: now, lastVerifiedAt: now, ...values, userAgent: values.userAgent?.slice(0, 300) ?? null })
      .run();
    return t.token;
  }

  function loadUser(userId: number) {
    const user = userById(db).get({ id: userId });
    if (!user || user.disabledAt) return null;
    const grants = loadGrants(db, userId);
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: [...new Set(grants.map((g) => g.role))].sort(),
      unitIds: [...new Set(grants.map((g) => g.unitId))].sort((a, b) => a - b),
      grants,
      mustChangePassword: user.mustChangePassword,
    };
  }

  return {
    createForUser: (userId: number, opts: { kind?: SessionKind; userAgent?: string | null } = {}) => insert({ userId, ...opts }),
    createForInvitation: (invitationId: string) => insert({ invitationId }),

    /** Resolves a cookie token to a principal; an unknown, forged or expired token is anonymous. */
    validate(token: string | undefined | null): Principal {
      const parts = token ? splitToken(token) : null;
      if (!parts) return { kind: "anonymous" };
      const row = sessionById(db).get({ id: parts.id });
      if (!row || !secretMatches(parts.secret, row.secretHash)) return { kind: "anonymous" };
      const now = clock.now().getTime();
      const timeout = row.kind === "device" ? DEVICE_INACTIVITY_TIMEOUT_MS : INACTIVITY_TIMEOUT_MS;
      if (now - row.lastVerifiedAt.getTime() >= timeout) {
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

    /** Ends every session of a user; returns their ids so the caller can disconnect their sockets. */
    invalidateAllForUser(userId: number, except?: string): string[] {
      const ids = db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId)).all().map((r) => r.id).filter((id) => id !== except);
      if (ids.length) db.delete(sessions).where(inArray(sessions.id, ids)).run();
      return ids;
    },

    /** A user's own sessions, newest activity first ("my sessions": device and last seen). */
    listForUser(userId: number): SessionInfo[] {
      return db
        .select({ id: sessions.id, kind: sessions.kind, userAgent: sessions.userAgent, createdAt: sessions.createdAt, lastSeenAt: sessions.lastVerifiedAt })
        .from(sessions)
        .where(eq(sessions.userId, userId))
        .orderBy(desc(sessions.lastVerifiedAt))
        .all();
    },

    /** Ends one of the user's sessions; false if it is not theirs (nothing changes). */
    invalidateOwn(userId: number, sessionId: string): boolean {
      return db.delete(sessions).where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId))).run().changes > 0;
    },

    invalidateForInvitations(invitationIds: string[]): void {
      if (invitationIds.length === 0) return;
      db.delete(sessions).where(and(inArray(sessions.invitationId, invitationIds))).run();
    },
  };
}

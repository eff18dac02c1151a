import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { passwordLinks, users } from "../../db/schema";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import { parseInput } from "../pool/schemas";
import { NewPassword } from "./accounts";
import { hashPassword } from "./password";
import type { SessionService } from "./sessions";
import { newToken, secretMatches, splitToken } from "./tokens";

export const PASSWORD_LINK_TTL_MS = 3 * 24 * 60 * 60 * 1000;
/** The password of an account that has none yet: no argon2 hash, so no password ever matches it. */
export const NO_PASSWORD = "!";

export type PasswordLinkService = ReturnType<typeof createPasswordLinkService>;

/**
 * One-time set-password links (issue 13): a new account's first password and an administrator's
 * reset. The administrator hands the link over; they never see or choose the password. Issuing a new
 * link revokes the user's earlier unused ones. GET shows the form; only the POST spends the link
 * (chat apps fetch links for previews).
 */
export function createPasswordLinkService(db: Db, clock: Clock, sessions: SessionService) {
  function find(token: string) {
    const parts = splitToken(token);
    if (!parts) throw new DomainError("password_link_invalid");
    const link = db.select().from(passwordLinks).where(eq(passwordLinks.id, parts.id)).get();
    if (!link || !secretMatches(parts.secret, link.secretHash)) throw new DomainError("password_link_invalid");
    if (link.revokedAt) throw new DomainError("password_link_revoked");
    if (link.usedAt) throw new DomainError("password_link_used");
    if (link.expiresAt.getTime() <= clock.now().getTime()) throw new DomainError("password_link_expired");
    return link;
  }

  return {
    /** Call inside the caller's transaction (with its audit entry). */
    issue(tx: Db, input: { userId: number; purpose: "setup" | "reset"; createdBy: number | null }): { token: string; expiresAt: Date } {
      const now = clock.now();
      tx.update(passwordLinks)
        .set({ revokedAt: now })
        .where(and(eq(passwordLinks.userId, input.userId), isNull(passwordLinks.usedAt), isNull(passwordLinks.revokedAt)))
        .run();
      const t = newToken();
      const expiresAt = new Date(now.getTime() + PASSWORD_LINK_TTL_MS);
      tx.insert(passwordLinks)
        .values({ id: t.id, secretHash: t.secretHash, userId: input.userId, purpose: input.purpose, createdBy: input.createdBy, createdAt: now, expiresAt })
        .run();
      return { token: t.token, expiresAt };
    },

    /** Who the link is for, to greet them on the form; throws the link's error otherwise. */
    describe(token: string): { username: string; displayName: string; purpose: "setup" | "reset" } {
      const link = find(token);
      const user = db.select().from(users).where(eq(users.id, link.userId)).get();
      if (!user || user.disabledAt) throw new DomainError("password_link_invalid");
      return { username: user.username, displayName: user.displayName, purpose: link.purpose };
    },

    /**
     * Sets the password, spends the link, ends every earlier session of the user and opens a new one,
     * all in one transaction: two tabs racing on the same link cannot both succeed.
     */
    async redeem(token: string, password: string, userAgent?: string | null): Promise<{ sessionToken: string; userId: number; endedSessions: string[] }> {
      const next = parseInput(NewPassword, password);
      find(token); // clear errors before the slow hash
      const hash = await hashPassword(next);
      return db.transaction(() => {
        const link = find(token);
        const user = db.select().from(users).where(eq(users.id, link.userId)).get();
        if (!user || user.disabledAt) throw new DomainError("password_link_invalid");
        db.update(passwordLinks).set({ usedAt: clock.now() }).where(eq(passwordLinks.id, link.id)).run();
        db.update(users).set({ passwordHash: hash, mustChangePassword: false, isDemo: false }).where(eq(users.id, user.id)).run();
        const endedSessions = sessions.invalidateAllForUser(user.id);
        return { sessionToken: sessions.createForUser(user.id, { userAgent }), userId: user.id, endedSessions };
      });
    },
  };
}

import { eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { invitations, type InvitationPurpose } from "../../db/schema";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import type { SessionService } from "./sessions";
import { newToken, secretMatches, splitToken } from "./tokens";

export const DEFAULT_INVITATION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export type InvitationService = ReturnType<typeof createInvitationService>;

/**
 * One-time invitation links for parties and guests. The link carries `id.secret`; redeeming it
 * (once) opens a session confined to one hearing or council.
 */
export function createInvitationService(db: Db, clock: Clock, sessionService: SessionService) {
  return {
    issue(input: {
      purpose: InvitationPurpose;
      scopeId: number;
      subjectId: number;
      label: string;
      createdBy: number | null;
      ttlMs?: number;
    }): { id: string; token: string; expiresAt: Date } {
      const t = newToken();
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + (input.ttlMs ?? DEFAULT_INVITATION_TTL_MS));
      db.insert(invitations)
        .values({
          id: t.id,
          secretHash: t.secretHash,
          purpose: input.purpose,
          scopeId: input.scopeId,
          subjectId: input.subjectId,
          label: input.label,
          createdBy: input.createdBy,
          createdAt: now,
          expiresAt,
        })
        .run();
      return { id: t.id, token: t.token, expiresAt };
    },

    /**
     * Marks the invitation used and opens its session in one transaction, so two browsers racing
     * on the same link cannot both get in. Throws invitation_invalid / _used / _expired / _revoked.
     */
    redeem(token: string): { sessionToken: string; purpose: InvitationPurpose; scopeId: number } {
      const parts = splitToken(token);
      if (!parts) throw new DomainError("invitation_invalid");
      return db.transaction(() => {
        const inv = db.select().from(invitations).where(eq(invitations.id, parts.id)).get();
        if (!inv || !secretMatches(parts.secret, inv.secretHash)) throw new DomainError("invitation_invalid");
        if (inv.revokedAt) throw new DomainError("invitation_revoked");
        if (inv.usedAt) throw new DomainError("invitation_used");
        const now = clock.now();
        if (inv.expiresAt.getTime() <= now.getTime()) throw new DomainError("invitation_expired");
        db.update(invitations).set({ usedAt: now }).where(eq(invitations.id, inv.id)).run();
        const sessionToken = sessionService.createForInvitation(inv.id);
        return { sessionToken, purpose: inv.purpose, scopeId: inv.scopeId };
      });
    },

    /** Revokes an invitation and ends any session it opened (e.g. a leaked link is reissued). */
    revoke(invitationId: string): void {
      db.transaction(() => {
        db.update(invitations).set({ revokedAt: clock.now() }).where(eq(invitations.id, invitationId)).run();
        sessionService.invalidateForInvitations([invitationId]);
      });
    },
  };
}

import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { hearingParties, invitations, sessions } from "../../db/schema";
import { requirePermission } from "../auth/permissions";
import type { Principal } from "../auth/principal";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import type { LedgerService } from "../ledger/ledger";
import type { LiveHub } from "../live/hub";
import { loadHearing } from "./access";
import { sideLabel } from "./masking";

/**
 * How long a party keeps access to their hearing after the ruling is published: long enough to read it
 * again and to rate the outcome (回访评价), not for ever (issue 12, docs/privacy.md).
 */
export const PARTY_ACCESS_AFTER_PUBLICATION_MS = 30 * 24 * 60 * 60 * 1000;

/** Called inside the publication's transaction: every party link of the hearing ends at the same time. */
export function endPartyAccessAfterPublication(db: Db, hearingId: number, publishedAt: Date): void {
  db.update(invitations)
    .set({ accessEndsAt: new Date(publishedAt.getTime() + PARTY_ACCESS_AFTER_PUBLICATION_MS) })
    .where(and(eq(invitations.purpose, "hearing_party"), eq(invitations.scopeId, hearingId), isNull(invitations.revokedAt)))
    .run();
}

type Deps = { db: Db; clock: Clock; ledger: LedgerService; live: LiveHub };

/** A mediator ends a party's access at any time, used link or not: their sessions and sockets end now. */
export function createPartyAccess({ db, clock, ledger, live }: Deps) {
  return {
    revoke(principal: Principal, hearingId: number, partyId: number): { revoked: number } {
      const hearing = loadHearing(db, hearingId);
      const user = requirePermission(principal, "manage:hearing:own", hearing.communityId);
      const party = db.select().from(hearingParties).where(and(eq(hearingParties.id, partyId), eq(hearingParties.hearingId, hearingId))).get();
      if (!party) throw new DomainError("party_not_found");
      const { ids, sessionIds } = db.transaction(() => {
        const ids = db
          .select({ id: invitations.id })
          .from(invitations)
          .where(and(eq(invitations.purpose, "hearing_party"), eq(invitations.scopeId, hearingId), eq(invitations.subjectId, partyId), isNull(invitations.revokedAt)))
          .all()
          .map((r) => r.id);
        if (ids.length === 0) return { ids, sessionIds: [] as string[] };
        const sessionIds = db.select({ id: sessions.id }).from(sessions).where(inArray(sessions.invitationId, ids)).all().map((s) => s.id);
        db.update(invitations).set({ revokedAt: clock.now() }).where(inArray(invitations.id, ids)).run();
        db.delete(sessions).where(inArray(sessions.invitationId, ids)).run();
        ledger.append("hearing", hearingId, "party_access_revoked", { kind: "mediator", id: user.id, name: user.displayName }, { side: sideLabel(party.position) });
        return { ids, sessionIds };
      });
      // Their open sockets leave the panel's rooms now, not at their next command.
      for (const id of sessionIds) live.endSession(id, "revoked");
      return { revoked: ids.length };
    },
  };
}

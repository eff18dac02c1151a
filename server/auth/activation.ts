import { and, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { activationSlips, representatives, sessions, units, users } from "../../db/schema";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import type { LiveHub } from "../live/hub";
import { requirePoolAccess } from "../pool/access";
import { parseInput } from "../pool/schemas";
import type { AuditService } from "./audit";
import { NO_PASSWORD } from "./password-links";
import type { Principal } from "./principal";
import { insertGrant } from "./roles";
import type { SessionService } from "./sessions";
import type { LoginThrottle } from "./throttle";
import { hashSecret, newToken, secretMatches, splitToken } from "./tokens";

/** A slip is handed out in person within days; an unused one stops working after this. */
export const SLIP_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** No 0/O, 1/I/L: read aloud or typed from paper by older residents. 31^8 ≈ 2^40, and typing is throttled. */
const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

export type IssuedSlip = { representativeId: number; name: string; community: string; token: string; code: string; expiresAt: Date };
export type ActivationService = ReturnType<typeof createActivationService>;

export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[^0-9A-Z]/g, "");
}
function newCode(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  const raw = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
  return `${raw.slice(0, 4)}-${raw.slice(4)}`;
}

const LinkInput = z.object({ representativeId: z.coerce.number().int().positive(), username: z.string().trim().toLowerCase().min(1).max(64) });
const IssueInput = z.object({ representativeIds: z.array(z.coerce.number().int().positive()).min(1).max(500) });

/**
 * Representatives' logins without a password (issue 13): a mediator issues printable activation slips
 * (name, community, QR code, short code). Redeeming a slip opens a long device session on that phone.
 * A representative without an account gets one (no password, the representative role in their
 * community). Re-issuing revokes the earlier slip and ends the device sessions it opened.
 */
export function createActivationService(deps: { db: Db; clock: Clock; audit: AuditService; sessions: SessionService; throttle: LoginThrottle; live: LiveHub }) {
  const { db, clock, audit, throttle, live } = deps;

  function accountFor(t: Db, rep: typeof representatives.$inferSelect, grantedBy: number): number {
    if (rep.userId) {
      insertGrant(t, { userId: rep.userId, role: "representative", unitId: rep.communityId, grantedBy, at: clock.now() });
      return rep.userId;
    }
    // An account name nobody types: the representative signs in by slip, never by password.
    const user = t
      .insert(users)
      .values({ username: `rep-${rep.id}-${newCode().toLowerCase()}`, displayName: rep.name, phone: rep.phone, passwordHash: NO_PASSWORD, createdAt: clock.now() })
      .returning()
      .get();
    t.update(representatives).set({ userId: user.id }).where(eq(representatives.id, rep.id)).run();
    insertGrant(t, { userId: user.id, role: "representative", unitId: rep.communityId, grantedBy, at: clock.now() });
    return user.id;
  }

  function findByToken(t: Db, token: string) {
    const parts = splitToken(token);
    if (!parts) throw new DomainError("slip_invalid");
    const slip = t.select().from(activationSlips).where(eq(activationSlips.id, parts.id)).get();
    if (!slip || !secretMatches(parts.secret, slip.secretHash)) throw new DomainError("slip_invalid");
    return slip;
  }

  function spend(t: Db, slip: typeof activationSlips.$inferSelect, userAgent?: string | null) {
    if (slip.revokedAt) throw new DomainError("slip_revoked");
    if (slip.usedAt) throw new DomainError("slip_used");
    if (slip.expiresAt.getTime() <= clock.now().getTime()) throw new DomainError("slip_expired");
    const user = t.select().from(users).where(eq(users.id, slip.userId)).get();
    if (!user || user.disabledAt) throw new DomainError("login_disabled");
    t.update(activationSlips).set({ usedAt: clock.now() }).where(eq(activationSlips.id, slip.id)).run();
    return { sessionToken: deps.sessions.createForUser(slip.userId, { kind: "device", userAgent }), userId: slip.userId };
  }

  return {
    issue(principal: Principal, input: unknown): IssuedSlip[] {
      const { representativeIds } = parseInput(IssueInput, input);
      if (principal.kind !== "user") throw new DomainError("unauthenticated");
      const ended: number[] = [];
      const slips = db.transaction((tx) => {
        const t = tx as unknown as Db;
        const reps = t.select().from(representatives).where(inArray(representatives.id, representativeIds)).all();
        if (reps.length !== new Set(representativeIds).size) throw new DomainError("not_found");
        const out: IssuedSlip[] = [];
        const now = clock.now();
        for (const rep of reps) {
          const actor = requirePoolAccess(principal, rep.communityId);
          if (rep.status !== "active") throw new DomainError("slip_representative_inactive", { name: rep.name });
          const userId = accountFor(t, rep, actor.id);
          const revoked = t
            .update(activationSlips)
            .set({ revokedAt: now })
            .where(and(eq(activationSlips.representativeId, rep.id), isNull(activationSlips.revokedAt)))
            .run().changes;
          // The phone the earlier slip signed in may be lost: its device sessions end too.
          t.delete(sessions).where(and(eq(sessions.userId, userId), eq(sessions.kind, "device"))).run();
          ended.push(userId);
          const tok = newToken();
          const code = newCode();
          const expiresAt = new Date(now.getTime() + SLIP_TTL_MS);
          t.insert(activationSlips)
            .values({ id: tok.id, secretHash: tok.secretHash, codeHash: hashSecret(normaliseCode(code)), representativeId: rep.id, userId, createdBy: actor.id, createdAt: now, expiresAt })
            .run();
          const community = t.select({ name: units.name }).from(units).where(eq(units.id, rep.communityId)).get()?.name ?? "";
          audit.record(t, actor, "slip.issue", { kind: "representative", id: rep.id }, { name: rep.name, userId, revokedEarlier: revoked });
          out.push({ representativeId: rep.id, name: rep.name, community, token: tok.token, code, expiresAt });
        }
        return out.sort((a, b) => a.representativeId - b.representativeId);
      });
      for (const userId of ended) live.endUser(userId);
      return slips;
    },

    /**
     * Links a representative to an account that already exists (a resident who is also, say, a
     * supervisor signs in with their own password): the account gets the representative role in the
     * representative's community. The pool's earlier slips stop working; the earlier account, if any,
     * loses nothing but this link.
     */
    linkAccount(principal: Principal, input: unknown): { userId: number; previous: number | null } {
      const data = parseInput(LinkInput, input);
      if (principal.kind !== "user") throw new DomainError("unauthenticated");
      const result = db.transaction((tx) => {
        const t = tx as unknown as Db;
        const rep = t.select().from(representatives).where(eq(representatives.id, data.representativeId)).get();
        if (!rep) throw new DomainError("not_found");
        const actor = requirePoolAccess(principal, rep.communityId);
        const user = t.select().from(users).where(eq(users.username, data.username)).get();
        if (!user) throw new DomainError("link_user_not_found", { username: data.username });
        if (user.disabledAt) throw new DomainError("user_disabled");
        // One account votes once: it stands for at most one representative of a community.
        const other = t
          .select({ id: representatives.id, name: representatives.name })
          .from(representatives)
          .where(and(eq(representatives.userId, user.id), eq(representatives.communityId, rep.communityId)))
          .all()
          .find((r) => r.id !== rep.id);
        if (other) throw new DomainError("link_user_taken", { username: user.username, name: other.name });
        t.update(activationSlips).set({ revokedAt: clock.now() }).where(and(eq(activationSlips.representativeId, rep.id), isNull(activationSlips.revokedAt))).run();
        // A phone signed in by an earlier slip of this representative is signed out.
        if (rep.userId && rep.userId !== user.id) t.delete(sessions).where(and(eq(sessions.userId, rep.userId), eq(sessions.kind, "device"))).run();
        t.update(representatives).set({ userId: user.id }).where(eq(representatives.id, rep.id)).run();
        insertGrant(t, { userId: user.id, role: "representative", unitId: rep.communityId, grantedBy: actor.id, at: clock.now() });
        audit.record(t, actor, "representative.link", { kind: "representative", id: rep.id }, { name: rep.name, username: user.username, previousUserId: rep.userId });
        return { userId: user.id, previous: rep.userId };
      });
      live.endUser(result.userId); // its sockets reconnect with the new role
      if (result.previous && result.previous !== result.userId) live.endUser(result.previous);
      return result;
    },

    /** The slip's holder, to greet them before they press the button (GET must not spend it). */
    describe(token: string): { name: string } {
      const slip = findByToken(db, token);
      if (slip.revokedAt) throw new DomainError("slip_revoked");
      if (slip.usedAt) throw new DomainError("slip_used");
      if (slip.expiresAt.getTime() <= clock.now().getTime()) throw new DomainError("slip_expired");
      const rep = db.select({ name: representatives.name }).from(representatives).where(eq(representatives.id, slip.representativeId)).get();
      return { name: rep?.name ?? "" };
    },

    /** Spends a scanned slip and opens a device session, in one transaction (two phones cannot both win). */
    redeemToken(token: string, userAgent?: string | null) {
      return db.transaction((tx) => {
        const t = tx as unknown as Db;
        return spend(t, findByToken(t, token), userAgent);
      });
    },

    /** Spends a typed short code; wrong codes are throttled per address like passwords. */
    redeemCode(code: string, address: string, userAgent?: string | null) {
      const key = `slip-code:${address}`; // per address only: wrong codes elsewhere must not slow this hall
      const wait = throttle.wait(key, address, false);
      if (wait > 0) throw new DomainError("login_rate_limited", { retryAfterSeconds: Math.ceil(wait / 1000) });
      return db.transaction((tx) => {
        const t = tx as unknown as Db;
        const slip = t.select().from(activationSlips).where(eq(activationSlips.codeHash, hashSecret(normaliseCode(code)))).get();
        if (!slip) {
          throttle.fail(key, address);
          throw new DomainError("slip_invalid");
        }
        return spend(t, slip, userAgent);
      });
    },
  };
}

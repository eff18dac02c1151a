import { and, count, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { publicationComments, resolutions, type PublicationKind } from "../../db/schema";
import type { Principal } from "../auth/principal";
import { requirePermission } from "../auth/permissions";
import { createRateLimiter } from "../auth/rate-limit";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import { publicText } from "../privacy/public-text";
import type { Publications } from "./publications";

/** A ruling has no statutory notice period: the public may comment for this long after publication. */
export const RULING_COMMENT_DAYS = 30;
export const COMMENT_MAX = 500;
export const NAME_MAX = 20;
/** Per client (address): a few comments per ten minutes is plenty for a person, little for a script. */
const PER_CLIENT = { limit: 3, windowMs: 10 * 60_000 };

export const CommentInput = z.object({
  kind: z.enum(["ruling", "resolution"]),
  id: z.coerce.number().int().positive(),
  body: z.string().trim().min(2).max(COMMENT_MAX),
  authorName: z.string().trim().max(NAME_MAX).optional().transform((v) => v || undefined),
  /** The honeypot: a field people never see; anything typed in it is a robot. */
  website: z.string().max(0).optional(),
});

export const ModerationInput = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("approve"), commentId: z.coerce.number().int().positive() }),
  z.object({ decision: z.literal("hide"), commentId: z.coerce.number().int().positive(), reason: z.string().trim().min(2).max(200) }),
  z.object({ decision: z.literal("reply"), commentId: z.coerce.number().int().positive(), reply: z.string().trim().min(2).max(COMMENT_MAX) }),
]);

export type PublicComment = { id: number; authorName: string | null; body: string; createdAt: string; reply: string | null; repliedAt: string | null };

/**
 * 留言 on published outcomes (issue 17): anyone may write during the notice period, nothing shows
 * until a mediator of the community approves it, a hidden comment is only counted (with no text),
 * and staff may answer publicly. Rate limit and honeypot keep scripts out without an account.
 */
export function createComments(db: Db, clock: Clock, publications: Publications) {
  const limiter = createRateLimiter({ ...PER_CLIENT, now: () => clock.now().getTime() });

  /** When the comment channel of a publication closes (null: the publication is not public). */
  function window(kind: PublicationKind, id: number): { communityId: number; opensAt: Date; closesAt: Date } | null {
    const p = publications.get(kind, id);
    if (!p) return null;
    const opensAt = new Date(p.publishedAt);
    if (kind === "resolution") {
      const r = db.select({ noticeEndsAt: resolutions.noticeEndsAt }).from(resolutions).where(eq(resolutions.id, id)).get();
      return { communityId: p.communityId, opensAt, closesAt: r?.noticeEndsAt ?? opensAt };
    }
    return { communityId: p.communityId, opensAt, closesAt: new Date(opensAt.getTime() + RULING_COMMENT_DAYS * 86_400_000) };
  }

  return {
    window,
    /** What the public page shows: approved comments with answers, the count of hidden ones, whether it is open. */
    forPage(kind: PublicationKind, id: number) {
      const w = window(kind, id);
      const rows = db
        .select()
        .from(publicationComments)
        .where(and(eq(publicationComments.subjectKind, kind), eq(publicationComments.subjectId, id), eq(publicationComments.status, "approved")))
        .orderBy(publicationComments.createdAt)
        .all();
      const hidden =
        db
          .select({ n: count() })
          .from(publicationComments)
          .where(and(eq(publicationComments.subjectKind, kind), eq(publicationComments.subjectId, id), eq(publicationComments.status, "hidden")))
          .get()?.n ?? 0;
      // A comment is third-party text: phone numbers, rooms and names in it are masked in public (issue 12).
      const comments: PublicComment[] = rows.map((c) => ({
        id: c.id,
        authorName: c.authorName ? publicText(c.authorName) : null,
        body: publicText(c.body),
        createdAt: c.createdAt.toISOString(),
        reply: c.reply ? publicText(c.reply) : null,
        repliedAt: c.repliedAt?.toISOString() ?? null,
      }));
      const now = clock.now();
      return { comments, hidden, open: !!w && now >= w.opensAt && now < w.closesAt, closesAt: w?.closesAt.toISOString() ?? null };
    },

    /** A comment from the public: checked, rate-limited per client, stored as pending. */
    submit(raw: unknown, clientKey: string): { id: number } {
      const parsed = CommentInput.safeParse(raw);
      if (!parsed.success) {
        const field = parsed.error.issues[0]?.path[0];
        if (field === "website") throw new DomainError("comment_rejected");
        throw new DomainError(field === "body" ? "comment_length" : "invalid_input", { field, max: COMMENT_MAX });
      }
      const input = parsed.data;
      const w = window(input.kind, input.id);
      if (!w) throw new DomainError("publication_not_found");
      const now = clock.now();
      if (now < w.opensAt || now >= w.closesAt) throw new DomainError("comments_closed");
      const wait = limiter.hit(clientKey);
      if (wait > 0) throw new DomainError("rate_limited", { retryAfterSeconds: Math.ceil(wait / 1000) });
      const row = db
        .insert(publicationComments)
        .values({ subjectKind: input.kind, subjectId: input.id, communityId: w.communityId, authorName: input.authorName ?? null, body: input.body, createdAt: now })
        .returning({ id: publicationComments.id })
        .get();
      return row;
    },

    /** The moderation queue of the communities a mediator acts for: pending first, then the rest. */
    queue(principal: Principal) {
      const user = requirePermission(principal, "moderate:comment:own");
      if (user.unitIds.length === 0) return [];
      const rows = db
        .select()
        .from(publicationComments)
        .where(inArray(publicationComments.communityId, user.unitIds))
        .orderBy(sql`case ${publicationComments.status} when 'pending' then 0 else 1 end`, desc(publicationComments.createdAt))
        .limit(200)
        .all();
      return rows.map((c) => {
        const p = publications.get(c.subjectKind, c.subjectId);
        return {
          id: c.id,
          kind: c.subjectKind,
          subjectId: c.subjectId,
          subjectTitle: p?.title ?? "",
          url: p?.url ?? "/",
          authorName: c.authorName,
          body: c.body,
          status: c.status,
          hiddenReason: c.hiddenReason,
          reply: c.reply,
          createdAt: c.createdAt.toISOString(),
        };
      });
    },

    /** Approve, hide (with a reason) or answer: only a mediator of the comment's community. */
    moderate(principal: Principal, raw: unknown): void {
      const parsed = ModerationInput.safeParse(raw);
      if (!parsed.success) throw new DomainError("invalid_input", { field: String(parsed.error.issues[0]?.path[0] ?? "") });
      const input = parsed.data;
      const comment = db.select().from(publicationComments).where(eq(publicationComments.id, input.commentId)).get();
      if (!comment) throw new DomainError("comment_not_found");
      const user = requirePermission(principal, "moderate:comment:own", comment.communityId);
      const now = clock.now();
      if (input.decision === "approve")
        db.update(publicationComments).set({ status: "approved", hiddenReason: null, moderatedBy: user.id, moderatedAt: now }).where(eq(publicationComments.id, comment.id)).run();
      else if (input.decision === "hide")
        db.update(publicationComments).set({ status: "hidden", hiddenReason: input.reason, moderatedBy: user.id, moderatedAt: now }).where(eq(publicationComments.id, comment.id)).run();
      else {
        // An answer is public: it goes with an approved comment only.
        if (comment.status !== "approved") throw new DomainError("comment_not_approved");
        db.update(publicationComments).set({ reply: input.reply, repliedBy: user.id, repliedAt: now }).where(eq(publicationComments.id, comment.id)).run();
      }
    },

    /** Pending comments per community the principal moderates (the navigation badge). */
    pendingCount(principal: Principal): number {
      if (principal.kind !== "user" || !principal.user.roles.includes("mediator") || principal.user.unitIds.length === 0) return 0;
      return (
        db
          .select({ n: count() })
          .from(publicationComments)
          .where(and(inArray(publicationComments.communityId, principal.user.unitIds), eq(publicationComments.status, "pending")))
          .get()?.n ?? 0
      );
    },
  };
}
export type Comments = ReturnType<typeof createComments>;

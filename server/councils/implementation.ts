import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { councilParticipants, councils, followUps, progressUpdates, resolutions, users } from "../../db/schema";
import type { Principal } from "../auth/principal";
import { requirePermission } from "../auth/permissions";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import { publicText, recordedText } from "../privacy/public-text";
import type { StoredFile } from "../hearings/exhibit-store";
import type { LedgerService } from "../ledger/ledger";
import type { MatterService } from "../matters/matters";
import { effectiveStatus, loadResolution, type Resolution } from "./resolutions";

const id = z.coerce.number().int().positive();
export const progressStatuses = ["planned", "in_progress", "done", "blocked"] as const;
export const ProgressInput = z
  .object({
    resolutionId: id,
    status: z.enum(progressStatuses),
    note: z.string().trim().min(2).max(4000),
  })
  // 受阻 must say why: the note is the reason, and it must say something.
  .refine((v) => v.status !== "blocked" || v.note.length >= 4, { path: ["note"], message: "blocked_reason_required" });
export const RatingInput = z.object({
  resolutionId: id,
  rating: z.enum(["satisfied", "basically", "unsatisfied"]),
  comment: z.string().trim().max(500).optional(),
});

/** Photos may be JPEG, PNG or WebP (checked by content, never by name); a few per update. */
export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"];
export const MAX_PHOTOS = 4;

type Deps = { db: Db; clock: Clock; ledger: LedgerService; matters: MatterService };

/**
 * Supervised implementation (seed 002: 居务监督委员会全程监督): progress updates by supervisors once the
 * notice period is over, the resolution done with its last update, and one satisfaction rating
 * (回访评价) per participating resident afterwards.
 */
export function createImplementation({ db, clock, ledger, matters }: Deps) {
  /** Checks a supervisor may post on this resolution now, before an upload is read. */
  function assertCanPost(principal: Principal, resolutionId: number): { resolution: Resolution; user: { id: number; displayName: string } } {
    const r = loadResolution(db, resolutionId);
    if (r.status === "draft") throw new DomainError("resolution_not_found");
    const user = requirePermission(principal, "post:progress:own", communityOf(r));
    const status = effectiveStatus(r, clock.now());
    if (status === "notice") throw new DomainError("resolution_in_notice", { until: r.noticeEndsAt!.toISOString() });
    if (status === "done") throw new DomainError("resolution_done");
    return { resolution: r, user };
  }

  function communityOf(r: Resolution): number {
    return db.select({ communityId: councils.communityId }).from(councils).where(eq(councils.id, r.councilId)).get()!.communityId;
  }

  return {
    assertCanPost: (principal: Principal, resolutionId: number) => void assertCanPost(principal, resolutionId),
    communityOf,

    postProgress(principal: Principal, input: z.input<typeof ProgressInput>, photos: StoredFile[] = []) {
      const data = ProgressInput.parse(input);
      if (photos.length > MAX_PHOTOS) throw new DomainError("too_many_photos", { max: MAX_PHOTOS });
      if (photos.some((p) => !PHOTO_TYPES.includes(p.mime))) throw new DomainError("photo_type_not_allowed");
      const { resolution: r, user } = assertCanPost(principal, data.resolutionId);
      const now = clock.now();
      const actor = { kind: "supervisor" as const, id: user.id, name: user.displayName };
      return db.transaction(() => {
        // The stored status catches up with the clock on the first write after the notice period.
        if (r.status === "notice") {
          db.update(resolutions).set({ status: "implementing" }).where(eq(resolutions.id, r.id)).run();
          ledger.append("council", r.councilId, "implementation_started", actor, { resolutionId: r.id, noticeEndsAt: r.noticeEndsAt!.toISOString() });
        }
        const row = db
          .insert(progressUpdates)
          .values({ resolutionId: r.id, authorId: user.id, status: data.status, note: data.note, photos: photos.map((p) => p.sha256), createdAt: now })
          .returning()
          .get();
        ledger.append("council", r.councilId, "progress_posted", actor, {
          resolutionId: r.id,
          progressId: row.id,
          status: data.status,
          // A progress note is public: personal data typed into it is masked (issue 12, decision 023).
          ...recordedText(ledger, "council", r.councilId, `progress:${row.id}`, data.note, "note"),
          photos: photos.map((p) => ({ sha256: p.sha256, mime: p.mime, size: p.size })),
        });
        if (data.status === "done") {
          db.update(resolutions).set({ status: "done", doneAt: now }).where(eq(resolutions.id, r.id)).run();
          matters.setStatus(r.matterId, "resolved");
          ledger.append("council", r.councilId, "resolution_done", actor, { resolutionId: r.id, overdue: now > r.deadline });
        }
        return row;
      });
    },

    progress(resolutionId: number) {
      return db
        .select({ p: progressUpdates, author: users.displayName })
        .from(progressUpdates)
        .innerJoin(users, eq(users.id, progressUpdates.authorId))
        .where(eq(progressUpdates.resolutionId, resolutionId))
        .orderBy(asc(progressUpdates.id))
        .all()
        .map(({ p, author }) => ({ id: p.id, status: p.status, note: publicText(p.note), photos: p.photos, author, at: p.createdAt.toISOString() }));
    },

    /** A photo may be served if some update of this resolution shows it. */
    hasPhoto(resolutionId: number, sha256: string): boolean {
      return db
        .select({ photos: progressUpdates.photos })
        .from(progressUpdates)
        .where(eq(progressUpdates.resolutionId, resolutionId))
        .all()
        .some((p) => p.photos.includes(sha256));
    },

    /** The participant row that entitles this user to rate (they took part in the council), if any. */
    raterParticipant(principal: Principal, resolutionId: number) {
      if (principal.kind !== "user") return null;
      const r = loadResolution(db, resolutionId);
      return (
        db
          .select()
          .from(councilParticipants)
          .where(and(eq(councilParticipants.councilId, r.councilId), eq(councilParticipants.userId, principal.user.id)))
          .get() ?? null
      );
    },

    myRating(principal: Principal, resolutionId: number) {
      if (principal.kind !== "user") return null;
      return (
        db
          .select()
          .from(followUps)
          .where(and(eq(followUps.subject, "resolution"), eq(followUps.subjectId, resolutionId), eq(followUps.rater, `user:${principal.user.id}`)))
          .get() ?? null
      );
    },

    /** 回访评价: once the resolution is done, each resident who took part rates it once. */
    rate(principal: Principal, input: z.input<typeof RatingInput>) {
      const data = RatingInput.parse(input);
      if (principal.kind !== "user") throw new DomainError("unauthenticated");
      const r = loadResolution(db, data.resolutionId);
      if (r.status !== "done") throw new DomainError("resolution_not_done");
      const participant = this.raterParticipant(principal, r.id);
      if (!participant) throw new DomainError("not_a_participant");
      const rater = `user:${principal.user.id}`;
      return db.transaction(() => {
        const existing = db
          .select({ id: followUps.id })
          .from(followUps)
          .where(and(eq(followUps.subject, "resolution"), eq(followUps.subjectId, r.id), eq(followUps.rater, rater)))
          .get();
        if (existing) throw new DomainError("already_rated");
        const row = db
          .insert(followUps)
          .values({ subject: "resolution", subjectId: r.id, rater, rating: data.rating, comment: data.comment || null, createdAt: clock.now() })
          .returning()
          .get();
        // The record binds the comment without publishing a resident's words next to their number, by a
        // keyed commitment: a plain SHA-256 of a short comment could be reversed by guessing (issue 12).
        ledger.append("council", r.councilId, "follow_up_recorded", { kind: "representative", id: participant.id }, {
          resolutionId: r.id,
          rating: data.rating,
          commentCommitment: data.comment ? ledger.commitment("council", r.councilId, "follow_up_comment", data.comment) : null,
        });
        return row;
      });
    },

    /** How those who took part rated the outcome: counts per rating. */
    ratings(resolutionId: number) {
      const rows = db
        .select({ rating: followUps.rating })
        .from(followUps)
        .where(and(eq(followUps.subject, "resolution"), eq(followUps.subjectId, resolutionId)))
        .all();
      const counts = { satisfied: 0, basically: 0, unsatisfied: 0 };
      for (const r of rows) counts[r.rating] += 1;
      return { total: rows.length, counts };
    },
  };
}

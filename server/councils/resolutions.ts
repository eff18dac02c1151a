import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { councilItems, resolutions } from "../../db/schema";
import type { Principal } from "../auth/principal";
import { requirePermission } from "../auth/permissions";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import type { LedgerService } from "../ledger/ledger";
import type { LiveHub } from "../live/hub";
import { councilRoom, loadCouncil, mediatorActor } from "./access";
import { DAY_MS, RESOLUTION_NOTICE_DAYS } from "./rules";

export type Resolution = typeof resolutions.$inferSelect;
export type ResolutionStatus = Resolution["status"];

const id = z.coerce.number().int().positive();
export const DraftResolutionInput = z.object({
  councilId: id,
  itemId: id,
  text: z.string().trim().min(4).max(8000),
  /** Who carries it out: 社区居委会, 物业公司, 业委会 … */
  responsible: z.string().trim().min(2).max(120),
  deadline: z.coerce.date(),
  noticeDays: z.coerce.number().int().min(1).max(30).default(RESOLUTION_NOTICE_DAYS),
});
export const PublishResolutionInput = z.object({ resolutionId: id });

/**
 * A resolution's status as of `now`. The notice period ends by the clock, not by an action: a
 * published resolution *is* under implementation once its notice has run, whether or not anyone has
 * written since. The stored status catches up on the next write (see implementation.ts), and the
 * record already holds noticeEndsAt, so the transition is verifiable without an entry of its own.
 */
export function effectiveStatus(r: Pick<Resolution, "status" | "noticeEndsAt">, now: Date): ResolutionStatus {
  if (r.status === "notice" && r.noticeEndsAt && now >= r.noticeEndsAt) return "implementing";
  return r.status;
}

/** Past its deadline and not done (计算于读取时). */
export const isOverdue = (r: Pick<Resolution, "status" | "deadline">, now: Date) => r.status !== "done" && r.status !== "draft" && now > r.deadline;

export function loadResolution(db: Db, resolutionId: number): Resolution {
  const r = db.select().from(resolutions).where(eq(resolutions.id, resolutionId)).get();
  if (!r) throw new DomainError("resolution_not_found");
  return r;
}

type Deps = { db: Db; clock: Clock; ledger: LedgerService; live: LiveHub };

/** 协商决议: drafted by the chair for an item that passed, then published for notice (公示). */
export function createResolutions({ db, clock, ledger, live }: Deps) {
  return {
    get: (resolutionId: number) => loadResolution(db, resolutionId),
    forItem: (itemId: number) => db.select().from(resolutions).where(eq(resolutions.itemId, itemId)).get() ?? null,

    /** Writes (or rewrites, until published) the resolution of a passed item. */
    draft(principal: Principal, input: z.input<typeof DraftResolutionInput>): Resolution {
      const data = DraftResolutionInput.parse(input);
      const council = loadCouncil(db, data.councilId);
      const user = requirePermission(principal, "publish:outcome:own", council.communityId);
      if (council.status !== "live" && council.status !== "resolved") throw new DomainError("wrong_status", { status: council.status });
      const item = db.select().from(councilItems).where(and(eq(councilItems.id, data.itemId), eq(councilItems.councilId, council.id))).get();
      if (!item) throw new DomainError("item_not_found");
      if (item.status !== "decided" || item.outcome !== "passed") throw new DomainError("item_not_passed");
      if (data.deadline <= clock.now()) throw new DomainError("deadline_in_past");
      return db.transaction(() => {
        const existing = db.select().from(resolutions).where(eq(resolutions.itemId, item.id)).get();
        if (existing && existing.status !== "draft") throw new DomainError("resolution_already_published");
        const values = { text: data.text, responsible: data.responsible, deadline: data.deadline, noticeDays: data.noticeDays };
        const row = existing
          ? db.update(resolutions).set(values).where(eq(resolutions.id, existing.id)).returning().get()
          : db.insert(resolutions).values({ ...values, itemId: item.id, councilId: council.id, matterId: item.matterId }).returning().get();
        // A draft is the chair's until published (issue 12), but the council's record is public once it has
        // ended: the entry binds the draft with a keyed commitment (decision 008); the text enters the record
        // with `resolution_published`.
        const draft = JSON.stringify({ text: row.text, responsible: row.responsible, deadline: row.deadline.toISOString(), noticeDays: row.noticeDays });
        ledger.append("council", council.id, "resolution_drafted", mediatorActor(user), {
          resolutionId: row.id,
          itemId: item.id,
          draftCommitment: ledger.commitment("council", council.id, `resolution_draft:${row.id}`, draft),
        });
        return row;
      });
    },

    /**
     * Publishes the resolution at /resolutions/:id for its notice period; only once the council has
     * ended, so what is published is the final record of the meeting.
     */
    publish(principal: Principal, input: z.input<typeof PublishResolutionInput>): Resolution {
      const data = PublishResolutionInput.parse(input);
      const r = loadResolution(db, data.resolutionId);
      const council = loadCouncil(db, r.councilId);
      const user = requirePermission(principal, "publish:outcome:own", council.communityId);
      if (council.status !== "resolved") throw new DomainError("council_not_ended");
      if (r.status !== "draft") throw new DomainError("resolution_already_published");
      const now = clock.now();
      const noticeEndsAt = new Date(now.getTime() + r.noticeDays * DAY_MS);
      const item = db.select().from(councilItems).where(eq(councilItems.id, r.itemId)).get()!;
      const row = db.transaction(() => {
        const published = db.update(resolutions).set({ status: "notice", publishedAt: now, noticeEndsAt }).where(eq(resolutions.id, r.id)).returning().get();
        ledger.append("council", council.id, "resolution_published", mediatorActor(user), {
          resolutionId: r.id,
          itemId: r.itemId,
          matterId: r.matterId,
          text: r.text,
          responsible: r.responsible,
          deadline: r.deadline.toISOString(),
          noticeDays: r.noticeDays,
          noticeEndsAt: noticeEndsAt.toISOString(),
          approvalPermille: item.approvalRate,
        });
        return published;
      });
      live.emit(councilRoom(council.id), "council:resolution", { resolutionId: r.id, itemId: r.itemId, status: "notice" });
      return row;
    },
  };
}

import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { matterDifficulties, matters, matterScopes, matterSources, matterStatuses } from "../../db/schema";
import type { Principal } from "../auth/principal";
import { requirePermission } from "../auth/permissions";
import type { Clock } from "../clock";
import { DomainError } from "../errors";

export type Matter = typeof matters.$inferSelect;

export const MatterInput = z.object({
  communityId: z.coerce.number().int().positive(),
  gridId: z.coerce.number().int().positive().nullish(),
  title: z.string().trim().min(2).max(120),
  description: z.string().trim().max(4000).default(""),
  scope: z.enum(matterScopes),
  difficulty: z.enum(matterDifficulties),
  source: z.enum(matterSources),
  reporterName: z.string().trim().max(60).nullish(),
  reportedAt: z.coerce.date().optional(),
});
export type MatterInput = z.input<typeof MatterInput>;

export type MatterService = ReturnType<typeof createMatterService>;

/** The matters ledger (事项台账), shared by hearings and councils: one `matter`, not two. */
export function createMatterService(db: Db, clock: Clock) {
  function get(id: number): Matter {
    const m = db.select().from(matters).where(eq(matters.id, id)).get();
    if (!m) throw new DomainError("matter_not_found");
    return m;
  }
  return {
    get,
    create(principal: Principal, input: MatterInput): Matter {
      const data = MatterInput.parse(input);
      const user = requirePermission(principal, "manage:matter:own", data.communityId);
      const now = clock.now();
      return db
        .insert(matters)
        .values({
          communityId: data.communityId,
          gridId: data.gridId ?? null,
          title: data.title,
          description: data.description,
          scope: data.scope,
          difficulty: data.difficulty,
          source: data.source,
          reporterName: data.reporterName ?? null,
          reportedAt: data.reportedAt ?? now,
          createdBy: user.id,
          createdAt: now,
          updatedAt: now,
        })
        .returning()
        .get();
    },
    list(communityId: number, filter: { status?: (typeof matterStatuses)[number] } = {}): Matter[] {
      const where = filter.status ? and(eq(matters.communityId, communityId), eq(matters.status, filter.status)) : eq(matters.communityId, communityId);
      return db.select().from(matters).where(where).orderBy(desc(matters.reportedAt)).all();
    },
    /** Called inside the hearing/council transaction that moves the matter along. */
    setStatus(id: number, status: (typeof matterStatuses)[number]): void {
      db.update(matters).set({ status, updatedAt: clock.now() }).where(eq(matters.id, id)).run();
    },
  };
}

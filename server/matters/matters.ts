import { and, desc, eq, gte, inArray, like, lt, ne, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { councilItems, councils, hearings, matterDifficulties, matters, matterScopes, matterSources, matterStatuses, units } from "../../db/schema";
import type { Principal } from "../auth/principal";
import { requirePermission, unitsWhere } from "../auth/permissions";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import { formatCsv } from "../pool/csv";
import { maskPersonalData } from "../privacy/personal-data";

export type Matter = typeof matters.$inferSelect;

export const MatterInput = z.object({
  communityId: z.coerce.number().int().positive(),
  gridId: z.coerce.number().int().positive().nullish(),
  title: z.string().trim().min(2).max(120),
  description: z.string().trim().max(4000).default(""),
  /** What the public reads about the matter (issue 12); the description above stays internal. */
  publicSummary: z.string().trim().max(1000).nullish().transform((v) => v || null),
  scope: z.enum(matterScopes),
  difficulty: z.enum(matterDifficulties),
  source: z.enum(matterSources),
  reporterName: z.string().trim().max(60).nullish(),
  reportedAt: z.coerce.date().optional(),
});
export type MatterInput = z.input<typeof MatterInput>;

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
/** A calendar day that exists (2026-02-30 and 2026-99-99 are refused, not turned into an invalid Date). */
const isCalendarDay = (v: string) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
const day = z.preprocess(blankToUndefined, z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine(isCalendarDay, "invalid_date").optional());

/** The ledger's filters, as the list page's query string carries them (blank = any). */
export const MatterFilter = z.object({
  communityId: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
  gridId: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
  scope: z.preprocess(blankToUndefined, z.enum(matterScopes).optional()),
  difficulty: z.preprocess(blankToUndefined, z.enum(matterDifficulties).optional()),
  source: z.preprocess(blankToUndefined, z.enum(matterSources).optional()),
  status: z.preprocess(blankToUndefined, z.enum(matterStatuses).optional()),
  /** Reported on or after this Shanghai calendar day … */
  from: day,
  /** … and on or before this one. */
  to: day,
  q: z.preprocess(blankToUndefined, z.string().trim().max(60).optional()),
});
export type MatterFilter = z.input<typeof MatterFilter>;

/** Chinese labels for the CSV: what a community worker reads in Excel. */
const labels = {
  scope: { public: "公事", shared: "共事", private: "家事" },
  difficulty: { normal: "一般", hard: "较难", severe: "困难" },
  source: { hotline: "12345热线", petition: "信访", visit: "走访", suggestion_box: "意见箱", online: "网上", letter_phone: "来信来电" },
  status: { open: "待处理", in_council: "议事中", in_hearing: "评理中", resolved: "已解决", closed: "已关闭" },
} as const;
const csvHeader = ["编号", "事项", "描述", "类别", "难易程度", "来源渠道", "社区", "网格", "反映人", "反映日期", "状态", "登记日期", "更新日期"];

const shanghai = (d: Date, withTime = false) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, withTime ? 16 : 10).replace("T", " ");

export type MatterService = ReturnType<typeof createMatterService>;

/** The matters ledger (事项台账), shared by hearings and councils: one `matter`, not two. */
export function createMatterService(db: Db, clock: Clock) {
  function get(id: number): Matter {
    const m = db.select().from(matters).where(eq(matters.id, id)).get();
    if (!m) throw new DomainError("matter_not_found");
    return m;
  }

  /** The communities the principal keeps the ledger for, narrowed to one if the filter names it. */
  function communitiesFor(principal: Principal, communityId?: number): number[] {
    if (communityId !== undefined) {
      requirePermission(principal, "manage:matter:own", communityId);
      return [communityId];
    }
    const user = requirePermission(principal, "manage:matter:own");
    return unitsWhere(user, "manage:matter:own");
  }

  function where(communityIds: number[], f: z.infer<typeof MatterFilter>): SQL | undefined {
    const parts: (SQL | undefined)[] = [inArray(matters.communityId, communityIds)];
    if (f.gridId) parts.push(eq(matters.gridId, f.gridId));
    if (f.scope) parts.push(eq(matters.scope, f.scope));
    if (f.difficulty) parts.push(eq(matters.difficulty, f.difficulty));
    if (f.source) parts.push(eq(matters.source, f.source));
    if (f.status) parts.push(eq(matters.status, f.status));
    if (f.from) parts.push(gte(matters.reportedAt, new Date(`${f.from}T00:00:00+08:00`)));
    if (f.to) parts.push(lt(matters.reportedAt, new Date(new Date(`${f.to}T00:00:00+08:00`).getTime() + 86_400_000)));
    if (f.q) parts.push(or(like(matters.title, `%${f.q}%`), like(matters.description, `%${f.q}%`), like(matters.reporterName, `%${f.q}%`)));
    return and(...parts);
  }

  function search(principal: Principal, filter: MatterFilter): Matter[] {
    const f = MatterFilter.parse(filter);
    const communityIds = communitiesFor(principal, f.communityId);
    if (communityIds.length === 0) return [];
    return db.select().from(matters).where(where(communityIds, f)).orderBy(desc(matters.reportedAt), desc(matters.id)).all();
  }

  return {
    get,
    create(principal: Principal, input: MatterInput): Matter {
      const data = MatterInput.parse(input);
      const user = requirePermission(principal, "manage:matter:own", data.communityId);
      if (data.gridId) {
        const grid = db.select().from(units).where(eq(units.id, data.gridId)).get();
        if (!grid || grid.kind !== "grid" || grid.parentId !== data.communityId) throw new DomainError("grid_not_in_community");
      }
      const now = clock.now();
      return db
        .insert(matters)
        .values({
          communityId: data.communityId,
          gridId: data.gridId ?? null,
          title: data.title,
          description: data.description,
          publicSummary: data.publicSummary ?? null,
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
    /** The ledger as its keeper sees it: the principal's communities, filtered. */
    search,
    /** The same rows as `search`, as CSV (UTF-8 with BOM, CRLF) for Excel and WPS. */
    exportCsv(principal: Principal, filter: MatterFilter): string {
      const rows = search(principal, filter);
      const names = new Map(db.select({ id: units.id, name: units.name }).from(units).all().map((u) => [u.id, u.name]));
      return formatCsv([
        csvHeader,
        ...rows.map((m) => [
          String(m.id),
          m.title,
          m.description,
          labels.scope[m.scope],
          labels.difficulty[m.difficulty],
          labels.source[m.source],
          names.get(m.communityId) ?? "",
          m.gridId ? (names.get(m.gridId) ?? "") : "",
          m.reporterName ?? "",
          shanghai(m.reportedAt),
          labels.status[m.status],
          shanghai(m.createdAt, true),
          shanghai(m.updatedAt, true),
        ]),
      ]);
    },
    /**
     * The chair writes or edits the public summary. Before the hearing or council is announced it is
     * saved as typed (the announce preview masks it); once one is public, detected personal data is
     * masked on saving, as the preview would have done by default (issue 12).
     */
    setPublicSummary(principal: Principal, input: { matterId: number; publicSummary: string }): Matter {
      const data = z.object({ matterId: z.coerce.number().int().positive(), publicSummary: z.string().trim().max(1000) }).parse(input);
      const m = get(data.matterId);
      requirePermission(principal, "manage:matter:own", m.communityId);
      const isPublic =
        db.select({ id: hearings.id }).from(hearings).where(and(eq(hearings.matterId, m.id), ne(hearings.status, "draft"))).get() ??
        db
          .select({ id: councils.id })
          .from(councilItems)
          .innerJoin(councils, eq(councils.id, councilItems.councilId))
          .where(and(eq(councilItems.matterId, m.id), ne(councils.status, "draft")))
          .get();
      const text = isPublic ? maskPersonalData(data.publicSummary) : data.publicSummary;
      return db.update(matters).set({ publicSummary: text || null, updatedAt: clock.now() }).where(eq(matters.id, m.id)).returning().get();
    },
    /** Called inside the hearing/council transaction that moves the matter along. */
    setStatus(id: number, status: (typeof matterStatuses)[number]): void {
      db.update(matters).set({ status, updatedAt: clock.now() }).where(eq(matters.id, id)).run();
    },
  };
}

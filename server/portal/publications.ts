import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import type { PublicationKind } from "../../db/schema";
import type { Period } from "./periods";

/**
 * A published outcome as the public sees it: a hearing's ruling or a council's resolution. Built only
 * from what the public pages already show — titles, the ruling's reasons and 说法, the resolution's
 * text, the vote's outcome — never from a matter's internal description or anyone's identity, so that
 * search, feeds, statistics and comments cannot publish more than the pages do (issue 12 and 17).
 */
export type Publication = {
  kind: PublicationKind;
  id: number;
  title: string;
  communityId: number;
  communityName: string;
  publishedAt: string;
  /** passed / failed / tie / no_quorum, from the frozen ballot result (null: no vote recorded). */
  outcome: string | null;
  /** The public text: a ruling's reasons and 说法, a resolution's text. */
  body: string;
  url: string;
};

export const publicationOutcomes = ["passed", "failed", "tie", "no_quorum"] as const;

export const PublicationFilter = z.object({
  kind: z.enum(["ruling", "resolution"]).optional().catch(undefined),
  communityId: z.coerce.number().int().positive().optional().catch(undefined),
  outcome: z.enum(publicationOutcomes).optional().catch(undefined),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type PublicationFilter = z.infer<typeof PublicationFilter>;

/** Every public publication, one row each; the ruling's body is its reasons and its 说法. */
const publicationsSql = sql`
  select 'ruling' as kind, h.id as id, h.title as title, h.community_id as communityId, u.name as communityName,
         r.published_at as publishedAt, json_extract(b.result, '$.outcome') as outcome,
         r.reasons || char(10) || r.saying as body, m.reported_at as reportedAt
    from hearings h
    join rulings r on r.hearing_id = h.id
    join units u on u.id = h.community_id
    join matters m on m.id = h.matter_id
    left join ballots b on b.id = r.ballot_id
   where h.status = 'published' and r.published_at is not null
  union all
  select 'resolution', res.id, i.title, c.community_id, u.name,
         res.published_at, i.outcome, res.text || char(10) || i.proposal, m.reported_at
    from resolutions res
    join council_items i on i.id = res.item_id
    join councils c on c.id = res.council_id
    join units u on u.id = c.community_id
    join matters m on m.id = res.matter_id
   where res.status != 'draft' and res.published_at is not null`;

type Row = Omit<Publication, "publishedAt" | "url"> & { publishedAt: number; reportedAt: number };

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const dayStart = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) - SHANGHAI_OFFSET_MS;

export const publicationUrl = (kind: PublicationKind, id: number) => (kind === "ruling" ? `/hearings/${id}` : `/resolutions/${id}`);

export function toPublication(r: Row): Publication {
  return {
    kind: r.kind,
    id: r.id,
    title: r.title,
    communityId: r.communityId,
    communityName: r.communityName,
    publishedAt: new Date(r.publishedAt).toISOString(),
    outcome: r.outcome,
    body: r.body,
    url: publicationUrl(r.kind, r.id),
  };
}

export const PAGE_SIZE = 10;

export function createPublications(db: Db) {
  function where(f: Partial<PublicationFilter>, period?: Period): SQL {
    const conds: SQL[] = [sql`1 = 1`];
    if (f.kind) conds.push(sql`kind = ${f.kind}`);
    if (f.communityId) conds.push(sql`communityId = ${f.communityId}`);
    if (f.outcome) conds.push(sql`outcome = ${f.outcome}`);
    if (f.from) conds.push(sql`publishedAt >= ${dayStart(f.from)}`);
    if (f.to) conds.push(sql`publishedAt < ${dayStart(f.to) + 86_400_000}`);
    if (period?.from) conds.push(sql`publishedAt >= ${period.from.getTime()}`);
    if (period?.to) conds.push(sql`publishedAt < ${period.to.getTime()}`);
    return sql.join(conds, sql` and `);
  }

  return {
    /** One page of publications, newest first, with the total for the pager. */
    list(filter: Partial<PublicationFilter>, pageSize = PAGE_SIZE) {
      const page = filter.page ?? 1;
      const w = where(filter);
      const total = db.get<{ n: number }>(sql`select count(*) as n from (${publicationsSql}) where ${w}`)?.n ?? 0;
      const rows = db.all<Row>(
        sql`select * from (${publicationsSql}) where ${w} order by publishedAt desc, id desc limit ${pageSize} offset ${(page - 1) * pageSize}`,
      );
      return { items: rows.map(toPublication), total, page, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
    },
    /** Everything published in a period (reports, statistics), oldest first. */
    inPeriod(period: Period, communityId?: number): (Publication & { reportedAt: string })[] {
      return db
        .all<Row>(sql`select * from (${publicationsSql}) where ${where({ communityId }, period)} order by publishedAt asc, id asc`)
        .map((r) => ({ ...toPublication(r), reportedAt: new Date(r.reportedAt).toISOString() }));
    },
    /** All public rows, for the search index. */
    all(): Publication[] {
      return db.all<Row>(sql`select * from (${publicationsSql}) order by publishedAt asc`).map(toPublication);
    },
    /** A cheap fingerprint of the published set: it changes when anything is published or added. */
    fingerprint(): string {
      const r = db.get<{ n: number; last: number | null }>(sql`select count(*) as n, max(publishedAt) as last from (${publicationsSql})`);
      return `${r?.n ?? 0}:${r?.last ?? 0}`;
    },
    /** The communities that have published something (filters, feeds, reports). */
    communities(): { id: number; name: string }[] {
      return db.all<{ id: number; name: string }>(sql`select id, name from units where kind = 'community' order by id`);
    },
    /** One publication, or null if it is not public. */
    get(kind: PublicationKind, id: number): Publication | null {
      const r = db.get<Row>(sql`select * from (${publicationsSql}) where kind = ${kind} and id = ${id}`);
      return r ? toPublication(r) : null;
    },
  };
}
export type Publications = ReturnType<typeof createPublications>;

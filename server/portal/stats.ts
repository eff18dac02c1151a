import { sql } from "drizzle-orm";
import type { Db } from "../../db/connection";
import type { Period } from "./periods";
import type { Publications } from "./publications";

export const satisfactionRatings = ["satisfied", "basically", "unsatisfied"] as const;

export type CommunityStats = {
  hearingsHeld: number;
  councilsHeld: number;
  rulings: number;
  resolutions: number;
  /** Outcomes of what was published in the period, by kind. */
  outcomes: { kind: "ruling" | "resolution"; outcome: string; count: number }[];
  /** Every decided council item in the period: 同意率 per round of the same matter (permille). */
  approvals: { title: string; round: number; date: string; approvalPermille: number }[];
  /** 回访评价 of outcomes published in the period (follow_ups). */
  satisfaction: Record<(typeof satisfactionRatings)[number], number>;
  /** Days from the matter being raised to its outcome being published. */
  daysToOutcome: { count: number; average: number | null; median: number | null; max: number | null };
};

/**
 * Statistics per community and period for /stats and the 晾晒 reports, from published outcomes only:
 * counts of meetings held, outcomes, approval rates, the parties' and residents' satisfaction, and
 * how long a matter took. Figures are aggregates; no row names a person.
 */
export function createStats(db: Db, publications: Publications) {
  const inPeriod = (column: string, period: Period) =>
    sql.raw(
      [period.from ? `${column} >= ${period.from.getTime()}` : "1 = 1", period.to ? `${column} < ${period.to.getTime()}` : "1 = 1"].join(" and "),
    );
  const inCommunity = (column: string, communityId?: number) => sql.raw(communityId ? `${column} = ${Number(communityId)}` : "1 = 1");

  return {
    compute(period: Period, communityId?: number): CommunityStats {
      const hearingsHeld =
        db.get<{ n: number }>(
          sql`select count(*) as n from hearings where status in ('closed','published') and ${inPeriod("scheduled_at", period)} and ${inCommunity("community_id", communityId)}`,
        )?.n ?? 0;
      const councilsHeld =
        db.get<{ n: number }>(
          sql`select count(*) as n from councils where status = 'resolved' and ${inPeriod("scheduled_at", period)} and ${inCommunity("community_id", communityId)}`,
        )?.n ?? 0;

      const published = publications.inPeriod(period, communityId);
      const outcomeMap = new Map<string, number>();
      for (const p of published) {
        const key = `${p.kind}\u0000${p.outcome ?? "none"}`;
        outcomeMap.set(key, (outcomeMap.get(key) ?? 0) + 1);
      }
      const outcomes = [...outcomeMap].map(([k, n]) => {
        const [kind, outcome] = k.split("\u0000");
        return { kind: kind as "ruling" | "resolution", outcome, count: n };
      });

      // Rounds: the n-th decided item on the same matter (再议 raises the round).
      const approvals = db
        .all<{ title: string; round: number; scheduledAt: number; rate: number }>(
          sql`select i.title as title, c.scheduled_at as scheduledAt, i.approval_rate_permille as rate,
                     (select count(*) from council_items i2 join councils c2 on c2.id = i2.council_id
                       where i2.matter_id = i.matter_id and i2.status = 'decided' and c2.status = 'resolved'
                         and (c2.scheduled_at < c.scheduled_at or (c2.scheduled_at = c.scheduled_at and i2.id <= i.id))) as round
                from council_items i join councils c on c.id = i.council_id
               where i.status = 'decided' and c.status = 'resolved' and i.approval_rate_permille is not null
                 and ${inPeriod("c.scheduled_at", period)} and ${inCommunity("c.community_id", communityId)}
               order by c.scheduled_at, i.position`,
        )
        .map((r) => ({ title: r.title, round: r.round, date: new Date(r.scheduledAt).toISOString(), approvalPermille: r.rate }));

      const satisfaction = { satisfied: 0, basically: 0, unsatisfied: 0 };
      const rulingIds = published.filter((p) => p.kind === "ruling").map((p) => p.id);
      const resolutionIds = published.filter((p) => p.kind === "resolution").map((p) => p.id);
      const ids = (xs: number[]) => sql.raw(xs.length ? xs.map(Number).join(",") : "null");
      for (const r of db.all<{ rating: keyof typeof satisfaction; n: number }>(
        sql`select rating, count(*) as n from follow_ups
             where (subject = 'hearing' and subject_id in (${ids(rulingIds)})) or (subject = 'resolution' and subject_id in (${ids(resolutionIds)}))
             group by rating`,
      ))
        satisfaction[r.rating] = r.n;

      const days = published.map((p) => (Date.parse(p.publishedAt) - Date.parse(p.reportedAt)) / 86_400_000).sort((a, b) => a - b);
      const round1 = (x: number) => Math.round(x * 10) / 10;
      const daysToOutcome = {
        count: days.length,
        average: days.length ? round1(days.reduce((a, b) => a + b, 0) / days.length) : null,
        median: days.length ? round1(days.length % 2 ? days[(days.length - 1) / 2] : (days[days.length / 2 - 1] + days[days.length / 2]) / 2) : null,
        max: days.length ? round1(days[days.length - 1]) : null,
      };

      return {
        hearingsHeld,
        councilsHeld,
        rulings: rulingIds.length,
        resolutions: resolutionIds.length,
        outcomes,
        approvals,
        satisfaction,
        daysToOutcome,
      };
    },
  };
}
export type Stats = ReturnType<typeof createStats>;

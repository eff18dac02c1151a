import type { TFunction } from "i18next";
import { barChart, lineChart } from "../../../server/portal/charts";
import type { CommunityStats } from "../../../server/portal/stats";

/** The charts of a statistics view, labelled in the viewer's language (SVG data URLs). */
export async function statsCharts(stats: CommunityStats, t: TFunction) {
  const sat = stats.satisfaction;
  const [outcomes, approvals, satisfaction] = await Promise.all([
    stats.outcomes.length
      ? barChart(
          stats.outcomes.map((o) => `${t(`portal.kind.${o.kind}`)} · ${t(`portal.outcome.${o.outcome}`, { defaultValue: t("portal.outcome.none") })}`),
          stats.outcomes.map((o) => o.count),
        )
      : null,
    stats.approvals.length
      ? lineChart(
          stats.approvals.map((a) => `${a.title} (${t("portal.stats.round", { round: a.round })})`),
          stats.approvals.map((a) => a.approvalPermille / 10),
        )
      : null,
    sat.satisfied + sat.basically + sat.unsatisfied > 0
      ? barChart(
          (["satisfied", "basically", "unsatisfied"] as const).map((r) => t(`portal.rating.${r}`)),
          [sat.satisfied, sat.basically, sat.unsatisfied],
        )
      : null,
  ]);
  return { outcomes, approvals, satisfaction };
}

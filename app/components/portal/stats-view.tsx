import { useTranslation } from "react-i18next";
import { approvalText } from "~/components/council/format";
import { formatDate } from "~/utils/format";

export type StatsData = {
  hearingsHeld: number;
  councilsHeld: number;
  rulings: number;
  resolutions: number;
  outcomes: { kind: "ruling" | "resolution"; outcome: string; count: number }[];
  approvals: { title: string; round: number; date: string; approvalPermille: number }[];
  satisfaction: { satisfied: number; basically: number; unsatisfied: number };
  daysToOutcome: { count: number; average: number | null; median: number | null; max: number | null };
};
export type StatsCharts = { outcomes: string | null; approvals: string | null; satisfaction: string | null };

function Chart({ src, title }: { src: string | null; title: string }) {
  const { t } = useTranslation();
  if (!src) return null;
  return <img className="chart" src={src} alt={t("portal.stats.chartAlt", { title })} />;
}

/**
 * The statistics of one community and period: each chart (server-rendered SVG, from ECharts) is
 * followed by a table with the same figures. Used by /stats and the 晾晒 reports.
 */
export function StatsView({ stats, charts }: { stats: StatsData; charts: StatsCharts }) {
  const { t, i18n } = useTranslation();
  const sat = stats.satisfaction;
  const satTotal = sat.satisfied + sat.basically + sat.unsatisfied;
  /** A column's header as the label of its cell when a narrow card shows the table as a list (app.css). */
  const label = (key: string) => t(key) + t("ballot.tally.colon");
  return (
    <div className="stats stack">
      <section className="card stack" aria-labelledby="held-title">
        <h2 id="held-title">{t("portal.stats.held")}</h2>
        <dl className="stat-tiles" data-testid="stats-held">
          <div>
            <dt>{t("portal.stats.hearingsHeld")}</dt>
            <dd className="tabular">{stats.hearingsHeld}</dd>
          </div>
          <div>
            <dt>{t("portal.stats.councilsHeld")}</dt>
            <dd className="tabular">{stats.councilsHeld}</dd>
          </div>
          <div>
            <dt>{t("portal.stats.rulings")}</dt>
            <dd className="tabular">{stats.rulings}</dd>
          </div>
          <div>
            <dt>{t("portal.stats.resolutions")}</dt>
            <dd className="tabular">{stats.resolutions}</dd>
          </div>
        </dl>
      </section>

      <section className="card stack table-container" aria-labelledby="outcomes-title">
        <h2 id="outcomes-title">{t("portal.stats.outcomes")}</h2>
        <Chart src={charts.outcomes} title={t("portal.stats.outcomes")} />
        {stats.outcomes.length === 0 ? (
          <p className="muted">{t("portal.stats.durationEmpty")}</p>
        ) : (
          <table className="data-table table--stacked">
            <caption>{t("portal.stats.tableCaption", { title: t("portal.stats.outcomes") })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("portal.filter.kind")}</th>
                <th scope="col">{t("portal.filter.outcome")}</th>
                <th scope="col">{t("portal.stats.count")}</th>
              </tr>
            </thead>
            <tbody>
              {stats.outcomes.map((o) => (
                <tr key={`${o.kind}-${o.outcome}`}>
                  <td>{t(`portal.kind.${o.kind}`)}</td>
                  <td data-label={label("portal.filter.outcome")}>{t(`portal.outcome.${o.outcome}`, { defaultValue: t("portal.outcome.none") })}</td>
                  <td className="tabular" data-label={label("portal.stats.count")}>
                    {o.count}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card stack table-container" aria-labelledby="approvals-title">
        <h2 id="approvals-title">{t("portal.stats.approvals")}</h2>
        <Chart src={charts.approvals} title={t("portal.stats.approvals")} />
        {stats.approvals.length === 0 ? (
          <p className="muted">{t("portal.stats.approvalsEmpty")}</p>
        ) : (
          <table className="data-table table--stacked">
            <caption>{t("portal.stats.tableCaption", { title: t("portal.stats.approvals") })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("portal.stats.item")}</th>
                <th scope="col">{t("portal.stats.date")}</th>
                <th scope="col">{t("portal.stats.rate")}</th>
              </tr>
            </thead>
            <tbody>
              {stats.approvals.map((a, i) => (
                <tr key={i}>
                  <td>
                    <span data-user-content>{a.title}</span> · {t("portal.stats.round", { round: a.round })}
                  </td>
                  <td data-label={label("portal.stats.date")}>{formatDate(a.date, i18n.language)}</td>
                  <td className="tabular" data-label={label("portal.stats.rate")}>
                    {approvalText(a.approvalPermille)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card stack" aria-labelledby="satisfaction-title">
        <h2 id="satisfaction-title">{t("portal.stats.satisfaction")}</h2>
        <Chart src={charts.satisfaction} title={t("portal.stats.satisfaction")} />
        {satTotal === 0 ? (
          <p className="muted">{t("portal.stats.satisfactionEmpty")}</p>
        ) : (
          <table className="data-table" data-testid="stats-satisfaction">
            <caption>{t("portal.stats.tableCaption", { title: t("portal.stats.satisfaction") })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("portal.stats.rating")}</th>
                <th scope="col">{t("portal.stats.count")}</th>
              </tr>
            </thead>
            <tbody>
              {(["satisfied", "basically", "unsatisfied"] as const).map((r) => (
                <tr key={r}>
                  <td>{t(`portal.rating.${r}`)}</td>
                  <td className="tabular">{sat[r]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card stack" aria-labelledby="duration-title">
        <h2 id="duration-title">{t("portal.stats.duration")}</h2>
        {stats.daysToOutcome.count === 0 ? (
          <p className="muted">{t("portal.stats.durationEmpty")}</p>
        ) : (
          <table className="data-table">
            <caption>{t("portal.stats.tableCaption", { title: t("portal.stats.duration") })}</caption>
            <tbody>
              <tr>
                <th scope="row">{t("portal.stats.average")}</th>
                <td className="tabular">{t("portal.stats.days", { count: stats.daysToOutcome.average ?? 0 })}</td>
              </tr>
              <tr>
                <th scope="row">{t("portal.stats.median")}</th>
                <td className="tabular">{t("portal.stats.days", { count: stats.daysToOutcome.median ?? 0 })}</td>
              </tr>
              <tr>
                <th scope="row">{t("portal.stats.longest")}</th>
                <td className="tabular">{t("portal.stats.days", { count: stats.daysToOutcome.max ?? 0 })}</td>
              </tr>
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

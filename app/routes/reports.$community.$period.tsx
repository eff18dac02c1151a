import { data, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parsePeriod, PeriodParam } from "../../server/portal/periods";
import { periodLabel } from "~/components/portal/period-label";
import portalStyles from "~/components/portal/portal.css";
import { publicCacheControl } from "~/components/portal/portal-route.server";
import { statsCharts } from "~/components/portal/stats-charts.server";
import { StatsView } from "~/components/portal/stats-view";
import { formatDate } from "~/utils/format";
import { shareMeta } from "~/utils/share";
import { serverT } from "~/utils/share.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: portalStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? shareMeta(data.meta) : []);
export const headers: HeadersFunction = ({ loaderHeaders }) => ({ "Cache-Control": loaderHeaders.get("Cache-Control") ?? "private, no-cache" });

/** /reports/<community>/<2026-11 | 2026-Q4>: one community's 晾晒 report for a month or a quarter, printable. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { portal, clock } = context.services;
  const community = portal.publications.communities().find((c) => String(c.id) === params.community);
  const key = PeriodParam.parse(params.period);
  if (!community || key !== params.period || !/^\d{4}-(Q[1-4]|\d{2})$/.test(key)) throw new Response("not found", { status: 404 });
  const period = parsePeriod(key);
  const stats = portal.stats.compute(period, community.id);
  const published = portal.publications.inPeriod(period, community.id).map((p) => ({
    kind: p.kind,
    id: p.id,
    title: p.title,
    url: p.url,
    outcome: p.outcome,
    publishedAt: p.publishedAt,
    comments: portal.comments.forPage(p.kind, p.id).comments.length,
  }));
  const { t } = await serverT(request);
  const title = t("portal.reports.reportTitle", { community: community.name, period: periodLabel(t, key) });
  return data(
    {
      community,
      period: key,
      stats,
      charts: await statsCharts(stats, t),
      published,
      generatedAt: clock.now().toISOString(),
      meta: { title: `${title} · ${t("app.name")}`, description: t("portal.reports.lead"), siteName: t("app.name") },
    },
    { headers: { "Cache-Control": publicCacheControl(context, 60) } },
  );
}

export default function Report() {
  const { community, period, stats, charts, published, generatedAt } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <article className="stack report">
      <header>
        <h1>
          <span data-user-content>{community.name}</span> · {periodLabel(t, period)} · {t(period.includes("Q") ? "portal.reports.quarterly" : "portal.reports.monthly")}
        </h1>
        <p className="muted">{t("portal.reports.generated", { date: formatDate(generatedAt, i18n.language) })}</p>
        <p className="no-print">
          <button type="button" className="button button--primary print-button" onClick={() => window.print()}>
            {t("portal.share.print")}
          </button>
        </p>
      </header>
      <section className="card stack" aria-labelledby="decided-title">
        <h2 id="decided-title">{t("portal.reports.decided")}</h2>
        {published.length === 0 ? <p className="muted">{t("portal.reports.decidedEmpty")}</p> : null}
        <ol className="report-list">
          {published.map((p) => (
            <li key={`${p.kind}-${p.id}`}>
              <span className="badge">{t(`portal.kind.${p.kind}`)}</span>{" "}
              <Link to={p.url} data-user-content>
                {p.title}
              </Link>{" "}
              · {t(`portal.outcome.${p.outcome ?? "none"}`, { defaultValue: t("portal.outcome.none") })} · {formatDate(p.publishedAt, i18n.language)} ·{" "}
              {t("portal.reports.comments", { count: p.comments })}
            </li>
          ))}
        </ol>
      </section>
      <StatsView stats={stats} charts={charts} />
    </article>
  );
}

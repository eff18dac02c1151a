import { data, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parsePeriod, periodKeysOf, recentPeriods } from "../../server/portal/periods";
import { periodLabel } from "~/components/portal/period-label";
import portalStyles from "~/components/portal/portal.css";
import { publicCacheControl } from "~/components/portal/portal-route.server";
import { statsCharts } from "~/components/portal/stats-charts.server";
import { StatsView } from "~/components/portal/stats-view";
import { shareMeta } from "~/utils/share";
import { serverT } from "~/utils/share.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: portalStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? shareMeta(data.meta) : []);
export const headers: HeadersFunction = ({ loaderHeaders }) => ({ "Cache-Control": loaderHeaders.get("Cache-Control") ?? "private, no-cache" });

/** /stats?community=2&period=2026-Q4: statistics per community and period, charts with tables. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const period = parsePeriod(url.searchParams.get("period"));
  const { portal, clock } = context.services;
  const communities = portal.publications.communities();
  const requested = Number.parseInt(url.searchParams.get("community") ?? "", 10);
  const communityId = communities.some((c) => c.id === requested) ? requested : undefined;
  const stats = portal.stats.compute(period, communityId);
  const { t } = await serverT(request);
  const recent = recentPeriods(clock.now(), 6, 4);
  return data(
    {
      stats,
      charts: await statsCharts(stats, t),
      communities,
      communityId: communityId ?? null,
      period: period.key,
      periods: ["all", periodKeysOf(clock.now()).year, ...recent.quarters, ...recent.months],
      meta: { title: `${t("portal.stats.title")} · ${t("app.name")}`, description: t("portal.stats.lead"), siteName: t("app.name") },
    },
    { headers: { "Cache-Control": publicCacheControl(context, 60) } },
  );
}

export default function Stats() {
  const { stats, charts, communities, communityId, period, periods } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <header>
        <h1>{t("portal.stats.title")}</h1>
        <p className="muted">{t("portal.stats.lead")}</p>
      </header>
      <Form method="get" className="filters card no-print">
        <div className="field">
          <label htmlFor="s-community">{t("portal.filter.community")}</label>
          <select id="s-community" name="community" className="input" defaultValue={communityId ?? ""}>
            <option value="">{t("portal.filter.allCommunities")}</option>
            {communities.map((c) => (
              <option key={c.id} value={c.id} data-user-content>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="s-period">{t("portal.stats.period")}</label>
          <select id="s-period" name="period" className="input" defaultValue={period}>
            {periods.map((p) => (
              <option key={p} value={p}>
                {periodLabel(t, p)}
              </option>
            ))}
          </select>
        </div>
        <div className="filters__actions">
          <button type="submit" className="button button--primary">
            {t("portal.stats.show")}
          </button>
        </div>
      </Form>
      <StatsView stats={stats} charts={charts} />
    </div>
  );
}

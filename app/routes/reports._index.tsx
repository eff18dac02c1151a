import { data, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { recentPeriods } from "../../server/portal/periods";
import { periodLabel } from "~/components/portal/period-label";
import portalStyles from "~/components/portal/portal.css";
import { publicCacheControl } from "~/components/portal/portal-route.server";
import { shareMeta } from "~/utils/share";
import { serverT } from "~/utils/share.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: portalStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? shareMeta(data.meta) : []);
export const headers: HeadersFunction = ({ loaderHeaders }) => ({ "Cache-Control": loaderHeaders.get("Cache-Control") ?? "private, no-cache" });

/** /reports: the monthly (静态晾晒) and quarterly (集中晾晒) reports of every community. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { portal, clock } = context.services;
  const { t } = await serverT(request);
  return data(
    {
      communities: portal.publications.communities(),
      ...recentPeriods(clock.now(), 6, 4),
      meta: { title: `${t("portal.reports.title")} · ${t("app.name")}`, description: t("portal.reports.lead"), siteName: t("app.name") },
    },
    { headers: { "Cache-Control": publicCacheControl(context, 60) } },
  );
}

export default function Reports() {
  const { communities, months, quarters } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <header>
        <h1>{t("portal.reports.title")}</h1>
        <p className="muted">{t("portal.reports.lead")}</p>
      </header>
      <div className="grid">
        {communities.map((c) => (
          <section key={c.id} className="card stack" aria-labelledby={`c-${c.id}`}>
            <h2 id={`c-${c.id}`} data-user-content>
              {c.name}
            </h2>
            <h3>{t("portal.reports.quarterly")}</h3>
            <ul className="link-list">
              {quarters.map((q) => (
                <li key={q}>
                  <Link to={`/reports/${c.id}/${q}`}>{periodLabel(t, q)}</Link>
                </li>
              ))}
            </ul>
            <h3>{t("portal.reports.monthly")}</h3>
            <ul className="link-list">
              {months.map((m) => (
                <li key={m}>
                  <Link to={`/reports/${c.id}/${m}`}>{periodLabel(t, m)}</Link>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}

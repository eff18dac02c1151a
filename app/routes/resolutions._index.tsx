import { data, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { UserText } from "~/components/system-text";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import councilStyles from "~/components/council/council.css";
import { approvalText } from "~/components/council/format";
import { PublicationFilters } from "~/components/portal/filters";
import { Pager } from "~/components/portal/pager";
import portalStyles from "~/components/portal/portal.css";
import { filterFrom, publicCacheControl } from "~/components/portal/portal-route.server";
import { PublicationList } from "~/components/portal/publication-list";
import { formatDate } from "~/utils/format";
import { unitsWhere } from "../../server/auth/permissions";
import { shareMeta } from "~/utils/share";
import { serverT } from "~/utils/share.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? shareMeta(data.meta) : []);
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: councilStyles },
  { rel: "stylesheet", href: portalStyles },
];
export const headers: HeadersFunction = ({ loaderHeaders }) => ({ "Cache-Control": loaderHeaders.get("Cache-Control") ?? "private, no-cache" });

/** Every published resolution with its state: in notice, being implemented (overdue flagged), done. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const p = context.principal;
  const supervises = p.kind === "user" && p.user.roles.includes("supervisor") ? unitsWhere(p.user, "post:progress:own") : [];
  // The public list (issue 17): filtered and paginated from the portal's publication view.
  const filter = filterFrom(new URL(request.url), "resolution");
  const { portal } = context.services;
  const { t } = await serverT(request);
  return data(
    {
      resolutions: supervises.length ? context.services.councils.views.publishedResolutions() : [],
      supervises,
      list: portal.publications.list(filter),
      communities: portal.publications.communities(),
      filter,
      meta: { title: `${t("portal.list.resolutionsTitle")} · ${t("app.name")}`, description: t("portal.list.resolutionsLead"), siteName: t("app.name") },
    },
    { headers: { "Cache-Control": publicCacheControl(context) } },
  );
}

export default function Resolutions() {
  const { resolutions, supervises, list, communities, filter } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const mine = resolutions.filter((r) => supervises.includes(r.communityId) && r.status !== "done");
  const row = (r: (typeof resolutions)[number]) => (
    <li key={r.id} className="card">
      <div className="room-header">
        <Link to={`/resolutions/${r.id}`}>
          <strong><UserText>{r.title}</UserText></strong>
        </Link>
        <span className="row">
          <span className="badge">{t(`council.resolutionStatus.${r.status}`)}</span>
          {r.overdue ? <span className="badge council-overdue">{t("council.resolution.overdue")}</span> : null}
        </span>
      </div>
      <p className="muted">
        <UserText>{r.communityName}</UserText> · <UserText>{r.councilTitle}</UserText> · {t("council.approval", { rate: approvalText(r.approvalRate) })} · {t("council.resolution.deadlineOn", { date: formatDate(r.deadline, i18n.language) })}
      </p>
    </li>
  );
  return (
    <div className="stack">
      {supervises.length ? (
        <section className="stack" aria-labelledby="supervise-title">
          <h1 id="supervise-title">{t("council.supervise.title")}</h1>
          <p className="muted">{t("council.supervise.intro")}</p>
          {mine.length === 0 ? <p className="muted">{t("council.supervise.empty")}</p> : <ul className="list">{mine.map(row)}</ul>}
        </section>
      ) : null}
      <section className="stack" aria-labelledby="all-title">
        <h1 id="all-title">{t("council.resolution.listTitle")}</h1>
        <p className="muted">{t("portal.list.resolutionsLead")}</p>
        <PublicationFilters values={filter} communities={communities} showKind={false} />
        <p className="muted" data-testid="list-count">
          {t("portal.list.count", { count: list.total })}
        </p>
        {list.items.length === 0 ? <p className="muted">{t("council.resolution.none")}</p> : <PublicationList items={list.items} />}
        <Pager page={list.page} pageCount={list.pageCount} />
      </section>
    </div>
  );
}

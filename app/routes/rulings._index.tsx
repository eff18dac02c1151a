import { data, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PublicationFilters } from "~/components/portal/filters";
import { Pager } from "~/components/portal/pager";
import portalStyles from "~/components/portal/portal.css";
import { filterFrom, publicCacheControl } from "~/components/portal/portal-route.server";
import { PublicationList } from "~/components/portal/publication-list";
import { serverT } from "~/utils/share.server";
import { shareMeta } from "~/utils/share";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: portalStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? shareMeta(data.meta) : []);
export const headers: HeadersFunction = ({ loaderHeaders }) => ({ "Cache-Control": loaderHeaders.get("Cache-Control") ?? "private, no-cache" });

/** /rulings: every published ruling, filtered by community, date and outcome, ten a page. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const filter = filterFrom(new URL(request.url), "ruling");
  const { portal } = context.services;
  const { t } = await serverT(request);
  return data(
    {
      list: portal.publications.list(filter),
      communities: portal.publications.communities(),
      filter,
      meta: { title: `${t("portal.list.rulingsTitle")} · ${t("app.name")}`, description: t("portal.list.rulingsLead"), siteName: t("app.name") },
    },
    { headers: { "Cache-Control": publicCacheControl(context) } },
  );
}

export default function Rulings() {
  const { list, communities, filter } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <header>
        <h1>{t("portal.list.rulingsTitle")}</h1>
        <p className="muted">{t("portal.list.rulingsLead")}</p>
      </header>
      <PublicationFilters values={filter} communities={communities} showKind={false} />
      <p className="muted" data-testid="list-count">
        {t("portal.list.count", { count: list.total })}
      </p>
      {list.items.length === 0 ? <p className="muted">{t("portal.list.empty")}</p> : <PublicationList items={list.items} />}
      <Pager page={list.page} pageCount={list.pageCount} />
    </div>
  );
}

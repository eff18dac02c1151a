import { data, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pager } from "~/components/portal/pager";
import portalStyles from "~/components/portal/portal.css";
import { publicCacheControl } from "~/components/portal/portal-route.server";
import { formatDateTime } from "~/utils/format";
import { shareMeta } from "~/utils/share";
import { serverT } from "~/utils/share.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: portalStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? shareMeta(data.meta) : []);
export const headers: HeadersFunction = ({ loaderHeaders }) => ({ "Cache-Control": loaderHeaders.get("Cache-Control") ?? "private, no-cache" });

const PAGE = 20;

/** /hearings: every public hearing (announced, drawing, live, closed, published), newest first. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const page = Math.max(1, Math.min(10_000, Number.parseInt(new URL(request.url).searchParams.get("page") ?? "1", 10) || 1));
  const all = context.services.hearings.lifecycle.listPublic();
  const { t } = await serverT(request);
  return data(
    {
      hearings: all.slice((page - 1) * PAGE, page * PAGE).map((h) => ({ id: h.id, title: h.title, status: h.status, place: h.place, scheduledAt: h.scheduledAt.toISOString() })),
      page,
      pageCount: Math.max(1, Math.ceil(all.length / PAGE)),
      meta: { title: `${t("portal.list.hearingsTitle")} · ${t("app.name")}`, description: t("portal.list.hearingsLead"), siteName: t("app.name") },
    },
    { headers: { "Cache-Control": publicCacheControl(context, 5) } },
  );
}

export default function Hearings() {
  const { hearings, page, pageCount } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <div className="stack">
      <header>
        <h1>{t("portal.list.hearingsTitle")}</h1>
        <p className="muted">{t("portal.list.hearingsLead")}</p>
      </header>
      {hearings.length === 0 ? <p className="muted">{t("portal.list.empty")}</p> : null}
      <ul className="list">
        {hearings.map((h) => (
          <li key={h.id} className="card">
            <p>
              <span className="badge">{t(`hearing.status.${h.status}`)}</span>
            </p>
            <h2 className="publication__title">
              <Link to={`/hearings/${h.id}`} data-user-content>
                {h.title}
              </Link>
            </h2>
            <p className="muted">
              {formatDateTime(h.scheduledAt, i18n.language)} · <span data-user-content>{h.place}</span>
            </p>
          </li>
        ))}
      </ul>
      <Pager page={page} pageCount={pageCount} />
    </div>
  );
}

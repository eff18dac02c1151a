import { data, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Highlight } from "~/components/portal/highlight";
import portalStyles from "~/components/portal/portal.css";
import { publicCacheControl } from "~/components/portal/portal-route.server";
import { formatDate } from "~/utils/format";
import { shareMeta } from "~/utils/share";
import { serverT } from "~/utils/share.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: portalStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? shareMeta(data.meta) : []);
export const headers: HeadersFunction = ({ loaderHeaders }) => ({ "Cache-Control": loaderHeaders.get("Cache-Control") ?? "private, no-cache" });

/** /search?q=漏水: full-text search over published titles and public texts (server/portal/search.ts). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const community = Number.parseInt(url.searchParams.get("community") ?? "", 10);
  const { portal } = context.services;
  const result = q.trim() ? portal.search.search(q, { communityId: Number.isFinite(community) && community > 0 ? community : undefined }) : { terms: [], hits: [] };
  const { t } = await serverT(request);
  return data(
    {
      q,
      ...result,
      meta: { title: `${q ? `${q} · ` : ""}${t("portal.search.title")} · ${t("app.name")}`, description: t("portal.search.hint"), siteName: t("app.name") },
    },
    { headers: { "Cache-Control": publicCacheControl(context) } },
  );
}

export default function Search() {
  const { q, terms, hits } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <div className="stack">
      <h1>{t("portal.search.title")}</h1>
      <Form method="get" role="search" className="search-form">
        <label htmlFor="q" className="search-form__label">
          {t("portal.search.label")}
        </label>
        <div className="search-form__row">
          <input id="q" name="q" type="search" className="input" defaultValue={q} placeholder={t("portal.search.placeholder")} maxLength={100} />
          <button type="submit" className="button button--primary">
            {t("portal.search.submit")}
          </button>
        </div>
        <p className="muted small">{t("portal.search.hint")}</p>
      </Form>
      {q.trim() ? (
        <section aria-live="polite" className="stack">
          <h2 data-testid="search-summary">
            <q data-user-content>{q}</q> · {hits.length ? t("portal.search.results", { count: hits.length }) : t("portal.search.none")}
          </h2>
          <ol className="list" data-testid="search-results">
            {hits.map((h) => (
              <li key={`${h.kind}-${h.id}`} className="card publication">
                <p>
                  <span className="badge">{t(`portal.kind.${h.kind}`)}</span>
                </p>
                <h3 className="publication__title">
                  <Link to={h.url} data-user-content>
                    <Highlight text={h.title} terms={terms} />
                  </Link>
                </h3>
                <p data-user-content>
                  <Highlight text={h.snippet} terms={terms} />
                </p>
                <p className="muted small">
                  <span data-user-content>{h.communityName}</span> · {t("portal.list.publishedOn", { date: formatDate(h.publishedAt, i18n.language) })}
                </p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}

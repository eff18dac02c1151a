import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { formatDateTime } from "~/utils/format";
import { useTranslation } from "react-i18next";
import type { loader as rootLoader } from "~/root";

export const meta: MetaFunction = () => [{ title: "民事民议 · 评理大会" }];

/** The public face: hearings that have been announced, are live, or have a published ruling. */
export async function loader({ context }: LoaderFunctionArgs) {
  const hearings = context.services.hearings.lifecycle.listPublic().slice(0, 20);
  // The public home page may be a few seconds old for anonymous visitors (server/http/page-cache.ts).
  const cacheControl = context.principal.kind === "anonymous" ? "public, max-age=5" : "private, no-cache";
  return data(
    { hearings: hearings.map((h) => ({ id: h.id, title: h.title, status: h.status, place: h.place, scheduledAt: h.scheduledAt.toISOString() })) },
    { headers: { "Cache-Control": cacheControl } },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders }) => ({ "Cache-Control": loaderHeaders.get("Cache-Control") ?? "private, no-cache" });

export default function Index() {
  const { t, i18n } = useTranslation();
  const { hearings } = useLoaderData<typeof loader>();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const viewer = root?.viewer;
  return (
    <div className="stack">
      <section className="hero">
        {viewer?.kind === "user" ? <p className="badge">{t("home.welcome", { name: viewer.displayName })}</p> : null}
        <h1>{t("home.title")}</h1>
        <p>{t("home.lead")}</p>
      </section>
      <section className="grid" aria-label={t("app.tagline")}>
        <article className="card">
          <h2>{t("home.councilsTitle")}</h2>
          <p className="muted">{t("home.councilsBody")}</p>
        </article>
        <article className="card">
          <h2>{t("home.hearingsTitle")}</h2>
          <p className="muted">{t("home.hearingsBody")}</p>
        </article>
        <article className="card">
          <h2>{t("home.verifyTitle")}</h2>
          <p className="muted">{t("home.verifyBody")}</p>
        </article>
      </section>
      <section>
        <h2>{t("home.publicNotice")}</h2>
        {hearings.length === 0 ? <p className="muted">{t("home.nothingYet")}</p> : null}
        <ul className="list">
          {hearings.map((h) => (
            <li key={h.id} className="card">
              <div className="room-header">
                <Link to={`/hearings/${h.id}`}>
                  <strong>{h.title}</strong>
                </Link>
                <span className="badge">{t(`hearing.status.${h.status}`)}</span>
              </div>
              <p className="muted">
                {t("hearing.title")} · {formatDateTime(h.scheduledAt, i18n.language)} · {h.place}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

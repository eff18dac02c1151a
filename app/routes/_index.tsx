import { data, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import portalStyles from "~/components/portal/portal.css";
import { PublicationList } from "~/components/portal/publication-list";
import type { loader as rootLoader } from "~/root";
import { formatDateTime } from "~/utils/format";
import { shareMeta } from "~/utils/share";
import { serverT } from "~/utils/share.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: portalStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? shareMeta(data.meta) : []);

type Meeting = { kind: "hearing" | "council"; id: number; title: string; status: string; place: string; scheduledAt: string };

/**
 * The public face (issue 17): meetings announced with their notices, sessions live now with a link
 * to watch, and the latest rulings and resolutions.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { hearings, councils, portal } = context.services;
  const meeting = (kind: Meeting["kind"]) => (m: { id: number; title: string; status: string; place: string; scheduledAt: Date }): Meeting => ({
    kind,
    id: m.id,
    title: m.title,
    status: m.status,
    place: m.place,
    scheduledAt: m.scheduledAt.toISOString(),
  });
  const all = [...hearings.lifecycle.listPublic().map(meeting("hearing")), ...councils.lifecycle.listPublic().map(meeting("council"))];
  const upcoming = all
    .filter((m) => m.status === "announced" || m.status === "drawing")
    .sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt))
    .slice(0, 6);
  const live = all.filter((m) => m.status === "live");
  const latest = portal.publications.list({ page: 1 }, 6).items.map(({ body: _body, ...p }) => p);
  const { t } = await serverT(request);
  // The public home page may be a few seconds old for anonymous visitors (server/http/page-cache.ts).
  const cacheControl = context.principal.kind === "anonymous" ? "public, max-age=5" : "private, no-cache";
  return data(
    { upcoming, live, latest, meta: { title: t("app.name"), description: t("portal.meta.homeDescription"), siteName: t("app.name") } },
    { headers: { "Cache-Control": cacheControl } },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders }) => ({ "Cache-Control": loaderHeaders.get("Cache-Control") ?? "private, no-cache" });

function MeetingList({ items, watch }: { items: Meeting[]; watch?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="list">
      {items.map((m) => {
        const href = m.kind === "hearing" ? `/hearings/${m.id}` : `/councils/${m.id}`;
        return (
          <li key={`${m.kind}-${m.id}`} className="card">
            <p className="row">
              <span className="badge">{t(`portal.home.${m.kind}`)}</span>
              <span className="badge">{t(m.kind === "hearing" ? `hearing.status.${m.status}` : `council.status.${m.status}`)}</span>
            </p>
            <h3 className="publication__title">
              <Link to={href} data-user-content>
                {m.title}
              </Link>
            </h3>
            <p className="muted">
              {formatDateTime(m.scheduledAt, i18n.language)} · <span data-user-content>{m.place}</span>
            </p>
            {watch ? (
              <p>
                <Link to={href} className="button button--primary">
                  {t("portal.home.watch")}
                </Link>
              </p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

export default function Index() {
  const { t } = useTranslation();
  const { upcoming, live, latest } = useLoaderData<typeof loader>();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const viewer = root?.viewer;
  return (
    <div className="stack">
      <section className="hero">
        {viewer?.kind === "user" ? (
          <p className="badge">
            {t("home.welcome", { name: "" })}
            <span data-user-content>{viewer.displayName}</span>
          </p>
        ) : null}
        <h1>{t("home.title")}</h1>
        <p>{t("home.lead")}</p>
        <form method="get" action="/search" role="search" className="search-form search-form--hero">
          <label htmlFor="home-q" className="visually-hidden">
            {t("portal.search.label")}
          </label>
          <div className="search-form__row">
            <input id="home-q" name="q" type="search" className="input" placeholder={t("portal.search.placeholder")} maxLength={100} />
            <button type="submit" className="button button--primary">
              {t("portal.search.submit")}
            </button>
          </div>
        </form>
      </section>

      <section className="stack" aria-labelledby="live-title">
        <h2 id="live-title">{t("portal.home.liveNow")}</h2>
        {live.length ? <MeetingList items={live} watch /> : <p className="muted">{t("portal.home.liveEmpty")}</p>}
      </section>

      <section className="stack" aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">{t("portal.home.upcoming")}</h2>
        {upcoming.length ? <MeetingList items={upcoming} /> : <p className="muted">{t("portal.home.upcomingEmpty")}</p>}
      </section>

      <section className="stack" aria-labelledby="latest-title">
        <h2 id="latest-title">{t("portal.home.latest")}</h2>
        {latest.length ? <PublicationList items={latest} /> : <p className="muted">{t("portal.home.latestEmpty")}</p>}
        <p className="row">
          <Link to="/rulings">{t("portal.home.allRulings")}</Link> · <Link to="/resolutions">{t("portal.home.allResolutions")}</Link> ·{" "}
          <Link to="/reports">{t("portal.nav.reports")}</Link> · <Link to="/stats">{t("portal.nav.stats")}</Link> · <a href="/atom.xml">{t("portal.share.feed")}</a>
        </p>
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
          <p>
            <Link to="/verify">{t("portal.verifyHint.link")}</Link>
          </p>
        </article>
      </section>
    </div>
  );
}

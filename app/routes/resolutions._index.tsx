import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import councilStyles from "~/components/council/council.css";
import { approvalText } from "~/components/council/format";
import { formatDate } from "~/utils/format";
import { unitsWhere } from "../../server/auth/permissions";

export const meta: MetaFunction = () => [{ title: "协商决议 · 民事民议" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: councilStyles }];

/** Every published resolution with its state: in notice, being implemented (overdue flagged), done. */
export async function loader({ context }: LoaderFunctionArgs) {
  const p = context.principal;
  const supervises = p.kind === "user" && p.user.roles.includes("supervisor") ? unitsWhere(p.user, "post:progress:own") : [];
  return { resolutions: context.services.councils.views.publishedResolutions(), supervises };
}

export default function Resolutions() {
  const { resolutions, supervises } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const mine = resolutions.filter((r) => supervises.includes(r.communityId) && r.status !== "done");
  const row = (r: (typeof resolutions)[number]) => (
    <li key={r.id} className="card">
      <div className="room-header">
        <Link to={`/resolutions/${r.id}`}>
          <strong>{r.title}</strong>
        </Link>
        <span className="row">
          <span className="badge">{t(`council.resolutionStatus.${r.status}`)}</span>
          {r.overdue ? <span className="badge council-overdue">{t("council.resolution.overdue")}</span> : null}
        </span>
      </div>
      <p className="muted">
        {r.communityName} · {r.councilTitle} · {t("council.approval", { rate: approvalText(r.approvalRate) })} · {t("council.resolution.deadlineOn", { date: formatDate(r.deadline, i18n.language) })}
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
        {resolutions.length === 0 ? <p className="muted">{t("council.resolution.none")}</p> : <ul className="list">{resolutions.map(row)}</ul>}
      </section>
    </div>
  );
}

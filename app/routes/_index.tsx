import type { MetaFunction } from "@remix-run/node";
import { useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { loader as rootLoader } from "~/root";

export const meta: MetaFunction = () => [{ title: "民事民议 · 评理大会" }];

export default function Index() {
  const { t } = useTranslation();
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
        <p className="muted">{t("home.nothingYet")}</p>
      </section>
    </div>
  );
}

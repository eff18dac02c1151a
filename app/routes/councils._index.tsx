import { titleMeta } from "~/utils/meta";
import { UserText } from "~/components/system-text";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import councilStyles from "~/components/council/council.css";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "councils");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: councilStyles }];

/** The public list: councils announced, live and ended; for a signed-in representative, theirs first. */
export async function loader({ context }: LoaderFunctionArgs) {
  const { lifecycle } = context.services.councils;
  const view = (c: { id: number; title: string; status: string; scheduledAt: Date; place: string }) => ({
    id: c.id,
    title: c.title,
    status: c.status,
    scheduledAt: c.scheduledAt.toISOString(),
    place: c.place,
  });
  const mine = context.principal.kind === "user" ? lifecycle.listForParticipant(context.principal.user.id).map(view) : [];
  return { mine, councils: lifecycle.listPublic().map(view) };
}

export default function Councils() {
  const { mine, councils } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const item = (c: (typeof councils)[number], href: string) => (
    <li key={c.id} className="card">
      <div className="room-header">
        <Link to={href}>
          <strong><UserText>{c.title}</UserText></strong>
        </Link>
        <span className="badge">{t(`council.status.${c.status}`)}</span>
      </div>
      <p className="muted">
        {formatDateTime(c.scheduledAt, i18n.language)} · <UserText>{c.place}</UserText>
      </p>
    </li>
  );
  return (
    <div className="stack">
      {mine.length ? (
        <section className="stack" aria-labelledby="mine-title">
          <h1 id="mine-title">{t("council.list.mine")}</h1>
          <ul className="list">{mine.map((c) => item(c, `/councils/${c.id}/live`))}</ul>
        </section>
      ) : null}
      <section className="stack" aria-labelledby="public-title">
        <div className="room-header">
          <h1 id="public-title">{t("council.list.public")}</h1>
          <Link to="/resolutions">{t("council.resolution.listTitle")}</Link>
        </div>
        {councils.length === 0 ? <p className="muted">{t("council.list.empty")}</p> : null}
        <ul className="list">{councils.map((c) => item(c, `/councils/${c.id}`))}</ul>
      </section>
    </div>
  );
}

import { titleMeta } from "~/utils/meta";
import { UserText } from "~/components/system-text";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import councilStyles from "~/components/council/council.css";
import { requireUserWithPermission } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { unitsWhere } from "../../server/auth/permissions";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "councils");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: councilStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUserWithPermission(context, request, "manage:council:own");
  const councils = context.services.councils.lifecycle.listForCommunities(unitsWhere(user, "manage:council:own"));
  return {
    councils: councils.map((c) => ({ id: c.id, title: c.title, status: c.status, scheduledAt: c.scheduledAt.toISOString(), place: c.place })),
  };
}

export default function CouncilList() {
  const { councils } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <div className="stack">
      <div className="room-header">
        <h1>{t("council.list.title")}</h1>
        <div className="row">
          <Link to="/manage/matters" className="button">
            {t("council.list.matters")}
          </Link>
          <Link to="/manage/councils/new" className="button button--primary">
            {t("council.list.convene")}
          </Link>
        </div>
      </div>
      {councils.length === 0 ? <p className="muted">{t("council.list.empty")}</p> : null}
      <ul className="list">
        {councils.map((c) => (
          <li key={c.id} className="card">
            <div className="room-header">
              <Link to={`/manage/councils/${c.id}`}>
                <strong><UserText>{c.title}</UserText></strong>
              </Link>
              <span className="badge">{t(`council.status.${c.status}`)}</span>
            </div>
            <p className="muted">
              {formatDateTime(c.scheduledAt, i18n.language)} · <UserText>{c.place}</UserText>
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}

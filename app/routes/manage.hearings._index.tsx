import { titleMeta } from "~/utils/meta";
import { UserText } from "~/components/system-text";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUserWithPermission } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { unitsWhere } from "../../server/auth/permissions";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "hearings");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUserWithPermission(context, request, "manage:hearing:own");
  const hearings = context.services.hearings.lifecycle.listForCommunities(unitsWhere(user, "manage:hearing:own"));
  return {
    hearings: hearings.map((h) => ({ id: h.id, title: h.title, status: h.status, phase: h.phase, scheduledAt: h.scheduledAt.toISOString(), place: h.place })),
  };
}

export default function HearingList() {
  const { hearings } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <div className="stack">
      <div className="room-header">
        <h1>{t("hearing.list.title")}</h1>
        <Link to="/manage/hearings/new" className="button button--primary">
          {t("hearing.list.convene")}
        </Link>
      </div>
      {hearings.length === 0 ? <p className="muted">{t("hearing.list.empty")}</p> : null}
      <ul className="list">
        {hearings.map((h) => (
          <li key={h.id} className="card">
            <div className="room-header">
              <Link to={`/manage/hearings/${h.id}`}>
                <strong><UserText>{h.title}</UserText></strong>
              </Link>
              <span className="badge">{h.phase ? t(`hearing.phase.${h.phase}`) : t(`hearing.status.${h.status}`)}</span>
            </div>
            <p className="muted">
              {formatDateTime(h.scheduledAt, i18n.language)} · <UserText>{h.place}</UserText>
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}

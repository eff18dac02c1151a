import { titleMeta } from "~/utils/meta";
import { UserText } from "~/components/system-text";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "me");

/** A representative's summons: the hearings whose panel they sit on, with the way into the room. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const seats = context.services.hearings.lifecycle.listForJuror(user.id);
  const councils = context.services.councils.lifecycle.listForParticipant(user.id);
  return {
    councils: councils.map((c) => ({ id: c.id, title: c.title, place: c.place, scheduledAt: c.scheduledAt.toISOString(), status: c.status })),
    hearings: seats.map((s) => ({
      id: s.hearing.id,
      title: s.hearing.title,
      place: s.hearing.place,
      scheduledAt: s.hearing.scheduledAt.toISOString(),
      status: s.hearing.status,
      phase: s.hearing.phase,
      seat: s.role,
      seatStatus: s.status,
    })),
  };
}

export default function MyMeetings() {
  const { hearings, councils } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <div className="stack">
      <h1>{t("nav.myMeetings")}</h1>
      {hearings.length === 0 && councils.length === 0 ? <p className="muted">{t("home.nothingYet")}</p> : null}
      <ul className="list">
        {hearings.map((h) => (
          <li key={h.id} className="card stack">
            <div className="room-header">
              <strong><UserText>{h.title}</UserText></strong>
              <span className="badge">{h.phase ? t(`hearing.phase.${h.phase}`) : t(`hearing.status.${h.status}`)}</span>
            </div>
            <p className="muted">
              {formatDateTime(h.scheduledAt, i18n.language)} · <UserText>{h.place}</UserText> · {h.seat === "juror" ? t("hearing.room.role.juror") : t("hearing.draw.alternates")}
            </p>
            {h.seat === "juror" && h.seatStatus === "active" && ["drawing", "live"].includes(h.status) ? (
              <Link to={`/hearings/${h.id}/juror`} className="button button--primary button--block">
                {t("hearing.room.checkin")}
              </Link>
            ) : (
              <Link to={`/hearings/${h.id}`}>{t("hearing.console.publicPage")}</Link>
            )}
          </li>
        ))}
      </ul>
      <ul className="list">
        {councils.map((c) => (
          <li key={`c${c.id}`} className="card stack">
            <div className="room-header">
              <strong><UserText>{c.title}</UserText></strong>
              <span className="badge">{t(`council.status.${c.status}`)}</span>
            </div>
            <p className="muted">
              {t("nav.councils")} · {formatDateTime(c.scheduledAt, i18n.language)} · <UserText>{c.place}</UserText>
            </p>
            {c.status === "live" || c.status === "announced" ? (
              <Link to={`/councils/${c.id}/live`} className="button button--primary button--block">
                {t("council.enterLive")}
              </Link>
            ) : (
              <Link to={`/councils/${c.id}`}>{t("hearing.console.publicPage")}</Link>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

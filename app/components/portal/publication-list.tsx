import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/utils/format";

export type PublicationItem = {
  kind: "ruling" | "resolution";
  id: number;
  title: string;
  communityName: string;
  publishedAt: string;
  outcome: string | null;
  url: string;
};

/** Rulings and resolutions as cards: title (user content), kind, community, date and outcome. */
export function PublicationList({ items }: { items: PublicationItem[] }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="list publication-list" data-testid="publication-list">
      {items.map((p) => (
        <li key={`${p.kind}-${p.id}`} className="card publication">
          <p className="row">
            <span className="badge">{t(`portal.kind.${p.kind}`)}</span>
            {p.outcome ? <span className={`badge outcome outcome--${p.outcome}`}>{t(`portal.outcome.${p.outcome}`, { defaultValue: t("portal.outcome.none") })}</span> : null}
          </p>
          <h3 className="publication__title">
            <Link to={p.url} data-user-content>
              {p.title}
            </Link>
          </h3>
          <p className="muted">
            <span data-user-content>{p.communityName}</span> · {t("portal.list.publishedOn", { date: formatDate(p.publishedAt, i18n.language) })}
          </p>
        </li>
      ))}
    </ul>
  );
}

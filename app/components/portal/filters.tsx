import { Form, Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export type FilterValues = { kind?: string; communityId?: number; outcome?: string; from?: string; to?: string };

/** The list filters as a GET form: shareable URLs, and it works without JavaScript. */
export function PublicationFilters({
  values,
  communities,
  showKind,
}: {
  values: FilterValues;
  communities: { id: number; name: string }[];
  showKind: boolean;
}) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <Form method="get" className="filters card" aria-label={t("portal.filter.legend")}>
      <div className="field">
        <label htmlFor="f-community">{t("portal.filter.community")}</label>
        <select id="f-community" name="community" className="input" defaultValue={values.communityId ?? ""}>
          <option value="">{t("portal.filter.allCommunities")}</option>
          {communities.map((c) => (
            <option key={c.id} value={c.id} data-user-content>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      {showKind ? (
        <div className="field">
          <label htmlFor="f-kind">{t("portal.filter.kind")}</label>
          <select id="f-kind" name="kind" className="input" defaultValue={values.kind ?? ""}>
            <option value="">{t("portal.filter.allKinds")}</option>
            <option value="ruling">{t("portal.kind.ruling")}</option>
            <option value="resolution">{t("portal.kind.resolution")}</option>
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="f-outcome">{t("portal.filter.outcome")}</label>
        <select id="f-outcome" name="outcome" className="input" defaultValue={values.outcome ?? ""}>
          <option value="">{t("portal.filter.allOutcomes")}</option>
          {(["passed", "failed", "tie", "no_quorum"] as const).map((o) => (
            <option key={o} value={o}>
              {t(`portal.outcome.${o}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-from">{t("portal.filter.from")}</label>
        <input id="f-from" type="date" name="from" className="input" defaultValue={values.from ?? ""} />
      </div>
      <div className="field">
        <label htmlFor="f-to">{t("portal.filter.to")}</label>
        <input id="f-to" type="date" name="to" className="input" defaultValue={values.to ?? ""} />
      </div>
      <div className="filters__actions">
        <button type="submit" className="button button--primary">
          {t("portal.filter.apply")}
        </button>
        <Link to={pathname} className="button">
          {t("portal.filter.reset")}
        </Link>
      </div>
    </Form>
  );
}

import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Previous / next links that keep the current filters; plain links, so they work without JavaScript. */
export function Pager({ page, pageCount }: { page: number; pageCount: number }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (pageCount <= 1) return null;
  const to = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(p));
    return `${location.pathname}?${params}`;
  };
  return (
    <nav className="pager" aria-label={t("portal.pager.label")}>
      {page > 1 ? (
        <Link className="button" to={to(page - 1)} rel="prev">
          {t("portal.pager.prev")}
        </Link>
      ) : null}
      <span className="pager__status">{t("portal.pager.page", { page, pages: pageCount })}</span>
      {page < pageCount ? (
        <Link className="button" to={to(page + 1)} rel="next">
          {t("portal.pager.next")}
        </Link>
      ) : null}
    </nav>
  );
}

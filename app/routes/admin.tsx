import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAdmin } from "~/components/admin/admin-route.server";
import adminStyles from "~/components/admin/admin.css";

export const meta: MetaFunction = () => [{ title: "账号与单位 · 民事民议" }, { name: "robots", content: "noindex" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];

/** The street office's administration (issue 13): accounts, the unit tree, the audit log. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireAdmin(context, request);
  return null;
}

export default function AdminLayout() {
  const { t } = useTranslation();
  // An account's page belongs to the accounts tab.
  const onAccount = useLocation().pathname.startsWith("/admin/users/");
  return (
    <div className="stack">
      <h1>{t("admin.title")}</h1>
      <nav className="admin-tabs" aria-label={t("admin.title")}>
        <NavLink to="/admin" end className={({ isActive }) => (isActive || onAccount ? "active" : "")}>
          {t("admin.nav.users")}
        </NavLink>
        <NavLink to="/admin/units">{t("admin.nav.units")}</NavLink>
        <NavLink to="/admin/audit">{t("admin.nav.audit")}</NavLink>
      </nav>
      <Outlet />
    </div>
  );
}

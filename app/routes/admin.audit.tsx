import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAdmin } from "~/components/admin/admin-route.server";
import { formatDateTime } from "~/utils/format";

const PAGE = 100;

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireAdmin(context, request, "read:audit:any");
  const page = Math.max(0, Math.min(100_000, Number(new URL(request.url).searchParams.get("page")) || 0));
  const { entries, total } = context.services.audit.list({ limit: PAGE, offset: page * PAGE });
  return {
    page,
    total,
    pages: Math.max(1, Math.ceil(total / PAGE)),
    entries: entries.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actor: e.actorName,
      action: e.action,
      target: `${e.targetKind}${e.targetId ? ` #${e.targetId}` : ""}`,
      detail: Object.entries(e.detail ?? {})
        .map(([k, v]) => `${k}: ${v}`)
        .join(" · "),
    })),
  };
}

export default function AdminAudit() {
  const { t, i18n } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <section className="stack" aria-labelledby="audit-title">
      <div className="admin-tree__head">
        <h2 id="audit-title">{t("admin.audit.title")}</h2>
        <a href="/admin/audit.csv" className="button button--small" download>
          {t("admin.audit.export")}
        </a>
      </div>
      <p className="muted">
        {t("admin.audit.intro")} {t("admin.audit.total", { count: data.total })}
      </p>
      {data.entries.length === 0 ? (
        <p className="muted">{t("admin.audit.empty")}</p>
      ) : (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">{t("admin.audit.at")}</th>
                <th scope="col">{t("admin.audit.actor")}</th>
                <th scope="col">{t("admin.audit.action")}</th>
                <th scope="col">{t("admin.audit.target")}</th>
                <th scope="col">{t("admin.audit.detail")}</th>
              </tr>
            </thead>
            <tbody>
              {data.entries.map((e) => (
                <tr key={e.id}>
                  <td className="tabular">{formatDateTime(e.at, i18n.language)}</td>
                  <td>{e.actor}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>{e.target}</td>
                  <td>{e.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.pages > 1 ? (
        <nav className="admin-actions" aria-label="pages">
          {data.page > 0 ? (
            <Link className="button button--small" to={`?page=${data.page - 1}`}>
              ←
            </Link>
          ) : null}
          <span className="tabular">
            {data.page + 1} / {data.pages}
          </span>
          {data.page + 1 < data.pages ? (
            <Link className="button button--small" to={`?page=${data.page + 1}`}>
              →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Label } from "radix-ui";
import { useTranslation } from "react-i18next";
import { requireAdmin, setPasswordLink } from "~/components/admin/admin-route.server";
import { handleDomainErrors } from "~/utils/domain-action.server";
import { errorMessage } from "~/utils/errors";
import { formatDateTime } from "~/utils/format";
import { readForm } from "~/utils/request.server";

const PAGE = 50;

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireAdmin(context, request);
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 60);
  const page = Math.max(0, Math.min(10_000, Number(url.searchParams.get("page")) || 0));
  const { users, total } = context.services.users.list(context.principal, { q, limit: PAGE, offset: page * PAGE });
  return {
    q,
    page,
    total,
    pages: Math.max(1, Math.ceil(total / PAGE)),
    users: users.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      phone: u.phone,
      disabled: u.disabledAt !== null,
      isDemo: u.isDemo,
      hasPassword: u.hasPassword,
      grants: u.grants,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireAdmin(context, request);
  const form = Object.fromEntries(await readForm(request));
  return handleDomainErrors(() => {
    const { user, link } = context.services.users.create(context.principal, {
      username: String(form.username ?? ""),
      displayName: String(form.displayName ?? ""),
      phone: String(form.phone ?? ""),
    });
    return { created: { id: user.id, username: user.username, link: setPasswordLink(context, request, link) } };
  });
}

export default function AdminUsers() {
  const { t, i18n } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const error = answer && "error" in answer ? answer.error : null;
  // The service's zod parse names the first bad field: the message goes beside it.
  const badField = error?.code === "invalid_input" ? String(error.details?.field ?? "") : "";
  const fieldErrors: Record<string, boolean> = badField ? { [badField]: true } : {};
  const created = answer && "created" in answer ? answer.created : null;
  return (
    <>
      <section className="card stack" aria-labelledby="create-user">
        <h2 id="create-user">{t("admin.users.createTitle")}</h2>
        {created ? (
          <div className="alert alert--success" role="status">
            <p>{t("admin.users.created", { username: created.username, date: formatDateTime(created.link.expiresAt, i18n.language) })}</p>
            <code className="admin-link" data-testid="set-password-link">
              {created.link.url}
            </code>
            <p>
              <Link to={`/admin/users/${created.id}`}>{t("admin.users.manage")}</Link>
            </p>
          </div>
        ) : null}
        {error && !badField ? (
          <div className="alert alert--error" role="alert">
            {errorMessage(t, error)}
          </div>
        ) : null}
        <Form method="post" className="admin-row" key={created?.id ?? "new"}>
          {(
            [
              ["username", "text", "off", true],
              ["displayName", "text", "off", true],
              ["phone", "tel", "off", false],
            ] as const
          ).map(([name, type, autoComplete, required]) => (
            <div className="field" key={name}>
              <Label.Root htmlFor={`new-${name}`}>{t(`admin.users.${name}`)}</Label.Root>
              <input
                id={`new-${name}`}
                name={name}
                type={type}
                className="input"
                autoComplete={autoComplete}
                required={required}
                aria-invalid={fieldErrors[name] ? true : undefined}
              />
              {fieldErrors[name] ? <span className="field__error">{t(`admin.field.${name}`)}</span> : null}
            </div>
          ))}
          <button type="submit" className="button button--primary" disabled={busy}>
            {t("admin.users.createSubmit")}
          </button>
        </Form>
      </section>

      <section className="stack" aria-labelledby="user-list">
        <Form method="get" className="admin-row" role="search">
          <div className="field">
            <Label.Root htmlFor="q">{t("admin.users.search")}</Label.Root>
            <input id="q" name="q" type="search" className="input" defaultValue={data.q} />
          </div>
          <button type="submit" className="button">
            {t("admin.users.searchSubmit")}
          </button>
        </Form>
        <h2 id="user-list" className="tabular" aria-live="polite">
          {t("admin.users.count", { count: data.total })}
        </h2>
        {data.users.length === 0 ? <p className="muted">{t("admin.users.empty")}</p> : null}
        <ul className="admin-list admin-list--two">
          {data.users.map((u) => (
            <li key={u.id} className="admin-item">
              <Link to={`/admin/users/${u.id}`} className="admin-item__name">
                {u.displayName} <span className="muted">@{u.username}</span>
              </Link>
              <div className="admin-badges">
                {u.disabled ? <span className="badge admin-badge--off">{t("admin.users.disabled")}</span> : null}
                {!u.hasPassword ? <span className="badge admin-badge--warn">{t("admin.users.noPassword")}</span> : null}
                {u.isDemo ? <span className="badge admin-badge--warn">{t("admin.users.demo")}</span> : null}
                {u.grants.length === 0 ? <span className="badge admin-badge--off">{t("admin.users.noRoles")}</span> : null}
                {u.grants.map((g) => (
                  <span key={`${g.role}-${g.unitId}`} className="badge">
                    {t(`roles.${g.role}`)} · {g.unitName}
                  </span>
                ))}
              </div>
              {u.phone ? <span className="admin-item__meta tabular">{u.phone}</span> : null}
            </li>
          ))}
        </ul>
        {data.pages > 1 ? (
          <nav className="admin-actions" aria-label="pages">
            {data.page > 0 ? (
              <Link className="button button--small" to={`?q=${encodeURIComponent(data.q)}&page=${data.page - 1}`}>
                ←
              </Link>
            ) : null}
            <span className="tabular">
              {data.page + 1} / {data.pages}
            </span>
            {data.page + 1 < data.pages ? (
              <Link className="button button--small" to={`?q=${encodeURIComponent(data.q)}&page=${data.page + 1}`}>
                →
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}

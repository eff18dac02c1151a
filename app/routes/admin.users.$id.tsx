import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Label } from "radix-ui";
import { useTranslation } from "react-i18next";
import { ConfirmForm } from "~/components/admin/confirm-form";
import { idParam, requireAdmin, setPasswordLink } from "~/components/admin/admin-route.server";
import { handleDomainErrors } from "~/utils/domain-action.server";
import { errorMessage } from "~/utils/errors";
import { formatDateTime } from "~/utils/format";
import { readForm } from "~/utils/request.server";
import { orRespond } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.user.displayName ?? ""} · 账号与单位` }, { name: "robots", content: "noindex" }];

/** The roles an administrator grants (the same names as db/schema roleNames; kept here out of the client bundle's way). */
const roleNames = ["mediator", "supervisor", "representative", "admin"] as const;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requireAdmin(context, request);
  const id = idParam(params.id);
  const user = orRespond(() => context.services.users.get(context.principal, id));
  const units = context.services.units
    .list()
    .filter((u) => !u.retiredAt && (u.kind === "street" || u.kind === "community"))
    .map((u) => ({ id: u.id, name: u.name, kind: u.kind }));
  return {
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      phone: user.phone ?? "",
      disabled: user.disabledAt !== null,
      hasPassword: user.hasPassword,
      isDemo: user.isDemo,
      createdAt: user.createdAt.toISOString(),
      grants: user.grants,
      failedSignIns: user.failedSignIns,
    },
    units,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  requireAdmin(context, request);
  const id = idParam(params.id);
  const form = Object.fromEntries(await readForm(request));
  const users = context.services.users;
  const p = context.principal;
  return handleDomainErrors(() => {
    switch (form.intent) {
      case "update":
        users.update(p, id, { displayName: String(form.displayName ?? ""), phone: String(form.phone ?? "") });
        return { ok: "saved" as const };
      case "disable":
        users.disable(p, id);
        return { ok: "disabledDone" as const };
      case "enable":
        users.enable(p, id);
        return { ok: "enabledDone" as const };
      case "reset":
        return { ok: "reset" as const, link: setPasswordLink(context, request, users.resetPassword(p, id)) };
      case "unlock":
        users.unlock(p, id);
        return { ok: "unlocked" as const };
      case "grant":
        users.grant(p, id, { role: form.role, unitId: form.unitId });
        return { ok: "granted" as const };
      case "revoke":
        users.revoke(p, id, { role: form.role, unitId: form.unitId });
        return { ok: "revoked" as const };
      default:
        return { error: { code: "invalid_input" } };
    }
  });
}

export default function AdminUser() {
  const { t, i18n } = useTranslation();
  const { user, units } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const error = answer && "error" in answer ? answer.error : null;
  const ok = answer && "ok" in answer ? answer : null;
  return (
    <>
      <Link to="/admin">← {t("admin.user.back")}</Link>
      <h2>
        {user.displayName} <span className="muted">@{user.username}</span>
      </h2>
      {error ? (
        <div className="alert alert--error" role="alert">
          {errorMessage(t, error)}
        </div>
      ) : null}
      {ok && ok.ok !== "reset" ? (
        <div className="alert alert--success" role="status">
          {t(`admin.user.${ok.ok}`)}
        </div>
      ) : null}
      {ok && ok.ok === "reset" && "link" in ok && ok.link ? (
        <div className="alert alert--success" role="status">
          <p>{t("admin.user.linkIssued", { date: formatDateTime(ok.link.expiresAt, i18n.language) })}</p>
          <code className="admin-link" data-testid="set-password-link">
            {ok.link.url}
          </code>
          <p>{t("admin.user.copyHint")}</p>
        </div>
      ) : null}

      <section className="card stack" aria-labelledby="user-status">
        <h3 id="user-status">{t("admin.user.status")}</h3>
        <div className="admin-badges">
          <span className={user.disabled ? "badge admin-badge--off" : "badge"}>{user.disabled ? t("admin.users.disabled") : t("admin.user.active")}</span>
          {!user.hasPassword ? <span className="badge admin-badge--warn">{t("admin.users.noPassword")}</span> : null}
          {user.isDemo ? <span className="badge admin-badge--warn">{t("admin.users.demo")}</span> : null}
        </div>
        {user.failedSignIns > 0 ? <p className="muted">{t("admin.user.failedSignIns", { count: user.failedSignIns })}</p> : null}
        <p className="muted small">{t("admin.user.resetIntro")}</p>
        <div className="admin-actions">
          {user.disabled ? (
            <Form method="post">
              <input type="hidden" name="intent" value="enable" />
              <button type="submit" className="button button--small button--primary" disabled={busy}>
                {t("admin.user.enable")}
              </button>
            </Form>
          ) : (
            <>
              <ConfirmForm intent="reset" label={t("admin.user.reset")} question={t("admin.user.resetConfirm", { name: user.displayName })} />
              <ConfirmForm intent="disable" danger label={t("admin.user.disable")} question={t("admin.user.disableConfirm", { name: user.displayName })} />
            </>
          )}
          <Form method="post">
            <input type="hidden" name="intent" value="unlock" />
            <button type="submit" className="button button--small" disabled={busy}>
              {t("admin.user.unlock")}
            </button>
          </Form>
        </div>
      </section>

      <section className="card stack" aria-labelledby="user-grants">
        <h3 id="user-grants">{t("admin.user.grants")}</h3>
        <p className="muted small">{t("admin.user.grantsIntro")}</p>
        {user.grants.length === 0 ? <p className="muted">{t("admin.user.noGrants")}</p> : null}
        <ul className="admin-list">
          {user.grants.map((g) => (
            <li key={`${g.role}-${g.unitId}`} className="admin-item admin-tree__head">
              <span>
                <strong>{t(`roles.${g.role}`)}</strong> · {g.unitName}
              </span>
              <ConfirmForm
                intent="revoke"
                label={t("admin.user.revoke")}
                question={`${t(`roles.${g.role}`)} · ${g.unitName}`}
                fields={{ role: g.role, unitId: g.unitId }}
                danger
              />
            </li>
          ))}
        </ul>
        <Form method="post" className="admin-row">
          <input type="hidden" name="intent" value="grant" />
          <div className="field">
            <Label.Root htmlFor="grant-role">{t("admin.user.role")}</Label.Root>
            <select id="grant-role" name="role" className="input" defaultValue="mediator">
              {roleNames.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <Label.Root htmlFor="grant-unit">{t("admin.user.unit")}</Label.Root>
            <select id="grant-unit" name="unitId" className="input" defaultValue={units.find((u) => u.kind === "community")?.id ?? units[0]?.id}>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {t("admin.units.unitLabel", { name: u.name, kind: t(`admin.units.kinds.${u.kind}`) })}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button--primary" disabled={busy}>
            {t("admin.user.grant")}
          </button>
        </Form>
      </section>

      <section className="card stack" aria-labelledby="user-details">
        <h3 id="user-details">{t("admin.user.details")}</h3>
        <Form method="post" className="admin-row">
          <input type="hidden" name="intent" value="update" />
          <div className="field">
            <Label.Root htmlFor="displayName">{t("admin.users.displayName")}</Label.Root>
            <input id="displayName" name="displayName" className="input" defaultValue={user.displayName} required maxLength={40} />
          </div>
          <div className="field">
            <Label.Root htmlFor="phone">{t("admin.users.phone")}</Label.Root>
            <input id="phone" name="phone" type="tel" className="input" defaultValue={user.phone} />
          </div>
          <button type="submit" className="button" disabled={busy}>
            {t("admin.user.save")}
          </button>
        </Form>
        <p className="muted small">{formatDateTime(user.createdAt, i18n.language)}</p>
      </section>
    </>
  );
}

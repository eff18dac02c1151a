import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Label } from "radix-ui";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/utils/auth.server";
import { handleDomainErrors } from "~/utils/domain-action.server";
import { errorMessage } from "~/utils/errors";
import { readForm } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "修改密码 · 民事民议" }, { name: "robots", content: "noindex" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  return { username: user.username, mustChange: user.mustChangePassword === true };
}

/** A user changes their own password; their other sessions end and those sockets disconnect. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const form = await readForm(request);
  return handleDomainErrors(async () => {
    if (context.principal.kind !== "user") throw new Response("forbidden", { status: 403 });
    const ended = await context.services.accounts.changePassword(user, context.principal.sessionId, {
      current: String(form.get("current") ?? ""),
      next: String(form.get("next") ?? ""),
    });
    for (const id of ended) context.services.live.endSession(id, "revoked");
    return { ok: true as const };
  });
}

export default function ChangePassword() {
  const { t } = useTranslation();
  const { username, mustChange } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const error = answer && "error" in answer ? answer.error : null;
  const tooShort = error?.code === "invalid_input";
  return (
    <div className="card card--narrow stack">
      <h1>{t("admin.account.passwordTitle")}</h1>
      {mustChange && !answer ? (
        <div className="alert alert--info" role="status">
          {t("admin.account.mustChange")}
        </div>
      ) : null}
      {answer && "ok" in answer ? (
        <div className="alert alert--success" role="status">
          {t("admin.account.changed")}
        </div>
      ) : null}
      {error && !tooShort ? (
        <div className="alert alert--error" role="alert">
          {errorMessage(t, error)}
        </div>
      ) : null}
      <Form method="post" key={answer && "ok" in answer ? "done" : "form"}>
        <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
        <div className="field">
          <Label.Root htmlFor="current">{t("admin.account.current")}</Label.Root>
          <input id="current" name="current" type="password" className="input" autoComplete="current-password" required />
        </div>
        <div className="field">
          <Label.Root htmlFor="next">{t("admin.account.next")}</Label.Root>
          <input id="next" name="next" type="password" className="input" autoComplete="new-password" required minLength={10} aria-invalid={tooShort || undefined} />
          {tooShort ? <span className="field__error">{t("admin.field.password")}</span> : null}
        </div>
        <button type="submit" className="button button--primary button--block" disabled={busy}>
          {t("admin.account.submit")}
        </button>
      </Form>
      <Link to="/me/sessions">{t("admin.account.sessionsTitle")}</Link>
    </div>
  );
}

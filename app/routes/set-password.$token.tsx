import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Label } from "radix-ui";
import { useTranslation } from "react-i18next";
import { sessionCookie } from "../../server/auth/cookies";
import { isDomainError } from "../../server/errors";
import { handleDomainErrors } from "~/utils/domain-action.server";
import { errorMessage, type ErrorPayload } from "~/utils/errors";
import { readForm } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "设置密码 · 民事民议" }, { name: "robots", content: "noindex" }, { name: "referrer", content: "no-referrer" }];

/**
 * A one-time set-password link (a new account's first password, or an administrator's reset). GET only
 * greets — chat apps fetch links for previews — and the POST spends the link and signs the person in.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  try {
    const who = context.services.passwordLinks.describe(params.token ?? "");
    return { who, error: null as ErrorPayload | null };
  } catch (err) {
    if (!isDomainError(err)) throw err;
    return { who: null, error: { code: err.code } as ErrorPayload };
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  return handleDomainErrors(async () => {
    const { sessionToken, endedSessions } = await context.services.passwordLinks.redeem(params.token ?? "", String(form.get("password") ?? ""), request.headers.get("user-agent"));
    for (const id of endedSessions) context.services.live.endSession(id, "revoked");
    return redirect("/", { headers: { "Set-Cookie": sessionCookie(sessionToken, context.secureCookies) } });
  });
}

export default function SetPassword() {
  const { t } = useTranslation();
  const { who, error: loadError } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const error = (answer && "error" in answer ? answer.error : null) ?? loadError;
  const tooShort = error?.code === "invalid_input";
  return (
    <div className="card card--narrow stack">
      <h1>{t("admin.setPassword.title")}</h1>
      {error && !tooShort ? (
        <div className="alert alert--error" role="alert">
          {errorMessage(t, error)}
        </div>
      ) : null}
      {who ? (
        <>
          <p>{t("admin.setPassword.greeting", { name: who.displayName, username: who.username })}</p>
          <Form method="post">
            {/* The username helps password managers save the right entry. */}
            <input type="text" name="username" autoComplete="username" value={who.username} readOnly hidden />
            <div className="field">
              <Label.Root htmlFor="password">{t("admin.setPassword.password")}</Label.Root>
              <input id="password" name="password" type="password" className="input" autoComplete="new-password" required minLength={10} aria-invalid={tooShort || undefined} />
              {tooShort ? <span className="field__error">{t("admin.field.password")}</span> : null}
            </div>
            <button type="submit" className="button button--primary button--block" disabled={busy}>
              {t("admin.setPassword.submit")}
            </button>
          </Form>
        </>
      ) : null}
    </div>
  );
}

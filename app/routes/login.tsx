import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { Label } from "radix-ui";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { sessionCookie } from "../../server/auth/cookies";
import { safeRedirect } from "~/utils/auth.server";
import { handleDomainErrors } from "~/utils/domain-action.server";
import { errorMessage } from "~/utils/errors";

export const meta: MetaFunction = () => [{ title: "登录 · 民事民议" }];

const LoginForm = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  redirectTo: z.string().optional(),
});

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.principal.kind === "user") throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = LoginForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { error: { code: "invalid_input" } };
  return handleDomainErrors(async () => {
    const { token } = await context.services.accounts.login({
      username: parsed.data.username,
      password: parsed.data.password,
      address: context.clientAddress,
    });
    return redirect(safeRedirect(parsed.data.redirectTo), {
      headers: { "Set-Cookie": sessionCookie(token, context.secureCookies) },
    });
  });
}

export default function Login() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const error = actionData && "error" in actionData ? actionData.error : null;
  return (
    <div className="card card--narrow">
      <h1>{t("login.title")}</h1>
      {error ? (
        <div className="alert alert--error" role="alert" id="login-error">
          {errorMessage(t, error)}
        </div>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <div className="field">
          <Label.Root htmlFor="username">{t("login.username")}</Label.Root>
          <input
            id="username"
            name="username"
            className="input"
            autoComplete="username"
            autoCapitalize="none"
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "login-error" : undefined}
          />
        </div>
        <div className="field">
          <Label.Root htmlFor="password">{t("login.password")}</Label.Root>
          <input id="password" name="password" type="password" className="input" autoComplete="current-password" required />
        </div>
        <button type="submit" className="button button--primary button--block" disabled={busy}>
          {t("login.submit")}
        </button>
      </Form>
      <p className="muted" style={{ marginTop: "var(--space-4)" }}>
        {t("login.hint")}
      </p>
    </div>
  );
}

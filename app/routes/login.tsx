import { titleMeta } from "~/utils/meta";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Label } from "radix-ui";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DEVICE_COOKIE, deviceCookie, parseCookies, sessionCookie } from "../../server/auth/cookies";
import { demoAccountCount } from "../../server/auth/demo-guard";
import { safeRedirect } from "~/utils/auth.server";
import { handleDomainErrors } from "~/utils/domain-action.server";
import { errorMessage } from "~/utils/errors";
import { readForm } from "~/utils/request.server";
import { landingFor } from "../../server/auth/landing";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "login");

const LoginForm = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  redirectTo: z.string().optional(),
});

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.principal.kind === "user") throw redirect("/");
  // The demo password is mentioned only while demo accounts that still carry it exist.
  return { demo: demoAccountCount(context.services.db) > 0 };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = LoginForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return { error: { code: "invalid_input" } };
  return handleDomainErrors(async () => {
    const { token, userId, deviceId, mustChangePassword } = await context.services.accounts.login({
      username: parsed.data.username,
      password: parsed.data.password,
      address: context.clientAddress,
      deviceId: parseCookies(request.headers.get("cookie"))[DEVICE_COOKIE],
      userAgent: request.headers.get("user-agent"),
    });
    const headers = new Headers();
    headers.append("Set-Cookie", sessionCookie(token, context.secureCookies));
    headers.append("Set-Cookie", deviceCookie(deviceId, context.secureCookies));
    // Without a page in mind, a juror or representative lands on their meeting (issue 14).
    const asked = safeRedirect(parsed.data.redirectTo);
    const to = asked === "/" ? landingFor(context.services, userId, context.services.clock.now()) : asked;
    return redirect(mustChangePassword ? "/me/password" : to, { headers });
  });
}

export default function Login() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const { demo } = useLoaderData<typeof loader>();
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
      {demo ? (
        <p className="muted" style={{ marginTop: "var(--space-4)" }}>
          {t("login.hint")}
        </p>
      ) : null}
    </div>
  );
}

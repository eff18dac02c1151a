import { titleMeta } from "~/utils/meta";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { sessionCookie } from "../../server/auth/cookies";
import { isDomainError } from "../../server/errors";
import { handleDomainErrors } from "~/utils/domain-action.server";
import { errorMessage, type ErrorPayload } from "~/utils/errors";
import { readForm } from "~/utils/request.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "setup", {}, true);

/** First-run setup at the one-time URL printed in the server log (decision 010). */
export async function loader({ params, context }: LoaderFunctionArgs) {
  try {
    context.services.setup.check(params.token ?? "");
    return { error: null as ErrorPayload | null };
  } catch (err) {
    if (!isDomainError(err)) throw err;
    return { error: { code: err.code } as ErrorPayload };
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = Object.fromEntries(await readForm(request));
  return handleDomainErrors(async () => {
    const { sessionToken } = await context.services.setup.complete(params.token ?? "", form, request.headers.get("user-agent"));
    return redirect("/admin", { headers: { "Set-Cookie": sessionCookie(sessionToken, context.secureCookies) } });
  });
}

export default function Setup() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const loaded = useLoaderData<typeof loader>();
  const error = (actionData && "error" in actionData ? actionData.error : null) ?? loaded.error;
  const fields = [
    ["streetName", "text", "organization"],
    ["username", "text", "username"],
    ["displayName", "text", "name"],
    ["password", "password", "new-password"],
  ] as const;
  return (
    <div className="card card--narrow">
      <h1>{t("admin.setup.title")}</h1>
      <p>{t("admin.setup.intro")}</p>
      {error ? (
        <div className="alert alert--error" role="alert">
          {errorMessage(t, error)}
        </div>
      ) : null}
      <Form method="post">
        {fields.map(([name, type, autoComplete]) => (
          <div className="field" key={name}>
            <label htmlFor={name}>{t(`admin.setup.${name}`)}</label>
            <input id={name} name={name} type={type} className="input" autoComplete={autoComplete} required />
          </div>
        ))}
        <button type="submit" className="button button--primary button--block" disabled={busy}>
          {t("admin.setup.submit")}
        </button>
      </Form>
    </div>
  );
}

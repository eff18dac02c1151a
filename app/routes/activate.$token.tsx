import { titleMeta } from "~/utils/meta";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { sessionCookie } from "../../server/auth/cookies";
import { isDomainError } from "../../server/errors";
import { handleDomainErrors } from "~/utils/domain-action.server";
import type { ErrorPayload } from "~/utils/errors";
import { errorMessage } from "~/utils/errors";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "activate", {}, true);

/**
 * The QR code of an activation slip leads here. GET only greets (chat apps and QR scanners fetch links
 * for previews); the button's POST spends the slip and opens the device session.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  try {
    return { name: context.services.activation.describe(params.token ?? "").name, error: null as ErrorPayload | null };
  } catch (err) {
    if (!isDomainError(err)) throw err;
    return { name: "", error: { code: err.code } as ErrorPayload };
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return handleDomainErrors(async () => {
    const { sessionToken } = context.services.activation.redeemToken(params.token ?? "", request.headers.get("user-agent"));
    return redirect("/me", { headers: { "Set-Cookie": sessionCookie(sessionToken, context.secureCookies) } });
  });
}

export default function Activate() {
  const { t } = useTranslation();
  const { name, error: loadError } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const error = (actionData && "error" in actionData ? actionData.error : null) ?? loadError;
  return (
    <div className="card card--narrow">
      <h1>{t("admin.activate.title")}</h1>
      {error ? (
        <div className="alert alert--error" role="alert">
          {errorMessage(t, error)}
        </div>
      ) : (
        <>
          <p>{t("admin.activate.greeting", { name })}</p>
          <Form method="post">
            <button type="submit" className="button button--primary button--block" disabled={busy}>
              {t("admin.activate.submit")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}

import { titleMeta } from "~/utils/meta";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { sessionCookie } from "../../server/auth/cookies";
import { handleDomainErrors } from "~/utils/domain-action.server";
import { errorMessage } from "~/utils/errors";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "invite", {}, true);

/**
 * Opening the link only shows a button; the token is spent by the POST. Chat apps fetch links to
 * build previews, and a GET that redeemed the one-time token would burn it before the party clicks.
 */
export async function loader(_: LoaderFunctionArgs) {
  return null;
}

export async function action({ params, context }: ActionFunctionArgs) {
  return handleDomainErrors(async () => {
    const { sessionToken, purpose, scopeId } = context.services.invitations.redeem(params.token ?? "");
    const landing = purpose === "hearing_party" ? `/hearings/${scopeId}/party` : `/councils/${scopeId}/guest`;
    return redirect(landing, { headers: { "Set-Cookie": sessionCookie(sessionToken, context.secureCookies) } });
  });
}

export default function Invite() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const error = actionData && "error" in actionData ? actionData.error : null;
  return (
    <div className="card card--narrow">
      <h1>{t("invite.title")}</h1>
      {error ? (
        <div className="alert alert--error" role="alert">
          {errorMessage(t, error)}
        </div>
      ) : null}
      <Form method="post">
        <button type="submit" className="button button--primary button--block" disabled={busy}>
          {t("invite.continue")}
        </button>
      </Form>
    </div>
  );
}

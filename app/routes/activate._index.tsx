import { redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { Label } from "radix-ui";
import { useTranslation } from "react-i18next";
import { sessionCookie } from "../../server/auth/cookies";
import { handleDomainErrors } from "~/utils/domain-action.server";
import { errorMessage } from "~/utils/errors";
import { readForm } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "代表登录 · 民事民议" }, { name: "robots", content: "noindex" }];

/**
 * A representative types the short code of their activation slip (when the QR code cannot be scanned).
 * Wrong codes are throttled per address by the service; the right one opens a device session.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const code = String((await readForm(request)).get("code") ?? "").slice(0, 32);
  return handleDomainErrors(async () => {
    const { sessionToken } = context.services.activation.redeemCode(code, context.clientAddress, request.headers.get("user-agent"));
    return redirect("/me", { headers: { "Set-Cookie": sessionCookie(sessionToken, context.secureCookies) } });
  });
}

export default function ActivateByCode() {
  const { t } = useTranslation();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const error = answer && "error" in answer ? answer.error : null;
  return (
    <div className="card card--narrow stack">
      <h1>{t("admin.activate.codeTitle")}</h1>
      {error ? (
        <div className="alert alert--error" role="alert">
          {errorMessage(t, error)}
        </div>
      ) : null}
      <Form method="post">
        <div className="field">
          <Label.Root htmlFor="code">{t("admin.activate.code")}</Label.Root>
          <input
            id="code"
            name="code"
            className="input slip-code-input"
            autoComplete="one-time-code"
            autoCapitalize="characters"
            spellCheck={false}
            inputMode="text"
            placeholder="XXXX-XXXX"
            required
            maxLength={16}
          />
        </div>
        <button type="submit" className="button button--primary button--block" disabled={busy}>
          {t("admin.activate.codeSubmit")}
        </button>
      </Form>
    </div>
  );
}

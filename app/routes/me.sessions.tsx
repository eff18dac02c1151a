import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { readForm } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "我的登录设备 · 民事民议" }, { name: "robots", content: "noindex" }];

/** "Chrome on Android" from a user agent, enough to recognise one's own phone; no fingerprinting. */
function deviceName(ua: string | null): string | null {
  if (!ua) return null;
  const os = /Android/.test(ua) ? "Android" : /iPhone|iPad/.test(ua) ? "iOS" : /Windows/.test(ua) ? "Windows" : /Mac OS X/.test(ua) ? "macOS" : /Linux/.test(ua) ? "Linux" : null;
  const browser = /MicroMessenger/.test(ua) ? "WeChat" : /Edg\//.test(ua) ? "Edge" : /Chrome\//.test(ua) ? "Chrome" : /Firefox\//.test(ua) ? "Firefox" : /Safari\//.test(ua) ? "Safari" : null;
  return [browser, os].filter(Boolean).join(" · ") || ua.slice(0, 60);
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const current = context.principal.kind === "user" ? context.principal.sessionId : null;
  return {
    sessions: context.services.sessions.listForUser(user.id).map((s) => ({
      id: s.id,
      kind: s.kind,
      device: deviceName(s.userAgent),
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      current: s.id === current,
    })),
  };
}

/** Ends one of the user's own sessions, or all but this one; their sockets disconnect at once. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const form = await readForm(request);
  const { sessions, live } = context.services;
  const current = context.principal.kind === "user" ? context.principal.sessionId : undefined;
  let ended: string[] = [];
  if (form.get("intent") === "endOthers") {
    ended = sessions.invalidateAllForUser(user.id, current);
  } else {
    const id = String(form.get("id") ?? "").slice(0, 64);
    if (id && id !== current && sessions.invalidateOwn(user.id, id)) ended = [id];
  }
  for (const id of ended) live.endSession(id, "revoked");
  return { ended: ended.length };
}

export default function MySessions() {
  const { t, i18n } = useTranslation();
  const { sessions } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="stack">
      <h1>{t("admin.account.sessionsTitle")}</h1>
      <p className="muted">{t("admin.account.sessionsIntro")}</p>
      {answer ? (
        <div className="alert alert--success" role="status">
          {t("admin.account.ended", { count: answer.ended })}
        </div>
      ) : null}
      <ul className="list" aria-label={t("admin.account.sessionsTitle")}>
        {sessions.map((s) => (
          <li key={s.id} className="card stack" data-testid="session">
            <div className="room-header">
              <strong>{s.device ?? t("admin.account.unknownDevice")}</strong>
              <span className="badge">{s.current ? t("admin.account.thisDevice") : s.kind === "device" ? t("admin.account.kindDevice") : t("admin.account.kindPassword")}</span>
            </div>
            <p className="muted small">
              {t("admin.account.lastSeen", { at: formatDateTime(s.lastSeenAt, i18n.language) })} · {t("admin.account.since", { at: formatDateTime(s.createdAt, i18n.language) })}
            </p>
            {!s.current ? (
              <Form method="post">
                <input type="hidden" name="intent" value="end" />
                <input type="hidden" name="id" value={s.id} />
                <button type="submit" className="button button--small button--danger" disabled={busy}>
                  {t("admin.account.end")}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      {sessions.length > 1 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="endOthers" />
          <button type="submit" className="button button--danger" disabled={busy}>
            {t("admin.account.endOthers")}
          </button>
        </Form>
      ) : null}
      <Link to="/me/password">{t("admin.account.passwordTitle")}</Link>
    </div>
  );
}

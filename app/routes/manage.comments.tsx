import { titleMeta } from "~/utils/meta";
import { UserText, tWithUser } from "~/components/system-text";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import portalStyles from "~/components/portal/portal.css";
import { requireUserWithPermission } from "~/utils/auth.server";
import { handleDomainErrors } from "~/utils/domain-action.server";
import { errorMessage } from "~/utils/errors";
import { formatDateTime } from "~/utils/format";
import { readForm } from "~/utils/request.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: portalStyles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "comments");

/** The moderation queue of a mediator's communities: approve, hide with a reason, answer publicly. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireUserWithPermission(context, request, "moderate:comment:own");
  return handleDomainErrors(() => ({ queue: context.services.portal.comments.queue(context.principal) }));
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireUserWithPermission(context, request, "moderate:comment:own");
  const form = Object.fromEntries(await readForm(request));
  return handleDomainErrors(() => {
    context.services.portal.comments.moderate(context.principal, form);
    return data({ ok: true as const });
  });
}

export default function ManageComments() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const busy = useNavigation().state !== "idle";
  if ("error" in loaded) return <p className="alert alert--error">{errorMessage(t, loaded.error)}</p>;
  const { queue } = loaded;
  return (
    <div className="stack">
      <header>
        <h1>{t("portal.moderation.title")}</h1>
        <p className="muted">{t("portal.moderation.lead")}</p>
      </header>
      {result && "error" in result ? (
        <p className="alert alert--error" role="alert">
          {errorMessage(t, result.error)}
        </p>
      ) : result ? (
        <p className="alert alert--success" role="status">
          {t("portal.moderation.saved")}
        </p>
      ) : null}
      {queue.length === 0 ? <p className="muted">{t("portal.moderation.empty")}</p> : null}
      <ul className="list" data-testid="moderation-queue">
        {queue.map((c) => (
          <li key={c.id} className="card stack" data-comment-id={c.id}>
            <p className="row">
              <span className={`badge comment-status--${c.status}`}>{t(`portal.moderation.${c.status}`)}</span>
              <span className="muted small">{formatDateTime(c.createdAt, i18n.language)}</span>
            </p>
            <p className="small">
              {t("portal.moderation.on")}
              {t("ballot.tally.colon")}
              <Link to={c.url} data-user-content>{c.subjectTitle}</Link>
            </p>
            <blockquote className="comment__body" data-user-content>
              <strong>{c.authorName ? <UserText>{c.authorName}</UserText> : t("portal.comments.anonymous")}</strong>
              {t("ballot.tally.colon")}
              <UserText>{c.body}</UserText>
            </blockquote>
            {c.hiddenReason ? <p className="muted small">{tWithUser(t, "portal.moderation.hiddenBecause", { reason: c.hiddenReason })}</p> : null}
            {c.reply ? (
              <p className="comment__reply small">
                <strong>{t("portal.comments.staffReply")}</strong>
                {t("ballot.tally.colon")}
                <span data-user-content>{c.reply}</span>
              </p>
            ) : null}
            <div className="moderation-actions">
              {c.status !== "approved" ? (
                <Form method="post">
                  <input type="hidden" name="commentId" value={c.id} />
                  <button type="submit" name="decision" value="approve" className="button button--primary" disabled={busy}>
                    {t("portal.moderation.approve")}
                  </button>
                </Form>
              ) : null}
              {c.status !== "hidden" ? (
                <Form method="post" className="moderation-form">
                  <input type="hidden" name="commentId" value={c.id} />
                  <label htmlFor={`reason-${c.id}`}>{t("portal.moderation.reason")}</label>
                  <input id={`reason-${c.id}`} name="reason" className="input" required minLength={2} maxLength={200} placeholder={t("portal.moderation.reasonPlaceholder")} />
                  <button type="submit" name="decision" value="hide" className="button" disabled={busy}>
                    {t("portal.moderation.hide")}
                  </button>
                </Form>
              ) : null}
              {c.status === "approved" ? (
                <Form method="post" className="moderation-form">
                  <input type="hidden" name="commentId" value={c.id} />
                  <label htmlFor={`reply-${c.id}`}>{t("portal.moderation.reply")}</label>
                  <textarea id={`reply-${c.id}`} name="reply" className="input" rows={2} required minLength={2} maxLength={500} defaultValue={c.reply ?? ""} />
                  <button type="submit" name="decision" value="reply" className="button" disabled={busy}>
                    {t("portal.moderation.sendReply")}
                  </button>
                </Form>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

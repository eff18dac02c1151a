import { useFetcher } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { errorMessage, type ErrorPayload } from "~/utils/errors";
import { formatDate, formatDateTime } from "~/utils/format";

export type CommentsData = {
  comments: { id: number; authorName: string | null; body: string; createdAt: string; reply: string | null; repliedAt: string | null }[];
  hidden: number;
  open: boolean;
  closesAt: string | null;
};

const MAX = 500;

/**
 * 留言 under a ruling or a resolution: approved comments with staff answers, the count of hidden ones,
 * and the form while the notice period runs. The form posts to /comments (works without JavaScript);
 * with JavaScript it stays on the page. The `website` field is a honeypot hidden from people.
 */
export function CommentsSection({ kind, id, data }: { kind: "ruling" | "resolution"; id: number; data: CommentsData }) {
  const { t, i18n } = useTranslation();
  const fetcher = useFetcher<{ ok?: boolean; error?: ErrorPayload }>();
  const sent = fetcher.data?.ok === true;
  const error = fetcher.data?.error;
  return (
    <section className="card stack comments no-print" id="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">{t("portal.comments.title")}</h2>
      {data.comments.length === 0 ? <p className="muted">{t("portal.comments.empty")}</p> : null}
      <ol className="comment-list" data-testid="comments">
        {data.comments.map((c) => (
          <li key={c.id} className="comment">
            <p className="comment__meta muted small">
              <strong data-user-content>{c.authorName ?? t("portal.comments.anonymous")}</strong> · {formatDateTime(c.createdAt, i18n.language)}
            </p>
            <p className="comment__body" data-user-content>
              {c.body}
            </p>
            {c.reply ? (
              <div className="comment__reply">
                <p className="small">
                  <strong>{t("portal.comments.staffReply")}</strong>
                  {c.repliedAt ? ` · ${formatDate(c.repliedAt, i18n.language)}` : null}
                </p>
                <p data-user-content>{c.reply}</p>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      {data.hidden > 0 ? (
        <p className="muted small" data-testid="comments-hidden">
          {t("portal.comments.hiddenCount", { count: data.hidden })}
        </p>
      ) : null}
      {data.open ? (
        sent ? (
          <p className="alert alert--success" role="status">
            {t("portal.comments.sent")}
          </p>
        ) : (
          <fetcher.Form method="post" action="/comments" className="stack comment-form">
            <p className="muted">{t("portal.comments.lead")}</p>
            {error ? (
              <p className="alert alert--error" role="alert">
                {errorMessage(t, error)}
              </p>
            ) : null}
            <input type="hidden" name="kind" value={kind} />
            <input type="hidden" name="id" value={id} />
            <div className="field">
              <label htmlFor="comment-name">{t("portal.comments.name")}</label>
              <input id="comment-name" name="authorName" className="input" maxLength={20} placeholder={t("portal.comments.namePlaceholder")} autoComplete="off" />
            </div>
            <div className="field">
              <label htmlFor="comment-body">{t("portal.comments.body")}</label>
              <textarea id="comment-body" name="body" className="input" rows={4} minLength={2} maxLength={MAX} required aria-describedby="comment-hint" />
              <p id="comment-hint" className="muted small">
                {t("portal.comments.bodyHint", { max: MAX })}
              </p>
            </div>
            <div className="honeypot" aria-hidden="true">
              <label htmlFor="comment-website">{t("portal.comments.honeypot")}</label>
              <input id="comment-website" name="website" tabIndex={-1} autoComplete="off" />
            </div>
            <button type="submit" className="button button--primary" disabled={fetcher.state !== "idle"}>
              {t("portal.comments.submit")}
            </button>
          </fetcher.Form>
        )
      ) : (
        <p className="muted">{data.closesAt ? t("portal.comments.closed", { date: formatDate(data.closesAt, i18n.language) }) : t("portal.comments.closedNoDate")}</p>
      )}
    </section>
  );
}

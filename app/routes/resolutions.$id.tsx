import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { OptionText, SystemText, UserText, tWithUser } from "~/components/system-text";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MAX_PHOTOS, PHOTO_TYPES, ProgressInput, progressStatuses } from "../../server/councils/implementation";
import { sniffMime, type StoredFile } from "../../server/hearings/exhibit-store";
import councilStyles from "~/components/council/council.css";
import { idParam, runAction } from "~/components/council/council-route.server";
import { orRespond } from "~/utils/respond.server";
import { approvalText } from "~/components/council/format";
import { CommentsSection } from "~/components/portal/comments-section";
import portalStyles from "~/components/portal/portal.css";
import { PrintHeader } from "~/components/portal/print-header";
import { ShareBar } from "~/components/portal/share-bar";
import { errorMessage } from "~/utils/errors";
import { shareMeta } from "~/utils/share";
import { publicOrigin, qrFor, serverT } from "~/utils/share.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { readForm } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? shareMeta(data.portal.meta) : []);
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: councilStyles },
  { rel: "stylesheet", href: portalStyles },
];

/**
 * 协商决议 at a stable public URL: the item, the vote and its 同意率 over every round, the resolution,
 * its notice period, then the implementation as the supervision committee reports it. A supervisor
 * of the community gets the progress form here; a resident who took part rates the outcome once done.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const resolutionId = idParam(params.id);
  const page = orRespond(() => context.services.councils.views.resolution(context.principal, resolutionId));
  // The portal's additions (issue 17): meta tags, QR, print letterhead, comments during the notice.
  const { t } = await serverT(request);
  const publication = context.services.portal.publications.get("resolution", resolutionId);
  const origin = publicOrigin(context, request);
  const url = `${origin}/resolutions/${resolutionId}`;
  const portal = {
    meta: {
      title: `${page.item.title} · ${t("portal.kind.resolution")}`,
      description: t("portal.meta.resolutionDescription", { community: page.council.communityName, title: page.item.title }),
      url,
      type: "article",
      siteName: t("app.name"),
    },
    url,
    verifyUrl: `${origin}/verify`,
    qr: publication ? await qrFor(url) : null,
    publishedAt: publication?.publishedAt ?? null,
    communityId: publication?.communityId ?? null,
    comments: publication ? context.services.portal.comments.forPage("resolution", resolutionId) : null,
  };
  return { page, portal };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const resolutionId = idParam(params.id);
  const { implementation, photoStore } = context.services.councils;
  const p = context.principal;
  const multipart = (request.headers.get("content-type") ?? "").startsWith("multipart/form-data");
  return runAction(async () => {
    if (!multipart) {
      const f = Object.fromEntries(await readForm(request));
      if (f.intent !== "rate") return data({ error: { code: "invalid_input" } }, { status: 400 });
      implementation.rate(p, { resolutionId, rating: String(f.rating) as never, comment: String(f.comment ?? "").trim() || undefined });
      return { ok: true as const, rated: true };
    }
    // Authorise before reading the upload, so a refused request stores nothing.
    implementation.assertCanPost(p, resolutionId);
    const declared = Number(request.headers.get("content-length") ?? 0);
    if (declared > MAX_PHOTOS * photoStore.limitBytes + 64 * 1024)
      return data({ error: { code: "file_too_large", details: { limitMb: Math.round(photoStore.limitBytes / 1048576) } } }, { status: 413 });
    const form = await readForm(request);
    const input = { resolutionId, status: String(form.get("status")) as never, note: String(form.get("note") ?? "") };
    // The fields are checked before any photo is stored, so a refused update leaves nothing behind.
    ProgressInput.parse(input);
    const files = form.getAll("photos").filter((v): v is File => v instanceof Blob && v.size > 0);
    if (files.length > MAX_PHOTOS) return data({ error: { code: "too_many_photos", details: { max: MAX_PHOTOS } } }, { status: 400 });
    // Every photo is checked by its first bytes before any is stored: one bad file refuses the update.
    for (const file of files) {
      const mime = sniffMime(Buffer.from(await file.slice(0, 16).arrayBuffer()));
      if (!mime || !PHOTO_TYPES.includes(mime)) return data({ error: { code: "photo_type_not_allowed" } }, { status: 400 });
    }
    const stored: StoredFile[] = [];
    for (const file of files) stored.push(await photoStore.save(file.stream() as unknown as AsyncIterable<Uint8Array>));
    implementation.postProgress(p, input, stored);
    return { ok: true as const, posted: true };
  });
}

export default function ResolutionPage() {
  const { page, portal } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const busy = useNavigation().state !== "idle";
  const r = page.resolution;
  const error = actionData && "error" in actionData ? actionData.error : null;
  const result = page.ballot?.result ?? null;
  return (
    <article className="stack council-page printable">
      {portal.publishedAt ? <PrintHeader kind="resolution" communityName={page.council.communityName} publishedAt={portal.publishedAt} /> : null}
      <header>
        <p className="row">
          <span className="badge">{t(`council.resolutionStatus.${r.status}`)}</span>
          {r.overdue ? <span className="badge council-overdue">{t("council.resolution.overdue")}</span> : null}
        </p>
        <h1 data-user-content>{page.item.title}</h1>
        <p className="muted">
          {tWithUser(t, "council.resolution.from", { council: page.council.title }, { date: formatDate(page.council.heldAt, i18n.language) })} · <UserText>{page.council.communityName}</UserText>
        </p>
      </header>

      {error ? (
        <p className="alert alert--error" role="alert">
          {errorMessage(t, error)}
        </p>
      ) : null}

      <section className="card stack" aria-labelledby="text-title">
        <h2 id="text-title">{t("council.resolution.text")}</h2>
        <p className="council-proposal" data-user-content>
          {r.text}
        </p>
        <dl className="facts">
          <dt>{t("council.resolution.responsible")}</dt>
          <dd data-user-content>{r.responsible}</dd>
          <dt>{t("council.resolution.deadline")}</dt>
          <dd>
            {formatDate(r.deadline, i18n.language)}
            {r.overdue ? <strong className="council-overdue-text"> · {t("council.resolution.overdue")}</strong> : null}
          </dd>
          <dt>{t("council.resolution.noticePeriod")}</dt>
          <dd>
            {r.publishedAt && r.noticeEndsAt
              ? t("council.resolution.noticeRange", { from: formatDate(r.publishedAt, i18n.language), to: formatDate(r.noticeEndsAt, i18n.language), days: r.noticeDays })
              : t("council.resolutionStatus.draft")}
          </dd>
        </dl>
        {r.status === "notice" ? <p className="alert alert--info">{t("council.resolution.inNotice")}</p> : null}
      </section>

      <section className="card stack" aria-labelledby="vote-title">
        <h2 id="vote-title">{t("council.resolution.vote")}</h2>
        <p><UserText>{page.item.proposal}</UserText></p>
        {page.ballot && result ? (
          <table className="council-table" data-testid="vote-result">
            <tbody>
              {page.ballot.options.map((o) => (
                <tr key={o.id}>
                  <th scope="row">
                    <OptionText option={o} />
                  </th>
                  <td className="tabular">{t("ballot.tally.votes", { count: result.counts[o.id] ?? 0 })}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">{t("council.public.approval")}</th>
                <td className="tabular">
                  <strong>{approvalText(page.item.approvalRate)}</strong>
                </td>
              </tr>
            </tbody>
          </table>
        ) : null}
        <p className="muted small">
          {result ? `${t(`ballot.threshold.${result.threshold}`)} · ${t("ballot.tally.turnout", { cast: result.cast, eligible: result.eligible })}` : ""}
        </p>
        {page.rounds.length > 1 ? (
          <>
            <h3>{t("council.resolution.rounds")}</h3>
            <table className="council-table" data-testid="rounds">
              <thead>
                <tr>
                  <th scope="col">{t("council.resolution.roundCol")}</th>
                  <th scope="col">{t("council.resolution.councilCol")}</th>
                  <th scope="col">{t("council.public.outcome")}</th>
                  <th scope="col">{t("council.public.approval")}</th>
                </tr>
              </thead>
              <tbody>
                {page.rounds.map((round) => (
                  <tr key={round.itemId}>
                    <td>{t("council.round", { round: round.round })}</td>
                    <td>
                      <Link to={`/councils/${round.councilId}`}><UserText>{round.councilTitle}</UserText></Link> <span className="muted small">{formatDate(round.heldAt, i18n.language)}</span>
                    </td>
                    <td>{round.outcome ? t(`ballot.outcome.${round.outcome}`) : t(`council.itemStatus.${round.status}`)}</td>
                    <td className="tabular">{approvalText(round.approvalRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
      </section>

      <section className="card stack no-print-if-empty" aria-labelledby="progress-title">
        <h2 id="progress-title">{t("council.progress.title")}</h2>
        {page.progress.length === 0 ? <p className="muted">{t("council.progress.none")}</p> : null}
        <ol className="transcript" data-testid="progress">
          {page.progress.map((u) => (
            <li key={u.id} className="transcript__entry">
              <div className="transcript__meta">
                <span className="badge" data-progress={u.status}>
                  {t(`council.progress.status.${u.status}`)}
                </span>
                <strong><SystemText text={u.author} /></strong>
                <time className="muted tabular" dateTime={u.at}>
                  {formatDateTime(u.at, i18n.language)}
                </time>
              </div>
              <p><UserText>{u.note}</UserText></p>
              {u.photos.length ? (
                <div className="row">
                  {u.photos.map((sha) => (
                    <a key={sha} href={`/resolutions/${r.id}/photos/${sha}`}>
                      <img className="council-photo" src={`/resolutions/${r.id}/photos/${sha}`} alt={t("council.progress.photo")} loading="lazy" />
                    </a>
                  ))}
                </div>
              ) : null}
            </li>
          ))}
        </ol>
        {page.canPost ? (
          <Form method="post" encType="multipart/form-data" className="stack council-subform">
            <h3>{t("council.progress.post")}</h3>
            <div className="field">
              <label htmlFor="progress-status">{t("council.progress.statusLabel")}</label>
              <select id="progress-status" name="status" className="input" defaultValue="in_progress">
                {progressStatuses.map((s) => (
                  <option key={s} value={s}>
                    {t(`council.progress.status.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="progress-note">{t("council.progress.note")}</label>
              <textarea id="progress-note" name="note" className="input" rows={3} required minLength={2} />
              <p className="muted small">{t("council.progress.noteHint")}</p>
            </div>
            <div className="field">
              <label htmlFor="progress-photos">{t("council.progress.photos", { max: MAX_PHOTOS })}</label>
              <input id="progress-photos" name="photos" type="file" accept="image/jpeg,image/png,image/webp" multiple className="input" />
            </div>
            <button className="button button--primary" disabled={busy}>
              {t("council.progress.submit")}
            </button>
          </Form>
        ) : null}
      </section>

      {r.status === "done" ? (
        <section className="card stack" aria-labelledby="followup-title">
          <h2 id="followup-title">{t("council.followUp.title")}</h2>
          <p data-testid="ratings">
            {t("council.followUp.summary", { total: page.ratings.total, satisfied: page.ratings.counts.satisfied, basically: page.ratings.counts.basically, unsatisfied: page.ratings.counts.unsatisfied })}
          </p>
          {page.myRating ? <p className="alert alert--success">{t("council.followUp.mine", { rating: t(`council.followUp.rating.${page.myRating}`) })}</p> : null}
          {page.canRate ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="rate" />
              <fieldset className="field council-rating">
                <legend>{t("council.followUp.question")}</legend>
                {(["satisfied", "basically", "unsatisfied"] as const).map((k) => (
                  <label key={k} className="council-rating__option">
                    <input type="radio" name="rating" value={k} required /> {t(`council.followUp.rating.${k}`)}
                  </label>
                ))}
              </fieldset>
              <div className="field">
                <label htmlFor="rating-comment">{t("council.followUp.comment")}</label>
                <textarea id="rating-comment" name="comment" className="input" rows={2} maxLength={500} />
              </div>
              <button className="button button--primary" disabled={busy}>
                {t("council.followUp.submit")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      {portal.qr ? <ShareBar qr={portal.qr} url={portal.url} feedHref={portal.communityId ? `/communities/${portal.communityId}/atom.xml` : undefined} /> : null}
      <p className="muted no-print">
        {t("portal.verifyHint.resolution")} <Link to="/verify">{t("portal.verifyHint.link")}</Link>
      </p>
      <p className="print-only">{t("portal.print.verifyLine", { url: portal.url })}</p>
      {portal.comments ? <CommentsSection kind="resolution" id={r.id} data={portal.comments} /> : null}
      <p className="muted no-print">
        <Link to={`/councils/${page.council.id}`}>{t("council.resolution.councilPage")}</Link> ·{" "}
        <a href={`/councils/${page.council.id}/record.json`}>{t("council.public.recordDownload")}</a>
      </p>
    </article>
  );
}

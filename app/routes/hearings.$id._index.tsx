import { data, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { OptionText, SystemText, UserText, tWithUser } from "~/components/system-text";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Fragment } from "react";
import { HearingRoom } from "~/components/hearing/hearing-room";
import { Exhibits } from "~/components/hearing/exhibits";
import { Transcript } from "~/components/hearing/transcript";
import { NoticeWatcher } from "~/components/hearing/notice-watcher";
import { CommentsSection } from "~/components/portal/comments-section";
import portalStyles from "~/components/portal/portal.css";
import { PrintHeader } from "~/components/portal/print-header";
import { ShareBar } from "~/components/portal/share-bar";
import { formatDateTime } from "~/utils/format";
import { loadHearingSnapshot } from "~/utils/hearing-loader.server";
import { shareMeta } from "~/utils/share";
import { publicOrigin, qrFor, serverT } from "~/utils/share.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: portalStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? shareMeta(data.portal.meta) : []);

/**
 * The hearing's public page at a stable URL: the notice while announced, the live spectator view
 * during the hearing, and the published ruling with its verifiable records afterwards.
 */
/** What the portal adds to the public page: meta tags, QR, print header and the comments (issue 17). */
async function portalData(request: Request, context: LoaderFunctionArgs["context"], h: { id: number; title: string; status: string }) {
  const { t } = await serverT(request);
  const publication = h.status === "published" ? context.services.portal.publications.get("ruling", h.id) : null;
  const origin = publicOrigin(context, request);
  const url = `${origin}/hearings/${h.id}`;
  return {
    meta: {
      title: `${h.title} · ${t("hearing.title")}`,
      description: publication ? t("portal.meta.rulingDescription", { community: publication.communityName, title: h.title }) : t("portal.meta.homeDescription"),
      url,
      type: "article",
      siteName: t("app.name"),
    },
    url,
    verifyUrl: `${origin}/verify?hearing=${h.id}`,
    qr: publication ? await qrFor(url) : null,
    communityName: publication?.communityName ?? null,
    communityId: publication?.communityId ?? null,
    publishedAt: publication?.publishedAt ?? null,
    comments: publication ? context.services.portal.comments.forPage("ruling", h.id) : null,
  };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const snapshot = loadHearingSnapshot(context, params.id);
  if (snapshot.hearing.status === "draft" && snapshot.role.kind !== "chair") throw new Response("not found", { status: 404 });
  const ballotId = snapshot.ruling?.ballotId;
  const ballot = ballotId ? context.services.ballots.state(context.principal, { ballotId }).ballot : null;
  // A published ruling no longer changes: anonymous visitors may be served a copy up to a minute old
  // (server/http/page-cache.ts). Anything live or personal is never cached.
  const cacheable = snapshot.hearing.status === "published" && context.principal.kind === "anonymous";
  return data({ snapshot, ballot, portal: await portalData(request, context, snapshot.hearing) }, { headers: { "Cache-Control": cacheable ? "public, max-age=60" : "private, no-cache" } });
}

export const headers: HeadersFunction = ({ loaderHeaders }) => ({ "Cache-Control": loaderHeaders.get("Cache-Control") ?? "private, no-cache" });

export default function PublicHearing() {
  const { snapshot, ballot, portal } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const h = snapshot.hearing;

  if (h.status === "announced" || h.status === "cancelled" || h.status === "draft") {
    return (
      <article className="card stack" style={{ maxWidth: "44rem", margin: "0 auto" }}>
        <div className="row">
          <p className="badge">{t(`hearing.status.${h.status}`)}</p>
          {h.status === "announced" ? <NoticeWatcher key={`${h.status}-${h.scheduledAt}`} initial={snapshot} /> : null}
        </div>
        <h1>{t("hearing.public.notice")}</h1>
        <dl className="facts">
          <dt>{t("hearing.public.subject")}</dt>
          <dd><UserText>{h.title}</UserText></dd>
          <dt>{t("hearing.public.when")}</dt>
          <dd>{formatDateTime(h.scheduledAt, i18n.language)}</dd>
          <dt>{t("hearing.public.where")}</dt>
          <dd><UserText>{h.place}</UserText></dd>
          <dt>{t("hearing.room.parties")}</dt>
          <dd>
            {snapshot.parties.map((p, i) => (
              <Fragment key={p.side}>
                {i ? t("system.listSeparator") : null}
                <SystemText text={p.side} /> <UserText>{p.maskedName}</UserText>
              </Fragment>
            ))}
          </dd>
        </dl>
        {h.shortNoticeReason ? <p className="alert alert--info">{tWithUser(t, "hearing.public.shortNotice", { reason: h.shortNoticeReason })}</p> : null}
        {h.cancelledReason ? <p className="alert alert--error">{h.cancelledReason}</p> : null}
        {h.matter.description ? <p><UserText>{h.matter.description}</UserText></p> : null}
      </article>
    );
  }

  if (h.status !== "published") return <HearingRoom key={h.status} initial={snapshot} />;

  const jurors = snapshot.panel.filter((s) => s.role === "juror" && s.status === "active");
  const result = ballot?.result as { outcome?: string; counts?: Record<string, number>; winningOptionId?: string | null } | null | undefined;
  return (
    <article className="stack printable" style={{ maxWidth: "52rem", margin: "0 auto" }}>
      {portal.communityName && portal.publishedAt ? (
        <PrintHeader kind="ruling" communityName={portal.communityName} publishedAt={portal.publishedAt} />
      ) : null}
      <header>
        <p className="badge">{t("hearing.status.published")}</p>
        <h1 data-user-content>{h.title}</h1>
        <p className="muted">
          {formatDateTime(h.startedAt ?? h.scheduledAt, i18n.language)} · <span data-user-content>{h.place}</span> ·{" "}
          {snapshot.parties.map((p, i) => (
            <Fragment key={p.side}>
              {i ? t("system.listSeparator") : null}
              <SystemText text={p.side} /> <UserText>{p.maskedName}</UserText>
            </Fragment>
          ))}
        </p>
      </header>
      {h.earlyStartReason ? <p className="alert alert--info">{t("procedure.start.earlyPublic", { reason: h.earlyStartReason })}</p> : null}
      <section className="card stack" aria-labelledby="ruling-title">
        <h2 id="ruling-title">{t("hearing.public.ruling")}</h2>
        {ballot ? (
          <div className="stack">
            <h3>{t("hearing.public.vote")}</h3>
            <p>
              <SystemText text={ballot.question} />
            </p>
            <ul className="list" data-testid="vote-result">
              {ballot.options.map((o) => (
                <li key={o.id}>
                  <strong>
                    <OptionText option={o} />
                  </strong>
                  {t("ballot.tally.colon")}
                  <span className="tabular">{t("ballot.tally.votes", { count: result?.counts?.[o.id] ?? ballot.tally.counts?.[o.id] ?? 0 })}</span>
                  {result?.winningOptionId === o.id ? <span className="badge"> ✓</span> : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {ballot && result?.outcome !== "passed" && !(result as { resolution?: unknown } | null)?.resolution ? (
          <p className="alert alert--info" data-testid="no-majority">
            {t("procedure.voting.noMajority")}
          </p>
        ) : null}
        {ballot?.question.startsWith("决选") ? <p className="badge">{t("procedure.voting.runoffHeld")}</p> : null}
        <h3>{t("hearing.public.reasons")}</h3>
        <p style={{ whiteSpace: "pre-wrap" }} data-user-content>
          {snapshot.ruling?.reasons}
        </p>
        <h3>{t("hearing.public.saying")}</h3>
        <p style={{ whiteSpace: "pre-wrap" }} data-user-content>
          {snapshot.ruling?.saying}
        </p>
      </section>
      <section className="card stack">
        <h2>{t("hearing.room.panel")}</h2>
        <ul className="seats">
          {jurors.map((s) => (
            <li key={s.pseudonym} className="seat">
              <span className="seat__label">{s.name ? <SystemText text={s.name} /> : <SystemText text={s.label} />}</span>
              <span className="seat__status mono">{s.pseudonym}</span>
            </li>
          ))}
        </ul>
        <p className="muted no-print">{t("hearing.public.verifyHint")}</p>
        <p className="print-only">{t("portal.print.verifyLine", { url: portal.verifyUrl })}</p>
        <p className="no-print">
          <Link to={`/verify?hearing=${h.id}`}>{t("portal.verifyHint.link")}</Link> · <a href={`/hearings/${h.id}/draw.json`}>{t("hearing.draw.record")}</a> ·{" "}
          <a href={`/hearings/${h.id}/record.json`}>{t("hearing.public.recordDownload")}</a>
        </p>
      </section>
      {portal.qr ? <ShareBar qr={portal.qr} url={portal.url} feedHref={portal.communityId ? `/communities/${portal.communityId}/atom.xml` : undefined} /> : null}
      {snapshot.exhibits.length ? (
        <div className="no-print">
          <Exhibits state={snapshot} />
        </div>
      ) : null}
      <div className="no-print">
        <Transcript state={snapshot} />
      </div>
      {portal.comments ? <CommentsSection kind="ruling" id={h.id} data={portal.comments} /> : null}
    </article>
  );
}

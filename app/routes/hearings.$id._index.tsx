import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { HearingRoom } from "~/components/hearing/hearing-room";
import { Exhibits } from "~/components/hearing/exhibits";
import { Transcript } from "~/components/hearing/transcript";
import { NoticeWatcher } from "~/components/hearing/notice-watcher";
import { formatDateTime } from "~/utils/format";
import { loadHearingSnapshot } from "~/utils/hearing-loader.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.snapshot.hearing.title ?? "评理大会"} · 评理大会` }];

/**
 * The hearing's public page at a stable URL: the notice while announced, the live spectator view
 * during the hearing, and the published ruling with its verifiable records afterwards.
 */
export async function loader({ context, params }: LoaderFunctionArgs) {
  const snapshot = loadHearingSnapshot(context, params.id);
  if (snapshot.hearing.status === "draft" && snapshot.role.kind !== "chair") throw new Response("not found", { status: 404 });
  const ballotId = snapshot.ruling?.ballotId;
  const ballot = ballotId ? context.services.ballots.state(context.principal, { ballotId }).ballot : null;
  // A published ruling no longer changes: anonymous visitors may be served a copy up to a minute old
  // (server/http/page-cache.ts). Anything live or personal is never cached.
  const cacheable = snapshot.hearing.status === "published" && context.principal.kind === "anonymous";
  return data({ snapshot, ballot }, { headers: { "Cache-Control": cacheable ? "public, max-age=60" : "private, no-cache" } });
}

export const headers: HeadersFunction = ({ loaderHeaders }) => ({ "Cache-Control": loaderHeaders.get("Cache-Control") ?? "private, no-cache" });

export default function PublicHearing() {
  const { snapshot, ballot } = useLoaderData<typeof loader>();
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
          <dd>{h.title}</dd>
          <dt>{t("hearing.public.when")}</dt>
          <dd>{formatDateTime(h.scheduledAt, i18n.language)}</dd>
          <dt>{t("hearing.public.where")}</dt>
          <dd>{h.place}</dd>
          <dt>{t("hearing.room.parties")}</dt>
          <dd>{snapshot.parties.map((p) => `${p.side} ${p.maskedName}`).join("，")}</dd>
        </dl>
        {h.shortNoticeReason ? <p className="alert alert--info">{t("hearing.public.shortNotice", { reason: h.shortNoticeReason })}</p> : null}
        {h.cancelledReason ? <p className="alert alert--error">{h.cancelledReason}</p> : null}
        {h.matter.description ? <p>{h.matter.description}</p> : null}
      </article>
    );
  }

  if (h.status !== "published") return <HearingRoom key={h.status} initial={snapshot} />;

  const jurors = snapshot.panel.filter((s) => s.role === "juror" && s.status === "active");
  const result = ballot?.result as { outcome?: string; counts?: Record<string, number>; winningOptionId?: string | null } | null | undefined;
  return (
    <article className="stack" style={{ maxWidth: "52rem", margin: "0 auto" }}>
      <header>
        <p className="badge">{t("hearing.status.published")}</p>
        <h1>{h.title}</h1>
        <p className="muted">
          {formatDateTime(h.startedAt ?? h.scheduledAt, i18n.language)} · {h.place} · {snapshot.parties.map((p) => `${p.side} ${p.maskedName}`).join("，")}
        </p>
      </header>
      {h.earlyStartReason ? <p className="alert alert--info">{t("procedure.start.earlyPublic", { reason: h.earlyStartReason })}</p> : null}
      <section className="card stack" aria-labelledby="ruling-title">
        <h2 id="ruling-title">{t("hearing.public.ruling")}</h2>
        {ballot ? (
          <div className="stack">
            <h3>{t("hearing.public.vote")}</h3>
            <p>{ballot.question}</p>
            <ul className="list" data-testid="vote-result">
              {ballot.options.map((o) => (
                <li key={o.id}>
                  <strong>{o.label}</strong>：<span className="tabular">{result?.counts?.[o.id] ?? ballot.tally.counts?.[o.id] ?? 0}</span> 票
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
        <p style={{ whiteSpace: "pre-wrap" }}>{snapshot.ruling?.reasons}</p>
        <h3>{t("hearing.public.saying")}</h3>
        <p style={{ whiteSpace: "pre-wrap" }}>{snapshot.ruling?.saying}</p>
      </section>
      <section className="card stack">
        <h2>{t("hearing.room.panel")}</h2>
        <ul className="seats">
          {jurors.map((s) => (
            <li key={s.pseudonym} className="seat">
              <span className="seat__label">{s.name ?? s.label}</span>
              <span className="seat__status mono">{s.pseudonym}</span>
            </li>
          ))}
        </ul>
        <p className="muted">{t("hearing.public.verifyHint")}</p>
        <p>
          <Link to={`/verify?hearing=${h.id}`}>{t("hearing.draw.verify")}</Link> · <a href={`/hearings/${h.id}/draw.json`}>{t("hearing.draw.record")}</a> ·{" "}
          <a href={`/hearings/${h.id}/record.json`}>{t("hearing.public.recordDownload")}</a>
        </p>
      </section>
      {snapshot.exhibits.length ? <Exhibits state={snapshot} /> : null}
      <Transcript state={snapshot} />
    </article>
  );
}

import { titleMeta } from "~/utils/meta";
import { SystemText, UserText, tWithUser } from "~/components/system-text";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { Agenda } from "~/components/council/agenda";
import councilStyles from "~/components/council/council.css";
import { CouncilRoom, FollowStatus } from "~/components/council/council-room";
import { loadCouncilSnapshot } from "~/components/council/council-route.server";
import { approvalText } from "~/components/council/format";
import { Opinions } from "~/components/council/opinions";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(matches, data ? "council" : "councils", { title: data?.snapshot.council.title ?? "" });
export const links: LinksFunction = () => [{ rel: "stylesheet", href: councilStyles }];

/**
 * The council's public page at a stable URL: the notice while announced (公告), the live view for
 * spectators during the meeting, and the results with links to the resolutions and the record afterwards.
 */
export async function loader({ context, params }: LoaderFunctionArgs) {
  const snapshot = loadCouncilSnapshot(context, params.id);
  if (snapshot.council.status === "draft" && snapshot.role.kind !== "chair") throw new Response("not found", { status: 404 });
  return { snapshot };
}

export default function PublicCouncil() {
  const { snapshot } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const c = snapshot.council;
  const voting = snapshot.participants.filter((p) => p.voting);

  if (c.status === "live") return <CouncilRoom key={c.status} initial={snapshot} />;

  if (c.status === "resolved") {
    return (
      <article className="stack council-page">
        <header>
          <p className="badge">{t("council.status.resolved")}</p>
          <h1><UserText>{c.title}</UserText></h1>
          <p className="muted">
            {formatDateTime(c.scheduledAt, i18n.language)} · <UserText>{c.place}</UserText> · <UserText>{c.communityName}</UserText>
          </p>
        </header>
        <section className="card stack table-container" aria-labelledby="results-title">
          <h2 id="results-title">{t("council.public.results")}</h2>
          <table className="council-table table--stacked">
            <thead>
              <tr>
                <th scope="col">{t("council.public.item")}</th>
                <th scope="col">{t("council.public.outcome")}</th>
                <th scope="col">{t("council.public.approval")}</th>
              </tr>
            </thead>
            <tbody>
              {snapshot.items.map((i) => (
                <tr key={i.id} data-testid="result-row">
                  <td>
                    {t("council.itemNumber", { n: i.number })} <UserText>{i.title}</UserText>
                    {i.resolution?.published ? (
                      <>
                        {" "}
                        · <Link to={`/resolutions/${i.resolution.id}`}>{t("council.resolution.view")}</Link>
                      </>
                    ) : null}
                  </td>
                  <td data-label={t("council.public.outcome") + t("ballot.tally.colon")}>
                    {i.outcome ? t(`ballot.outcome.${i.outcome}`) : t("council.public.notTakenUp")}
                  </td>
                  <td className="tabular" data-label={t("council.public.approval") + t("ballot.tally.colon")}>
                    {approvalText(i.approvalRate)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">{t("council.public.approvalHint")}</p>
          <p>
            <a href={`/councils/${c.id}/record.json`}>{t("council.public.recordDownload")}</a> · <Link to="/verify">{t("council.public.verify")}</Link>
          </p>
          <p className="muted small">{t("council.public.recordHint")}
          </p>
        </section>
        <Agenda state={snapshot} />
        {snapshot.items.map((i) => (snapshot.opinions.some((o) => o.itemId === i.id) ? (
          <section key={i.id} className="card">
            <h2>
              {t("council.itemNumber", { n: i.number })} <UserText>{i.title}</UserText>
            </h2>
            <Opinions state={snapshot} itemId={i.id} />
          </section>
        ) : null))}
      </article>
    );
  }

  // draft (chair only), announced, cancelled: the notice.
  return (
    <article className="stack council-page">
      <section className="card stack">
        <p className="badge">{t(`council.status.${c.status}`)}</p>
        <h1>{t("council.public.notice")}</h1>
        <dl className="facts">
          <dt>{t("council.public.subject")}</dt>
          <dd><UserText>{c.title}</UserText></dd>
          <dt>{t("council.public.when")}</dt>
          <dd>{formatDateTime(c.scheduledAt, i18n.language)}</dd>
          <dt>{t("council.public.where")}</dt>
          <dd><UserText>{c.place}</UserText></dd>
          <dt>{t("council.fields.community")}</dt>
          <dd><UserText>{c.communityName}</UserText></dd>
          <dt>{t("council.public.members")}</dt>
          <dd>{t("council.public.membersCount", { count: voting.length, names: "\u0002" }).split("\u0002")[0]}
            {voting.map((p, i) => (
              <Fragment key={p.id}>
                {i ? t("system.enumSeparator") : null}
                <SystemText text={p.name} />
              </Fragment>
            ))}
            {t("council.public.membersCount", { count: voting.length, names: "\u0002" }).split("\u0002")[1]}</dd>
          {snapshot.participants.some((p) => p.kind === "guest") ? (
            <>
              <dt>{t("council.public.guests")}</dt>
              <dd>
                {snapshot.participants
                  .filter((p) => p.kind === "guest")
                  .map((p, i) => (
                    <Fragment key={p.id}>
                      {i ? t("system.enumSeparator") : null}
                      <SystemText text={p.name} />
                    </Fragment>
                  ))}
              </dd>
            </>
          ) : null}
        </dl>
        {c.shortNoticeReason ? <p className="alert alert--info">{tWithUser(t, "council.public.shortNotice", { reason: c.shortNoticeReason })}</p> : null}
        {c.cancelledReason ? <p className="alert alert--error">{tWithUser(t, "council.public.cancelled", { reason: c.cancelledReason })}</p> : null}
      </section>
      <Agenda state={snapshot} />
      <p className="muted">{t("council.public.noticeFooter")}</p>
      {c.status === "announced" ? <FollowStatus initial={snapshot} /> : null}
    </article>
  );
}

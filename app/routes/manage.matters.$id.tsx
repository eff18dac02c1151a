import { titleMeta } from "~/utils/meta";
import { UserText } from "~/components/system-text";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import councilStyles from "~/components/council/council.css";
import { idParam, runAction } from "~/components/council/council-route.server";
import { orRespond } from "~/utils/respond.server";
import { approvalText } from "~/components/council/format";
import { requireUserWithPermission } from "~/utils/auth.server";
import { formatDate } from "~/utils/format";
import { readForm } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(matches, data ? "matter" : "matters", { title: data?.matter.title ?? "" });
export const links: LinksFunction = () => [{ rel: "stylesheet", href: councilStyles }];

/** One matter of the ledger: its record, every council round with its 同意率, and its hearings. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireUserWithPermission(context, request, "manage:matter:own");
  const matterId = idParam(params.id);
  const matter = orRespond(() => context.services.matters.get(matterId));
  requireUserWithPermission(context, request, "manage:matter:own", matter.communityId);
  const hearings = context.services.hearings.lifecycle
    .listForCommunities([matter.communityId])
    .filter((h) => h.matterId === matter.id)
    .map((h) => ({ id: h.id, title: h.title, status: h.status, scheduledAt: h.scheduledAt.toISOString() }));
  const rounds = context.services.councils.views.rounds(matter.id);
  return {
    matter: {
      id: matter.id,
      title: matter.title,
      description: matter.description,
      publicSummary: matter.publicSummary ?? "",
      scope: matter.scope,
      difficulty: matter.difficulty,
      source: matter.source,
      status: matter.status,
      reporterName: matter.reporterName,
      reportedAt: matter.reportedAt.toISOString(),
      community: context.services.units.get(matter.communityId)?.name ?? "",
      grid: matter.gridId ? (context.services.units.get(matter.gridId)?.name ?? "") : "",
    },
    rounds,
    hearings,
  };
}

/** The chair writes the public summary here (issue 12); once the matter is public, personal data is masked on saving. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  requireUserWithPermission(context, request, "manage:matter:own");
  const matterId = idParam(params.id);
  const f = Object.fromEntries(await readForm(request));
  return runAction(() => {
    context.services.matters.setPublicSummary(context.principal, { matterId, publicSummary: String(f.publicSummary ?? "") });
    return { ok: true as const, saved: true };
  });
}

export default function MatterPage() {
  const { matter, rounds, hearings } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const { t, i18n } = useTranslation();
  return (
    <article className="stack council-page">
      <p>
        <Link to="/manage/matters">← {t("council.matters.title")}</Link>
      </p>
      <header>
        <p className="row">
          <span className="badge">{t(`council.matters.scope.${matter.scope}`)}</span>
          <span className="badge">{t(`council.matters.status.${matter.status}`)}</span>
        </p>
        <h1><UserText>{matter.title}</UserText></h1>
      </header>
      <section className="card stack">
        {matter.description ? <p className="council-proposal"><UserText>{matter.description}</UserText></p> : null}
        <dl className="facts">
          <dt>{t("council.matters.difficultyLabel")}</dt>
          <dd>{t(`council.matters.difficulty.${matter.difficulty}`)}</dd>
          <dt>{t("council.matters.sourceLabel")}</dt>
          <dd>{t(`council.matters.source.${matter.source}`)}</dd>
          <dt>{t("council.matters.where")}</dt>
          <dd data-user-content>{[matter.community, matter.grid].filter(Boolean).join(" · ")}</dd>
          <dt>{t("council.matters.reporter")}</dt>
          <dd data-user-content>{matter.reporterName ?? "—"}</dd>
          <dt>{t("council.matters.reportedAt")}</dt>
          <dd>{formatDate(matter.reportedAt, i18n.language)}</dd>
        </dl>
        <Form method="post" className="stack" key={matter.publicSummary}>
          <div className="field">
            <label htmlFor="publicSummary">{t("privacy.summary.label")}</label>
            <textarea id="publicSummary" name="publicSummary" className="input" rows={2} maxLength={1000} defaultValue={matter.publicSummary} aria-describedby="publicSummary-hint" />
            <p id="publicSummary-hint" className="muted small">
              {t("privacy.summary.hint")}
            </p>
          </div>
          {actionData && "saved" in actionData ? (
            <p className="alert alert--success" role="status">
              {t("privacy.summary.saved")}
            </p>
          ) : null}
          <button className="button" disabled={busy}>
            {t("privacy.summary.save")}
          </button>
        </Form>
        <p className="muted small">{matter.scope === "shared" ? t("council.matters.sharedHint") : matter.scope === "private" ? t("council.matters.privateHint") : t("council.matters.publicHint")}</p>
      </section>
      <section className="card stack" aria-labelledby="rounds-title">
        <h2 id="rounds-title">{t("council.resolution.rounds")}</h2>
        {rounds.length === 0 ? <p className="muted">{t("council.matters.noRounds")}</p> : null}
        {rounds.length ? (
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
              {rounds.map((r) => (
                <tr key={r.itemId}>
                  <td>{t("council.round", { round: r.round })}</td>
                  <td>
                    <Link to={`/manage/councils/${r.councilId}`}><UserText>{r.councilTitle}</UserText></Link> <span className="muted small">{formatDate(r.scheduledAt, i18n.language)}</span>
                  </td>
                  <td>
                    {r.outcome ? t(`ballot.outcome.${r.outcome}`) : t(`council.itemStatus.${r.status}`)}
                    {r.resolutionId ? (
                      <>
                        {" "}
                        · <Link to={`/resolutions/${r.resolutionId}`}>{t("council.resolution.view")}</Link>
                      </>
                    ) : null}
                  </td>
                  <td className="tabular">{approvalText(r.approvalRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      {hearings.length ? (
        <section className="card stack">
          <h2>{t("council.matters.hearings")}</h2>
          <ul className="list">
            {hearings.map((h) => (
              <li key={h.id}>
                <Link to={`/manage/hearings/${h.id}`}><UserText>{h.title}</UserText></Link> <span className="muted small">{formatDate(h.scheduledAt, i18n.language)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}

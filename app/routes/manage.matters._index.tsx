import { titleMeta } from "~/utils/meta";
import { UserText } from "~/components/system-text";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { matterDifficulties, matterScopes, matterSources, matterStatuses } from "../../db/schema";
import councilStyles from "~/components/council/council.css";
import { beijingDateTime, runAction } from "~/components/council/council-route.server";
import { orRespond } from "~/utils/respond.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { errorMessage } from "~/utils/errors";
import { formatDate } from "~/utils/format";
import { CommunityField } from "~/components/community-field";
import { unitsWhere } from "../../server/auth/permissions";
import { readForm } from "~/utils/request.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "matters");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: councilStyles }];

/** The matters ledger (事项台账): every problem raised, filtered by the query string, exportable as CSV. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUserWithPermission(context, request, "manage:matter:own");
  const filter = Object.fromEntries(new URL(request.url).searchParams);
  const { units } = context.services;
  const communities = unitsWhere(user, "manage:matter:own").map((id) => units.get(id)).filter((u) => u?.kind === "community").map((c) => ({ id: c!.id, name: c!.name }));
  const grids = units.byKind("grid").filter((g) => communities.some((c) => c.id === g.parentId)).map((g) => ({ id: g.id, name: g.name, communityId: g.parentId! }));
  const names = new Map([...communities, ...grids].map((u) => [u.id, u.name]));
  const matters = orRespond(() => context.services.matters.search(context.principal, filter));
  return {
    communities,
    grids,
    matters: matters.map((m) => ({
      id: m.id,
      title: m.title,
      scope: m.scope,
      difficulty: m.difficulty,
      source: m.source,
      status: m.status,
      community: names.get(m.communityId) ?? "",
      grid: m.gridId ? (names.get(m.gridId) ?? "") : "",
      reporterName: m.reporterName,
      reportedAt: m.reportedAt.toISOString(),
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireUserWithPermission(context, request, "manage:matter:own");
  const f = Object.fromEntries(await readForm(request));
  return runAction(() => {
    const m = context.services.matters.create(context.principal, {
      communityId: Number(f.communityId),
      gridId: f.gridId ? Number(f.gridId) : null,
      title: String(f.title ?? ""),
      description: String(f.description ?? ""),
      publicSummary: String(f.publicSummary ?? ""),
      scope: String(f.scope) as never,
      difficulty: String(f.difficulty) as never,
      source: String(f.source) as never,
      reporterName: String(f.reporterName ?? "").trim() || null,
      reportedAt: beijingDateTime(String(f.reportedAt ?? ""), "start"),
    });
    return { ok: true as const, created: m.id };
  });
}

export default function MattersLedger() {
  const { communities, grids, matters } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const busy = useNavigation().state !== "idle";
  const error = actionData && "error" in actionData ? actionData.error : null;
  const value = (k: string) => params.get(k) ?? "";
  const csvHref = `/manage/matters.csv${params.toString() ? `?${params.toString()}` : ""}`;
  const select = (name: string, values: readonly string[], label: (v: string) => string, all = true) => (
    <select id={`f-${name}`} name={name} className="input" defaultValue={value(name)}>
      {all ? <option value="">{t("council.matters.any")}</option> : null}
      {values.map((v) => (
        <option key={v} value={v}>
          {label(v)}
        </option>
      ))}
    </select>
  );
  return (
    <div className="stack">
      <div className="room-header">
        <h1>{t("council.matters.title")}</h1>
        <a className="button" href={csvHref} download>
          {t("council.matters.export")}
        </a>
      </div>
      <p className="muted">{t("council.matters.intro")}</p>

      <Form method="get" className="card council-filters" aria-label={t("council.matters.filters")}>
        {communities.length > 1 ? (
          <div className="field">
            <label htmlFor="f-communityId">{t("council.fields.community")}</label>
            {select("communityId", communities.map((c) => String(c.id)), (v) => communities.find((c) => String(c.id) === v)!.name)}
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="f-gridId">{t("council.matters.grid")}</label>
          {select("gridId", grids.map((g) => String(g.id)), (v) => grids.find((g) => String(g.id) === v)!.name)}
        </div>
        <div className="field">
          <label htmlFor="f-scope">{t("council.matters.scopeLabel")}</label>
          {select("scope", matterScopes, (v) => t(`council.matters.scope.${v}`))}
        </div>
        <div className="field">
          <label htmlFor="f-difficulty">{t("council.matters.difficultyLabel")}</label>
          {select("difficulty", matterDifficulties, (v) => t(`council.matters.difficulty.${v}`))}
        </div>
        <div className="field">
          <label htmlFor="f-source">{t("council.matters.sourceLabel")}</label>
          {select("source", matterSources, (v) => t(`council.matters.source.${v}`))}
        </div>
        <div className="field">
          <label htmlFor="f-status">{t("council.matters.statusLabel")}</label>
          {select("status", matterStatuses, (v) => t(`council.matters.status.${v}`))}
        </div>
        <div className="field">
          <label htmlFor="f-from">{t("council.matters.from")}</label>
          <input id="f-from" name="from" type="date" className="input" defaultValue={value("from")} />
        </div>
        <div className="field">
          <label htmlFor="f-to">{t("council.matters.to")}</label>
          <input id="f-to" name="to" type="date" className="input" defaultValue={value("to")} />
        </div>
        <div className="field">
          <label htmlFor="f-q">{t("council.matters.search")}</label>
          <input id="f-q" name="q" className="input" defaultValue={value("q")} maxLength={60} />
        </div>
        <div className="row council-filters__actions">
          <button className="button button--primary">{t("council.matters.apply")}</button>
          <Link to="/manage/matters" className="button">
            {t("council.matters.reset")}
          </Link>
        </div>
      </Form>

      <p className="muted" role="status">
        {t("council.matters.count", { count: matters.length })}
      </p>
      <div className="council-table-wrap">
        <table className="council-table council-ledger">
          <thead>
            <tr>
              <th scope="col">{t("council.matters.titleCol")}</th>
              <th scope="col">{t("council.matters.scopeLabel")}</th>
              <th scope="col">{t("council.matters.difficultyLabel")}</th>
              <th scope="col">{t("council.matters.sourceLabel")}</th>
              <th scope="col">{t("council.matters.where")}</th>
              <th scope="col">{t("council.matters.reporter")}</th>
              <th scope="col">{t("council.matters.reportedAt")}</th>
              <th scope="col">{t("council.matters.statusLabel")}</th>
            </tr>
          </thead>
          <tbody>
            {matters.map((m) => (
              <tr key={m.id} data-testid="matter-row">
                <td>
                  <Link to={`/manage/matters/${m.id}`}><UserText>{m.title}</UserText></Link>
                </td>
                <td>{t(`council.matters.scope.${m.scope}`)}</td>
                <td>{t(`council.matters.difficulty.${m.difficulty}`)}</td>
                <td>{t(`council.matters.source.${m.source}`)}</td>
                <td data-user-content>{[m.community, m.grid].filter(Boolean).join(" · ")}</td>
                <td data-user-content>{m.reporterName ?? "—"}</td>
                <td className="tabular">{formatDate(m.reportedAt, i18n.language)}</td>
                <td>
                  <span className="badge">{t(`council.matters.status.${m.status}`)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <details className="card">
        <summary>
          <strong>{t("council.matters.create")}</strong>
        </summary>
        {error ? (
          <p className="alert alert--error" role="alert">
            {errorMessage(t, error)}
          </p>
        ) : null}
        {actionData && "created" in actionData ? <p className="alert alert--success">{t("council.matters.created")}</p> : null}
        <Form method="post" className="stack">
          <CommunityField communities={communities} />
          <div className="field">
            <label htmlFor="m-title">{t("council.fields.matterTitle")}</label>
            <input id="m-title" name="title" className="input" required minLength={2} maxLength={120} />
          </div>
          <div className="field">
            <label htmlFor="m-description">{t("council.fields.matterDescription")}</label>
            <textarea id="m-description" name="description" className="input" rows={3} maxLength={4000} />
          </div>
          <div className="field">
            <label htmlFor="m-publicSummary">{t("privacy.summary.label")}</label>
            <textarea id="m-publicSummary" name="publicSummary" className="input" rows={2} maxLength={1000} aria-describedby="m-publicSummary-hint" />
            <p id="m-publicSummary-hint" className="muted small">
              {t("privacy.summary.hint")}
            </p>
          </div>
          <div className="grid">
            <div className="field">
              <label htmlFor="m-scope">{t("council.matters.scopeLabel")}</label>
              <select id="m-scope" name="scope" className="input" defaultValue="shared">
                {matterScopes.map((s) => (
                  <option key={s} value={s}>
                    {t(`council.matters.scope.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="m-difficulty">{t("council.matters.difficultyLabel")}</label>
              <select id="m-difficulty" name="difficulty" className="input">
                {matterDifficulties.map((d) => (
                  <option key={d} value={d}>
                    {t(`council.matters.difficulty.${d}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="m-source">{t("council.matters.sourceLabel")}</label>
              <select id="m-source" name="source" className="input">
                {matterSources.map((s) => (
                  <option key={s} value={s}>
                    {t(`council.matters.source.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="m-grid">{t("council.matters.grid")}</label>
              <select id="m-grid" name="gridId" className="input" defaultValue="">
                <option value="">—</option>
                {grids.map((g) => (
                  <option key={g.id} value={g.id} data-user-content>
                    {g.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="m-reporter">{t("council.matters.reporter")}</label>
              <input id="m-reporter" name="reporterName" className="input" maxLength={60} />
            </div>
            <div className="field">
              <label htmlFor="m-reported">{t("council.matters.reportedAt")}</label>
              <input id="m-reported" name="reportedAt" type="date" className="input" />
            </div>
          </div>
          <button className="button button--primary" disabled={busy}>
            {t("council.matters.save")}
          </button>
        </Form>
      </details>
    </div>
  );
}

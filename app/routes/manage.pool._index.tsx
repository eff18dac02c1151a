import { titleMeta } from "~/utils/meta";
import { SystemText, UserText, tWithUser } from "~/components/system-text";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CommunityPicker } from "~/components/pool/community-picker";
import { requirePoolCommunity } from "~/components/pool/pool-route.server";
import poolStyles from "~/components/pool/pool.css";
import { categories } from "~/components/pool/representative-form";
import { SavedNotice } from "~/components/pool/saved-notice";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "pool");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: poolStyles }];

const statuses = ["active", "suspended", "retired"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { community, communities } = requirePoolCommunity(context, request);
  const params = new URL(request.url).searchParams;
  const filter = {
    status: params.get("status") || undefined,
    category: params.get("category") || undefined,
    gridId: params.get("grid") || undefined,
    q: params.get("q") || undefined,
  };
  // The service parses the filter with zod and ignores values it does not know (a stale bookmark still opens).
  const listing = context.services.pool.list(context.principal, community.id, filter);
  const grids = context.services.pool
    .units(context.principal, community.id)
    .filter((u) => u.kind === "grid")
    .map((g) => ({ id: g.id, name: g.name }));
  return {
    community,
    communities,
    grids,
    filter: { status: filter.status ?? "", category: filter.category ?? "", grid: filter.gridId ?? "", q: filter.q ?? "" },
    activeByCategory: listing.activeByCategory,
    byStatus: listing.byStatus,
    representatives: listing.representatives.map((r) => ({
      id: r.id,
      name: r.name,
      phone: r.phone,
      unitPath: r.unitPath,
      category: r.category,
      nomination: r.nomination,
      status: r.status,
      panelsServed: r.panelsServed,
    })),
  };
}

export default function PoolList() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const q = `?community=${data.community.id}`;
  const activeTotal = Object.values(data.activeByCategory).reduce((a, b) => a + b, 0);
  const filtered = Boolean(data.filter.status || data.filter.category || data.filter.grid || data.filter.q);
  return (
    <div className="stack">
      <div className="pool-header">
        <h1>{tWithUser(t, "pool.titleWithCommunity", { community: data.community.name })}</h1>
        <CommunityPicker communities={data.communities} current={data.community.id} />
      </div>
      <SavedNotice />
      <nav className="pool-actions" aria-label={t("pool.title")}>
        <Link to={`/manage/pool/new${q}`} className="button button--primary button--small">
          {t("pool.actions.create")}
        </Link>
        <Link to={`/manage/pool/import${q}`} className="button button--small">
          {t("pool.actions.import")}
        </Link>
        <a href={`/manage/pool.csv${q}`} className="button button--small" download>
          {t("pool.actions.export")}
        </a>
        <Link to={`/manage/pool/slips${q}`} className="button button--small">
          {t("admin.slips.action")}
        </Link>
        <Link to={`/manage/pool/features${q}`} className="button button--small">
          {t("pool.actions.features")}
        </Link>
      </nav>

      <section aria-labelledby="pool-counts">
        <h2 id="pool-counts">{t("pool.list.counts")}</h2>
        <ul className="pool-counts">
          {categories.map((c) => (
            <li key={c} className="pool-count">
              <span className="pool-count__value">{data.activeByCategory[c]}</span>
              <span className="pool-count__label">{t(`pool.category.${c}`)}</span>
            </li>
          ))}
        </ul>
        <p className="muted tabular">
          {t("pool.list.countsTotal", { count: activeTotal })} · {t("pool.list.statusCounts", data.byStatus)}
        </p>
      </section>

      <section aria-labelledby="pool-filters">
        <h2 id="pool-filters" className="visually-hidden">
          {t("pool.list.filters")}
        </h2>
        <Form method="get" className="pool-filters">
          <input type="hidden" name="community" value={data.community.id} />
          <div className="field">
            <label htmlFor="filter-q">{t("pool.list.search")}</label>
            <input id="filter-q" name="q" type="search" className="input" defaultValue={data.filter.q} />
          </div>
          <div className="field">
            <label htmlFor="filter-category">{t("pool.fields.category")}</label>
            <select id="filter-category" name="category" className="input" defaultValue={data.filter.category}>
              <option value="">{t("pool.list.allCategories")}</option>
              {categories.map((c) => (
                <option key={c} value={c}>
                  {t(`pool.category.${c}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-status">{t("pool.detail.statusNow")}</label>
            <select id="filter-status" name="status" className="input" defaultValue={data.filter.status}>
              <option value="">{t("pool.list.allStatuses")}</option>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {t(`pool.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-grid">{t("pool.fields.unit")}</label>
            <select id="filter-grid" name="grid" className="input" defaultValue={data.filter.grid}>
              <option value="">{t("pool.list.allGrids")}</option>
              {data.grids.map((g) => (
                <option key={g.id} value={g.id} data-user-content>
                  {g.name}
                </option>
              ))}
            </select>
          </div>
          <div className="pool-filters__buttons">
            <button type="submit" className="button">
              {t("pool.actions.filter")}
            </button>
            {filtered ? (
              <Link to={`/manage/pool${q}`} className="button">
                {t("pool.actions.clear")}
              </Link>
            ) : null}
          </div>
        </Form>
      </section>

      <section aria-labelledby="pool-results">
        <h2 id="pool-results" className="tabular" aria-live="polite">
          {t("pool.list.results", { count: data.representatives.length })}
        </h2>
        {data.representatives.length === 0 ? (
          <p className="muted">{t("pool.list.empty")}</p>
        ) : (
          <ul className="pool-list">
            {data.representatives.map((r) => (
              <li key={r.id} className="pool-item">
                <Link to={`/manage/pool/${r.id}`} className="pool-item__name">
                  <SystemText text={r.name} />
                </Link>
                <div className="pool-item__badges">
                  <span className="badge">{t(`pool.category.${r.category}`)}</span>
                  {r.status !== "active" ? <span className={`badge pool-badge--${r.status}`}>{t(`pool.status.${r.status}`)}</span> : null}
                  <span className="badge pool-badge--neutral">{t(`pool.nomination.${r.nomination}`)}</span>
                </div>
                <span className="pool-item__meta">
                  <UserText>{r.unitPath}</UserText> · <span className="tabular">{r.phone ?? t("pool.list.noPhone")}</span>
                </span>
                <span className="pool-item__meta tabular">{t("pool.list.panelsServed", { count: r.panelsServed })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

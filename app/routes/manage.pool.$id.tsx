import { titleMeta } from "~/utils/meta";
import { SystemText, UserText } from "~/components/system-text";
import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { Tabs } from "radix-ui";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { shanghaiDay } from "../../server/pool/calendar";
import { detailForms, formInput } from "~/components/pool/detail-forms.server";
import { detailTabs, tabOfIntent, type DetailTab } from "~/components/pool/detail-tabs";
import { ErrorSummary, FormError } from "~/components/pool/field";
import { isFormResult } from "~/components/pool/form-result";
import { invalidForm, poolAction, requireRepresentativeId } from "~/components/pool/pool-route.server";
import { orRespond } from "~/utils/respond.server";
import poolStyles from "~/components/pool/pool.css";
import { ConflictsSection, TrainingsSection, UnavailableSection } from "~/components/pool/record-sections";
import { RepresentativeForm } from "~/components/pool/representative-form";
import { SavedNotice } from "~/components/pool/saved-notice";
import { StatusDialog } from "~/components/pool/status-dialog";
import { readForm } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(matches, data ? "representative" : "pool", { name: data?.representative.name ?? "" });
export const links: LinksFunction = () => [{ rel: "stylesheet", href: poolStyles }];

const tabs = detailTabs;
type Tab = DetailTab;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const id = requireRepresentativeId(context, request, params.id);
  const { pool } = context.services;
  // The service checks manage:pool:own for the representative's own community (403 for any other mediator).
  const detail = orRespond(() => pool.get(context.principal, id));
  const rep = detail.representative;
  const communityId = rep.communityId;
  const units = pool.units(context.principal, communityId).map((u) => ({ id: u.id, path: u.path, kind: u.kind }));
  return {
    representative: {
      id: rep.id,
      name: rep.name,
      phone: rep.phone,
      unitId: rep.unitId,
      category: rep.category,
      nomination: rep.nomination,
      features: rep.features,
      publicNameConsentAt: rep.publicNameConsentAt?.toISOString() ?? null,
      status: rep.status,
      statusReason: rep.statusReason,
      statusSince: rep.statusChangedAt ? shanghaiDay(rep.statusChangedAt) : null,
      unavailableDates: rep.unavailableDates,
      hasLogin: rep.userId !== null,
      communityId,
    },
    unitPath: detail.unitPath,
    panelsServed: detail.panelsServed,
    trainings: detail.trainings.map((tr) => ({ id: tr.id, date: tr.date, topic: tr.topic })),
    conflicts: detail.conflicts.map((c) => ({
      id: c.id,
      kind: c.kind,
      personName: c.personName,
      otherRepresentativeName: c.otherRepresentativeName,
      unitName: c.unitName,
      note: c.note,
    })),
    units,
    features: pool.features(context.principal, communityId).map((f) => ({ key: f.key, label: f.label, values: f.values })),
    others: pool
      .list(context.principal, communityId)
      .representatives.filter((r) => r.id !== rep.id)
      .map((r) => ({ id: r.id, name: r.name })),
    today: shanghaiDay(context.services.clock.now()),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = requireRepresentativeId(context, request, params.id);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const handler = detailForms[intent];
  if (!handler) throw new Response("unknown intent", { status: 400 });
  const parsed = handler.schema.safeParse(formInput(form, handler));
  if (!parsed.success) {
    // Authorise before telling anyone what was wrong with the form.
    orRespond(() => context.services.pool.get(context.principal, id));
    return invalidForm(intent, parsed.error);
  }
  return poolAction(intent, () => {
    handler.run(context.services.pool, context.principal, id, parsed.data as never);
    return redirect(`/manage/pool/${id}?tab=${tabOfIntent[intent]}&saved=${handler.saved}`);
  });
}

export default function RepresentativeDetail() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const result = isFormResult(actionData) ? actionData : null;
  const location = useLocation();
  const [params] = useSearchParams();
  const urlTab = (tabs as readonly string[]).includes(params.get("tab") ?? "") ? (params.get("tab") as Tab) : "profile";
  const resultTab = result ? (tabOfIntent[result.intent] ?? null) : null;
  const [tab, setTab] = useState<string>(resultTab ?? urlTab);
  useEffect(() => setTab(urlTab), [urlTab, location.key]);
  useEffect(() => {
    if (resultTab) setTab(resultTab);
  }, [resultTab, actionData]);
  const rep = data.representative;
  const statusResult = result && ["suspend", "retire", "reinstate"].includes(result.intent) ? result : null;

  return (
    <div className="stack">
      <Link to={`/manage/pool?community=${rep.communityId}`} className="pool-back">
        ← {t("pool.backToList")}
      </Link>
      <div className="pool-header">
        <div>
          <h1><SystemText text={rep.name} /></h1>
          <div className="pool-item__badges">
            <span className="badge">{t(`pool.category.${rep.category}`)}</span>
            <span className={`badge${rep.status !== "active" ? ` pool-badge--${rep.status}` : ""}`}>{t(`pool.status.${rep.status}`)}</span>
          </div>
        </div>
        <p className="muted tabular">
          <UserText>{data.unitPath}</UserText> · {t("pool.detail.panelsServed", { count: data.panelsServed })}
          <br />
          {rep.hasLogin ? t("pool.detail.hasLogin") : t("pool.detail.noLogin")}
          {rep.status === "active" ? (
            <>
              <br />
              <Link to={`/manage/pool/slips?community=${rep.communityId}&rep=${rep.id}`}>{t("admin.slips.forOne", { name: rep.name })}</Link>
            </>
          ) : null}
        </p>
      </div>
      <SavedNotice />

      <Tabs.Root value={tab} onValueChange={setTab} className="card">
        <Tabs.List className="pool-tabs__list" aria-label={rep.name}>
          {tabs.map((k) => (
            <Tabs.Trigger key={k} value={k} className="pool-tabs__trigger">
              {t(`pool.detail.tabs.${k}`)}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        <Tabs.Content value="profile">
          <FormError error={result?.intent === "update" ? result.formError : null} />
          <RepresentativeForm
            key={location.key}
            intent="update"
            units={data.units}
            features={data.features}
            defaults={rep}
            result={result}
            submitLabel={t("pool.actions.save")}
          />
        </Tabs.Content>
        <Tabs.Content value="trainings">
          <TrainingsSection key={location.key} trainings={data.trainings} today={data.today} result={result} />
        </Tabs.Content>
        <Tabs.Content value="unavailable">
          <UnavailableSection key={location.key} dates={rep.unavailableDates} result={result} />
        </Tabs.Content>
        <Tabs.Content value="conflicts">
          <ConflictsSection key={location.key} conflicts={data.conflicts} others={data.others} units={data.units} result={result} />
        </Tabs.Content>
        <Tabs.Content value="status" className="stack">
          <dl className="pool-status">
            <dt className="muted">{t("pool.detail.statusNow")}</dt>
            <dd>
              <strong>{t(`pool.status.${rep.status}`)}</strong>
              {rep.statusSince ? <span className="muted tabular"> {t("pool.detail.since", { date: rep.statusSince })}</span> : null}
            </dd>
            {rep.statusReason ? <dd>{t("pool.detail.statusReason", { reason: rep.statusReason })}</dd> : null}
          </dl>
          {statusResult ? (
            <>
              <FormError error={statusResult.formError} />
              <ErrorSummary
                errors={statusResult.fieldErrors}
                labels={{ reason: t("pool.fields.reason"), date: t("pool.fields.since") }}
              />
            </>
          ) : null}
          <div className="pool-actions" key={location.key}>
            {rep.status === "active" ? <StatusDialog kind="suspend" today={data.today} result={result} /> : null}
            {rep.status !== "active" ? <StatusDialog kind="reinstate" today={data.today} result={result} /> : null}
            {rep.status !== "retired" ? <StatusDialog kind="retire" today={data.today} result={result} /> : null}
          </div>
        </Tabs.Content>
      </Tabs.Root>
    </div>
  );
}
